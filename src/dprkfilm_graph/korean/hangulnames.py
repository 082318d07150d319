"""A Korean name in Latin letters -> the Hangul names it can stand for, and their usual spellings.

Why: Wikidata may hold a person only under 마동희, or under "Ma Tong-hŭi", while a source prints
"Ma Dong Hui". Searching needs the other spellings, and they can be derived: a Korean name is a
surname from a short list, then given-name syllables from a known inventory (the 2,350 syllables
of KS X 1001, the Hangul every Korean system encodes), each syllable written a few known ways
(McCune–Reischauer with or without its marks, Revised Romanization, the DPRK system, their
voiced forms inside a name). Reading the Latin back syllable by syllable gives a handful of
Hangul candidates; romanizing those gives the spellings other sources use.

A name whose first word is no Korean surname ("Remco Breuker") yields no candidate.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from itertools import product

from dprkfilm_graph.korean.hangul import all_syllables, decompose
from dprkfilm_graph.korean.romanize import System, romanize, romanize_name
from dprkfilm_graph.korean.surnames import HANGUL_SURNAMES

# How many Hangul candidates a name yields at most (the likeliest first).
LIMIT = 8
# A reading costs this much when it rests on a dropped apostrophe (k'il read as kil).
_LOOSE = 1
_SYSTEMS = (System.MR, System.RR, System.DPRK)
_APOSTROPHES = "’‘ʼʻ`´"
_VOICED = {"k": "g", "t": "d", "p": "b", "ch": "j"}
# Surname spellings no system gives (or gives for another surname), as people write them.
_CONVENTIONAL_TABLE = """
lee 이 리, rhee 이 리, yi 이 리, ri 리 이, li 리 이, park 박, choi 최, jung 정, chung 정
cheong 정, joung 정, yoon 윤, yoo 유, you 유, ryu 류 유, ryoo 류 유, shin 신, lim 임 림
rim 림 임, im 임 림, oh 오, noh 노 로, roh 노 로, ro 로 노, ghang 강, jun 전, chun 전 천
chon 전 천, jon 전, koh 고, suh 서, ahn 안, kwun 권, hahn 한, moon 문, bae 배, pae 배
baek 백, back 백, paek 백, hyun 현, hyon 현, gim 김, chae 채, chai 채, um 엄, eom 엄
om 엄, ryom 렴 염, yom 염 렴, yeom 염 렴, ryang 량 양, yang 양 량, ryo 려 여, rho 노 로
"""
# Given-name syllables as people spell them where no system does (Kim Hyun Hee 김현희).
_CONVENTIONAL_SYLLABLES = """
hee 희, soo 수, joo 주, woo 우, sook 숙, young 영, hoon 훈, chul 철, jung 정, kyung 경,
sung 성, hyun 현, yeon 연, yun 윤 연, sun 선, soon 순, moon 문, won 원, bok 복, ryong 룡 용
"""
_CONVENTIONAL = {
    row.split()[0]: tuple(row.split()[1:])
    for row in _CONVENTIONAL_TABLE.replace("\n", ",").split(",")
    if row.strip()
}


def _plain(text: str) -> str:
    """Lower case, no diacritics; apostrophes kept as ' (they tell aspiration in MR)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    out = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    for mark in _APOSTROPHES:
        out = out.replace(mark, "'")
    return out


def _marked(text: str) -> str:
    """Lower case with MR's breves kept (ŏ, ŭ tell other vowels than o, u)."""
    out = unicodedata.normalize("NFC", text.casefold())
    for mark in _APOSTROPHES:
        out = out.replace(mark, "'")
    return out


def _rare_final(syllable: str) -> bool:
    """A final other than none or ㄱ ㄴ ㄹ ㅁ ㅂ ㅇ: hardly ever in a name's syllable."""
    return decompose(syllable)[2] not in (0, 1, 4, 8, 16, 17, 21)


def _forms(syllable: str) -> dict[str, int]:
    """Latin forms of one syllable -> the cost of reading it back (0 exact, 1 loose)."""
    out: dict[str, int] = {}

    def add(form: str, cost: int) -> None:
        if form and cost < out.get(form, 99):
            out[form] = cost

    extra = 2 if _rare_final(syllable) else 0
    for system in _SYSTEMS:
        marked = _marked(romanize(syllable, system))
        form = _plain(marked)
        base = extra  # breves dropped cost nothing: DPRK English practice drops them
        add(marked, extra)
        add(form, base)
        add(form.replace("'", ""), base + (_LOOSE if "'" in form else 0))
        for plain, voiced in _VOICED.items():
            if form.startswith(plain) and not form[len(plain) :].startswith(("'", "h")):
                add(voiced + form[len(plain) :], base)
        if system is System.MR and "ŏ" in marked:  # the conventional u for ㅓ: Kim Il Sung 성
            add(form.replace("'", "").replace("o", "u"), base + _LOOSE)
    return out


@cache
def _inventory() -> dict[str, dict[str, int]]:
    """Latin form -> {syllable: cost} over the KS X 1001 syllables."""
    index: dict[str, dict[str, int]] = {}
    for syllable in all_syllables():
        try:
            syllable.encode("euc-kr")
        except UnicodeEncodeError:
            continue
        for form, cost in _forms(syllable).items():
            index.setdefault(form, {})[syllable] = cost
    for form, syllables in _conventional(_CONVENTIONAL_SYLLABLES).items():
        for syllable in syllables:
            index.setdefault(form, {}).setdefault(syllable, _LOOSE)
    return index


def _conventional(table: str) -> dict[str, tuple[str, ...]]:
    rows = (row.split() for row in table.replace("\n", ",").split(",") if row.strip())
    return {row[0]: tuple(row[1:]) for row in rows}


@cache
def _surname_index() -> dict[str, dict[str, int]]:
    index: dict[str, dict[str, int]] = {}
    for surname in HANGUL_SURNAMES:
        forms: dict[str, int] = {}
        for system in _SYSTEMS:
            form = _plain(romanize(surname, system))
            forms[form] = 0
            forms.setdefault(form.replace("'", ""), _LOOSE if "'" in form else 0)
            for full in romanize_name(surname + "가", system):  # the surname as names write it
                first = _plain(full.split()[0])
                forms.setdefault(first, 0)
                forms.setdefault(first.replace("'", ""), _LOOSE if "'" in first else 0)
        for form, cost in forms.items():
            index.setdefault(form, {})[surname] = cost
    for form, surnames in _CONVENTIONAL.items():
        for rank, surname in enumerate(surnames):
            index.setdefault(form, {}).setdefault(surname, rank)
    return index


def _segmentations(word: str) -> list[list[dict[str, int]]]:
    """Ways to split one Latin word into syllables of the inventory (each a reading table): a
    word that is one syllable is read as one; a joined given name ("Donghui") is split."""
    index = _inventory()
    if word in index:
        return [[index[word]]]
    memo: dict[int, list[list[dict[str, int]]]] = {len(word): [[]]}

    def rest(start: int) -> list[list[dict[str, int]]]:
        if start in memo:
            return memo[start]
        found: list[list[dict[str, int]]] = []
        for end in range(start + 1, min(len(word), start + 7) + 1):
            readings = index.get(word[start:end])
            if readings:
                found += [[readings, *tail] for tail in rest(end)]
        memo[start] = found[:8]
        return memo[start]

    return rest(0)


_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")


def hangul_candidates(name: str, limit: int = LIMIT) -> tuple[str, ...]:
    """The Hangul names a romanized Korean name can stand for, likeliest first.

    >>> "마동희" in hangul_candidates("Ma Dong Hui")
    True
    >>> hangul_candidates("Remco Breuker")
    ()
    """
    words = _WORD.findall(_marked(name).replace("-", " "))
    words = [w.strip("'") for w in words if w.strip("'")]
    if len(words) < 2:
        return ()
    surnames = _surname_index().get(_plain(words[0]))
    if not surnames:
        return ()
    splits: list[list[dict[str, int]]] = [[]]
    for word in words[1:]:
        splits = [[*head, *tail] for head in splits for tail in _segmentations(word)][:16]
    choices: dict[str, int] = {}
    for split in splits:
        if not 1 <= len(split) <= 3:
            continue
        tables = [sorted(surnames.items(), key=lambda kv: (kv[1], kv[0]))]
        tables += [sorted(t.items(), key=lambda kv: (kv[1], kv[0])) for t in split]
        for combo in product(*(t[:6] for t in tables)):
            text = "".join(s for s, _ in combo)
            cost = sum(c for _, c in combo)
            if cost < choices.get(text, 99):
                choices[text] = cost
    ranked = sorted(choices.items(), key=lambda kv: (kv[1], kv[0]))
    return tuple(text for text, _ in ranked[:limit])


def spellings(hangul: str) -> tuple[str, ...]:
    """The usual Latin spellings of a Hangul name (MR with and without marks, RR, DPRK)."""
    forms: dict[str, None] = {}
    for system in (System.MR, System.MR_ASCII, System.RR, System.DPRK, System.DPRK_ASCII):
        for form in romanize_name(hangul, system)[:3]:
            forms.setdefault(form, None)
    return tuple(forms)
