"""Why a candidate fits an entry, feature by feature (pure; no I/O).

Each feature is 1.0 (agrees), 0.0 (contradicts), something between, or None (one side does not
say), so a reviewer sees exactly what the score rests on.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from dprkfilm_graph.korean.matchkey import compare, similarity
from dprkfilm_graph.wikidata.candidates import Candidate
from dprkfilm_graph.wikidata.entries import Entry
from dprkfilm_graph.wikidata.ids import (
    FILM_CLASSES,
    FILM_OCCUPATIONS,
    HUMAN,
    MUSIC_OCCUPATIONS,
    NORTH_KOREA,
)

# A part item of a multi-part film usually carries no P2635; it is a weak fit for the whole.
PARTS_UNSTATED = 0.2


@dataclass(frozen=True)
class Features:
    title: float
    title_how: str
    title_ours: str
    title_theirs: str
    year: float | None
    people: float | None
    parts: float | None
    type: float | None
    country: float | None
    occupation: float | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _title(entry: Entry, cand: Candidate) -> tuple[float, str, str, str]:
    best = (0.0, "no title", "", "")
    for ours, _ in entry.titles:
        for theirs, _ in cand.names:
            result = compare(ours, theirs)
            if result.score > best[0]:
                best = (result.score, result.how, ours, theirs)
    return best


def year_agreement(year: int | None, theirs: list[tuple[int, int]]) -> float | None:
    """Same year 1; a year apart 0.5 (production vs release); same decade at decade precision
    0.5; otherwise 0. Precision coarser than a decade says nothing."""
    if year is None or not theirs:
        return None
    best: float | None = None
    for their_year, precision in theirs:
        if precision >= 9:
            value = 1.0 if their_year == year else 0.5 if abs(their_year - year) == 1 else 0.0
        elif precision == 8:
            value = 0.5 if their_year // 10 == year // 10 else 0.0
        else:
            continue
        best = value if best is None else max(best, value)
    return best


def _people(entry: Entry, cand: Candidate) -> float | None:
    if not entry.people or not cand.people:
        return None
    return max(similarity(a, b) for a in entry.people for b in cand.people)


def _parts(entry: Entry, cand: Candidate) -> float | None:
    if entry.parts is None:
        return None
    if cand.parts is None:
        return PARTS_UNSTATED
    return 1.0 if cand.parts == entry.parts else 0.0


_ROLE_OCCUPATIONS = {"film": FILM_OCCUPATIONS, "music": MUSIC_OCCUPATIONS}


def kind_agreement(entry: Entry, cand: Candidate) -> float | None:
    """1 when the item is of the entry's kind (a film, a human), 0 when its P31 says it is
    something else (a person is never linked to a film, nor a film to a person), None when the
    item states no type."""
    if entry.kind == "film":
        if cand.in_pool or cand.types & FILM_CLASSES:
            return 1.0
        return 0.0 if cand.types else None
    if HUMAN in cand.types:
        return 1.0
    return 0.0 if cand.types else None


def _occupation(entry: Entry, cand: Candidate) -> float | None:
    """Does the item's occupation fit what works credit the person with? A person only a
    source names (a scholar, a commenter) may do anything: no expectation, no feature."""
    wanted = frozenset().union(*(_ROLE_OCCUPATIONS.get(r, frozenset()) for r in entry.roles))
    if not wanted or not cand.occupations:
        return None
    return 1.0 if cand.occupations & wanted else 0.0


def features(entry: Entry, cand: Candidate) -> Features:
    """Compare one entry with one candidate."""
    title, how, ours, theirs = _title(entry, cand)
    is_kind = kind_agreement(entry, cand)
    if entry.kind == "film":
        country = None if not cand.countries else 1.0 if NORTH_KOREA in cand.countries else 0.0
        occupation = None
    else:
        country = None  # citizenship says little: many credited people are from elsewhere
        occupation = _occupation(entry, cand)
    return Features(
        title=title,
        title_how=how,
        title_ours=ours,
        title_theirs=theirs,
        year=year_agreement(entry.year, cand.years),
        people=_people(entry, cand),
        parts=_parts(entry, cand),
        type=is_kind,
        country=country,
        occupation=occupation,
    )
