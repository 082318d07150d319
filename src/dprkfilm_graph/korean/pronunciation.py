"""Standard pronunciations that the Hangul spelling does not show.

Every romanization system writes what is pronounced, and for most words the rules of sound change
predict it from the spelling. They cannot for compounds (사이시옷 sounds, the ㄴ added in 솜이불
[솜니불]), for clusters before a content morpheme (값어치 [가버치]) or for words a system's own text
gives as examples (신문로 [신문노] Sinmunno). Those pronunciations are facts of a word, not of a
rule, so they are kept as data: `pronunciations.tsv` beside this module, one row per word, each
with the norm that prints it (ko-KR: the South's Standard Pronunciation; ko-KP: the DPRK's
Chosŏnmal kyubŏmjip or its romanization guideline), the rule and the source URL.

A row gives the whole word's pronunciation in Hangul, with the same number of syllables as the
spelling, tense consonants written as the norm prints them ([손까락]); each system decides what of
it to write (the `romanize` package).
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from dprkfilm_graph.errors import InputError
from dprkfilm_graph.korean.hangul import SYLLABLE

__all__ = ["LEXICON_PATH", "NORMS", "Entry", "load_lexicon", "spoken"]

LEXICON_PATH = Path(__file__).with_name("pronunciations.tsv")
NORMS = ("ko-KR", "ko-KP")
_COLUMNS = ("spelling", "pronunciation", "norm", "rule", "source")
_WORD = re.compile(f"{SYLLABLE.pattern}{{2,}}")


@dataclass(frozen=True)
class Entry:
    """One word's pronunciation as one norm prints it, and where it is printed."""

    spelling: str
    pronunciation: str
    norm: str
    rule: str
    source: str


Lexicon = dict[str, dict[str, Entry]]


def _entry(row: dict[str, str | None], path: Path, line: int) -> Entry:
    """A checked row: both forms whole Hangul words of equal length, a known norm, a source URL."""
    values = {c: (row.get(c) or "").strip() for c in _COLUMNS}
    spelling, pronunciation = values["spelling"], values["pronunciation"]
    for column in ("spelling", "pronunciation"):
        if not _WORD.fullmatch(values[column]):
            raise InputError(
                f"column {column!r} must be one word of two or more Hangul syllables, "
                f"got {values[column]!r}",
                path=str(path),
                line=line,
            )
    if len(spelling) != len(pronunciation):
        raise InputError(
            f"{spelling} has {len(spelling)} syllables but its pronunciation {pronunciation} has "
            f"{len(pronunciation)}: write the pronunciation syllable for syllable",
            path=str(path),
            line=line,
        )
    if spelling == pronunciation:
        raise InputError(
            f"the pronunciation of {spelling} is its spelling: the row adds nothing, remove it",
            path=str(path),
            line=line,
        )
    if values["norm"] not in NORMS:
        raise InputError(
            f"column 'norm' must be one of {', '.join(NORMS)}, got {values['norm']!r}",
            path=str(path),
            line=line,
        )
    if not values["source"].startswith(("http://", "https://")):
        raise InputError(
            "column 'source' must be the URL of the page that prints the pronunciation",
            path=str(path),
            line=line,
        )
    return Entry(spelling, pronunciation, values["norm"], values["rule"], values["source"])


def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """spelling → norm → Entry, every row checked; a bad row is an InputError naming its line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read the pronunciation lexicon: {exc}", path=str(path)) from exc
    reader = csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    missing = [c for c in _COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(
            f"missing column(s) {', '.join(missing)}; expected {', '.join(_COLUMNS)}",
            path=str(path),
            line=1,
        )
    lexicon: Lexicon = {}
    for line, row in enumerate(reader, start=2):
        entry = _entry(row, path, line)
        by_norm = lexicon.setdefault(entry.spelling, {})
        if entry.norm in by_norm:
            raise InputError(
                f"{entry.spelling} is given twice for {entry.norm}: keep one row",
                path=str(path),
                line=line,
            )
        by_norm[entry.norm] = entry
    return lexicon


@functools.cache
def _shipped() -> Lexicon:
    return load_lexicon()


def spoken(word: str, norms: tuple[str, ...] = NORMS) -> Entry | None:
    """The pronunciation of `word` in the first of `norms` that gives one (others are not used:
    a word only the DPRK's norm describes says nothing of the South's)."""
    by_norm = _shipped().get(word, {})
    return next((by_norm[n] for n in norms if n in by_norm), None)
