"""`dprkfilm export-quickstatements`: what Wikidata lacks, as QuickStatements v1 commands.

Named apart from `dprkfilm export FILE.csv` (the spreadsheet export), so neither command needs
the other's options.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from dprkfilm_graph.atomic import write_text
from dprkfilm_graph.cli._common import data_option, load_selected
from dprkfilm_graph.errors import InputError
from dprkfilm_graph.graph import build_graph
from dprkfilm_graph.reconcile.quickstatements import export_quickstatements
from dprkfilm_graph.wikidata.client import (
    DEFAULT_USER_AGENT,
    WIKIDATA_API,
    ClientConfig,
    WikibaseClient,
)

KINDS = {"film": ("film",), "person": ("person",), "all": ("film", "person")}


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"--retrieved {text!r} is not a date: write YYYY-MM-DD") from None


def cmd_export_quickstatements(args: argparse.Namespace) -> int:
    retrieved = _date(args.retrieved) if args.retrieved else dt.date.today()
    graph = build_graph(load_selected(args))
    client = None
    if not args.offline:
        config = ClientConfig(
            api_url=args.api_url,
            user_agent=args.user_agent,
            cache_dir=None if args.no_cache else args.cache,
        )
        client = WikibaseClient(config)
    export = export_quickstatements(
        graph,
        client.get_entities if client is not None else None,
        retrieved=retrieved,
        kinds=KINDS[args.type],
    )
    text = export.text()
    if args.out is not None:
        write_text(args.out, text)
    else:
        sys.stdout.write(text)
    summary = export.to_dict()
    print(
        f"{summary['created']} new item(s), {summary['updated']} item(s) to complete,"
        f" {summary['statements']} statement(s)"
        + (f"; {client.stats.network} request(s)" if client is not None else "; offline")
        + (f" -> {args.out}" if args.out is not None else ""),
        file=sys.stderr,
    )
    for reason in export.skipped:
        print(f"left out: {reason}", file=sys.stderr)
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "export-quickstatements",
        help="QuickStatements v1 for films and people Wikidata lacks, or lacks statements of",
    )
    p.add_argument("--out", type=Path, metavar="FILE", help="write here instead of stdout")
    p.add_argument("--type", choices=sorted(KINDS), default="all")
    p.add_argument(
        "--retrieved", metavar="YYYY-MM-DD", help="S813 date for claims without one (today)"
    )
    p.add_argument(
        "--offline", action="store_true", help="only new items: do not fetch the linked ones"
    )
    p.add_argument("--api-url", default=WIKIDATA_API)
    p.add_argument("--cache", type=Path, default=Path(".cache/wikidata"), metavar="DIR")
    p.add_argument("--no-cache", action="store_true", help="fetch the linked items anew")
    p.add_argument("--user-agent", default=DEFAULT_USER_AGENT, help="with a contact, please")
    data_option(p)
    p.set_defaults(handler=cmd_export_quickstatements)
