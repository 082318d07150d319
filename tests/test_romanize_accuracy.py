"""Exact-match accuracy of each romanization system against published forms.

The test set (tests/fixtures/romanization/testset.tsv) holds Hangul strings with the MR, RR and
DPRK forms that a cited reference prints; an empty cell means no published form was found (none is
ever generated). How a row is compared:

- Both sides are NFC-normalised; apostrophe look-alikes (‘ ’ ʼ) count as ', a caron (ǒ ǔ, used
  by some sources for want of a breve) as a breve, and case is ignored (capitalisation, including
  "KKonmaŭl" for a capital double consonant, is the caller's business).
- kind "name": the row matches if any form `romanize_name` offers equals the published one.
- kind "place": `romanize_place(hangul, system)` (the generic part hyphenated or joined as the
  system prescribes) must equal the published form.
- every other kind: `romanize(hangul, system)` must equal the published form.

The figures and every mismatch are printed with capture disabled (visible without -s) and are
part of the assertion message when a floor is not met.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from dprkfilm_graph.romanize import System, romanize, romanize_name, romanize_place

TESTSET = Path(__file__).parent / "fixtures" / "romanization" / "testset.tsv"
COLUMNS = {System.MR: "mr", System.RR: "rr", System.DPRK: "dprk"}
KINDS = {"place", "title", "name", "word"}

# Measured floors (not the 0.97 goal) so that a regression fails; see docs/romanization.md.
FLOORS = {System.MR: 59 / 75, System.RR: 101 / 111, System.DPRK: 32 / 40}

_FOLD = str.maketrans({"‘": "'", "’": "'", "ʼ": "'", "ǒ": "ŏ", "Ǒ": "Ŏ", "ǔ": "ŭ", "Ǔ": "Ŭ"})


def normalise(text: str) -> str:
    """The form two spellings are compared in (see the module docstring)."""
    return unicodedata.normalize("NFC", text).translate(_FOLD).casefold().strip()


@dataclass
class Score:
    """Matches and misses of one system."""

    total: int = 0
    matched: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.matched / self.total if self.total else 0.0


def load_rows() -> list[dict[str, str]]:
    with TESTSET.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def candidates(hangul: str, kind: str, system: System) -> list[str]:
    if kind == "name":
        return romanize_name(hangul, system)
    if kind == "place":
        return [romanize_place(hangul, system)]
    return [romanize(hangul, system)]


def score(rows: list[dict[str, str]]) -> dict[System, Score]:
    scores = {system: Score() for system in COLUMNS}
    for row in rows:
        for system, column in COLUMNS.items():
            published = row[column]
            if not published:
                continue
            s = scores[system]
            s.total += 1
            ours = candidates(row["hangul"], row["kind"], system)
            if normalise(published) in {normalise(c) for c in ours}:
                s.matched += 1
            else:
                s.misses.append(f"{row['hangul']}: published {published!r}, ours {ours[0]!r}")
    return scores


@pytest.fixture(scope="module")
def scores() -> dict[System, Score]:
    return score(load_rows())


def test_testset_is_well_formed() -> None:
    """Every row names a kind and a source URL, and has at least one published form."""
    rows = load_rows()
    assert rows
    for n, row in enumerate(rows, start=2):
        assert row["kind"] in KINDS, f"line {n}: kind {row['kind']!r}"
        assert row["source"].startswith(("http://", "https://")), f"line {n}: source"
        assert any(row[c] for c in COLUMNS.values()), f"line {n}: no published form"
        assert any("\uac00" <= ch <= "\ud7a3" for ch in row["hangul"]), f"line {n}: no Hangul"


@pytest.mark.parametrize("system", list(COLUMNS), ids=lambda s: s.value)
def test_accuracy(
    system: System, scores: dict[System, Score], capsys: pytest.CaptureFixture[str]
) -> None:
    s = scores[system]
    lines = [f"romanization accuracy {system.value}: {s.matched}/{s.total} = {s.accuracy:.3f}"]
    lines += [f"  miss {m}" for m in s.misses]
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    assert s.total > 0
    assert s.accuracy >= FLOORS[system], "\n".join(lines)
