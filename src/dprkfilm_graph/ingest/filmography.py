"""The public filmography into data/: the film list through its mapping, then disputed years.

Both steps write only if the data as a whole still validates; both are idempotent (stable IRIs,
canonical Turtle), so running this again changes no byte.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from dprkfilm_graph import paths
from dprkfilm_graph.atomic import write_text
from dprkfilm_graph.ingest import mappings_dir, sheets_dir
from dprkfilm_graph.ingest.filmlist import normalize, to_csv
from dprkfilm_graph.ingest.years import disputed_titles, year_claims
from dprkfilm_graph.serialize import to_turtle
from dprkfilm_graph.tabular.mapping import load_mapping
from dprkfilm_graph.tabular.merge import Imported, _validate_with, import_sheet

YEARS_FILE = "dprk-films-years.ttl"


@dataclass
class Filmography:
    """What the import did: the sheet import's result, the year file, what was left out."""

    films: Imported
    years_path: Path
    years_written: bool
    dropped: list[str]


def import_filmography(
    film_list: Path,
    *,
    years: Path | None = None,
    data_dir: Path | None = None,
    dry_run: bool = False,
) -> Filmography:
    """Import `film_list` (dprk-films.tsv layout) and the disputed years into `data_dir`."""
    folder = data_dir or paths.data_dir()
    years_sheet = years or sheets_dir() / "dprk-films-years.tsv"
    normalized = normalize(film_list, skip_years=disputed_titles(years_sheet))
    mapping = load_mapping(mappings_dir() / "dprk-films.toml")
    with tempfile.TemporaryDirectory() as tmp:
        sheet = Path(tmp) / f"{film_list.stem}.csv"
        sheet.write_text(to_csv(normalized.rows), encoding="utf-8")
        films = import_sheet(mapping, sheet, data_dir=folder, dry_run=dry_run)
    target = folder / YEARS_FILE
    text = to_turtle(year_claims(years_sheet))
    others = [p for p in paths.data_files(folder) if p.resolve() != target.resolve()]
    if dry_run:
        return Filmography(films, target, False, normalized.dropped)
    _validate_with(folder, others, target.name, text)
    changed = not target.exists() or target.read_text(encoding="utf-8") != text
    if changed:
        write_text(target, text)
    return Filmography(films, target, changed, normalized.dropped)
