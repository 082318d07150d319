"""Korean personal names in the forms people use: surname first, the given name joined,
hyphenated or split into syllables, as each system and its usage write it."""

from __future__ import annotations

from dprkfilm_graph.korean.hangul import FINAL_SOUND, RESONANT_FINALS, SYLLABLES, decompose
from dprkfilm_graph.korean.romanize.dprk import DPRK_VOICED
from dprkfilm_graph.korean.romanize.mrhyphen import mr_hyphenated
from dprkfilm_graph.korean.romanize.systems import ASCII_BASE, ASCII_FOLD, System, base_of
from dprkfilm_graph.korean.romanize.words import romanize, syllable_word

# Two-syllable surnames; a longer name starting with one of these splits after two syllables.
_DOUBLE_SURNAMES = frozenset(
    {"남궁", "황보", "제갈", "선우", "독고", "사공", "서문", "동방", "어금", "망절", "司空"}
)


def _capital(form: str) -> str:
    """`form` with its first letter capitalised and the rest kept (str.capitalize lowers it)."""
    return form[:1].upper() + form[1:]


def _split_name(text: str) -> tuple[str, str] | None:
    """(surname, given name) of a Hangul personal name, or None if it is not one."""
    parts = text.split()
    if len(parts) >= 2 and all(SYLLABLES.fullmatch(p) for p in parts):
        return parts[0], "".join(parts[1:])
    if len(parts) != 1 or not SYLLABLES.fullmatch(parts[0]) or len(parts[0]) < 2:
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
    if len(parts) < 3 or not all(SYLLABLES.fullmatch(p) for p in parts):
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
            initial = decompose(syllable)[0]
            if initial in DPRK_VOICED and (previous == "" or previous in RESONANT_FINALS):
                form = DPRK_VOICED[initial] + form[1:]
            elif (
                initial == 12
                and system is not System.DPRK
                and (previous == "" or previous in RESONANT_FINALS)
            ):
                form = "j" + form[2:]
        out.append(form)
        previous = FINAL_SOUND[decompose(syllable)[2]]
    return out


# Surnames MR writes by custom, not by letter: McCune and Reischauer's paper and the ALA-LC table
# write 李 Yi, in either spelling (이 in the South, 리 in the DPRK, where Ri is also usual).
_MR_SURNAMES: dict[str, tuple[str, ...]] = {"이": ("Yi",), "리": ("Ri", "Yi")}


def _mr_given_name(given: str) -> str:
    """A given name as McCune and Reischauer (1939) and the ALA-LC table write it: the sound
    changes between its syllables shown, a hyphen after the first (Sŏng-min 석민, Ch'ang-nyong
    창룡, Ch'ŏr-un 철운, Mog-wŏl 목월)."""
    if len(given) < 2:
        form = syllable_word(given, System.MR)
    else:
        form = mr_hyphenated(given[0], given[1:], liaison=True)
    return _capital(form)


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
    base = base_of(system)
    pseudonym = _pseudonym(text)
    if pseudonym is not None:
        pen_name, name = pseudonym
        pen = _capital(romanize(pen_name, system))
        return [f"{pen} {form}" for form in romanize_name(name, system)]
    split = _split_name(text.strip())
    if split is None:
        form = romanize(text, system)
        return [_capital(form)]
    surname, given = split
    family = _capital(romanize(surname, base))
    syllables = _given_syllables(given, base)
    first = _capital(syllables[0])
    rest = syllables[1:]
    joined = first + "".join(rest)
    hyphened = "-".join([first, *rest])
    spaced = " ".join(_capital(s) for s in syllables)
    if base is System.DPRK:
        forms = [spaced, hyphened, joined]
        forms = [f.translate(ASCII_FOLD) for f in forms] + forms
    elif base is System.RR:
        forms = [joined, hyphened, spaced]
    else:
        forms = [_mr_given_name(given), hyphened, joined, spaced]
    family_forms = [family]
    if base is System.MR and surname in _MR_SURNAMES:
        family_forms = list(dict.fromkeys([*_MR_SURNAMES[surname], family]))
    if base is System.DPRK:
        family_forms = [family.translate(ASCII_FOLD), family]
        # ㅚ is oi since 2012, but English practice keeps oe (Choe): offer both, system first.
        forms += [f.replace("oi", "oe") for f in forms if "oi" in f]
        family_forms += [f.replace("oi", "oe") for f in family_forms if "oi" in f]
    if system in ASCII_BASE:  # an ASCII rendering: only the folded forms, in the same order
        forms = list(dict.fromkeys(f.translate(ASCII_FOLD) for f in forms))
        family_forms = list(dict.fromkeys(f.translate(ASCII_FOLD) for f in family_forms))
    seen: dict[str, None] = {}
    for f in forms:
        for fam in family_forms:
            seen.setdefault(f"{fam} {f}", None)
    return list(seen)
