"""Pronunciations the spelling does not show: the sourced lexicon's, else a rule of the South's
Standard Pronunciation (and for ㄺ the DPRK's norm too) that ko-pron does not apply: §11's ㄺ
before ㄱ, §20's exception."""

from __future__ import annotations

from dprkfilm_graph.korean.hangul import (
    NIEUN_FINAL,
    NIEUN_INITIAL,
    RIEUL_FINAL,
    compose,
    decompose,
)
from dprkfilm_graph.korean.pronunciation import spoken
from dprkfilm_graph.korean.romanize.systems import System, base_of

# Standard Pronunciation §20, exception: a Sino-Korean element beginning with ㄹ that is added to
# a word of two or more syllables ending in ㄴ is said with ㄴ, not ㄹ (의견란 [의견난], 생산량
# [생산냥], 이원론 [이원논], 입원료 [이붠뇨], 횡단로 [횡단노]); inside a word the ㄴ becomes ㄹ
# (신라 [실라], 대관령 [대괄령]). 령 is left out: 동원령 (令) and 대관령 (嶺) are spelled alike.
_RULE_20_ELEMENTS = frozenset("란량력론료례류로")


def _rule_20(word: str) -> str | None:
    """The pronunciation §20's exception gives `word`, if it applies."""
    if len(word) < 3 or word[-1] not in _RULE_20_ELEMENTS:
        return None
    if decompose(word[-2])[2] != NIEUN_FINAL:
        return None
    _, vowel, final = decompose(word[-1])
    return word[:-1] + compose(NIEUN_INITIAL, vowel, final)


# A final ㄺ is said [ㄱ] before a consonant (닭 [닥], 흙과 [흑꽈]), but a verb stem's ㄺ is said
# [ㄹ] before ㄱ, which is tensed: the South's Standard Pronunciation §11 and §23 (맑게 [말께],
# 묽고 [물꼬], 얽거나 [얼꺼나]) and the DPRK's norm alike (Chosŏnmal kyubŏmjip: 맑게 [말께], 굵게
# [굴께], 읽기 [일끼]). ko-pron says [말게] for all, so the rule is applied here. Stems are told
# from nouns by the nouns: few end in ㄺ (닭, 까닭, 흙, 칡, 삵, 기슭).
_RIEUL_KIYEOK, _KIYEOK_FINAL, _KIYEOK_INITIAL, _SSANGKIYEOK_INITIAL = 9, 1, 0, 1
_RIEUL_KIYEOK_NOUNS = frozenset("닭흙칡삵슭")


def _rieul_kiyeok(word: str, *, tensed: bool) -> str:
    """`word` with each ㄺ before ㄱ as it is said (unchanged if it has none); the ㄱ tensed, or
    left lax for a system that writes no tension but a compound's."""
    out = list(word)
    for i in range(len(word) - 1):
        initial, vowel, final = decompose(word[i])
        nxt_initial, nxt_vowel, nxt_final = decompose(word[i + 1])
        if final != _RIEUL_KIYEOK or nxt_initial != _KIYEOK_INITIAL:
            continue
        said = _KIYEOK_FINAL if word[i] in _RIEUL_KIYEOK_NOUNS else RIEUL_FINAL
        out[i] = compose(initial, vowel, said)
        if tensed:
            out[i + 1] = compose(_SSANGKIYEOK_INITIAL, nxt_vowel, nxt_final)
    return "".join(out)


def pronounced(word: str, system: System) -> str | None:
    """The pronunciation of a whole word where the spelling does not show it: the lexicon's, in
    the norms the system follows, else what the rules above say (§20's exception for MR and RR
    only: the DPRK system writes ㄴㄹ as spelled). The DPRK system writes tension only where a
    compound makes it, so its ㄺ before ㄱ comes without the tension (맑게 malge)."""
    dprk = base_of(system) is System.DPRK
    # MR and RR follow the South's Standard Pronunciation; the DPRK system its own norm first.
    entry = spoken(word, ("ko-KP", "ko-KR") if dprk else ("ko-KR",))
    if entry is not None:
        return entry.pronunciation
    said = _rieul_kiyeok(word, tensed=not dprk)
    if not dprk:
        said = _rule_20(said) or said
    return None if said == word else said
