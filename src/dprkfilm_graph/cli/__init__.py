"""The `dprkfilm` command: thin wrappers over library functions of the same name.

Each sub-module registers its commands with `register(subparsers)`; nothing here holds logic that
the library lacks, so every command is also usable from Python.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from dprkfilm_graph import __version__
from dprkfilm_graph.cli import _common

COMMAND_MODULES = (
    "graph",
    "korean",
    "search",
    "tabular",
    "ingest",
    "wikidata",
    "quickstatements",
    "serving",
)


def build_parser() -> argparse.ArgumentParser:
    """Assemble the parser from every command module that is present."""
    import importlib

    parser = argparse.ArgumentParser(
        prog="dprkfilm",
        description="Build, validate, query and publish the DPRK film knowledge graph.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"dprkfilm_graph.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"dprkfilm_graph.cli.{name}":
                raise
            continue
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    return _common.run(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
