"""Hangul: what counts as Hangul, and syllables as jamo indices (what every system's rules are
written against). The one place that knows the Unicode ranges; everything else asks here.

Indices follow Unicode's jamo order (19 initials, 21 vowels, 28 finals with 0 for none)."""

from __future__ import annotations

import re
from collections.abc import Iterator

# Everything Unicode files under the Hangul script: syllables, conjoining jamo (modern and
# archaic), compatibility and half-width jamo, parenthesised and circled Hangul, tone marks.
_HANGUL_CLASS = (
    "\u1100-\u11ff\u302e\u302f\u3131-\u318e\u3200-\u321e\u3260-\u327e"
    "\ua960-\ua97c\uac00-\ud7a3\ud7b0-\ud7c6\ud7cb-\ud7fb\uffa0-\uffbe\uffc2-\uffc7"
    "\uffca-\uffcf\uffd2-\uffd7\uffda-\uffdc"
)
HANGUL_RUN = re.compile(f"[{_HANGUL_CLASS}]+")
SYLLABLE = re.compile("[\uac00-\ud7a3]")  # one precomposed syllable
SYLLABLES = re.compile(f"{SYLLABLE.pattern}+")


def has_hangul(text: str) -> bool:
    """True when `text` holds any Hangul: syllables, jamo of any block, Hangul symbols.

    >>> has_hangul("첫걸음"), has_hangul("ㄱ"), has_hangul("Ch'ŏt kŏrŭm")
    (True, True, False)
    """
    return HANGUL_RUN.search(text) is not None


def by_jamo(text: str) -> tuple[str, ...]:
    """A table written as space-separated words (one per jamo, in jamo order)."""
    return tuple(text.split())


_S_BASE, _N_INITIAL, _N_VOWEL, _N_FINAL = 0xAC00, 19, 21, 28


# Finals in jamo order (index 0 = none), reduced to the seven sounds a syllable can end in.
FINAL_SOUND = (
    "",
    "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l",
    "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t",
)  # fmt: skip
RESONANT_FINALS = {"n", "l", "m", "ng"}
LAX_INITIALS = {0: 1, 3: 4, 7: 8, 9: 10, 12: 13}  # lax → its tense partner


def decompose(syllable: str) -> tuple[int, int, int]:
    """(initial, vowel, final) indices of one precomposed syllable."""
    index = ord(syllable) - _S_BASE
    return (
        index // (_N_VOWEL * _N_FINAL),
        (index % (_N_VOWEL * _N_FINAL)) // _N_FINAL,
        index % _N_FINAL,
    )


RIEUL_INITIAL, RIEUL_FINAL, NIEUN_INITIAL, NIEUN_FINAL = 5, 8, 2, 4


def compose(initial: int, vowel: int, final: int) -> str:
    return chr(_S_BASE + (initial * _N_VOWEL + vowel) * _N_FINAL + final)


def all_syllables() -> Iterator[str]:
    """Every precomposed syllable (11,172), in code-point order."""
    return (chr(code) for code in range(_S_BASE, _S_BASE + _N_INITIAL * _N_VOWEL * _N_FINAL))
