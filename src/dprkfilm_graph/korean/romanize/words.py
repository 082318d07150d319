"""Text in one system: word by word, each word of syllables with the system's sound changes."""

from __future__ import annotations

import unicodedata

from dprkfilm_graph.korean.hangul import HANGUL_RUN, SYLLABLES, by_jamo
from dprkfilm_graph.korean.romanize.alalc import initial_sound_law, numeral_groups, south_spelled
from dprkfilm_graph.korean.romanize.dprk import DPRK_VOWEL, dprk_word
from dprkfilm_graph.korean.romanize.kopron import ko_pron_said
from dprkfilm_graph.korean.romanize.soundrules import pronounced
from dprkfilm_graph.korean.romanize.systems import (
    ASCII_BASE,
    ASCII_FOLD,
    Convention,
    System,
    base_of,
)

# Lone jamo (compatibility letters ㄱ…ㅣ), romanized as the sound they stand for.
_COMPAT_CONSONANTS = "ㄱㄲㄳㄴㄵㄶㄷㄸㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅃㅄㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_COMPAT_ROMAN: dict[System, tuple[str, ...]] = {
    System.MR: by_jamo(
        "k kk ks n nj nh t tt r lg lm lb ls lt lp lh m p pp ps s ss ng ch tch ch' k' t' p' h"
    ),
    System.RR: by_jamo(
        "g kk gs n nj nh d tt r lg lm lb ls lt lp lh m b pp bs s ss ng j jj ch k t p h"
    ),
    System.DPRK: by_jamo(
        "k kk ks n nj nh t tt r lg lm lb ls lt lp lh m p pp ps s ss ng j jj ch kh th ph h"
    ),
}
_COMPAT_VOWELS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_VOWEL_ROMAN: dict[System, tuple[str, ...]] = {
    System.MR: by_jamo("a ae ya yae ŏ e yŏ ye o wa wae oe yo u wŏ we wi yu ŭ ŭi i"),
    System.RR: by_jamo("a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i"),
    System.DPRK: tuple(DPRK_VOWEL),
}


def syllable_word(word: str, system: System, pron: str | None = None) -> str:
    """A word in one system (MR, RR or DPRK), with the system's sound changes.

    `pron`: the word's pronunciation, if known; by default what `soundrules` gives for it."""
    if pron is None:
        pron = pronounced(word, system)
    if system is System.DPRK:
        return dprk_word(word, pron)
    if system is System.DPRK_ASCII:
        return dprk_word(word, pron).translate(ASCII_FOLD)
    code = "mr" if system in (System.MR, System.MR_ASCII) else "rr"
    out = ko_pron_said(word, code, pron)
    if system is System.RR:
        out = out.replace("-", "")
    elif system is System.MR_ASCII:
        out = out.translate(ASCII_FOLD)
    return out


def _lone_jamo(char: str, system: System) -> str:
    """A letter standing alone (ㄱ, ㅏ, archaic jamo): its usual sound, or nothing."""
    base = base_of(system)
    if char in _COMPAT_CONSONANTS:
        out = _COMPAT_ROMAN[base][_COMPAT_CONSONANTS.index(char)]
    elif char in _COMPAT_VOWELS:
        out = _VOWEL_ROMAN[base][_COMPAT_VOWELS.index(char)]
    else:
        # Conjoining jamo: map to the compatibility letter of the same name, if there is one.
        compat = _conjoining_to_compat(char)
        if compat != char and (compat in _COMPAT_CONSONANTS or compat in _COMPAT_VOWELS):
            return _lone_jamo(compat, system)
        return ""
    return out.translate(ASCII_FOLD) if system in ASCII_BASE else out


def _conjoining_to_compat(char: str) -> str:
    """The compatibility jamo whose name matches a conjoining jamo (ᄀ → ㄱ), else `char`."""
    try:
        name = unicodedata.name(char)
    except ValueError:
        return char
    for prefix in ("HANGUL CHOSEONG ", "HANGUL JUNGSEONG ", "HANGUL JONGSEONG "):
        if name.startswith(prefix):
            try:
                return unicodedata.lookup("HANGUL LETTER " + name[len(prefix) :])
            except KeyError:
                return char
    return char


def _romanize_run(run: str, system: System, convention: Convention) -> str:
    """A run of Hangul-script characters: normalise, then romanize word by word."""
    text = unicodedata.normalize("NFC", unicodedata.normalize("NFKC", run))
    out: list[str] = []
    pos = 0
    for match in SYLLABLES.finditer(text):
        out.extend(_other(text[pos : match.start()], system))
        word = match.group()
        if south_spelled(system, convention):
            # no sound change is shown across the hyphens (ALA-LC word division, numerals)
            groups = [initial_sound_law(group) for group in numeral_groups(word)]
            out.append("-".join(syllable_word(group, system) for group in groups))
        else:
            out.append(syllable_word(word, system))
        pos = match.end()
    out.extend(_other(text[pos:], system))
    return "".join(out)


def _other(text: str, system: System) -> list[str]:
    """Characters between syllable words inside a Hangul run (after normalisation)."""
    return [_lone_jamo(c, system) if HANGUL_RUN.fullmatch(c) else c for c in text]


def romanize(text: str, system: System, convention: Convention | None = None) -> str:
    """Romanize every Hangul word of `text` in `system` (lower case; other characters kept).

    `convention` ALA_LC romanizes MR as the ALA-LC table does, DPRK spellings as the South spells
    them (로동 nodong); the other conventions concern place names only.

    >>> romanize("태백산에 봄이 온다", System.MR)
    "t'aebaeksane pomi onda"
    >>> romanize("태백산", System.DPRK)
    'thaebaeksan'
    >>> romanize("로동신문", System.MR, Convention.ALA_LC)
    'nodongsinmun'
    """
    system = System(system)
    convention = Convention(convention or Convention.DEFAULT)
    return HANGUL_RUN.sub(lambda m: _romanize_run(m.group(), system, convention), text)


def romanize_all(text: str) -> dict[System, str]:
    """`text` in every system, in the order of `System`."""
    return {system: romanize(text, system) for system in System}
