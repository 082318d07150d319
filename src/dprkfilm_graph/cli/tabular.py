"""`dprkfilm import` and `dprkfilm export`: spreadsheets in and out through a mapping file."""

from __future__ import annotations

import argparse
from pathlib import Path

from dprkfilm_graph.cli._common import data_dir_option, data_option, load_selected
from dprkfilm_graph.graph import build_graph
from dprkfilm_graph.progress import shown
from dprkfilm_graph.tabular.export import export_sheet
from dprkfilm_graph.tabular.mapping import load_mapping
from dprkfilm_graph.tabular.merge import import_sheet


def cmd_import(args: argparse.Namespace) -> int:
    """Import a sheet; print what changed, the merges and the near matches left to a person."""
    with shown("import"):
        result = import_sheet(
            load_mapping(args.mapping),
            args.file,
            data_dir=args.data_dir,
            source=args.source,
            dry_run=args.dry_run,
        )
    for line in result.lines(args.dry_run):
        print(line)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write the mapping's columns for every entity of its type."""
    count = export_sheet(load_mapping(args.mapping), build_graph(load_selected(args)), args.file)
    print(f"wrote {count} row(s) to {args.file}")
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("import", help="import a CSV/TSV spreadsheet through a mapping file")
    p.add_argument("file", type=Path, metavar="FILE", help="the spreadsheet (.csv or .tsv)")
    p.add_argument("--mapping", type=Path, required=True, help="the mapping (TOML), see mappings/")
    p.add_argument("--source", help="the URL every row comes from (else the mapping's column)")
    data_dir_option(p)
    p.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    p.set_defaults(handler=cmd_import)
    e = subparsers.add_parser("export", help="write a spreadsheet with a mapping's columns")
    e.add_argument("file", type=Path, metavar="FILE", help="where to write (.csv or .tsv)")
    e.add_argument(
        "--mapping", type=Path, required=True, help="the mapping (TOML) whose columns to write"
    )
    data_option(e)
    e.set_defaults(handler=cmd_export)
