"""The matching key: spellings of one title or name agree across systems, others do not."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dprkfilm_graph.korean.matchkey import (
    SAME_KOREAN_KEY,
    SAME_LOOSE_KEY,
    best_match,
    compact,
    compare,
    english_key,
    korean_key,
    match_keys,
    similarity,
)

# Groups of spellings of one title or name: Hangul, McCune–Reischauer (with and without marks),
# Revised Romanization, the DPRK system, syllable-split and hyphenated names.
SAME = [
    (
        "태백산에 봄이 온다",
        "T'aebaeksan-e pom-i onda",
        "Taebaeksan-e pom-i onda",
        "Taebaeksane bomi onda",
        "Thaebaeksan-e pom-i onda",
        "THAEBAEKSANE POMI ONDA",
    ),
    ("첫걸음", "Ch'ŏtkŏrŭm", "Ch'otkorum", "Cheotgeoreum", "Chŏtkŏrŭm", "Chotkorum"),
    ("영원한 전사", "Yŏngwŏnhan chŏnsa", "Yeongwonhan jeonsa", "Yŏngwŏnhan jŏnsa"),
    ("마동희", "Ma Dong Hui", "Ma Tong-hŭi", "Ma Tonghŭi", "Ma Donghui", "ma-dong-hui"),
    ("평양", "P'yŏngyang", "Pyeongyang", "Phyŏngyang"),
    ("조선", "Chosŏn", "Joseon", "Josŏn"),
]


@pytest.mark.parametrize("group", SAME, ids=lambda g: g[0])
def test_spellings_of_one_title_share_a_strict_key(group: tuple[str, ...]) -> None:
    for spelling in group[1:]:
        assert compare(group[0], spelling).score == SAME_KOREAN_KEY, (group[0], spelling)
        assert similarity(spelling, group[0]) == SAME_KOREAN_KEY


def test_conventional_spellings_meet_on_the_loose_key_below_a_strict_match() -> None:
    result = compare("Kim Il Sung", "김일성")
    assert result.score == SAME_LOOSE_KEY
    assert "loose" in result.how
    assert compare("Kim Il-sŏng", "김일성").score > result.score


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("첫걸음", "태백산에 봄이 온다"),
        ("Ma Dong Hui", "Kim Il Sung"),
        ("Cheotgeoreum", "Yeongwonhan jeonsa"),
        ("The Undying Soldier", "Rolling Workers"),
    ],
)
def test_different_titles_do_not_match(a: str, b: str) -> None:
    assert similarity(a, b) < 0.6


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The First Step", "First Steps"),
        ("Spring Comes to Mt. Thaebaek", "spring comes to mount thaebaek"),
        ("Sea of Blood", "The Sea of Blood"),
        ("Rolling Workers!", "rolling workers"),
        ("Song & Dance", "Song and Dance"),
    ],
)
def test_english_titles_fold_articles_plurals_and_abbreviations(a: str, b: str) -> None:
    assert english_key(a) == english_key(b)
    assert similarity(a, b) >= 0.98


def test_keys_are_documented_shapes() -> None:
    assert korean_key("T'aebaeksan-e pom-i onda") == "taepaeksane pomi onta"
    assert compact(korean_key("Ma Dong Hui")) == compact(korean_key("마동희"))
    assert english_key("The First Step") == "first step"
    assert {k[:2] for k in match_keys("Ma Dong Hui")} == {"k:", "l:", "e:"}
    assert {k[:2] for k in match_keys("마동희")} == {"k:", "l:"}


def test_hangul_is_keyed_both_as_pronounced_and_syllable_by_syllable() -> None:
    # 독립 is pronounced [동닙]: RR "Dongnip", but names and DPRK practice also write "Tok Rip".
    assert compare("독립", "Dongnip").score == SAME_KOREAN_KEY
    assert compare("독립", "Dok Rip").score == SAME_KOREAN_KEY


def test_best_match_picks_the_closest_label_and_says_how() -> None:
    found = best_match("Thaebaeksan-e pom-i onda", ["첫걸음", "태백산에 봄이 온다", "Kim Il Sung"])
    assert found is not None
    label, score, how = found
    assert label == "태백산에 봄이 온다"
    assert score == SAME_KOREAN_KEY
    assert "Korean" in how
    assert best_match("anything", []) is None


def test_empty_strings_never_match() -> None:
    assert similarity("", "") == 0.0
    assert similarity("  ", "첫걸음") == 0.0


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40), st.text(max_size=40))
def test_similarity_is_total_symmetric_and_bounded(a: str, b: str) -> None:
    forward, backward = similarity(a, b), similarity(b, a)
    assert 0.0 <= forward <= 1.0
    assert forward == backward


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=40).filter(lambda s: s.strip()))
def test_every_spelling_matches_itself(text: str) -> None:
    assert similarity(text, text) == 1.0
    assert all(key[:2] in {"k:", "l:", "e:"} for key in match_keys(text))
