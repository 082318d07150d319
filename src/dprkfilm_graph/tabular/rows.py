"""CSV or TSV -> rows that remember their line numbers, for errors a curator can find.

A cell that a spreadsheet would run as a formula (=, +, -, @ first) is refused: opened again in
a spreadsheet it could fetch a URL or run a command (CSV injection), and no title or name starts
that way. Export writes such a value with an apostrophe first, the spreadsheets' mark for
"text, not a formula", and import reads that mark back off, so a sheet round-trips.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from dprkfilm_graph.errors import InputError


@dataclass(frozen=True)
class Row:
    """One data row: its line in the file and its cells by column name (stripped)."""

    line: int
    cells: dict[str, str]


MAX_CELL = 100_000  # characters; the longest note in the shipped sheets is under 2,000
_FORMULA = re.compile(r"^[=+\-@\t\r]")
_NUMBER = re.compile(r"^[+-]?[0-9]+(?:[.,][0-9]+)?$")
_NEUTRALISED = re.compile(r"^'[=+\-@\t\r]")
# Control characters (a tab or line break inside a quoted cell is kept) and the marks that
# reorder text as it is displayed.
_HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def is_formula(cell: str) -> bool:
    """Whether a spreadsheet would read `cell` as a formula (a signed number is only a number).

    >>> is_formula('=HYPERLINK("http://x")'), is_formula("-3"), is_formula("Mt. Paektu")
    (True, False, False)
    """
    return bool(_FORMULA.match(cell)) and not _NUMBER.match(cell)


def neutralise(cell: str) -> str:
    """A cell as text a spreadsheet will not run: an apostrophe before a formula's first sign."""
    return "'" + cell if is_formula(cell) or _NEUTRALISED.match(cell) else cell


def _cell(raw: str, path: Path, line: int, column: str) -> str:
    if len(raw) > MAX_CELL:
        raise InputError(
            f"column {column!r}: a cell of {len(raw):,} characters; cells hold at most "
            f"{MAX_CELL:,}: is a quote missing?",
            path=str(path),
            line=line,
        )
    cell = raw.strip()
    hidden = _HIDDEN.search(cell)
    if hidden:
        raise InputError(
            f"column {column!r}: the cell holds U+{ord(hidden.group()):04X}, a control or "
            "text-direction character that no title, name or address needs: remove it",
            path=str(path),
            line=line,
        )
    if is_formula(cell):
        raise InputError(
            f"column {column!r}: {cell[:40]!r} is a spreadsheet formula, which is never "
            "imported: type the value itself (or put an apostrophe first if the text really "
            "starts with that sign)",
            path=str(path),
            line=line,
        )
    return cell[1:] if _NEUTRALISED.match(cell) else cell


def delimiter(path: Path) -> str:
    """Tab for .tsv/.tab, comma otherwise."""
    return "\t" if path.suffix.lower() in (".tsv", ".tab") else ","


def read_rows(path: Path, needed: list[str], *, text: str | None = None) -> list[Row]:
    """The rows of a spreadsheet (`text`, when given, is its content, made in memory; `path`
    then only names it); the header must hold every column in `needed`."""
    try:
        if text is None:
            text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(f"cannot read the spreadsheet: {exc.strerror}", path=str(path)) from exc
    except UnicodeDecodeError as exc:
        raise InputError("not UTF-8 text: save the sheet as UTF-8 CSV", path=str(path)) from exc
    reader = csv.reader(text.splitlines(), delimiter=delimiter(path))
    try:
        return _rows(reader, path, needed)
    except csv.Error as exc:
        raise InputError(
            f"cannot read the sheet: {exc} (a cell over {MAX_CELL:,} characters, or an "
            "unclosed quote?)",
            path=str(path),
            line=reader.line_num or None,
        ) from None


def _rows(reader: Iterator[list[str]], path: Path, needed: list[str]) -> list[Row]:
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
        rows.append(
            Row(
                line,
                {h: _cell(c, path, line, h) for h, c in zip(header, cells, strict=False)},
            )
        )
    return rows
