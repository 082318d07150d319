"""Commands that put the graph online: serve (a local web server) and publish (to a store)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from dprkfilm_graph.cli._common import data_option, load_selected
from dprkfilm_graph.errors import InputError

if TYPE_CHECKING:
    from rdflib import Graph


def _graph(args: argparse.Namespace) -> Graph:
    """The published graph of the --data the command names (else the shipped data/), built as
    every other command builds it."""
    from dprkfilm_graph.graph import build_graph

    return build_graph(load_selected(args))


def cmd_serve(args: argparse.Namespace) -> int:
    from dprkfilm_graph.serving.app import Settings
    from dprkfilm_graph.serving.engine import Limits
    from dprkfilm_graph.serving.server import serve

    if args.timeout <= 0:
        raise InputError(f"--timeout must be a positive number of seconds, not {args.timeout}")
    if args.max_results <= 0:
        raise InputError(f"--max-results must be a positive number, not {args.max_results}")
    if args.images is not None and not args.images.is_dir():
        raise InputError(f"--images {args.images}: not a folder; give the folder of photo files")
    settings = Settings(
        limits=Limits(timeout=args.timeout, max_results=args.max_results), images=args.images
    )
    serve(_graph(args), host=args.host, port=args.port, settings=settings)
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    from dprkfilm_graph.serving.publish import publish

    report = publish(args.to, _graph(args), timeout=args.timeout, prune=args.prune)
    for line in report.lines():
        print(line)
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = subparsers.add_parser(
        "serve",
        help="serve the graph: SPARQL endpoint, entity pages, dataset description, "
        "reconciliation API",
        description="Serve the published graph over HTTP until interrupted.",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (8000)")
    serve.add_argument(
        "--timeout", type=float, default=10.0, metavar="S", help="time limit per query (10 s)"
    )
    serve.add_argument(
        "--max-results",
        type=int,
        default=10_000,
        metavar="N",
        help="most rows or triples one query may return (10000)",
    )
    serve.add_argument(
        "--images",
        type=Path,
        metavar="DIR",
        help="folder of photo files to show on the pages: a photo's file is named by its caption "
        "or IRI ('Vinyl 1.jpg' or 'vinyl-1.png'); only files directly in DIR are served",
    )
    data_option(serve)
    serve.set_defaults(handler=cmd_serve)

    publish = subparsers.add_parser(
        "publish",
        help="push the graph into a triple store (SPARQL 1.1 Graph Store Protocol)",
        description="Replace one named graph per source, plus the default graph, in the store "
        "at URL (its Graph Store Protocol endpoint, e.g. http://localhost:7878/store).",
    )
    publish.add_argument("--to", required=True, metavar="URL", help="Graph Store Protocol URL")
    publish.add_argument(
        "--prune",
        metavar="QUERY-URL",
        help="also delete graphs under this dataset's base IRI that this publish does not send "
        "(a source removed since), found through the store's SPARQL query URL",
    )
    publish.add_argument(
        "--timeout", type=float, default=60.0, metavar="S", help="time limit per request (60 s)"
    )
    data_option(publish)
    publish.set_defaults(handler=cmd_publish)
