"""CSV or TSV -> rows that remember their line numbers, for errors a curator can find."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from dprkfilm_graph.errors import InputError


@dataclass(frozen=True)
class Row:
    """One data row: its line in the file and its cells by column name (stripped)."""

    line: int
    cells: dict[str, str]


def delimiter(path: Path) -> str:
    """Tab for .tsv/.tab, comma otherwise."""
    return "\t" if path.suffix.lower() in (".tsv", ".tab") else ","


def read_rows(path: Path, needed: list[str]) -> list[Row]:
    """The rows of a spreadsheet; the header must hold every column in `needed`."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(f"cannot read the spreadsheet: {exc.strerror}", path=str(path)) from exc
    except UnicodeDecodeError as exc:
        raise InputError("not UTF-8 text: save the sheet as UTF-8 CSV", path=str(path)) from exc
    reader = csv.reader(text.splitlines(), delimiter=delimiter(path))
    header = next(reader, None)
    if header is None:
        raise InputError("empty file: the first line must name the columns", path=str(path))
    header = [h.strip() for h in header]
    missing = [c for c in needed if c not in header]
    if missing:
        raise InputError(
            f"the header lacks the column(s) {', '.join(missing)}", path=str(path), line=1
        )
    rows = []
    for line, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            raise InputError(
                f"{len(cells)} cells but {len(header)} columns: quote cells holding the delimiter",
                path=str(path),
                line=line,
            )
        rows.append(Row(line, {h: c.strip() for h, c in zip(header, cells, strict=False)}))
    return rows
