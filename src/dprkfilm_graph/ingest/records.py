"""The records table (dprk-records.tsv layout) -> plain sheets for the records mappings.

The table mixes kinds of row (label, record, track, song, ensemble) and free-text cells. Each
kind goes to the sheet of its mapping: labels and ensembles (organisations), records and their
disc sides (releases, discs, tracks, recordings, songs), film songs (songs and their films).
Every rule keeps only what a cell says: a remark in parentheses is not a name, a parenthesised
English title is a gloss, a Hangul title the compiler reconstructed is not a title, matrix
numbers stay as printed, and a cell describing a record rather than naming it is a description.
A record's note that lists songs in quotes ("Tracks incl. 'Mangyong Flower', ...") gives one more
row per song: a recording on the release, its disc and side not said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from dprkfilm_graph.ingest import quoted_of
from dprkfilm_graph.korean.hangul import has_hangul
from dprkfilm_graph.tabular.rows import read_rows

ORG_COLUMNS = ("name", "name_ko", "source")
RELEASE_COLUMNS = (
    "release_title",
    "description",
    "label",
    "catalog_number",
    "year",
    "year_stated",
    "format",
    "matrix",
    "track_title",
    "track_title_latn",
    "performer",
    "performing_group",
    "song_title",
    "song_title_latn",
    "song_title_ko",
    "song_title_reconstructed",
    "listed_title",
    "listed_title_ko",
    "listed_gloss",
    "source",
)
SONG_COLUMNS = ("title", "title_latn", "title_ko", "gloss", "film", "source")
# Columns whose values a page may be seen to state (mappings/sheets/dprk-records-quotes.tsv),
# per sheet, each with `<column>_source` and `<column>_quote` beside it; and the single-valued.
ORG_QUOTED = ("name", "name_ko")
RELEASE_QUOTED = quoted_of(RELEASE_COLUMNS, {"song_title_reconstructed", "listed_gloss", "source"})
SONG_QUOTED = ("title", "title_latn", "title_ko", "film")
SINGLE = frozenset(
    {"name", "name_ko", "title", "title_latn", "title_ko", "film"}
    | set(RELEASE_QUOTED) - {"performer", "performing_group"}
)


_PAREN = re.compile(r"\s*\(([^()]*)\)")
_YEAR = re.compile(r"^[0-9]{4}$")
_GROUP = re.compile(
    r"\b(dept\.?|department|ensemble|troupe|band|orchestra|choir|theater|theatre|school)\b",
    re.IGNORECASE,
)
_RECONSTRUCTED = re.compile(r"hangul (is my )?reconstruct", re.IGNORECASE)
# A cited stored copy of a Korean Wikipedia page ("wikipedia.ko : Page/꽃파는_처녀.md") is cited
# as that page's address on ko.wikipedia.org.
_KO_WIKIPEDIA = re.compile(r"wikipedia\.ko\s*:\s*Page/(.+)\.md$")
# Record rows whose title cell describes the record instead of giving a title.
_DESCRIBED = re.compile(r"^(box set\b|chinese 'chang pian' ep\b)", re.IGNORECASE)
_NOT_STATED = re.compile(r"^\(?not stated\)?$", re.IGNORECASE)
# Songs a note lists in quotes after "incl.", the last perhaps with a remark in parentheses:
# "Tracks incl. 'Going Rice Harvesting', 'I'll Live a Meaningful Life', '수령님이 주신 새교복' (New
# School Uniform Given by the Leader; Hangul recovered from mojibake)." Titles hold apostrophes
# (I'll, Leader's), so items are split only at "', '".
_LISTED = re.compile(r"\bincl\.\s+'(.*)'(?:\s*\(([^()]*)\))?\s*\.?\s*$", re.IGNORECASE)
# Cells naming the release: the listed songs' rows repeat them, so that they join its record.
_RELEASE_KEY = ("release_title", "description", "label", "catalog_number", "year")


@dataclass
class RecordSheets:
    """The plain rows per sheet, and what was left out (for the import report)."""

    labels: list[dict[str, str]] = field(default_factory=list)
    groups: list[dict[str, str]] = field(default_factory=list)
    releases: list[dict[str, str]] = field(default_factory=list)
    songs: list[dict[str, str]] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    # The table row (its title_english cell, as written) each plain row comes from, per sheet.
    keys: dict[int, str] = field(default_factory=dict)


def _strip(text: str) -> str:
    return _PAREN.sub("", text).strip()


def _sources(cell: str, line: int, dropped: list[str]) -> str:
    urls = []
    for ref in (r.strip() for r in cell.split(" | ") if r.strip()):
        wiki = _KO_WIKIPEDIA.search(ref)
        if ref.startswith(("http://", "https://")):
            urls.append(ref.split(" ")[0])
        elif wiki:
            urls.append("https://ko.wikipedia.org/wiki/" + quote(wiki.group(1)))
        else:
            dropped.append(f"line {line}: source {ref!r} is not a URL (not cited)")
    return " | ".join(urls)


def _performers(cell: str, line: int, dropped: list[str]) -> tuple[list[str], list[str]]:
    people: list[str] = []
    groups: list[str] = []
    for part in re.split(r"\s*[;,]\s*(?![^()]*\))", cell):
        name = _strip(part)
        if not name:
            continue
        if name.lower().startswith("various"):
            dropped.append(f"line {line}: performer {part!r} names nobody")
        elif _GROUP.search(name):
            groups.append(name)
        else:
            people.append(name)
    return people, groups


def _title(cell: str) -> tuple[str, str]:
    """(title, gloss): "(I Knew)" is a gloss; "Toraji (Bellflower)" a title with a gloss."""
    text = cell.strip()
    if text.startswith("(") and text.endswith(")"):
        return "", text[1:-1].strip()
    glosses = _PAREN.findall(text)
    gloss = glosses[0] if len(glosses) == 1 and ";" not in glosses[0] else ""
    return _strip(text), gloss


def _is_romanized(title: str, hangul: str) -> bool:
    """A title in Latin letters standing for the Hangul beside it (Moranbong for 모란봉)."""
    from dprkfilm_graph.korean.matchkey import similarity

    return bool(hangul) and similarity(title, hangul) >= 0.7


# Cells of a label or ensemble row that describe its records or work, not the organisation.
_ABOUT_ITS_RECORDS = ("format", "year", "performer")


def _org(cells: dict[str, str], line: int, out: RecordSheets) -> dict[str, str]:
    kept = [c for c in _ABOUT_ITS_RECORDS if cells.get(c, "").strip()]
    if kept:
        said = "; ".join(f"{c} {cells[c].strip()!r}" for c in kept)
        out.dropped.append(f"line {line}: {said} describe its records, not the organisation")
    name = _strip(cells.get("label_or_issuer", "") or cells.get("title_english", ""))
    hangul = cells.get("title_hangul", "").strip()
    return {"name": name, "name_ko": hangul, "source": _sources(cells["source"], line, out.dropped)}


def _release(cells: dict[str, str], line: int, out: RecordSheets) -> dict[str, str]:
    row = dict.fromkeys(RELEASE_COLUMNS, "")
    row["source"] = _sources(cells["source"], line, out.dropped)
    label = cells.get("label_or_issuer", "").strip()
    if label and not _NOT_STATED.match(label):
        row["label"] = _strip(label)
    year = cells.get("year", "").strip()
    if _YEAR.match(year):
        row["year"] = year
    elif year:  # "1950s-early 1960s", "c.1980-81": kept in the source's words
        row["year_stated"] = year
    people, groups = _performers(cells.get("performer", ""), line, out.dropped)
    row["performer"], row["performing_group"] = "; ".join(people), "; ".join(groups)
    title = cells.get("title_english", "").strip()
    kind = cells.get("type", "").strip()
    if kind == "record":
        row["format"] = cells.get("format", "").strip()  # the mapping's terms name it
        if _DESCRIBED.match(title):
            row["description"] = title
        else:
            row["release_title"] = title
        row["catalog_number"] = cells.get("catalog_or_matrix", "").strip()
        if row["performer"] or row["performing_group"]:
            out.dropped.append(f"line {line}: performers of a whole record (no track) not kept")
            row["performer"] = row["performing_group"] = ""
        return row
    row["matrix"] = cells.get("catalog_or_matrix", "").strip()
    hangul = cells.get("title_hangul", "").strip()
    name, _ = _title(title)
    latn = _is_romanized(name, hangul)
    row["track_title_latn" if latn else "track_title"] = name
    row["song_title_latn" if latn else "song_title"] = name
    if hangul and _RECONSTRUCTED.search(cells.get("note", "")):
        row["song_title_reconstructed"] = hangul
    else:
        row["song_title_ko"] = hangul
    return row


def _song(cells: dict[str, str], line: int, out: RecordSheets) -> dict[str, str]:
    hangul = cells.get("title_hangul", "").strip()
    name, gloss = _title(cells.get("title_english", ""))
    latn = bool(name) and _is_romanized(name, hangul)
    film = cells.get("related_film_hangul", "").strip() or _strip(
        cells.get("related_film_english", "")
    )
    if cells.get("performer", "").strip():
        out.dropped.append(
            f"line {line}: performer {cells['performer']!r} of a performance, not a recording"
        )
    return {
        "title": "" if latn else name,
        "title_latn": name if latn else "",
        "title_ko": hangul,
        "gloss": gloss,
        "film": film,
        "source": _sources(cells["source"], line, out.dropped),
    }


def listed_songs(note: str) -> list[tuple[str, str]]:
    """(title, gloss) of each song a note lists in quotes after "incl."; the remark in
    parentheses after the last is its gloss when that title is in Hangul (the words before a ";",
    the rest a remark of the compiler's)."""
    match = _LISTED.search(note)
    if match is None:
        return []
    titles = [t.strip() for t in match.group(1).split("', '") if t.strip()]
    remark = (match.group(2) or "").split(";")[0].strip()
    songs = [(title, "") for title in titles]
    if songs and remark and has_hangul(songs[-1][0]):
        songs[-1] = (songs[-1][0], remark)
    return songs


def _listed_rows(release: dict[str, str], note: str) -> list[dict[str, str]]:
    """A row per song the note lists, on the same release (its disc and side not said)."""
    rows = []
    for title, gloss in listed_songs(note):
        row = dict.fromkeys(RELEASE_COLUMNS, "")
        row.update({k: release[k] for k in (*_RELEASE_KEY, "source")})
        hangul = has_hangul(title)
        row["listed_title_ko" if hangul else "listed_title"] = title
        row["listed_gloss"] = gloss
        rows.append(row)
    return rows


def normalize_records(path: Path) -> RecordSheets:
    """Every row of the records table in the sheet of its kind."""
    out = RecordSheets()
    for row in read_rows(path, ["type", "title_english", "title_hangul", "source"]):
        kind, cells = row.cells.get("type", ""), row.cells
        sizes = [len(s) for s in (out.labels, out.groups, out.releases, out.songs)]
        if kind == "label":
            out.labels.append(_org(cells, row.line, out))
        elif kind == "ensemble":
            out.groups.append(_org(cells, row.line, out))
            films = cells.get("related_film_hangul", "")
            if films:
                out.dropped.append(
                    f"line {row.line}: films the ensemble played for ({films}):"
                    " no property says how"
                )
        elif kind in ("record", "track"):
            release = _release(cells, row.line, out)
            out.releases.append(release)
            if kind == "record":
                out.releases.extend(_listed_rows(release, cells.get("note", "")))
        elif kind == "song":
            out.songs.append(_song(cells, row.line, out))
        else:
            out.dropped.append(f"line {row.line}: unknown row type {kind!r}")
        sheets = (out.labels, out.groups, out.releases, out.songs)
        for sheet, size in zip(sheets, sizes, strict=True):
            for plain in sheet[size:]:
                out.keys[id(plain)] = cells.get("title_english", "").strip()
        if kind != "record" and listed_songs(cells.get("note", "")):
            out.dropped.append(
                f"line {row.line}: songs named in the note of a {kind}, on no record named"
            )
    return out
