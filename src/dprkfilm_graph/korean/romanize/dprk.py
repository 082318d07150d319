"""The DPRK's own system (1992, revised 2002 and 2012), which no library implements.

Written from the system's own table of junctions (final consonant x next initial), which differs
from MR in more than letters: ㄹ after a consonant stays r (압록 Amrok), ㄴㄹ is nr (은률 Ŭnryul),
ㄹㄹ is lr, and tension is written only where a compound makes it (2012)."""

from __future__ import annotations

from dprkfilm_graph.korean.hangul import (
    LAX_INITIALS,
    NIEUN_FINAL,
    NIEUN_INITIAL,
    RESONANT_FINALS,
    RIEUL_FINAL,
    RIEUL_INITIAL,
    by_jamo,
    decompose,
)

# Initials in jamo order ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ.
_DPRK_INITIAL = by_jamo("k kk n t tt r m p pp s ss - j jj ch kh th ph h")
DPRK_VOICED = {0: "g", 3: "d", 7: "b"}
# Vowels in jamo order ㅏ ㅐ ㅑ ㅒ ㅓ ㅔ ㅕ ㅖ ㅗ ㅘ ㅙ ㅚ ㅛ ㅜ ㅝ ㅞ ㅟ ㅠ ㅡ ㅢ ㅣ
# (ㅚ is oi since 2012).
DPRK_VOWEL = by_jamo("a ae ya yae ŏ e yŏ ye o wa wae oi yo u wŏ we wi yu ŭ ŭi i")


# Finals before a vowel: liaison carries them over (both letters of a cluster are written).
_DPRK_LIAISON = by_jamo("- g kk ks n nj n d r lg lm lb ls lth lph r m b ps s ss NG j ch kh th ph -")
# Finals before a consonant or at the end of a word: the seven sounds (ㄺ → k, ㄼ → l, ...).
_DPRK_CODA = by_jamo("- k k k n n n t l k m l l l p l m p p t t ng t t k t p t")
_H_FINALS = {6: "n", 15: "l", 27: ""}  # ㄶ ㅀ ㅎ: aspirate a following ㄱ ㄷ ㅈ
_ASPIRATED = {0: "kh", 3: "th", 12: "ch"}
# The DPRK table of "special provisions": a final sound and the next initial, where the pair is
# not simply coda + initial. Keys are (coda, initial index).
_DPRK_JUNCTION: dict[tuple[str, int], str] = {
    ("k", 2): "ngn", ("k", 5): "ngr", ("k", 6): "ngm", ("k", 18): "kh",
    ("n", 0): "n-g", ("n", 5): "nr",
    ("t", 2): "nn", ("t", 5): "ll", ("t", 6): "nm", ("t", 9): "ss", ("t", 18): "th",
    ("l", 2): "ll", ("l", 5): "lr",
    ("p", 2): "mn", ("p", 5): "mr", ("p", 6): "mm", ("p", 18): "ph",
}  # fmt: skip


def _dprk_onset(initial: int, voiced: bool) -> str:
    """An initial consonant; lax ㄱ ㄷ ㅂ are g d b after a vowel or a resonant (ㄴ ㄹ ㅁ ㅇ)."""
    if voiced and initial in DPRK_VOICED:
        return DPRK_VOICED[initial]
    return "" if initial == 11 else _DPRK_INITIAL[initial]


def _dprk_junction(final: int, initial: int, vowel: str) -> str:
    """What is written between two syllables of a word, per the system's table of junctions."""
    if initial == 11:  # a vowel follows
        carried = _DPRK_LIAISON[final]
        if carried == "NG":  # ㅇ before a vowel: ng- keeps n-g apart, except before y and w
            return "ng" if vowel[:1] in ("y", "w") else "ng-"
        return "" if carried == "-" else carried
    if final in _H_FINALS:
        rest = _H_FINALS[final]
        if initial in _ASPIRATED:
            return rest + _ASPIRATED[initial]
        if initial == 2:
            return (rest or "n") + ("l" if rest == "l" else "n")
        if initial == 9 and not rest:
            return "ss"
    coda = _DPRK_CODA[final]
    if coda == "-":
        return _dprk_onset(initial, voiced=True)
    if (coda, initial) in _DPRK_JUNCTION:
        return _DPRK_JUNCTION[(coda, initial)]
    return coda + _dprk_onset(initial, voiced=coda in RESONANT_FINALS)


def _dprk_compound_junction(
    said: tuple[int, int, int], next_said: int, written: tuple[int, int, int], next_written: int
) -> str | None:
    """A junction the pronunciation decides (2012 text), or None to use the table.

    Tension made by a compound is written doubled after a vowel (기대산 Kittaesan) and as the
    voiceless lax letter after a consonant (물곬 Mulkol); ㄴㄹ or ㄴㄴ said as ll is written ll only
    where the lexicon gives it as long-standing usage (천리마 Chŏllima, 한나산 Hallasan).
    """
    if LAX_INITIALS.get(next_written) == next_said:
        if said[2] == 0:
            return _DPRK_INITIAL[next_said]
        return _DPRK_CODA[said[2]] + _DPRK_INITIAL[next_written]
    if (said[2], next_said) == (RIEUL_FINAL, RIEUL_INITIAL) and (
        written[2] == NIEUN_FINAL or next_written == NIEUN_INITIAL
    ):
        return "ll"
    return None


def dprk_word(word: str, pron: str | None = None) -> str:
    """One word of syllables in the DPRK system (1992, revised 2002 and 2012).

    Sound changes are written as the system's table prescribes: finals assimilate before
    resonants (백마 Paengma, 압록 Amrok), ㄹ after a consonant stays r, lax consonants are voiced
    between voiced sounds, ㅎ aspirates a following ㄱ ㄷ ㅈ. `pron`, a pronunciation from the
    lexicon, adds what the spelling does not show: compound tension and ㄴ (뒤문 Twinmun).
    """
    written = [decompose(s) for s in word]
    syllables = [decompose(s) for s in pron] if pron else written
    parts: list[str] = []
    for i, (initial, vowel, final) in enumerate(syllables):
        if i == 0:
            parts.append(_dprk_onset(initial, voiced=False))
        parts.append(DPRK_VOWEL[vowel])
        if i + 1 < len(syllables):
            nxt_initial, nxt_vowel, _ = syllables[i + 1]
            decided = None
            if pron:
                decided = _dprk_compound_junction(
                    syllables[i], nxt_initial, written[i], written[i + 1][0]
                )
            if decided is None:
                decided = _dprk_junction(final, nxt_initial, DPRK_VOWEL[nxt_vowel])
            parts.append(decided)
        else:
            coda = _DPRK_CODA[final]
            parts.append("" if coda == "-" else coda)
    return "".join(parts)
