"""Place names as gazetteers write them: the generic part (-do, -gun, -ri, river, mountain)
hyphenated, joined or spaced as a system or an MR convention prescribes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dprkfilm_graph.korean.hangul import SYLLABLES, decompose
from dprkfilm_graph.korean.romanize.alalc import initial_sound_law, south_spelled
from dprkfilm_graph.korean.romanize.dprk import dprk_word
from dprkfilm_graph.korean.romanize.kopron import ko_pron_said
from dprkfilm_graph.korean.romanize.mrhyphen import mr_hyphenated
from dprkfilm_graph.korean.romanize.soundrules import pronounced
from dprkfilm_graph.korean.romanize.systems import (
    ASCII_BASE,
    ASCII_FOLD,
    Convention,
    System,
    base_of,
)
from dprkfilm_graph.korean.romanize.words import romanize, syllable_word


@dataclass(frozen=True)
class _Layout:
    """Separators before each kind of generic part: "-", "" (joined) or " " (a word)."""

    admin: str
    feature: str  # 강 봉 령
    mountain: str | None  # 산; None: 산 is not split off (Paektusan, Kŭmgangsan)
    mountain_range: str  # 산맥
    province_split: bool  # 북도/남도 is the generic part (Kyŏngsang-bukto), not 도
    liaison: bool = False  # MR: a vowel-initial unit takes the carried-over consonant


_JOINED = _Layout(admin="-", feature="", mountain=None, mountain_range="", province_split=False)
_DEFAULT_LAYOUT: dict[System, _Layout] = {
    System.MR: _Layout("-", "-", None, " ", province_split=False),
    System.RR: _JOINED,  # RR rules 2000, §3 (5) and (6)
    System.DPRK: _JOINED,  # DPRK guideline 2002: units hyphenated, features not
}
_CONVENTION_LAYOUT: dict[Convention, _Layout] = {
    Convention.BGN_PCGN: _Layout("-", "-", "-", "-", province_split=True),
    Convention.ALA_LC: _Layout("-", "", "", "", province_split=True, liaison=True),
}


def _layout(system: System, convention: Convention) -> _Layout:
    """BGN/PCGN and ALA-LC are layouts of McCune-Reischauer, which is what both romanize with;
    RR and the DPRK system keep their own national rules under every convention (BGN/PCGN
    itself adopted the ROK's rules, RR included, for names in the ROK in 2011)."""
    base = base_of(system)
    if convention is Convention.DEFAULT or base is not System.MR:
        return _DEFAULT_LAYOUT[base]
    return _CONVENTION_LAYOUT[convention]


# Generic parts of place names, longest first within each kind.
_ADMIN_UNITS = (
    "특별자치시", "특별자치도", "특별시", "광역시", "직할시", "노동자구", "로동자구", "구역",
    "도", "시", "군", "구", "읍", "면", "리", "동", "가",
)  # fmt: skip
_PROVINCE_HALVES = ("북도", "남도")
_NATURAL_FEATURES = ("강", "봉", "령")


def _generics(layout: _Layout) -> list[tuple[str, str]]:
    """(generic part, separator) pairs in the order they are tried (longest first)."""
    pairs = [("산맥", layout.mountain_range)]
    if layout.province_split:
        pairs += [(g, layout.admin) for g in _PROVINCE_HALVES]
    pairs += [(g, layout.admin) for g in _ADMIN_UNITS]
    pairs += [(g, layout.feature) for g in _NATURAL_FEATURES]
    if layout.mountain is not None:
        pairs.append(("산", layout.mountain))
    return pairs


def _split_place(word: str, layout: _Layout) -> tuple[str, str, str] | None:
    """(specific part, generic part, separator) of one Hangul word, or None."""
    for generic, separator in _generics(layout):
        # A one-syllable specific part is too often the whole name (강동, 초도): leave it joined.
        if word.endswith(generic) and len(word) >= len(generic) + 2:
            return word[: -len(generic)], generic, separator
    return None


# ko-pron hyphenates every junction RR's rule 3.1 allows (jung-ang, ban-gudae, hae-undae);
# gazetteers keep the hyphen only where a vowel follows that could be misread, not before y or w
# (Pyeongyang). Titles and running text are written without it.
_RR_NEEDLESS_HYPHEN = re.compile(r"-(?=[yw])")


def _rr_place_part(word: str) -> str:
    """RR of one part of a place name, with the hyphens that prevent a misreading."""
    out = ko_pron_said(word, "rr", pronounced(word, System.RR))
    return _RR_NEEDLESS_HYPHEN.sub("", out)


def _dprk_generic(generic: str) -> str:
    """A generic part in the DPRK system: written as it sounds after a vowel (gang, bong, dong)."""
    return dprk_word("아" + generic)[1:]


def _joined(specific: str, generic: str, base: System) -> str:
    """Specific and generic part as one word."""
    if base is System.MR:
        return syllable_word(specific + generic, base)
    if base is System.RR:  # one word, sound changes and all (Daegwallyeong)
        return _rr_place_part(specific + generic)
    # No sound change in the suffix, but ㄴ before ㄱ is n-g as everywhere (Chŏngchŏn-gang).
    n_g = decompose(specific[-1])[2] == 4 and decompose(generic[0])[0] == 0
    return syllable_word(specific, base) + ("-" if n_g else "") + _dprk_generic(generic)


def _hyphenated(specific: str, generic: str, base: System, layout: _Layout) -> str:
    """Specific-generic, the sound change at the hyphen written as the system prescribes."""
    if base is System.MR:
        return mr_hyphenated(specific, generic, liaison=layout.liaison)
    if base is System.RR:  # RR §3 (5): assimilation across the hyphen is not written
        return f"{_rr_place_part(specific)}-{syllable_word(generic, base)}"
    return f"{syllable_word(specific, base)}-{_dprk_generic(generic)}"


def _spaced(specific: str, generic: str, base: System) -> str:
    """Specific and generic part as two words, each romanized alone."""
    first = _rr_place_part(specific) if base is System.RR else syllable_word(specific, base)
    return f"{first} {syllable_word(generic, base)}"


def _place_word(word: str, system: System, convention: Convention) -> str:
    syllables_only = bool(SYLLABLES.fullmatch(word))
    if syllables_only and south_spelled(system, convention):
        word = initial_sound_law(word)
    layout = _layout(system, convention)
    # A word the lexicon knows is one word (왕십리 is a name, not a 리): no generic split.
    lexical = syllables_only and pronounced(word, system) is not None
    split = _split_place(word, layout) if syllables_only and not lexical else None
    if split is None:
        if system is System.RR and syllables_only:
            return _rr_place_part(word)
        return romanize(word, system, convention)
    specific, generic, separator = split
    base = base_of(system)
    if separator == "-":
        out = _hyphenated(specific, generic, base, layout)
    elif separator == " ":
        out = _spaced(specific, generic, base)
    else:
        out = _joined(specific, generic, base)
    return out.translate(ASCII_FOLD) if system in ASCII_BASE else out


def romanize_place(text: str, system: System, convention: Convention = Convention.DEFAULT) -> str:
    """A place name as gazetteers write it: the generic part (-do, -gun, -ri, river, mountain)
    hyphenated, joined or spaced as `convention` prescribes (lower case; other characters kept).

    >>> romanize_place("대동강", System.MR)
    'taedong-gang'
    >>> romanize_place("충청남도", System.RR)
    'chungcheongnam-do'
    >>> romanize_place("압록강", System.DPRK)
    'amrokgang'
    >>> romanize_place("경상북도", System.MR, Convention.ALA_LC)
    'kyŏngsang-bukto'
    >>> romanize_place("묘향산", System.MR, Convention.BGN_PCGN)
    'myohyang-san'
    >>> romanize_place("낙동강", System.MR, Convention.ALA_LC)
    'naktonggang'
    """
    system = System(system)
    convention = Convention(convention)
    return re.sub(r"\S+", lambda m: _place_word(m.group(), system, convention), text)
