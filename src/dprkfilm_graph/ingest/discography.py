"""The public records table into data/: labels, ensembles, records with their sides, film songs.

Each kind of row goes through its own mapping into one data file (dprk-records.ttl); the steps
are staged and the whole graph validated once before anything is written, and each step is
idempotent, so running this again changes no byte. Films named by a song must already be in
the graph (the filmography comes first).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dprkfilm_graph import paths
from dprkfilm_graph.ingest import mappings_dir, with_quotes
from dprkfilm_graph.ingest.filmlist import to_csv
from dprkfilm_graph.ingest.quotes import apply_quotes, quotes_beside, read_quotes
from dprkfilm_graph.ingest.records import (
    ORG_COLUMNS,
    ORG_QUOTED,
    RELEASE_COLUMNS,
    RELEASE_QUOTED,
    SINGLE,
    SONG_COLUMNS,
    SONG_QUOTED,
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
    table: Path,
    *,
    quotes: Path | None = None,
    data_dir: Path | None = None,
    dry_run: bool = False,
) -> Discography:
    """Import `table` (dprk-records.tsv layout) into `data_dir` through the dprk-* mappings,
    the values its pages are seen to state (`quotes`) as those pages' claims: every step into
    one staged copy of a data file written afresh, validated once, written back only if it
    all holds."""
    sheets = normalize_records(table)
    quotes_sheet = quotes or quotes_beside(table)
    found = read_quotes(quotes_sheet) if quotes_sheet.exists() else []
    staged_steps: dict[str, Imported] = {}
    plan = (
        ("dprk-labels", sheets.labels, with_quotes(ORG_COLUMNS, ORG_QUOTED), ORG_QUOTED),
        ("dprk-groups", sheets.groups, with_quotes(ORG_COLUMNS, ORG_QUOTED), ORG_QUOTED),
        (
            "dprk-records",
            sheets.releases,
            with_quotes(RELEASE_COLUMNS, RELEASE_QUOTED),
            RELEASE_QUOTED,
        ),
        ("dprk-songs", sheets.songs, with_quotes(SONG_COLUMNS, SONG_QUOTED), SONG_QUOTED),
    )
    every = [row for _, rows, _, _ in plan for row in rows]
    keys = [sheets.keys[id(row)] for row in every]
    # One sheet's column names are another's (a label's name, a song's title): each quote
    # goes to the rows of the sheets that have its column.
    for _, rows, _, quoted in plan:
        mine = [q for q in found if q.column in quoted and _holds(rows, sheets.keys, q.row)]
        apply_quotes(rows, [sheets.keys[id(r)] for r in rows], mine, quoted, quotes_sheet, SINGLE)
    unplaced = [
        q
        for q in found
        if not any(
            q.column in quoted and _holds(rows, sheets.keys, q.row) for _, rows, _, quoted in plan
        )
    ]
    if unplaced:
        apply_quotes(every, keys, unplaced[:1], (), quotes_sheet)  # names the bad line
    with staged(data_dir or paths.data_dir(), dry_run=dry_run) as stage:
        files = {load_mapping(mappings_dir() / f"{name}.toml").file for name, *_ in plan}
        for file in sorted(files):  # written afresh from the table
            stage.fresh(file)
        for name, rows, columns, _ in plan:
            if not rows:
                continue
            mapping = load_mapping(mappings_dir() / f"{name}.toml")
            staged_steps[name] = import_sheet(
                mapping,
                Path(f"{name}.csv"),  # the sheet as normalized, made in memory
                files=stage.files,
                sheet_text=to_csv(rows, columns),
            )
    names = list(staged_steps)
    steps = {
        name: stage.done(
            step, dry_run, last=not any(staged_steps[n].path == step.path for n in names[i + 1 :])
        )
        for i, (name, step) in enumerate(staged_steps.items())
    }
    return Discography(steps, sheets.dropped)


def _holds(rows: list[dict[str, str]], keys: dict[int, str], key: str) -> bool:
    return any(keys[id(row)] == key for row in rows)
