"""What the ALA-LC table does beyond MR's letters: DPRK spellings as the South spells them and
numerals divided as its word-division rules show."""

from __future__ import annotations

from dprkfilm_graph.korean.hangul import NIEUN_INITIAL, RIEUL_INITIAL, compose, decompose
from dprkfilm_graph.korean.romanize.systems import Convention, System, base_of

# Vowels before which the initial-sound law drops ㄹ and ㄴ (ㅑ ㅒ ㅕ ㅖ ㅛ ㅠ ㅣ).
_I_Y_VOWELS = frozenset({2, 3, 6, 7, 12, 17, 20})


# First syllables the initial-sound law changes: Sino-Korean readings beginning with ㄹ or with ㄴ
# before i or y. Left out as too often the start of a loanword: 라 (라디오, 라면), 뉴 (뉴스),
# 니 (니켈); 레 and the like are no Sino-Korean reading at all (레슬링).
_SINO_KOREAN_RL = frozenset(
    "락란랄람랍랑래랭략량려력련렬렴렵령례로록론롱뢰료룡루류륙륜률륭륵름릉리린림립녀녁년념녕뇨닉"
)


def initial_sound_law(word: str) -> str:
    """The word as the South spells its first syllable (두음 법칙): ㄹ is ㄴ, and ㄹ or ㄴ before
    i or y is dropped (로동 → 노동, 력사 → 역사, 녀성 → 여성). The ALA-LC table romanizes DPRK
    spellings so, which puts a North Korean title beside its South Korean spelling in a catalogue.
    The law is one of Sino-Korean words: a one-syllable word (a particle: 를, 로, 란) and a first
    syllable that is no Sino-Korean reading (a loanword) are left as spelled.
    """
    if len(word) < 2 or word[0] not in _SINO_KOREAN_RL:
        return word
    initial, vowel, final = decompose(word[0])
    if initial == RIEUL_INITIAL:
        initial = 11 if vowel in _I_Y_VOWELS else NIEUN_INITIAL
    elif initial == NIEUN_INITIAL and vowel in _I_Y_VOWELS:
        initial = 11
    else:
        return word
    return compose(initial, vowel, final) + word[1:]


# Sino-Korean numerals written out (육 and the DPRK's 륙 alike). A group is a digit and its unit
# (구백, 구십) or a unit alone (천); 만 억 조 multiply the group before them and start none.
_NUMERAL_DIGITS = frozenset("일이삼사오육륙칠팔구")
_NUMERAL_UNITS = frozenset("십백천만억조")
_NUMERALS = _NUMERAL_DIGITS | _NUMERAL_UNITS
_NUMERAL_GROUP_STARTS = _NUMERAL_DIGITS | frozenset("십백천")


def numeral_groups(word: str) -> list[str]:
    """`word` divided as the ALA-LC table divides a numeral written in Hangul: a hyphen after
    each unit that another group follows, the last digit joined to what comes after it (천구백구십
    육년 Ch'ŏn-kubaek-kusip-yungnyŏn, 이십일세기 Isip-ilsegi; 삼십분 samsippun, no group after
    십). Only a run of three or more numeral syllables is divided, so that words which merely
    look like two (만일 "if", 십이지 "the zodiac", 천리마) stay whole."""
    run = 0
    while run < len(word) and word[run] in _NUMERALS:
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


def south_spelled(system: System, convention: Convention) -> bool:
    """Whether words are romanized as the South spells them (ALA-LC, for MR only)."""
    return convention is Convention.ALA_LC and base_of(system) is System.MR
