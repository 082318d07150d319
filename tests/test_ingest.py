"""The public filmography import: cell rules, the shipped data, idempotence and refusal."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from dprkfilm_graph import paths
from dprkfilm_graph.errors import InputError
from dprkfilm_graph.evidence import shows
from dprkfilm_graph.ingest.filmlist import normalize, normalize_row
from dprkfilm_graph.ingest.filmography import import_filmography
from dprkfilm_graph.namespaces import DCTERMS, DFO, FILM, PROV, RDF, SCHEMA
from dprkfilm_graph.tabular.convert import slug
from dprkfilm_graph.tabular.rows import read_rows

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
FILM_LIST = Path(__file__).resolve().parents[1] / "mappings" / "sheets" / "dprk-films.tsv"


def _row(**cells: str) -> dict[str, str]:
    dropped: list[str] = []
    base = {"hangul_title": "", "english_title": "X", "source": "https://example.org/a"}
    return normalize_row({**base, **cells}, 2, dropped)


def test_marked_romanizations_get_their_system_tags_and_derived_forms_are_dropped() -> None:
    row = _row(
        hangul_title="피바다",
        alt_titles="P'ibada (MR); RR Pibada; DPRK Phibada; Pibada-x (derived, not attested)",
    )
    assert (row["alt_mr"], row["alt_rr"], row["alt_dprk"]) == ("P'ibada", "Pibada", "Phibada")
    assert "Pibada-x" not in str(row)


def test_a_parenthesised_english_title_is_a_gloss_never_a_title() -> None:
    row = _row(hangul_title="사도성이야기", english_title="(Story of Sadosong)")
    assert row["english_title"] == ""
    assert row["gloss_title"] == "Story of Sadosong"
    assert row["label"] == "사도성이야기"


def test_a_year_after_a_title_is_a_year_and_kept_in_the_label() -> None:
    row = _row(english_title="Love the Future (1999)", year="1999")
    assert (row["english_title"], row["title_year"]) == ("Love the Future", "1999")
    assert row["label"] == "Love the Future (1999)"


def test_remarks_are_not_titles_and_ranges_are_kept_as_stated_not_as_years() -> None:
    row = _row(
        hangul_title="초소를 지키는 사람들",
        alt_titles="The Frontier Guards (likely same film; en list); Eternal Warrior (literal)",
        year="1978-1981",
        source="https://example.org/a | chinapedia/x.md",
    )
    assert row["alt_titles"] == "" and row["glosses"] == "Eternal Warrior"
    assert row["year"] == "" and row["year_stated"] == "1978-1981"
    assert row["source"] == "https://example.org/a"


def test_the_compiled_list_normalizes_to_69_rows_with_distinct_keys() -> None:
    rows = normalize(FILM_LIST).rows
    keys = {slug(r["english_title"] + " " + r["gloss_title"] + " " + r["title_year"]) for r in rows}
    assert len(rows) == 69 and len(keys) == 69


def _shipped() -> Graph:
    graph = Graph()
    for path in paths.data_files():
        graph.parse(path, format="turtle")
    return graph


def test_the_69_films_are_shipped_each_with_a_source_and_the_seed_not_duplicated() -> None:
    graph = _shipped()
    for plain in normalize(FILM_LIST).rows:
        key = "-".join(
            slug(plain[c]) for c in ("english_title", "gloss_title", "title_year") if plain[c]
        )
        film = FILM[key]
        assert (film, RDF.type, SCHEMA.Movie) in graph, key
        assert graph.value(film, DCTERMS.source) is not None, key
        claims = list(graph.subjects(RDF.subject, film))
        assert claims and all(graph.value(c, PROV.wasDerivedFrom) for c in claims), key
    named = {
        c
        for c in graph.subjects(RDF.predicate, SCHEMA.name)
        if graph.value(c, RDF.object) == Literal("첫걸음", lang="ko")
    }
    assert {graph.value(c, RDF.subject) for c in named} == {FILM["first-steps"]}


def test_glosses_are_never_shipped_as_titles() -> None:
    graph = _shipped()
    gloss = Literal("Story of Sadosong", lang="en")
    predicates = {graph.value(c, RDF.predicate) for c in graph.subjects(RDF.object, gloss)}
    assert predicates == {DFO.unattestedTranslation}


def test_disputed_years_are_competing_claims_from_different_sources() -> None:
    graph = _shipped()
    years = {
        (str(graph.value(c, RDF.object)), graph.value(c, PROV.wasDerivedFrom))
        for c in graph.subjects(RDF.subject, FILM["sea-of-blood"])
        if graph.value(c, RDF.predicate) == SCHEMA.datePublished
    }
    # 1971 is the year a Japanese page gives (found while verifying the table's pages).
    assert {y for y, _ in years} == {"1968", "1969", "1971"}
    assert len({s for _, s in years}) >= 3


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.ttl"))}


def test_importing_twice_changes_no_byte(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(paths.data_dir() / "sources.ttl", data)
    first = import_filmography(
        FIXTURES / "films-small.tsv", years=FIXTURES / "years-small.tsv", data_dir=data
    )
    assert first.films.written and first.years_written
    before = _snapshot(data)
    again = import_filmography(
        FIXTURES / "films-small.tsv", years=FIXTURES / "years-small.tsv", data_dir=data
    )
    assert not again.films.written and not again.years_written
    assert _snapshot(data) == before
    graph = Graph().parse(data / "dprk-films.ttl", format="turtle")
    assert (URIRef(FILM["first-steps"]), RDF.type, SCHEMA.Movie) in graph


def test_a_bad_year_is_refused_with_row_and_column_and_nothing_written(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    with pytest.raises(InputError) as caught:
        import_filmography(
            FIXTURES / "films-bad.tsv", years=FIXTURES / "years-small.tsv", data_dir=data
        )
    assert ":2: column year" in str(caught.value)
    assert list(data.iterdir()) == []
    assert read_rows(FIXTURES / "films-bad.tsv", ["year"])[0].cells["year"] == "19x9"


def test_a_year_given_as_a_span_is_shipped_as_unknown_in_the_sources_words() -> None:
    graph = _shipped()
    spans = [r for r in normalize(FILM_LIST).rows if r["year_stated"]]
    assert len(spans) >= 5
    for plain in spans:
        key = "-".join(
            slug(plain[c]) for c in ("english_title", "gloss_title", "title_year") if plain[c]
        )
        words = {
            str(graph.value(c, DFO.statedAs))
            for c in graph.subjects(RDF.subject, FILM[key])
            if graph.value(c, RDF.predicate) == SCHEMA.datePublished
            and graph.value(c, DFO.valueStatus) == DFO.UnknownValue
        }
        # The table's words, or a page's words that show them.
        assert words and all(shows(w, plain["year_stated"]) for w in words), key


def test_romanizations_are_not_credited_to_a_page_that_prints_none() -> None:
    post = "https://northkoreanfilms.com/page/2/ (the collector's post)"
    row = _row(hangul_title="첫걸음", alt_titles="MR Ch'ŏtkŏrŭm; The Beginning", source=post)
    assert row["alt_mr"] == "" and row["alt_titles"] == "The Beginning"
    both = _row(
        hangul_title="첫걸음",
        alt_titles="MR Ch'ŏtkŏrŭm",
        source=f"{post} | https://example.org/a-page-that-does",
    )
    assert both["alt_mr"] == "Ch'ŏtkŏrŭm"


SYSTEM_TAGS = {"ko-latn-x-mr", "ko-latn-t-ko-m0-mcst", "ko-latn-x-dprk"}


def test_no_shipped_romanization_is_credited_to_the_collectors_post() -> None:
    graph = _shipped()
    post = URIRef("https://w3id.org/dprkfilm/source/vinyl-post")
    for claim in graph.subjects(PROV.wasDerivedFrom, post):
        value = graph.value(claim, RDF.object)
        # The post prints names in Latin letters ("Kim Il Sung"@ko-Latn), never in a system.
        if isinstance(value, Literal) and value.language:
            assert value.language.lower() not in SYSTEM_TAGS, (claim, value)


def test_a_studio_given_beside_a_disputed_year_is_claimed_from_that_source() -> None:
    graph = _shipped()
    studios = {
        (graph.value(c, RDF.object), graph.value(graph.value(c, PROV.wasDerivedFrom), SCHEMA.url))
        for c in graph.subjects(RDF.subject, FILM["pulgasari"])
        if graph.value(c, RDF.predicate) == SCHEMA.productionCompany
    }
    assert studios == {
        (
            URIRef("https://w3id.org/dprkfilm/org/korean-feature-film-studio"),
            URIRef("http://nk.chosun.com/news/articleView.html?idxno=1004"),
        )
    }
