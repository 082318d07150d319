"""The pronunciation lexicon: rows are checked; each system writes what it writes of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from dprkfilm_graph.errors import InputError
from dprkfilm_graph.korean.pronunciation import LEXICON_PATH, NORMS, load_lexicon, spoken
from dprkfilm_graph.korean.romanize import System, romanize, romanize_place

HEADER = "spelling\tpronunciation\tnorm\trule\tsource\n"
URL = "https://example.org/rules"


def _write(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "lexicon.tsv"
    path.write_text(header + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def test_shipped_lexicon_is_valid_and_sourced() -> None:
    lexicon = load_lexicon(LEXICON_PATH)
    assert len(lexicon) >= 50
    for spelling, by_norm in lexicon.items():
        for norm, entry in by_norm.items():
            assert norm in NORMS
            assert entry.spelling == spelling
            assert len(entry.pronunciation) == len(spelling)
            assert entry.source.startswith(("http://", "https://"))
            assert entry.rule


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (f"신문로\t신문\tko-KR\tr\t{URL}", "syllable for syllable"),
        (f"신문로\t신문노\tko-XX\tr\t{URL}", "'norm' must be one of"),
        ("신문로\t신문노\tko-KR\tr\tsomewhere", "URL of the page"),
        (f"신문로\t신문로\tko-KR\tr\t{URL}", "adds nothing"),
        (f"sinmunno\t신문노\tko-KR\tr\t{URL}", "Hangul syllables"),
        (f"신\t신\tko-KR\tr\t{URL}", "two or more"),
    ],
)
def test_a_bad_row_names_its_line(tmp_path: Path, row: str, expected: str) -> None:
    path = _write(tmp_path, f"강가\t강까\tko-KP\tr\t{URL}", row)
    with pytest.raises(InputError) as caught:
        load_lexicon(path)
    assert expected in str(caught.value)
    assert f"{path}:3:" in str(caught.value)


def test_duplicate_and_missing_column(tmp_path: Path) -> None:
    path = _write(tmp_path, f"강가\t강까\tko-KP\tr\t{URL}", f"강가\t강까\tko-KP\tr\t{URL}")
    with pytest.raises(InputError, match="given twice"):
        load_lexicon(path)
    path = _write(tmp_path, "강가\t강까", header="spelling\tpronunciation\n")
    with pytest.raises(InputError, match="missing column"):
        load_lexicon(path)
    with pytest.raises(InputError, match="cannot read"):
        load_lexicon(tmp_path / "absent.tsv")


def test_norms_are_not_mixed() -> None:
    assert spoken("뒤문", ("ko-KR",)) is None  # a DPRK spelling only the DPRK's norm describes
    kp = spoken("뒤문", ("ko-KP", "ko-KR"))
    assert kp is not None and kp.norm == "ko-KP" and kp.pronunciation == "뒨문"
    assert spoken("사과") is None


@pytest.mark.parametrize(
    ("word", "mr", "rr", "dprk"),
    [
        # compound tension the DPRK's norm gives: doubled after a vowel, the voiceless lax letter
        # after a consonant; MR and RR follow the South's norm, which does not list these
        ("기대산", "kidaesan", "gidaesan", "kittaesan"),
        ("물곬", "mulgol", "mulgol", "mulkol"),
        ("뒤문", "twimun", "dwimun", "twinmun"),
        # the South's norm: tension as MR's voiceless letter, not written in RR
        ("백분율", "paekpunnyul", "baekbunnyul", "paekpunnyul"),
        # an added ㄴ is written by every system (the DPRK system takes the South's norm where
        # its own lists nothing)
        ("학여울", "hangnyŏul", "hangnyeoul", "hangnyŏul"),
        # a cluster before a content morpheme: one consonant carried over
        ("값어치", "kabŏch'i", "gabeochi", "kabŏchi"),
        # the examples of RR's own text
        ("신문로", "sinmunno", "sinmunno", "sinmunno"),
        ("잡혀", "chap'yŏ", "japyeo", "japhyŏ"),
    ],
)
def test_each_system_writes_what_it_writes_of_a_pronunciation(
    word: str, mr: str, rr: str, dprk: str
) -> None:
    assert (romanize(word, System.MR), romanize(word, System.RR), romanize(word, System.DPRK)) == (
        mr,
        rr,
        dprk,
    )


def test_dprk_nr_unless_long_standing_usage() -> None:
    assert romanize("은률", System.DPRK) == "ŭnryul"  # 2012: ㄴㄹ as spelled
    assert romanize("천리마", System.DPRK) == "chŏllima"  # long-standing usage, in the lexicon
    assert romanize("한나산", System.DPRK) == "hallasan"
    assert romanize("은률", System.MR) == "ŭllyul"  # MR writes the South's pronunciation


def test_rule_20_exception_applies_to_mr_and_rr_only() -> None:
    assert romanize("의견란", System.MR) == "ŭigyŏnnan"
    assert romanize("생산량", System.RR) == "saengsannyang"
    assert romanize("의견란", System.DPRK) == "ŭigyŏnran"
    # inside a word, and for 령 (令 and 嶺 are spelled alike), ㄴㄹ stays ll
    assert romanize("신라", System.RR) == "silla"
    assert romanize("대관령", System.RR) == "daegwallyeong"


def test_rule_11_rieul_kiyeok_before_kiyeok() -> None:
    """§11: a verb stem's ㄺ is said [ㄹ] before ㄱ, a noun's [ㄱ]; §23 tenses the ㄱ either way.
    The DPRK norm says the same. MR writes the tension (a voiceless k after l); RR does not, nor
    the DPRK system (tension only where a compound makes it)."""
    assert romanize("맑게", System.MR) == "malke"  # the ALA-LC table's own example
    assert romanize("묽고", System.MR) == "mulko"
    assert romanize("맑게", System.RR) == "malge"
    assert romanize("닭고기", System.MR) == "takkogi"  # a noun: [닥꼬기]
    assert romanize("닭고기", System.RR) == "dakgogi"
    assert romanize("흙과", System.MR) == "hŭkkwa"
    assert romanize("맑게", System.DPRK) == "malge"
    assert romanize("닭고기", System.DPRK) == "takkogi"
    # before any other consonant, and before a vowel, nothing changes
    assert romanize("맑다", System.MR) == "makta"
    assert romanize("굵네", System.MR) == "kungne"
    assert romanize("맑은", System.MR) == "malgŭn"


def test_lexicon_words_in_place_names() -> None:
    # a lexicon word is one word: 왕십리 is a name, not a village (리)
    assert romanize_place("왕십리", System.RR) == "wangsimni"
    assert romanize_place("십리", System.RR) == "simni"  # one syllable before 리: never split
    # the specific part of a split name is looked up on its own
    assert romanize_place("새별읍", System.DPRK) == "saeppyŏl-ŭp"
    assert romanize_place("새별읍", System.RR) == "saebyeol-eup"
