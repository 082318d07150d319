"""Rules of the three romanization systems, name forms, and properties over arbitrary text."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dprkfilm_graph.cli import main
from dprkfilm_graph.korean import romanize as romanize_package
from dprkfilm_graph.korean.romanize import (
    TAGS,
    Convention,
    System,
    romanize,
    romanize_all,
    romanize_name,
    romanize_place,
)
from dprkfilm_graph.namespaces import TAG_DPRK, TAG_MR, TAG_RR

MR, MR_ASCII, RR, DPRK = System.MR, System.MR_ASCII, System.RR, System.DPRK
DPRK_ASCII = System.DPRK_ASCII

# The code points Unicode assigns to the Hangul script, written out here rather than imported;
# the blocks' unassigned code points (U+D7A4-U+D7AF, U+A97D-U+A97F, ...) are no script's and
# pass through unchanged.
HANGUL = re.compile(
    "[\u1100-\u11ff\u302e\u302f\u3131-\u318e\u3200-\u321e\u3260-\u327e"
    "\ua960-\ua97c\uac00-\ud7a3\ud7b0-\ud7c6\ud7cb-\ud7fb\uffa0-\uffbe\uffc2-\uffc7"
    "\uffca-\uffcf\uffd2-\uffd7\uffda-\uffdc]"
)


@pytest.mark.parametrize(
    ("text", "system", "expected"),
    [
        # aspiration: apostrophe (MR), h (DPRK), nothing (RR)
        ("태백산", MR, "t'aebaeksan"),
        ("태백산", DPRK, "thaebaeksan"),
        ("태백산", RR, "taebaeksan"),
        ("평양", MR, "p'yŏngyang"),
        ("평양", DPRK, "phyŏngyang"),
        ("평양", MR_ASCII, "pyongyang"),
        # ㅈ: ch/j by voicing in MR, always j in DPRK and RR
        ("조선", MR, "chosŏn"),
        ("조선", DPRK, "josŏn"),
        ("조선", RR, "joseon"),
        # voicing between voiced sounds (MR, DPRK), none after an obstruent
        ("대동강", MR, "taedonggang"),
        ("백두산", MR, "paektusan"),
        ("백두산", DPRK, "paektusan"),
        ("칠보산", DPRK, "chilbosan"),
        ("금교", DPRK, "kŭmgyo"),
        # nasalisation and liquidisation
        ("독립문", MR, "tongnimmun"),
        ("신라", MR, "silla"),
        ("백마산", DPRK, "paengmasan"),
        ("꽃마을", DPRK, "kkonmaŭl"),
        ("천리마", DPRK, "chŏllima"),
        # DPRK keeps ㄹ after a consonant as r; ㄹㄹ is lr
        ("압록강", MR, "amnokkang"),
        ("압록강", DPRK, "amrokkang"),
        ("찔레골", DPRK, "jjilregol"),
        # clusters: one letter before a consonant, both before a vowel
        ("닭섬", DPRK, "taksŏm"),
        ("붉은바위", DPRK, "pulgŭnbawi"),
        ("앉은바위", DPRK, "anjŭnbawi"),
        # ㅎ aspirates the next lax consonant
        ("좋다", MR, "chot'a"),
        ("좋다", DPRK, "jotha"),
        # ㅚ is oi in the DPRK system since 2012
        ("외국", DPRK, "oiguk"),
        ("외국", MR, "oeguk"),
        # ng before a vowel other than y/w is hyphenated in the DPRK system
        ("강원", DPRK, "kangwŏn"),
        ("상어", DPRK, "sang-ŏ"),
        # word spacing is kept; sound changes stay inside a word
        ("태백산에 봄이 온다", MR, "t'aebaeksane pomi onda"),
        ("태백산에 봄이 온다", RR, "taebaeksane bomi onda"),
        ("태백산에 봄이 온다", DPRK, "thaebaeksane pomi onda"),
        ("꽃파는 처녀", MR, "kkotp'anŭn ch'ŏnyŏ"),
    ],
)
def test_rules(text: str, system: System, expected: str) -> None:
    assert romanize(text, system) == expected


@pytest.mark.parametrize(
    "text", ["Kim Il Sung", "金日成", "🎬 2024!", "ÀÉÎ ŏŭ", "", "  ", "a\tb\nc", "平壤 Pyongyang"]
)
@pytest.mark.parametrize("system", list(System), ids=lambda s: s.value)
def test_non_hangul_passes_through(text: str, system: System) -> None:
    assert romanize(text, system) == text


def test_mixed_text_keeps_everything_around_hangul() -> None:
    assert romanize("Film «피바다» (1969)", RR) == "Film «pibada» (1969)"


def test_lone_jamo_and_compatibility_forms_are_romanized() -> None:
    """A letter written alone (ㄱ), conjoining jamo that compose (ᄀ+ᅡ) and circled Hangul."""
    assert romanize("ㄱ", RR) == "g"
    assert romanize("\u1100\u1161", MR) == "ka"
    assert romanize("㈜", DPRK) == "(ju)"


def test_mr_ascii_drops_breves_and_apostrophes() -> None:
    assert romanize("꽃파는 처녀", MR_ASCII) == "kkotpanun chonyo"


def test_dprk_ascii_drops_the_breves_as_dprk_english_practice_does() -> None:
    """평성시 is printed "Phyongsong-si": the DPRK letters (ph, no apostrophe), no breves."""
    assert romanize("평성", DPRK_ASCII) == "phyongsong"
    assert romanize("꽃파는 처녀", DPRK_ASCII) == "kkotphanun chonyo"
    assert romanize_place("평성시", DPRK_ASCII) == "phyongsong-si"
    assert romanize("ㅓ", DPRK_ASCII) == "o"


def test_dprk_ascii_names_are_the_folded_dprk_forms_only() -> None:
    forms = romanize_name("김정은", DPRK_ASCII)
    assert forms[0] == "Kim Jong Un"
    assert all("ŏ" not in f and "ŭ" not in f for f in forms)
    assert romanize_name("최룡해", DPRK_ASCII)[:2] == ["Choi Ryong Hae", "Choe Ryong Hae"]


def test_romanize_all_gives_every_system() -> None:
    forms = romanize_all("피바다")
    assert list(forms) == list(System)
    assert forms[MR] == "p'ibada" and forms[DPRK] == "phibada" and forms[RR] == "pibada"


def test_tags() -> None:
    """MR_ASCII and DPRK_ASCII are renderings, not systems: no tag of their own (so the
    generated labels of `build` stay as they were)."""
    assert TAGS == {MR: TAG_MR, RR: TAG_RR, DPRK: TAG_DPRK}


@pytest.mark.parametrize(
    ("name", "system", "first", "also"),
    [
        ("마동희", MR, "Ma Tong-hŭi", ["Ma Tonghŭi", "Ma Tong Hŭi"]),
        ("마동희", RR, "Ma Donghui", ["Ma Dong-hui", "Ma Dong Hui"]),
        ("마동희", DPRK, "Ma Tong Hui", ["Ma Tong Hŭi"]),
        ("김일성", MR, "Kim Il-sŏng", []),
        ("김일성", RR, "Gim Ilseong", ["Gim Il-seong"]),
        ("김정일", DPRK, "Kim Jong Il", []),
        ("김정일", MR, "Kim Chŏng-il", []),  # the given name starts unvoiced
        ("박동구", DPRK, "Pak Tong Gu", []),  # voiced inside the given name
        ("김계관", DPRK, "Kim Kye Gwan", []),
        ("최룡해", DPRK, "Choi Ryong Hae", ["Choe Ryong Hae"]),
        ("남궁민", MR, "Namgung Min", []),
        ("황보관", RR, "Hwangbo Gwan", []),
        # MR (1939) shows the sound change inside a given name; the form without it follows
        ("제갈성렬", MR, "Chegal Sŏng-nyŏl", ["Chegal Sŏng-ryŏl"]),
        ("선우 용녀", RR, "Seonu Yongnyeo", []),
    ],
)
def test_name_forms(name: str, system: System, first: str, also: list[str]) -> None:
    forms = romanize_name(name, system)
    assert forms[0] == first
    for form in also:
        assert form in forms


def test_given_names_take_no_sound_change_across_syllables() -> None:
    """독립 as a given name stays Tok-rip-like (RR Dokrip), unlike the word (dongnip)."""
    assert romanize_name("김독립", RR)[0] == "Gim Dokrip"
    assert romanize("독립", RR) == "dongnip"


def test_name_of_non_hangul_is_returned_as_is() -> None:
    assert romanize_name("Kim Il Sung", MR) == ["Kim Il Sung"]
    assert romanize_name("", RR) == [""]


def test_cli_all_systems(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["romanize", "태백산에 봄이 온다"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "mr\tt'aebaeksane pomi onda",
        "mr-ascii\ttaebaeksane pomi onda",
        "rr\ttaebaeksane bomi onda",
        "dprk\tthaebaeksane pomi onda",
        "dprk-ascii\tthaebaeksane pomi onda",
    ]


def test_cli_one_system_and_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["romanize", "김정일", "--system", "dprk", "--name"]) == 0
    assert capsys.readouterr().out == "Kim Jong Il\n"
    assert main(["romanize", "평양", "--system", "mr"]) == 0
    assert capsys.readouterr().out == "p'yŏngyang\n"


# Text mixing Hangul syllables, jamo of every block, Latin, CJK and anything else.
_hangulish = st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3) | st.sampled_from(
    list("ㄱㅏㅢㆍㅥ\u1100\u1161\u11a8\ua960\ud7b0\uffa1㈀㉠\u302e ")
)
_text = st.text(st.characters() | _hangulish, max_size=40)


@settings(max_examples=300, deadline=None)
@given(_text, st.sampled_from(list(System)))
def test_never_raises_is_deterministic_and_leaves_no_hangul(text: str, system: System) -> None:
    out = romanize(text, system)
    assert out == romanize(text, system)
    assert not HANGUL.search(out)


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters().filter(lambda c: not HANGUL.match(c))))
def test_non_hangul_text_is_unchanged(text: str) -> None:
    for system in System:
        assert romanize(text, system) == text


@settings(max_examples=150, deadline=None)
@given(_text, st.sampled_from(list(System)))
def test_names_never_raise(text: str, system: System) -> None:
    forms = romanize_name(text, system)
    assert forms and all(not HANGUL.search(f) for f in forms)


@pytest.mark.parametrize(
    ("hangul", "system", "expected"),
    [
        # MR keeps the sound change across the hyphen; RR does not; DPRK writes the unit as is.
        ("덕흥리", System.MR, "tŏkhŭng-ni"),
        ("덕흥리", System.RR, "deokheung-ri"),
        ("덕흥리", System.DPRK, "tŏkhŭng-ri"),
        ("영진리", System.MR, "yŏngjil-li"),
        ("압록강", System.MR, "amnok-kang"),
        ("압록강", System.DPRK, "amrokgang"),
        ("압록강", System.RR, "amnokgang"),
        ("충청남도", System.RR, "chungcheongnam-do"),
        ("평안북도", System.RR, "pyeong-anbuk-do"),
        ("새별읍", System.MR, "saebyŏl-ŭp"),
        ("낭림산맥", System.MR, "nangnim sanmaek"),
        ("삿갓봉", System.DPRK, "satkatbong"),
        ("두만강", System.MR, "tuman-gang"),  # the hyphen, not an apostrophe, parts n and g
        ("두만강", System.RR, "duman-gang"),
        ("대관령", System.RR, "daegwallyeong"),  # one word, sound changes and all
        ("해운대", System.RR, "hae-undae"),
        ("강동", System.MR, "kangdong"),  # one syllable before the unit: the whole name
        ("평양 교구동", System.DPRK, "phyŏngyang kyogu-dong"),
        ("Pyongyang 덕흥리", System.MR_ASCII, "Pyongyang tokhung-ni"),
    ],
)
def test_place_names_as_gazetteers_write_them(hangul: str, system: System, expected: str) -> None:
    assert romanize_place(hangul, system) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_place_names_never_raise_and_leave_no_hangul(text: str) -> None:
    for system in System:
        out = romanize_place(text, system)
        assert not any("\uac00" <= ch <= "\ud7a3" for ch in out)


def test_cli_place_and_conflicting_flags(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["romanize", "대동강", "--place", "--system", "mr"]) == 0
    assert capsys.readouterr().out.strip() == "Taedong-gang"
    assert main(["romanize", "대동강", "--place", "--name"]) == 2
    assert "exclude" in capsys.readouterr().err


BGN, ALA = Convention.BGN_PCGN, Convention.ALA_LC


@pytest.mark.parametrize(
    ("hangul", "system", "convention", "expected"),
    [
        # BGN/PCGN: every generic hyphenated, the sound change across the hyphen kept (MR)
        ("묘향산", MR, BGN, "myohyang-san"),
        ("백두산", MR, BGN, "paektu-san"),
        ("대동강", MR, BGN, "taedong-gang"),
        ("압록강", MR, BGN, "amnok-kang"),
        ("덕흥리", MR, BGN, "tŏkhŭng-ni"),
        ("낭림산맥", MR, BGN, "nangnim-sanmaek"),
        ("평안북도", MR, BGN, "p'yŏngan-bukto"),  # provinces split -bukto / -namdo
        ("함경남도", MR, BGN, "hamgyŏng-namdo"),
        ("자강도", MR, BGN, "chagang-do"),
        # ALA-LC 2009: jurisdictions hyphenated with the sound change, features joined
        ("경상북도", MR, ALA, "kyŏngsang-bukto"),
        ("평택군", MR, ALA, "p'yŏngt'aek-kun"),
        ("완도군", MR, ALA, "wando-gun"),
        ("평택읍", MR, ALA, "p'yŏngt'aeg-ŭp"),  # liaison across the hyphen
        ("낙동강", MR, ALA, "naktonggang"),
        ("금강산", MR, ALA, "kŭmgangsan"),
        ("낭림산맥", MR, ALA, "nangnimsanmaek"),
        # RR and the DPRK system keep their national rules whatever the convention
        ("경상북도", RR, ALA, "gyeongsangbuk-do"),
        ("묘향산", RR, BGN, "myohyangsan"),
        ("묘향산", DPRK, BGN, "myohyangsan"),
        ("평안북도", DPRK, BGN, "phyŏng-anbuk-do"),
        ("평안북도", MR_ASCII, BGN, "pyongan-bukto"),
        ("평성시", DPRK_ASCII, ALA, "phyongsong-si"),
    ],
)
def test_place_conventions(
    hangul: str, system: System, convention: Convention, expected: str
) -> None:
    assert romanize_place(hangul, system, convention) == expected


@pytest.mark.parametrize("system", list(System), ids=lambda s: s.value)
def test_default_convention_is_the_plain_call(system: System) -> None:
    """Passing DEFAULT changes nothing, so every existing caller keeps its output."""
    for text in ["대동강", "평안북도", "낭림산맥", "묘향산", "새별읍", "평양 교구동"]:
        assert romanize_place(text, system, Convention.DEFAULT) == romanize_place(text, system)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=30), st.sampled_from(list(Convention)))
def test_place_conventions_never_raise_and_leave_no_hangul(text: str, conv: Convention) -> None:
    for system in System:
        out = romanize_place(text, system, conv)
        assert not any("\uac00" <= ch <= "\ud7a3" for ch in out)


def test_cli_place_convention(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["romanize", "경상북도", "--place", "--convention", "ala-lc", "--system", "mr"]) == 0
    )
    assert capsys.readouterr().out == "Kyŏngsang-bukto\n"
    assert main(["romanize", "대동강", "--place", "--convention", "bgn-pcgn"]) == 0
    assert "mr\tTaedong-gang\n" in capsys.readouterr().out


def test_cli_convention_is_not_for_names(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["romanize", "리설주", "--name", "--convention", "ala-lc"]) == 2
    assert "--name" in capsys.readouterr().err


def test_ala_lc_writes_dprk_spellings_as_the_south_spells_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The ALA-LC table romanizes 로동 nodong, 력사 yŏksa, 녀성 yŏsŏng: the initial-sound law
    applied to the first syllable of each word, for MR only."""
    cases = {"로동": "nodong", "력사": "yŏksa", "녀성": "yŏsŏng", "료리": "yori", "리론": "iron"}
    for hangul, expected in cases.items():
        assert romanize(hangul, MR, Convention.ALA_LC) == expected
        assert romanize(hangul, MR) != expected  # MR by default writes what is spelled
    assert romanize("로동 신문", MR, Convention.ALA_LC) == "nodong sinmun"
    assert romanize("노래", MR, Convention.ALA_LC) == "norae"  # ㄴ before a: kept
    # particles and loanwords keep their ㄹ (the law is one of Sino-Korean words)
    assert romanize("나 를 찾아서", MR, Convention.ALA_LC) == "na rŭl ch'ajasŏ"
    assert romanize("라디오 레슬링", MR, Convention.ALA_LC) == "radio resŭlling"
    assert romanize("로동", RR, Convention.ALA_LC) == "rodong"  # RR keeps its national rules
    assert romanize_place("락동강", MR, Convention.ALA_LC) == "naktonggang"
    assert main(["romanize", "로동신문", "--convention", "ala-lc", "--system", "mr"]) == 0
    assert capsys.readouterr().out == "nodongsinmun\n"


def test_ala_lc_divides_numerals_written_in_hangul() -> None:
    """The ALA-LC table hyphenates a numeral after each unit another group follows, joins the last
    digit to its counter, and shows no sound change across a hyphen."""
    ala = Convention.ALA_LC
    assert romanize("천구백구십육년", MR, ala) == "ch'ŏn-kubaek-kusip-yungnyŏn"
    assert romanize("이십일세기 의 한국", MR, ala) == "isip-ilsegi ŭi han'guk"
    assert romanize("삼십분", MR, ala) == "samsippun"  # no group after 십: one word
    assert romanize("오십만", MR, ala) == "osimman"  # 만 multiplies, it starts no group
    assert romanize("륙십이년", MR, ala) == "yuksip-inyŏn"  # DPRK 륙, South-spelled
    # words that only look like two numeral syllables stay whole
    for word, whole in {"만일": "manil", "십이지": "sibiji", "천리마": "ch'ŏllima"}.items():
        assert romanize(word, MR, ala) == whole
    # the division is the ALA-LC table's, not McCune and Reischauer's nor RR's
    assert romanize("천구백구십육년", MR) == "ch'ŏn'gubaekkusibyungnyŏn"
    assert romanize("천구백구십육년", RR, ala) == "cheongubaekgusibyungnyeon"


def test_name_after_a_pen_name() -> None:
    """A catalogue writes a pen name before the name (율곡 이 이 Yulgok Yi I, the ALA-LC table)."""
    assert romanize_name("율곡 이 이", MR)[0] == "Yulgok Yi I"
    assert romanize_name("퇴계 이 황", MR)[0] == "T'oegye Yi Hwang"
    # a surname before a pen name, and syllable-split names, are read as before
    assert romanize_name("이 율곡", MR)[0] == "Yi Yul-gok"
    assert romanize_name("마 동 희", MR)[0] == "Ma Tong-hŭi"
    assert romanize_name("남궁 현 수", MR)[0] == "Namgung Hyŏn-su"


def test_dprk_spelling_of_workers_district_is_a_unit() -> None:
    """로동자구 (the DPRK spelling of 노동자구) was not known as a unit, so 오일로동자구 split
    at its last syllable (oillodongja-gu) instead of before the unit."""
    assert romanize_place("오일로동자구", DPRK) == "oil-rodongjagu"
    assert romanize_place("오일로동자구", MR) == "oil-lodongjagu"
    assert romanize_place("오일노동자구", RR) == "oil-nodongjagu"


def test_dprk_joined_generic_keeps_the_n_g_separator() -> None:
    """The DPRK table writes ㄴ before ㄱ as n-g (han-gŭl); a joined river name lost it
    (chŏngchŏngang reads as -chŏng-ang), while a unit after k stays unvoiced-free (Amrokgang)."""
    assert romanize_place("청천강", DPRK) == "chŏngchŏn-gang"
    assert romanize_place("두만강", DPRK_ASCII) == "tuman-gang"
    assert romanize_place("압록강", DPRK) == "amrokgang"


def test_docstring_examples_hold() -> None:
    """The examples in the package's docstrings are part of its documentation: they must run."""
    attempted = 0
    for info in pkgutil.iter_modules(romanize_package.__path__):
        module = importlib.import_module(f"{romanize_package.__name__}.{info.name}")
        result = doctest.testmod(module)
        assert result.failed == 0, info.name
        attempted += result.attempted
    assert attempted >= 8


def test_modules_depend_one_way() -> None:
    """Each module of the package imports only the ones before it in the documented order, so
    data flows one way (systems → rules → words → names, places; `korean.hangul` below them)."""
    order = ["systems", "soundrules", "kopron", "dprk", "alalc", "words", "mrhyphen"]
    order += ["names", "places"]
    prefix = f"{romanize_package.__name__}."
    for position, name in enumerate(order):
        source = Path(romanize_package.__path__[0], f"{name}.py").read_text(encoding="utf-8")
        imported = set(re.findall(rf"^from {re.escape(prefix)}(\w+) import", source, re.M))
        assert imported <= set(order[:position]), (name, imported - set(order[:position]))
    modules = {info.name for info in pkgutil.iter_modules(romanize_package.__path__)}
    assert modules == set(order)
