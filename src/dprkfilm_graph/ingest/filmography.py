"""The public filmography into data/: the film list through its mapping, then disputed years.

Both steps are staged and the data as a whole validated once before anything is written; both
are idempotent (stable IRIs, canonical Turtle), so running this again changes no byte.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dprkfilm_graph import paths
from dprkfilm_graph.ingest import mappings_dir, sheets_dir
from dprkfilm_graph.ingest.filmlist import QUOTED, SHEET_COLUMNS, SINGLE, normalize, to_csv
from dprkfilm_graph.ingest.quotes import apply_quotes, quotes_beside, read_quotes
from dprkfilm_graph.ingest.years import disputed_titles, year_claims
from dprkfilm_graph.serialize import to_turtle
from dprkfilm_graph.tabular.mapping import load_mapping
from dprkfilm_graph.tabular.merge import Imported, import_sheet
from dprkfilm_graph.tabular.staging import staged

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
    quotes: Path | None = None,
    data_dir: Path | None = None,
    dry_run: bool = False,
) -> Filmography:
    """Import `film_list` (dprk-films.tsv layout), the values its pages are seen to state
    (`quotes`) and the disputed years into `data_dir`. The data file is written afresh from
    the table, so a value no longer in it leaves no claim behind."""
    folder = data_dir or paths.data_dir()
    years_sheet = years or sheets_dir() / "dprk-films-years.tsv"
    quotes_sheet = quotes or quotes_beside(film_list)
    normalized = normalize(film_list, skip_years=disputed_titles(years_sheet))
    apply_quotes(
        normalized.rows,
        normalized.keys,
        read_quotes(quotes_sheet) if quotes_sheet.exists() else [],
        QUOTED,
        quotes_sheet,
        SINGLE,
    )
    mapping = load_mapping(mappings_dir() / "dprk-films.toml")
    with staged(folder, dry_run=dry_run) as stage:
        for written in (mapping.file, YEARS_FILE):  # both written afresh, the films first
            stage.fresh(written)
        films = import_sheet(
            mapping,
            Path(f"{film_list.stem}.csv"),  # the list as normalized, made in memory
            files=stage.files,
            sheet_text=to_csv(normalized.rows, SHEET_COLUMNS),
        )
        assert mapping.dataset is not None  # the film list is a compiled table
        stage.files.put(folder / YEARS_FILE, to_turtle(year_claims(years_sheet, mapping.dataset)))
    target = folder / YEARS_FILE
    return Filmography(
        stage.done(films, dry_run),
        target,
        target in stage.changed and not dry_run,
        normalized.dropped,
    )
