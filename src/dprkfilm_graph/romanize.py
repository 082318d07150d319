"""Hangul → McCune-Reischauer, Revised Romanization and the DPRK's own system.

Titles and names reach users in any of these spellings, so the graph carries each one (as generated
labels) and matching compares them. ko-pron (a port of Wiktionary's module) already applies the
sound changes for MR and RR; the DPRK system (1992, revised 2002 and 2012) has no library, so it is
written here from the system's own table of junctions (final consonant x next initial), which
differs from MR in more than letters: ㄹ after a consonant stays r (압록 Amrok), ㄴㄹ is nr
(은률 Ŭnryul), ㄹㄹ is lr, and tension is written only where a compound makes it (2012).

Words whose pronunciation the spelling does not show (compounds, the examples the systems' own
texts give) are romanized from their pronunciation in `pronunciation.py`'s sourced lexicon; each
system writes what it writes of it (RR no tension, MR tension as a voiceless letter, the DPRK system
tension doubled after a vowel).

Every function is total: non-Hangul characters pass through unchanged, output holds no Hangul, and
nothing raises on any `str`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

from ko_pron import romanise as _ko_pron

from dprkfilm_graph.namespaces import TAG_DPRK, TAG_MR, TAG_RR
from dprkfilm_graph.pronunciation import spoken

__all__ = [
    "TAGS",
    "Convention",
    "System",
    "romanize",
    "romanize_all",
    "romanize_name",
    "romanize_place",
]


class System(str, Enum):  # noqa: UP042 - the published API is a str Enum
    """A romanization system; the value is the name used on the command line."""

    MR = "mr"
    MR_ASCII = "mr-ascii"
    RR = "rr"
    DPRK = "dprk"
    DPRK_ASCII = "dprk-ascii"


class Convention(str, Enum):  # noqa: UP042 - a str Enum like System
    """A published authority's practice of McCune-Reischauer: where the generic part of a place
    name (-do, -gun, -ri, river, mountain) goes and how a province splits (-bukto or buk-to);
    ALA-LC also romanizes DPRK spellings as the South spells them (로동 nodong), in any text.

    The letters are always the system's. Each convention is that of MR (MR, MR_ASCII);
    RR and the DPRK system follow their own national rules whatever the convention. See
    docs/romanization.md.
    """

    DEFAULT = "default"  # per-system gazetteer practice, see _DEFAULT_LAYOUT
    BGN_PCGN = "bgn-pcgn"  # BGN/PCGN MR for the DPRK: every generic hyphenated, -bukto
    ALA_LC = "ala-lc"  # ALA-LC 2009: jurisdictions hyphenated (-bukto), features joined


# Language tag per system. MR_ASCII and DPRK_ASCII are lossy renderings (breves dropped), not
# systems of their own: no tag, so nothing tags a breve-less form as if it were the system's.
TAGS: dict[System, str] = {System.MR: TAG_MR, System.RR: TAG_RR, System.DPRK: TAG_DPRK}

# The system whose letters an ASCII rendering folds.
_BASE: dict[System, System] = {System.MR_ASCII: System.MR, System.DPRK_ASCII: System.DPRK}


def _base(system: System) -> System:
    """The full system behind a rendering (MR for MR_ASCII, DPRK for DPRK_ASCII), else itself."""
    return _BASE.get(system, system)


# Everything Unicode files under the Hangul script: syllables, conjoining jamo (modern and
# archaic), compatibility and half-width jamo, parenthesised and circled Hangul, tone marks.
_HANGUL_CLASS = (
    "\u1100-\u11ff\u302e\u302f\u3131-\u318e\u3200-\u321e\u3260-\u327e"
    "\ua960-\ua97c\uac00-\ud7a3\ud7b0-\ud7c6\ud7cb-\ud7fb\uffa0-\uffbe\uffc2-\uffc7"
    "\uffca-\uffcf\uffd2-\uffd7\uffda-\uffdc"
)
_HANGUL_RUN = re.compile(f"[{_HANGUL_CLASS}]+")
_SYLLABLES = re.compile("[\uac00-\ud7a3]+")


def _words(text: str) -> tuple[str, ...]:
    """A table written as space-separated words (one per jamo, in jamo order)."""
    return tuple(text.split())


_S_BASE, _N_INITIAL, _N_VOWEL, _N_FINAL = 0xAC00, 19, 21, 28

# Initials in jamo order ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ.
_DPRK_INITIAL = _words("k kk n t tt r m p pp s ss - j jj ch kh th ph h")
_DPRK_VOICED = {0: "g", 3: "d", 7: "b"}
# Vowels in jamo order ㅏ ㅐ ㅑ ㅒ ㅓ ㅔ ㅕ ㅖ ㅗ ㅘ ㅙ ㅚ ㅛ ㅜ ㅝ ㅞ ㅟ ㅠ ㅡ ㅢ ㅣ
# (ㅚ is oi since 2012).
_DPRK_VOWEL = _words("a ae ya yae ŏ e yŏ ye o wa wae oi yo u wŏ we wi yu ŭ ŭi i")
# Finals in jamo order (index 0 = none), reduced to the seven sounds a syllable can end in.
_FINAL_SOUND = (
    "",
    "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l",
    "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t",
)  # fmt: skip
_RESONANT_FINALS = {"n", "l", "m", "ng"}
_LAX_INITIALS = {0: 1, 3: 4, 7: 8, 9: 10, 12: 13}  # lax → its tense partner

# Lone jamo (compatibility letters ㄱ…ㅣ), romanized as the sound they stand for.
_COMPAT_CONSONANTS = "ㄱㄲㄳㄴㄵㄶㄷㄸㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅃㅄㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_COMPAT_ROMAN: dict[System, tuple[str, ...]] = {
    System.MR: _words(
        "k kk ks n nj nh t tt r lg lm lb ls lt lp lh m p pp ps s ss ng ch tch ch' k' t' p' h"
    ),
    System.RR: _words(
        "g kk gs n nj nh d tt r lg lm lb ls lt lp lh m b pp bs s ss ng j jj ch k t p h"
    ),
    System.DPRK: _words(
        "k kk ks n nj nh t tt r lg lm lb ls lt lp lh m p pp ps s ss ng j jj ch kh th ph h"
    ),
}
_COMPAT_VOWELS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_VOWEL_ROMAN: dict[System, tuple[str, ...]] = {
    System.MR: _words("a ae ya yae ŏ e yŏ ye o wa wae oe yo u wŏ we wi yu ŭ ŭi i"),
    System.RR: _words("a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i"),
    System.DPRK: tuple(_DPRK_VOWEL),
}

_ASCII_FOLD = str.maketrans({"ŏ": "o", "Ŏ": "O", "ŭ": "u", "Ŭ": "U", "ë": "e", "Ë": "E", "'": ""})


def _decompose(syllable: str) -> tuple[int, int, int]:
    """(initial, vowel, final) indices of one precomposed syllable."""
    index = ord(syllable) - _S_BASE
    return (
        index // (_N_VOWEL * _N_FINAL),
        (index % (_N_VOWEL * _N_FINAL)) // _N_FINAL,
        index % _N_FINAL,
    )


def _ko_pron_word(word: str, code: str, com: tuple[int, ...] = ()) -> str | None:
    """ko-pron on one word of syllables; None when it fails so a fallback can take over.

    `com`: syllables after which a compound tenses the next consonant (ko-pron's own hint; MR
    writes that tension as a voiceless letter, munpŏp)."""
    try:
        out = _ko_pron(word, code, com=list(com)) if com else _ko_pron(word, code)
    except Exception:  # a gap in a third-party table must not reach the caller
        return None
    return out if isinstance(out, str) else None


# Finals before a vowel: liaison carries them over (both letters of a cluster are written).
_DPRK_LIAISON = _words("- g kk ks n nj n d r lg lm lb ls lth lph r m b ps s ss NG j ch kh th ph -")
# Finals before a consonant or at the end of a word: the seven sounds (ㄺ → k, ㄼ → l, ...).
_DPRK_CODA = _words("- k k k n n n t l k m l l l p l m p p t t ng t t k t p t")
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


_RIEUL_INITIAL, _RIEUL_FINAL, _NIEUN_INITIAL, _NIEUN_FINAL = 5, 8, 2, 4


# Standard Pronunciation §20, exception: a Sino-Korean element beginning with ㄹ that is added to
# a word of two or more syllables ending in ㄴ is said with ㄴ, not ㄹ (의견란 [의견난], 생산량
# [생산냥], 이원론 [이원논], 입원료 [이붠뇨], 횡단로 [횡단노]); inside a word the ㄴ becomes ㄹ
# (신라 [실라], 대관령 [대괄령]). 령 is left out: 동원령 (令) and 대관령 (嶺) are spelled alike.
_RULE_20_ELEMENTS = frozenset("란량력론료례류로")


def _rule_20(word: str) -> str | None:
    """The pronunciation §20's exception gives `word`, if it applies."""
    if len(word) < 3 or word[-1] not in _RULE_20_ELEMENTS:
        return None
    if _decompose(word[-2])[2] != _NIEUN_FINAL:
        return None
    _, vowel, final = _decompose(word[-1])
    return word[:-1] + _compose(_NIEUN_INITIAL, vowel, final)


# Standard Pronunciation §11: a final ㄺ is said [ㄱ] before a consonant (닭 [닥], 흙과 [흑꽈]),
# but a verb stem's ㄺ is said [ㄹ] before ㄱ (맑게 [말께], 묽고 [물꼬], 얽거나 [얼꺼나]); §23
# tenses the ㄱ either way. ko-pron says [말게] for all, so the rule is applied here. Stems are
# told from nouns by the nouns: few end in ㄺ (닭, 까닭, 흙, 칡, 삵, 기슭).
_RIEUL_KIYEOK, _KIYEOK_FINAL, _KIYEOK_INITIAL, _SSANGKIYEOK_INITIAL = 9, 1, 0, 1
_RIEUL_KIYEOK_NOUNS = frozenset("닭흙칡삵슭")


def _rule_11(word: str) -> str:
    """`word` as §11 and §23 say a ㄺ before ㄱ (unchanged if it has none)."""
    out = list(word)
    for i in range(len(word) - 1):
        initial, vowel, final = _decompose(word[i])
        nxt_initial, nxt_vowel, nxt_final = _decompose(word[i + 1])
        if final != _RIEUL_KIYEOK or nxt_initial != _KIYEOK_INITIAL:
            continue
        said = _KIYEOK_FINAL if word[i] in _RIEUL_KIYEOK_NOUNS else _RIEUL_FINAL
        out[i] = _compose(initial, vowel, said)
        out[i + 1] = _compose(_SSANGKIYEOK_INITIAL, nxt_vowel, nxt_final)
    return "".join(out)


def _pronounced(word: str, system: System) -> str | None:
    """The pronunciation of a whole word where the spelling does not show it: the lexicon's, in
    the norms the system follows, else, for MR and RR, what §11 and §20's exception of the
    South's Standard Pronunciation say (the DPRK system writes ㄴㄹ as spelled, and its norm says
    ㄺ [ㄱ] before any consonant, as the DPRK romanizer already does)."""
    dprk = _base(system) is System.DPRK
    # MR and RR follow the South's Standard Pronunciation; the DPRK system its own norm first.
    entry = spoken(word, ("ko-KP", "ko-KR") if dprk else ("ko-KR",))
    if entry is not None:
        return entry.pronunciation
    if dprk:
        return None
    said = _rule_11(word)
    said = _rule_20(said) or said
    return None if said == word else said


def _compose(initial: int, vowel: int, final: int) -> str:
    return chr(_S_BASE + (initial * _N_VOWEL + vowel) * _N_FINAL + final)


def _compound_tension(spelling: str, pron: str) -> tuple[int, ...]:
    """Syllables whose consonant the pronunciation tenses where the spelling writes it lax."""
    return tuple(
        i
        for i, (written, said) in enumerate(zip(spelling, pron, strict=True))
        if _LAX_INITIALS.get(_decompose(written)[0]) == _decompose(said)[0]
    )


def _untensed(spelling: str, pron: str, tensed: tuple[int, ...]) -> str:
    """The pronunciation with compound tension (at `tensed`) taken out again, for ko-pron."""
    out = []
    for i, (written, said) in enumerate(zip(spelling, pron, strict=True)):
        if i in tensed:
            _, vowel, final = _decompose(said)
            said = _compose(_decompose(written)[0], vowel, final)
        out.append(said)
    return "".join(out)


def _ko_pron_said(word: str, code: str, pron: str | None) -> str:
    """ko-pron (MR or RR) on `word` as it is said: RR does not write compound tension, MR writes
    it through ko-pron's own hint (a voiceless letter); syllable by syllable if ko-pron fails."""
    text = word
    com: tuple[int, ...] = ()
    if pron is not None:
        tensed = _compound_tension(word, pron)
        text = _untensed(word, pron, tensed)
        if code == "mr":  # ko-pron's hint names the syllable before the tensed one
            com = tuple(i - 1 for i in tensed if i > 0)
    out = _ko_pron_word(text, code, com)
    if out is None:
        out = "".join(_ko_pron_word(s, code) or "" for s in text)
    return out


def _dprk_onset(initial: int, voiced: bool) -> str:
    """An initial consonant; lax ㄱ ㄷ ㅂ are g d b after a vowel or a resonant (ㄴ ㄹ ㅁ ㅇ)."""
    if voiced and initial in _DPRK_VOICED:
        return _DPRK_VOICED[initial]
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
    return coda + _dprk_onset(initial, voiced=coda in _RESONANT_FINALS)


def _dprk_compound_junction(
    said: tuple[int, int, int], next_said: int, written: tuple[int, int, int], next_written: int
) -> str | None:
    """A junction the pronunciation decides (2012 text), or None to use the table.

    Tension made by a compound is written doubled after a vowel (기대산 Kittaesan) and as the
    voiceless lax letter after a consonant (물곬 Mulkol); ㄴㄹ or ㄴㄴ said as ll is written ll only
    where the lexicon gives it as long-standing usage (천리마 Chŏllima, 한나산 Hallasan).
    """
    if _LAX_INITIALS.get(next_written) == next_said:
        if said[2] == 0:
            return _DPRK_INITIAL[next_said]
        return _DPRK_CODA[said[2]] + _DPRK_INITIAL[next_written]
    if (said[2], next_said) == (_RIEUL_FINAL, _RIEUL_INITIAL) and (
        written[2] == _NIEUN_FINAL or next_written == _NIEUN_INITIAL
    ):
        return "ll"
    return None


def _dprk_word(word: str, pron: str | None = None) -> str:
    """One word of syllables in the DPRK system (1992, revised 2002 and 2012).

    Sound changes are written as the system's table prescribes: finals assimilate before
    resonants (백마 Paengma, 압록 Amrok), ㄹ after a consonant stays r, lax consonants are voiced
    between voiced sounds, ㅎ aspirates a following ㄱ ㄷ ㅈ. `pron`, a pronunciation from the
    lexicon, adds what the spelling does not show: compound tension and ㄴ (뒤문 Twinmun).
    """
    written = [_decompose(s) for s in word]
    syllables = [_decompose(s) for s in pron] if pron else written
    parts: list[str] = []
    for i, (initial, vowel, final) in enumerate(syllables):
        if i == 0:
            parts.append(_dprk_onset(initial, voiced=False))
        parts.append(_DPRK_VOWEL[vowel])
        if i + 1 < len(syllables):
            nxt_initial, nxt_vowel, _ = syllables[i + 1]
            decided = None
            if pron:
                decided = _dprk_compound_junction(
                    syllables[i], nxt_initial, written[i], written[i + 1][0]
                )
            if decided is None:
                decided = _dprk_junction(final, nxt_initial, _DPRK_VOWEL[nxt_vowel])
            parts.append(decided)
        else:
            coda = _DPRK_CODA[final]
            parts.append("" if coda == "-" else coda)
    return "".join(parts)


def _syllable_word(word: str, system: System, pron: str | None = None) -> str:
    """A word in one system (MR, RR or DPRK), with the system's sound changes.

    `pron`: the word's pronunciation, if known; by default the lexicon's for the whole word."""
    if pron is None:
        pron = _pronounced(word, system)
    if system is System.DPRK:
        return _dprk_word(word, pron)
    if system is System.DPRK_ASCII:
        return _dprk_word(word, pron).translate(_ASCII_FOLD)
    code = "mr" if system in (System.MR, System.MR_ASCII) else "rr"
    out = _ko_pron_said(word, code, pron)
    if system is System.RR:
        out = out.replace("-", "")
    elif system is System.MR_ASCII:
        out = out.translate(_ASCII_FOLD)
    return out


def _lone_jamo(char: str, system: System) -> str:
    """A letter standing alone (ㄱ, ㅏ, archaic jamo): its usual sound, or nothing."""
    base = _base(system)
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
    return out.translate(_ASCII_FOLD) if system in _BASE else out


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


# Vowels before which the initial-sound law drops ㄹ and ㄴ (ㅑ ㅒ ㅕ ㅖ ㅛ ㅠ ㅣ).
_I_Y_VOWELS = frozenset({2, 3, 6, 7, 12, 17, 20})


# First syllables the initial-sound law changes: Sino-Korean readings beginning with ㄹ or with ㄴ
# before i or y. Left out as too often the start of a loanword: 라 (라디오, 라면), 뉴 (뉴스),
# 니 (니켈); 레 and the like are no Sino-Korean reading at all (레슬링).
_SINO_KOREAN_RL = frozenset(
    "락란랄람랍랑래랭략량려력련렬렴렵령례로록론롱뢰료룡루류륙륜률륭륵름릉리린림립녀녁년념녕뇨닉"
)


def _initial_sound_law(word: str) -> str:
    """The word as the South spells its first syllable (두음 법칙): ㄹ is ㄴ, and ㄹ or ㄴ before
    i or y is dropped (로동 → 노동, 력사 → 역사, 녀성 → 여성). The ALA-LC table romanizes DPRK
    spellings so, which puts a North Korean title beside its South Korean spelling in a catalogue.
    The law is one of Sino-Korean words: a one-syllable word (a particle: 를, 로, 란) and a first
    syllable that is no Sino-Korean reading (a loanword) are left as spelled.
    """
    if len(word) < 2 or word[0] not in _SINO_KOREAN_RL:
        return word
    initial, vowel, final = _decompose(word[0])
    if initial == _RIEUL_INITIAL:
        initial = 11 if vowel in _I_Y_VOWELS else _NIEUN_INITIAL
    elif initial == _NIEUN_INITIAL and vowel in _I_Y_VOWELS:
        initial = 11
    else:
        return word
    return _compose(initial, vowel, final) + word[1:]


# Sino-Korean numerals written out (육 and the DPRK's 륙 alike). A group is a digit and its unit
# (구백, 구십) or a unit alone (천); 만 억 조 multiply the group before them and start none.
_NUMERAL_DIGITS = frozenset("일이삼사오육륙칠팔구")
_NUMERAL_UNITS = frozenset("십백천만억조")
_NUMERAL_GROUP_STARTS = _NUMERAL_DIGITS | frozenset("십백천")


def _numeral_groups(word: str) -> list[str]:
    """`word` divided as the ALA-LC table divides a numeral written in Hangul: a hyphen after
    each unit that another group follows, the last digit joined to what comes after it (천구백구십
    육년 Ch'ŏn-kubaek-kusip-yungnyŏn, 이십일세기 Isip-ilsegi; 삼십분 samsippun, no group after
    십). Only a run of three or more numeral syllables is divided, so that words which merely
    look like two (만일 "if", 십이지 "the zodiac", 천리마) stay whole."""
    run = 0
    while run < len(word) and word[run] in _NUMERAL_DIGITS | _NUMERAL_UNITS:
        run += 1
    if run < 3:
        return [word]
    groups: list[str] = []
    start = 0
    for i in range(run - 1):
        if word[i] in _NUMERAL_UNITS and word[i + 1] in _NUMERAL_GROUP_STARTS:
            groups.append(word[start : i + 1])
            start = i + 1
    groups.append(word[start:])
    return groups


def _south_spelled(system: System, convention: Convention) -> bool:
    """Whether words are romanized as the South spells them (ALA-LC, for MR only)."""
    return convention is Convention.ALA_LC and _base(system) is System.MR


def _romanize_run(run: str, system: System, convention: Convention) -> str:
    """A run of Hangul-script characters: normalise, then romanize word by word."""
    text = unicodedata.normalize("NFC", unicodedata.normalize("NFKC", run))
    out: list[str] = []
    pos = 0
    for match in _SYLLABLES.finditer(text):
        out.extend(_other(text[pos : match.start()], system))
        word = match.group()
        if _south_spelled(system, convention):
            # no sound change is shown across the hyphens (ALA-LC word division, numerals)
            groups = [_initial_sound_law(group) for group in _numeral_groups(word)]
            out.append("-".join(_syllable_word(group, system) for group in groups))
        else:
            out.append(_syllable_word(word, system))
        pos = match.end()
    out.extend(_other(text[pos:], system))
    return "".join(out)


def _other(text: str, system: System) -> list[str]:
    """Characters between syllable words inside a Hangul run (after normalisation)."""
    return [_lone_jamo(c, system) if _HANGUL_RUN.fullmatch(c) else c for c in text]


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
    return _HANGUL_RUN.sub(lambda m: _romanize_run(m.group(), system, convention), text)


def romanize_all(text: str) -> dict[System, str]:
    """`text` in every system, in the order of `System`."""
    return {system: romanize(text, system) for system in System}


# Two-syllable surnames; a longer name starting with one of these splits after two syllables.
_DOUBLE_SURNAMES = frozenset(
    {"남궁", "황보", "제갈", "선우", "독고", "사공", "서문", "동방", "어금", "망절", "司空"}
)


def _split_name(text: str) -> tuple[str, str] | None:
    """(surname, given name) of a Hangul personal name, or None if it is not one."""
    parts = text.split()
    if len(parts) >= 2 and all(_SYLLABLES.fullmatch(p) for p in parts):
        return parts[0], "".join(parts[1:])
    if len(parts) != 1 or not _SYLLABLES.fullmatch(parts[0]) or len(parts[0]) < 2:
        return None
    name = parts[0]
    if len(name) >= 3 and name[:2] in _DOUBLE_SURNAMES:
        return name[:2], name[2:]
    return name[:1], name[1:]


def _pseudonym(text: str) -> tuple[str, str] | None:
    """(pen name, personal name) of a name written after a pen name, as catalogues write it
    (율곡 이 이 Yulgok Yi I), else None: three or more words, the first of two or more syllables
    and no surname, the second a surname standing alone."""
    parts = text.split()
    if len(parts) < 3 or not all(_SYLLABLES.fullmatch(p) for p in parts):
        return None
    first, second = parts[0], parts[1]
    if len(first) < 2 or first in _DOUBLE_SURNAMES:
        return None
    if len(second) != 1 and second not in _DOUBLE_SURNAMES:
        return None
    return first, " ".join(parts[1:])


def _given_syllables(given: str, system: System) -> list[str]:
    """Syllables of a given name: no sound change across them except voicing (MR, DPRK)."""
    out: list[str] = []
    previous: str | None = None
    for syllable in given:
        form = romanize(syllable, system)
        if system is not System.RR and previous is not None:
            initial = _decompose(syllable)[0]
            if initial in _DPRK_VOICED and (previous == "" or previous in _RESONANT_FINALS):
                form = _DPRK_VOICED[initial] + form[1:]
            elif (
                initial == 12
                and system is not System.DPRK
                and (previous == "" or previous in _RESONANT_FINALS)
            ):
                form = "j" + form[2:]
        out.append(form)
        previous = _FINAL_SOUND[_decompose(syllable)[2]]
    return out


# Surnames MR writes by custom, not by letter: McCune and Reischauer's paper and the ALA-LC table
# write 李 Yi, in either spelling (이 in the South, 리 in the DPRK, where Ri is also usual).
_MR_SURNAMES: dict[str, tuple[str, ...]] = {"이": ("Yi",), "리": ("Ri", "Yi")}


def _mr_given_name(given: str) -> str:
    """A given name as McCune and Reischauer (1939) and the ALA-LC table write it: the sound
    changes between its syllables shown, a hyphen after the first (Sŏng-min 석민, Ch'ang-nyong
    창룡, Ch'ŏr-un 철운, Mog-wŏl 목월)."""
    if len(given) < 2:
        form = _syllable_word(given, System.MR)
    else:
        form = _mr_hyphenated(given[0], given[1:], liaison=True)
    return form[:1].upper() + form[1:]


def romanize_name(text: str, system: System) -> list[str]:
    """Usual forms of a Korean personal name, best first (surname, then given name).

    Given names take no sound change across syllables (only MR/DPRK voicing), as the systems
    prescribe for names; DPRK English practice splits the syllables ("Kim Jong Il").

    >>> romanize_name("마동희", System.MR)
    ['Ma Tong-hŭi', 'Ma Tonghŭi', 'Ma Tong Hŭi']
    >>> romanize_name("이석민", System.MR)[:2]
    ['Yi Sŏng-min', 'I Sŏng-min']
    """
    system = System(system)
    base = _base(system)
    pseudonym = _pseudonym(text)
    if pseudonym is not None:
        pen_name, name = pseudonym
        pen = romanize(pen_name, system)
        pen = pen[:1].upper() + pen[1:]
        return [f"{pen} {form}" for form in romanize_name(name, system)]
    split = _split_name(text.strip())
    if split is None:
        form = romanize(text, system)
        return [form[:1].upper() + form[1:]] if form else [form]
    surname, given = split
    family = romanize(surname, base)
    family = family[:1].upper() + family[1:]
    syllables = _given_syllables(given, base)
    first = syllables[0][:1].upper() + syllables[0][1:]
    rest = syllables[1:]
    joined = first + "".join(rest)
    hyphened = "-".join([first, *rest])
    spaced = " ".join(s[:1].upper() + s[1:] for s in syllables)
    if base is System.DPRK:
        forms = [spaced, hyphened, joined]
        forms = [f.translate(_ASCII_FOLD) for f in forms] + forms
    elif base is System.RR:
        forms = [joined, hyphened, spaced]
    else:
        forms = [_mr_given_name(given), hyphened, joined, spaced]
    family_forms = [family]
    if base is System.MR and surname in _MR_SURNAMES:
        family_forms = list(dict.fromkeys([*_MR_SURNAMES[surname], family]))
    if base is System.DPRK:
        family_forms = [family.translate(_ASCII_FOLD), family]
        # ㅚ is oi since 2012, but English practice keeps oe (Choe): offer both, system first.
        forms += [f.replace("oi", "oe") for f in forms if "oi" in f]
        family_forms += [f.replace("oi", "oe") for f in family_forms if "oi" in f]
    if system in _BASE:  # an ASCII rendering: only the folded forms, in the same order
        forms = list(dict.fromkeys(f.translate(_ASCII_FOLD) for f in forms))
        family_forms = list(dict.fromkeys(f.translate(_ASCII_FOLD) for f in family_forms))
    seen: dict[str, None] = {}
    for f in forms:
        for fam in family_forms:
            seen.setdefault(f"{fam} {f}", None)
    return list(seen)


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
    base = _base(system)
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
_MR_ONSETS = ("ch'", "k'", "t'", "p'", "ch")


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


def _mr_hyphenated(specific: str, generic: str, *, liaison: bool = False) -> str:
    """MR keeps the sound changes across the hyphen (Tŏkhŭng-ni, Yŏngjil-li, Amnok-kang);
    before a vowel-initial unit the final carries over only with `liaison` (P'yŏngt'aeg-ŭp)."""
    pron = _pronounced(specific, System.MR)
    whole = _syllable_word(specific + generic, System.MR, pron + generic if pron else None)
    alone = _syllable_word(generic, System.MR)
    initial = _decompose(generic[0])[0]
    if initial == 11 and not liaison:  # no liaison (Saebyŏl-ŭp)
        return f"{_syllable_word(specific, System.MR)}-{alone}"
    tail = alone[len(_mr_onset_of(alone)) :]
    if not whole.endswith(tail) or len(whole) == len(tail):
        return whole
    head = whole[: len(whole) - len(tail)]
    onset = next((o for o in _MR_ONSETS if head.endswith(o)), head[-1:])
    # The hyphen itself keeps n and g apart: MR's apostrophe (Tuman'gang) is not needed there.
    return f"{head[: len(head) - len(onset)].removesuffix(chr(39))}-{onset}{tail}"


def _mr_onset_of(form: str) -> str:
    """The onset letters MR writes for one consonant at the start of `form` (ch', k', ch, k)."""
    return next((o for o in _MR_ONSETS if form.startswith(o)), form[:1])


# ko-pron hyphenates every junction RR's rule 3.1 allows (jung-ang, ban-gudae, hae-undae);
# gazetteers keep the hyphen only where a vowel follows that could be misread, not before y or w
# (Pyeongyang). Titles and running text are written without it.
_RR_NEEDLESS_HYPHEN = re.compile(r"-(?=[yw])")


def _rr_place_part(word: str) -> str:
    """RR of one part of a place name, with the hyphens that prevent a misreading."""
    out = _ko_pron_said(word, "rr", _pronounced(word, System.RR))
    return _RR_NEEDLESS_HYPHEN.sub("", out)


def _dprk_generic(generic: str) -> str:
    """A generic part in the DPRK system: written as it sounds after a vowel (gang, bong, dong)."""
    return _dprk_word("아" + generic)[1:]


def _joined(specific: str, generic: str, base: System) -> str:
    """Specific and generic part as one word."""
    if base is System.MR:
        return _syllable_word(specific + generic, base)
    if base is System.RR:  # one word, sound changes and all (Daegwallyeong)
        return _rr_place_part(specific + generic)
    # No sound change in the suffix, but ㄴ before ㄱ is n-g as everywhere (Chŏngchŏn-gang).
    n_g = _decompose(specific[-1])[2] == 4 and _decompose(generic[0])[0] == 0
    return _syllable_word(specific, base) + ("-" if n_g else "") + _dprk_generic(generic)


def _hyphenated(specific: str, generic: str, base: System, layout: _Layout) -> str:
    """Specific-generic, the sound change at the hyphen written as the system prescribes."""
    if base is System.MR:
        return _mr_hyphenated(specific, generic, liaison=layout.liaison)
    if base is System.RR:  # RR §3 (5): assimilation across the hyphen is not written
        return f"{_rr_place_part(specific)}-{_syllable_word(generic, base)}"
    return f"{_syllable_word(specific, base)}-{_dprk_generic(generic)}"


def _spaced(specific: str, generic: str, base: System) -> str:
    """Specific and generic part as two words, each romanized alone."""
    first = _rr_place_part(specific) if base is System.RR else _syllable_word(specific, base)
    return f"{first} {_syllable_word(generic, base)}"


def _place_word(word: str, system: System, convention: Convention) -> str:
    syllables_only = bool(_SYLLABLES.fullmatch(word))
    if syllables_only and _south_spelled(system, convention):
        word = _initial_sound_law(word)
    layout = _layout(system, convention)
    # A word the lexicon knows is one word (왕십리 is a name, not a 리): no generic split.
    lexical = syllables_only and _pronounced(word, system) is not None
    split = _split_place(word, layout) if syllables_only and not lexical else None
    if split is None:
        if system is System.RR and syllables_only:
            return _rr_place_part(word)
        return romanize(word, system, convention)
    specific, generic, separator = split
    base = _base(system)
    if separator == "-":
        out = _hyphenated(specific, generic, base, layout)
    elif separator == " ":
        out = _spaced(specific, generic, base)
    else:
        out = _joined(specific, generic, base)
    return out.translate(_ASCII_FOLD) if system in _BASE else out


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
