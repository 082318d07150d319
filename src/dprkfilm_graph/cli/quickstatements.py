"""`dprkfilm quickstatements`: what Wikidata lacks, as QuickStatements v1 commands.

CREATE only for the entities a person marked as missing from Wikidata (`create` in the review
file); the others are listed on stderr as not reconciled yet.

One command for both ways of working: by default the items the graph is linked to are fetched
(one wbgetentities request per 50, cached) so that only what they lack is sent; `--offline`
fetches nothing and gives linked items the graph's sourced statements alone. The old name
`export-quickstatements` still answers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from dprkfilm_graph.atomic import write_text
from dprkfilm_graph.cli._common import data_option, load_selected
from dprkfilm_graph.cli.wikidata import client_from, client_options
from dprkfilm_graph.errors import InputError
from dprkfilm_graph.graph import build_graph
from dprkfilm_graph.wikidata.quickstatements import SEPARATORS, build, linked_items

KINDS = {"film": ("film",), "person": ("person",), "all": ("film", "person")}


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"--retrieved {text!r} is not a date: write YYYY-MM-DD") from None


def cmd_quickstatements(args: argparse.Namespace) -> int:
    """Write the batch (stdout or --out, atomically); say on stderr what it holds and lacks."""
    retrieved = _date(args.retrieved) if args.retrieved else None
    graph = build_graph(load_selected(args))
    wanted = linked_items(graph)
    items = None
    requests = "offline"
    if not args.offline and wanted:
        client = client_from(args)
        items = client.get_entities(wanted)
        requests = f"{client.stats.network} request(s)"
    batch = build(
        graph,
        retrieved=retrieved,
        items=items,
        separator=args.separator,
        kinds=KINDS[args.type],
    )
    if args.out is not None:
        write_text(args.out, batch.text)
    else:
        sys.stdout.write(batch.text)
    print(
        f"{batch.created} new item(s), {batch.completed} item(s) to complete,"
        f" {batch.statements} statement(s), {len(batch.unreconciled)} not reconciled yet;"
        f" {requests}" + (f" -> {args.out}" if args.out is not None else ""),
        file=sys.stderr,
    )
    for iri, label in batch.unreconciled:
        print(f"not reconciled yet: {iri}  {label}", file=sys.stderr)
    if batch.unreconciled:
        print(
            "  (no CREATE for them: run dprkfilm reconcile, then mark `create` in the review"
            " file where Wikidata has no item)",
            file=sys.stderr,
        )
    for reason in batch.skipped:
        print(f"left out: {reason}", file=sys.stderr)
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "quickstatements",
        aliases=["export-quickstatements"],
        help="QuickStatements v1 for films and people: new items, what linked items lack",
    )
    p.add_argument("--out", type=Path, metavar="FILE", help="write here instead of stdout")
    p.add_argument(
        "--type", choices=sorted(KINDS), default="all", help="which entities (default: all)"
    )
    p.add_argument(
        "--retrieved",
        metavar="YYYY-MM-DD",
        help="S813 for claims whose retrieval the data does not record (default: no S813 on"
        " them; S813 is otherwise the date the data records)",
    )
    p.add_argument(
        "--separator", choices=sorted(SEPARATORS), default="tab", help="TAB, or | for pasting"
    )
    p.add_argument(
        "--offline",
        action="store_true",
        help="fetch nothing: linked items get the graph's sourced statements only",
    )
    client_options(p, sparql=False, no_cache_help="fetch the linked items anew")
    data_option(p)
    p.set_defaults(handler=cmd_quickstatements)
