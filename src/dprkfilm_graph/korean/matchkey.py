"""Matching keys: any spelling of a Korean title or name -> keys that compare across systems.

Why: the same film reaches users as 태백산에 봄이 온다, "T'aebaeksan-e pom-i onda" (McCune–
Reischauer), "Taebaeksane bomi onda" (Revised Romanization) or "Thaebaek" (the DPRK system), and
a person as 마동희, "Ma Tong-hŭi" or "Ma Dong Hui". Exact string comparison fails on all of them.

The Korean key folds away what the systems disagree on, in this order:

1. Hangul is romanized twice (Revised Romanization with its sound changes, and syllable by
   syllable, as names and DPRK English practice write it), and both are keyed.
2. Lower case; diacritics dropped (ŏ → o, ŭ → u); apostrophes and other marks of aspiration
   dropped (t' → t); hyphens and punctuation removed; spaces kept as word boundaries.
3. RR digraphs folded onto MR vowels: eo → o, eu → u (so "geoleum" and "kŏrŭm" agree).
4. Aspiration and voicing folded: kh/k/g → k, th/t/d → t, ph/p/b → p, ch/j/tch → c, sh → s;
   r → l; doubled consonants single.

   "T'aebaeksan-e pom-i onda" → "taepaeksane pomi onta"
   "Taebaeksane bomi onda"    → "taepaeksane pomi onta"
   "Ma Dong Hui", "Ma Tong-hŭi", "마동희" → "ma tong hui" / "ma tonghui" / "matonghui"
   (compared without spaces, all "matonghui")

A loose key then also merges o/u and ae/e and l/n, for conventional spellings no system yields
("Kim Il Sung" for 김일성, MR "Kim Il-sŏng"); a loose-only match scores below a strict one.

The English key normalises translated titles: lower case, diacritics and punctuation dropped,
"&" → "and", "Mt"/"Mt." → "mount", articles dropped, a plural -s dropped
("The First Step" and "First Steps" → "first step").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from dprkfilm_graph.korean.hangul import SYLLABLE, has_hangul
from dprkfilm_graph.korean.romanize import System, romanize

_APOSTROPHES = "'’‘ʼʻ`´"
_NON_WORD = re.compile(r"[^0-9a-z\s]+")
_SPACES = re.compile(r"\s+")

# Applied in order to lower-case, mark-free Latin text; each maps one system's spelling onto
# the key alphabet.
_KOREAN_FOLDS: tuple[tuple[str, str], ...] = (
    ("tch", "c"),
    ("eo", "o"),
    ("eu", "u"),
    ("ch", "c"),
    ("kh", "k"),
    ("th", "t"),
    ("ph", "p"),
    ("sh", "s"),
    ("j", "c"),
    ("g", "k"),
    ("d", "t"),
    ("b", "p"),
    ("r", "l"),
)
_DOUBLES = re.compile(r"([kptcsl])\1+")
_LOOSE_FOLDS: tuple[tuple[str, str], ...] = (("ae", "e"), ("u", "o"), ("l", "n"))

_ARTICLES = frozenset({"the", "a", "an"})
_ENGLISH_FOLDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"&"), " and "),
    (re.compile(r"\bmt\b\.?"), "mount"),
    (re.compile(r"\bst\b\.?"), "saint"),
)


def _plain(text: str) -> str:
    """Lower case, no diacritics, no apostrophes; hyphens and punctuation gone, spaces kept."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    for mark in _APOSTROPHES:
        stripped = stripped.replace(mark, "")
    stripped = stripped.replace("-", "")
    return _SPACES.sub(" ", _NON_WORD.sub(" ", stripped)).strip()


def _fold_latin(text: str) -> str:
    key = _plain(text)
    for old, new in _KOREAN_FOLDS:
        key = key.replace(old, new)
    return _DOUBLES.sub(r"\1", key)


def _loosen(key: str) -> str:
    for old, new in _LOOSE_FOLDS:
        key = key.replace(old, new)
    return _DOUBLES.sub(r"\1", key)


def _syllable_by_syllable(text: str) -> str:
    """Each Hangul syllable romanized alone: no sound changes across syllables (as names are)."""
    return SYLLABLE.sub(lambda m: romanize(m.group(0), System.RR) + " ", text)


def korean_key(text: str) -> str:
    """The strict Korean key of one spelling (Hangul is read with its sound changes)."""
    return korean_keys(text)[0]


@lru_cache(maxsize=65536)
def korean_keys(text: str) -> tuple[str, ...]:
    """Every strict Korean key of `text`: one for Latin; for Hangul, as pronounced and as split."""
    if not has_hangul(text):
        return (_fold_latin(text),)
    keys = [_fold_latin(romanize(text, System.RR)), _fold_latin(_syllable_by_syllable(text))]
    # Hangul that romanizes to nothing (a lone archaic jamo) keys as empty, as punctuation does.
    return tuple(dict.fromkeys(k for k in keys if k)) or ("",)


@lru_cache(maxsize=65536)
def english_key(text: str) -> str:
    """The English title key: articles, punctuation, 'Mt.' and a plural -s folded away."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    for pattern, replacement in _ENGLISH_FOLDS:
        plain = pattern.sub(replacement, plain)
    plain = plain.replace("-", " ")
    for mark in _APOSTROPHES:
        plain = plain.replace(mark, "")
    words = [w for w in _NON_WORD.sub(" ", plain).split() if w not in _ARTICLES]
    return " ".join(
        w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words
    )


def compact(key: str) -> str:
    """A key without its word boundaries, for comparing split and joined spellings."""
    return key.replace(" ", "")


def match_keys(text: str) -> frozenset[str]:
    """Every comparable key of one spelling, prefixed by kind: k: strict, l: loose, e: English."""
    keys: set[str] = set()
    for key in korean_keys(text):
        if compact(key):
            keys.add("k:" + compact(key))
            keys.add("l:" + compact(_loosen(key)))
    if not has_hangul(text) and english_key(text):
        keys.add("e:" + english_key(text))
    return frozenset(keys)


@dataclass(frozen=True)
class Comparison:
    """How well two spellings agree, and by which key (so a reviewer sees why)."""

    score: float
    how: str


# Scores by the strongest agreement found; fuzzy scores are scaled below every exact one.
EXACT = 1.0
SAME_KOREAN_KEY = 1.0
SAME_ENGLISH_KEY = 0.98
SAME_LOOSE_KEY = 0.92
FUZZY_SCALE = 0.85


@lru_cache(maxsize=262144)
def compare(a: str, b: str) -> Comparison:
    """Compare two spellings (Hangul or Latin, any system) and say how they agree."""
    if not a.strip() or not b.strip():
        return Comparison(0.0, "empty")
    if unicodedata.normalize("NFC", a).casefold() == unicodedata.normalize("NFC", b).casefold():
        return Comparison(EXACT, "same text")
    keys_a, keys_b = match_keys(a), match_keys(b)
    shared = keys_a & keys_b
    if any(k.startswith("k:") for k in shared):
        return Comparison(SAME_KOREAN_KEY, "same Korean matching key")
    if any(k.startswith("e:") for k in shared):
        return Comparison(SAME_ENGLISH_KEY, "same English title key")
    if any(k.startswith("l:") for k in shared):
        return Comparison(SAME_LOOSE_KEY, "same loose Korean key")
    best = Comparison(0.0, "no agreement")
    for ka in keys_a:
        for kb in keys_b:
            if ka[:2] != kb[:2]:
                continue
            if ka.startswith("e:"):
                ratio = fuzz.token_sort_ratio(ka[2:], kb[2:]) / 100.0
                how = "similar English title"
            else:
                ratio = fuzz.ratio(ka[2:], kb[2:]) / 100.0
                how = "similar Korean spelling"
            score = round(ratio * FUZZY_SCALE, 4)
            if score > best.score:
                best = Comparison(score, how)
    return best


def similarity(a: str, b: str) -> float:
    """0..1: how likely two spellings name the same title or person (symmetric)."""
    return compare(a, b).score


def best_match(query: str, labels: list[str] | tuple[str, ...]) -> tuple[str, float, str] | None:
    """The label agreeing best with `query`, its score and how; None when `labels` is empty."""
    best: tuple[str, float, str] | None = None
    for label in labels:
        result = compare(query, label)
        if best is None or result.score > best[1]:
            best = (label, result.score, result.how)
    return best
