"""Bringing public film lists into the graph through the spreadsheet importer (`tabular`).

`filmlist` turns a compiled film list (free-text cells: markers, glosses, remarks) into the plain
columns a mapping describes; `years` adds the per-source years where the sources disagree;
`records` does the same for the records table, `filmography` and `discography` run the imports.
"""

from pathlib import Path

from dprkfilm_graph import paths


def mappings_dir() -> Path:
    """The mappings of the normalized public tables (not a spreadsheet layout of their own)."""
    return paths.root() / "mappings" / "ingest"


def sheets_dir() -> Path:
    """The public tables, kept in the repository so that an import can be run again."""
    return paths.root() / "mappings" / "sheets"
