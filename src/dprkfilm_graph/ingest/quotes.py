"""A quotes sheet: which page states which value of a compiled table, in the page's own words.

A compiled table lists, per row, every page consulted; it does not say which page states which
value. A quotes sheet (`row`, `column`, `value`, `source`, `quote`) does, one value per line,
after the value has been checked against the page's stored text: `row` names the table's row
(its key cell as written), `column` the plain column the value is in, `value` the value as that
column holds it, `source` the page and `quote` a short excerpt of its words showing the value.
Applied to the plain rows, it fills the `<column>_source` and `<column>_quote` cells a mapping
names, one per value (empty where no page is named: the value stays the table's).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dprkfilm_graph.errors import InputError
from dprkfilm_graph.evidence import person_forms, shows
from dprkfilm_graph.tabular.convert import PAGE_SEPARATOR, split_bracketed
from dprkfilm_graph.tabular.rows import read_rows

HEADER = ("row", "column", "value", "source", "quote")
SEPARATOR = "; "


@dataclass(frozen=True)
class Quote:
    """One value a page is seen to state, and the words that state it."""

    line: int
    row: str
    column: str
    value: str
    source: str
    quote: str


def quotes_beside(table: Path) -> Path:
    """A table's quotes sheet: `<table>-quotes.tsv` beside it (none there: no value is quoted)."""
    return table.with_name(f"{table.stem}-quotes.tsv")


def read_quotes(path: Path) -> list[Quote]:
    """The quotes of a sheet, each checked: a URL, words that show the value, no separator."""
    quotes = []
    for row in read_rows(path, list(HEADER)):
        cells = {k: row.cells.get(k, "").strip() for k in HEADER}
        where = (str(path), row.line)
        if not all(cells.values()):
            missing = ", ".join(k for k, v in cells.items() if not v)
            raise InputError(f"empty cell(s): {missing}", path=where[0], line=where[1])
        if not cells["source"].startswith(("http://", "https://")) or " " in cells["source"]:
            raise InputError(
                f"column source: {cells['source']!r} is not a URL", path=where[0], line=where[1]
            )
        name, natives = split_bracketed(cells["value"])
        if not any(shows(cells["quote"], w) for w in (*person_forms(name), *natives)):
            shown = name
            raise InputError(
                f"column quote: the words do not show {shown!r}: quote the page where it "
                "states the value",
                path=where[0],
                line=where[1],
            )
        for key in ("value", "quote"):
            if SEPARATOR.strip() in cells[key] or PAGE_SEPARATOR in cells[key]:
                raise InputError(
                    f"column {key}: holds ';' or ' || ', which divide values and pages: "
                    "end the excerpt before it",
                    path=where[0],
                    line=where[1],
                )
        quotes.append(
            Quote(
                row.line,
                cells["row"],
                cells["column"],
                cells["value"],
                cells["source"],
                cells["quote"],
            )
        )
    return quotes


def apply_quotes(
    rows: list[dict[str, str]],
    keys: list[str],
    quotes: list[Quote],
    columns: tuple[str, ...],
    path: Path,
    single: frozenset[str] = frozenset(),
) -> None:
    """Give each plain row (`keys[i]` the key of the table row it comes from; several plain
    rows may share one) the `<column>_source`/`_quote` cells of its quoted values. A quoted
    value no row holds is added to the first row's multi-valued column (a page's value the
    table left out); a single-valued column takes no second value."""
    by_key: dict[str, list[dict[str, str]]] = {}
    for key, row in zip(keys, rows, strict=True):
        by_key.setdefault(key, []).append(row)
    pages: dict[tuple[int, str, str], list[Quote]] = {}
    for quote in quotes:
        where = (str(path), quote.line)
        if quote.row not in by_key:
            raise InputError(
                f"column row: no row of the table has {quote.row!r}", path=where[0], line=where[1]
            )
        if quote.column not in columns:
            raise InputError(
                f"column column: {quote.column!r} is none of {', '.join(columns)}",
                path=where[0],
                line=where[1],
            )
        candidates = by_key[quote.row]
        row = next(
            (r for r in candidates if quote.value in r.get(quote.column, "").split(SEPARATOR)),
            candidates[0],
        )
        values = [v for v in row.get(quote.column, "").split(SEPARATOR) if v]
        if quote.value not in values:
            if quote.column in single and values:
                raise InputError(
                    f"{quote.column} of {quote.row!r} is {values[0]!r}, not {quote.value!r}: "
                    "a competing value goes to its own sheet (e.g. dprk-films-years.tsv)",
                    path=where[0],
                    line=where[1],
                )
            row[quote.column] = SEPARATOR.join([*values, quote.value])
        pages.setdefault((id(row), quote.column, quote.value), []).append(quote)
    for row in rows:
        for column in columns:
            values = [v for v in row.get(column, "").split(SEPARATOR) if v]
            found = [pages.get((id(row), column, v), []) for v in values]
            if not any(found):
                row[f"{column}_source"] = row[f"{column}_quote"] = ""
                continue
            row[f"{column}_source"] = SEPARATOR.join(
                PAGE_SEPARATOR.join(q.source for q in f) for f in found
            )
            row[f"{column}_quote"] = SEPARATOR.join(
                PAGE_SEPARATOR.join(q.quote for q in f) for f in found
            )
