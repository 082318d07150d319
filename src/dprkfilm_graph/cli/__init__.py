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

# Each command's module and one-line help, so `dprkfilm --help` (and a command's parsing) imports
# only what it needs: rdflib, pySHACL and Flask cost half a second to import. A test keeps this
# table equal to what the modules register.
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("graph", "run the SHACL shapes over the data; exit 1 on violations"),
    "build": ("graph", "validate, then write Turtle, N-Triples, JSON-LD, TriG and VoID/DCAT"),
    "query": ("graph", "run a named query (or a .rq file)"),
    "fmt": ("graph", "rewrite data files in canonical Turtle"),
    "stats": ("graph", "counts per class, claims per status, sources"),
    "romanize": (
        "korean",
        "Hangul in McCune-Reischauer, Revised Romanization and the DPRK system",
    ),
    "search": (
        "search",
        "find films, people, songs or records from any spelling of a title or name",
    ),
    "import": ("tabular", "import a CSV/TSV spreadsheet through a mapping file"),
    "export": ("tabular", "write a spreadsheet with a mapping's columns"),
    "ingest": ("ingest", "import the public film and record tables (mappings/sheets/) into data/"),
    "reconcile": ("wikidata", "propose Wikidata (or any Wikibase) links for films or people"),
    "pull": ("wikidata", "linked Wikidata items' statements into data/ as sourced claims"),
    "quickstatements": (
        "quickstatements",
        "QuickStatements v1 for films and people: new items, what linked items lack",
    ),
    "serve": (
        "serving",
        "serve the graph: SPARQL endpoint, entity pages, dataset description, reconciliation API",
    ),
    "publish": ("serving", "push the graph into a triple store (SPARQL 1.1 Graph Store Protocol)"),
}


def _parser() -> tuple[
    argparse.ArgumentParser, argparse._SubParsersAction[argparse.ArgumentParser]
]:
    parser = argparse.ArgumentParser(
        prog="dprkfilm",
        description="Build, validate, query and publish the DPRK film knowledge graph.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    return parser, subparsers


def _register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], modules: Sequence[str]
) -> None:
    import importlib

    for name in modules:
        try:
            module = importlib.import_module(f"dprkfilm_graph.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"dprkfilm_graph.cli.{name}":
                raise
            continue
        module.register(subparsers)


def build_parser() -> argparse.ArgumentParser:
    """The full parser: every command module imported and registered."""
    parser, subparsers = _parser()
    _register(subparsers, COMMAND_MODULES)
    return parser


def _light_parser() -> argparse.ArgumentParser:
    """Command names and their help only, for `--help`, `--version` and usage errors."""
    parser, subparsers = _parser()
    for command, (_, help_text) in COMMANDS.items():
        subparsers.add_parser(command, help=help_text, add_help=False)
    return parser


def _command_in(argv: Sequence[str]) -> str | None:
    for arg in argv:
        if not arg.startswith("-"):
            return arg
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the process exit code."""
    args_in = list(sys.argv[1:] if argv is None else argv)
    command = _command_in(args_in)
    if command in COMMANDS:
        parser, subparsers = _parser()
        _register(subparsers, [COMMANDS[command][0]])
    elif command is None:
        parser = _light_parser()
    else:
        parser = build_parser()  # a command not in the table yet: find it the slow way
    args = parser.parse_args(args_in)
    # rdflib logs a bad literal ("abc"^^xsd:integer) with a traceback while parsing; the
    # loader reports it as a clear error naming the file and line instead.
    import logging

    logging.getLogger("rdflib.term").setLevel(logging.ERROR)
    return _common.run(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
