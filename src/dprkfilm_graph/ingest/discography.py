"""The public records table into data/: labels, ensembles, records with their sides, film songs.

Each kind of row goes through its own mapping into one data file (dprk-records.ttl); the steps
are staged and the whole graph validated once before anything is written, and each step is
idempotent, so running this again changes no byte. Films named by a song must already be in
the graph (the filmography comes first).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from dprkfilm_graph import paths
from dprkfilm_graph.ingest import mappings_dir
from dprkfilm_graph.ingest.filmlist import to_csv
from dprkfilm_graph.ingest.records import (
    ORG_COLUMNS,
    RELEASE_COLUMNS,
    SONG_COLUMNS,
    normalize_records,
)
from dprkfilm_graph.tabular.mapping import load_mapping
from dprkfilm_graph.tabular.merge import Imported, import_sheet
from dprkfilm_graph.tabular.staging import staged


@dataclass
class Discography:
    """What each step did, and what the table says that was left out."""

    steps: dict[str, Imported]
    dropped: list[str]


def import_discography(
    table: Path, *, data_dir: Path | None = None, dry_run: bool = False
) -> Discography:
    """Import `table` (dprk-records.tsv layout) into `data_dir` through the dprk-* mappings:
    every step into one staged copy, validated once, written back only if it all holds."""
    sheets = normalize_records(table)
    staged_steps: dict[str, Imported] = {}
    plan = (
        ("dprk-labels", sheets.labels, ORG_COLUMNS),
        ("dprk-groups", sheets.groups, ORG_COLUMNS),
        ("dprk-records", sheets.releases, RELEASE_COLUMNS),
        ("dprk-songs", sheets.songs, SONG_COLUMNS),
    )
    with (
        tempfile.TemporaryDirectory() as tmp,
        staged(data_dir or paths.data_dir(), dry_run=dry_run) as stage,
    ):
        for name, rows, columns in plan:
            if not rows:
                continue
            sheet = Path(tmp) / f"{name}.csv"
            sheet.write_text(to_csv(rows, columns), encoding="utf-8")
            mapping = load_mapping(mappings_dir() / f"{name}.toml")
            staged_steps[name] = import_sheet(mapping, sheet, data_dir=stage.folder, check=False)
    steps = {name: stage.done(step, dry_run) for name, step in staged_steps.items()}
    return Discography(steps, sheets.dropped)
