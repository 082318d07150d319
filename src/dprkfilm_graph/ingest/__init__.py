"""Bringing public film lists into the graph through the spreadsheet importer (`tabular`).

`filmlist` turns a compiled film list (free-text cells: markers, glosses, remarks) into the plain
columns a mapping describes; `years` adds the per-source years where the sources disagree;
`records` does the same for the records table, `filmography` and `discography` run the imports.
"""

from pathlib import Path

from dprkfilm_graph import paths


def with_quotes(columns: tuple[str, ...], quoted: tuple[str, ...]) -> tuple[str, ...]:
    """A sheet's columns and the source and quote column of each quoted one."""
    return columns + tuple(f"{c}_{k}" for c in quoted for k in ("source", "quote"))


def quoted_of(columns: tuple[str, ...], unquoted: set[str]) -> tuple[str, ...]:
    """The columns whose values a page may be seen to state: all but `unquoted`, in order."""
    return tuple(c for c in columns if c not in unquoted)


def mappings_dir() -> Path:
    """The mappings of the normalized public tables (not a spreadsheet layout of their own)."""
    return paths.root() / "mappings" / "ingest"


def sheets_dir() -> Path:
    """The public tables, kept in the repository so that an import can be run again."""
    return paths.root() / "mappings" / "sheets"
