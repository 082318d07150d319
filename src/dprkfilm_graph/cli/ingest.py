"""`dprkfilm ingest films|records`: the public tables of mappings/sheets/ into data/."""

from __future__ import annotations

import argparse
from pathlib import Path

from dprkfilm_graph.cli._common import data_dir_option
from dprkfilm_graph.ingest import sheets_dir
from dprkfilm_graph.ingest.discography import import_discography
from dprkfilm_graph.ingest.filmography import import_filmography
from dprkfilm_graph.progress import shown
from dprkfilm_graph.tabular.merge import Imported


def _report(step: str, result: Imported, dry_run: bool) -> None:
    for line in result.lines(dry_run):
        print(f"{step}: {line}")


def _left_out(dropped: list[str]) -> None:
    if dropped:
        print(f"left out ({len(dropped)}):")
        for line in dropped:
            print(f"  {line}")


def cmd_films(args: argparse.Namespace) -> int:
    """Import the film list and the per-source years; say what was left out and why."""
    with shown("ingest films"):
        result = import_filmography(
            args.table or sheets_dir() / "dprk-films.tsv",
            years=args.years,
            quotes=args.quotes,
            data_dir=args.data_dir,
            dry_run=args.dry_run,
        )
    _report("films", result.films, args.dry_run)
    verb = "wrote" if result.years_written else "no change to"
    print(f"years: {'checked' if args.dry_run else verb} {result.years_path}")
    _left_out(result.dropped)
    return 0


def cmd_records(args: argparse.Namespace) -> int:
    """Import labels, ensembles, records with their sides, and film songs."""
    with shown("ingest records"):
        result = import_discography(
            args.table or sheets_dir() / "dprk-records.tsv",
            quotes=args.quotes,
            data_dir=args.data_dir,
            dry_run=args.dry_run,
        )
    for step, imported in result.steps.items():
        _report(step, imported, args.dry_run)
    _left_out(result.dropped)
    return 0


def _common(parser: argparse.ArgumentParser, default: str) -> None:
    parser.add_argument(
        "table",
        nargs="?",
        type=Path,
        metavar="TABLE",
        help=f"the table (default: mappings/sheets/{default})",
    )
    data_dir_option(parser)
    parser.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    parser.add_argument(
        "--quotes",
        type=Path,
        help="which page states which value, in its words (default: TABLE-quotes.tsv beside it)",
    )


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "ingest", help="import the public film and record tables (mappings/sheets/) into data/"
    )
    kinds = p.add_subparsers(dest="kind", required=True, metavar="films|records")
    films = kinds.add_parser("films", help="the film list, then the years sources disagree on")
    _common(films, "dprk-films.tsv")
    films.add_argument(
        "--years",
        type=Path,
        help="per-source years (default: mappings/sheets/dprk-films-years.tsv)",
    )
    films.set_defaults(handler=cmd_films)
    records = kinds.add_parser("records", help="labels, records, disc sides and film songs")
    _common(records, "dprk-records.tsv")
    records.set_defaults(handler=cmd_records)
