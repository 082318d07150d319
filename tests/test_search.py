"""Search finds each seed film from each of its spellings, and says which label matched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, URIRef

from dprkfilm_graph.cli import main
from dprkfilm_graph.korean.romanize import System, romanize
from dprkfilm_graph.namespaces import FILM, PERSON, SCHEMA
from dprkfilm_graph.search import EntityType, SearchIndex, search

SEED = Path(__file__).parent / "fixtures" / "seed"
THAEBAEK = str(FILM["spring-comes-to-mount-thaebaek"])


def _films(graph: Graph) -> list[URIRef]:
    films = graph.subjects(predicate=None, object=SCHEMA.Movie)
    return sorted({f for f in films if isinstance(f, URIRef)}, key=str)


def _spellings(graph: Graph, film: URIRef) -> list[str]:
    """Every title the graph states for `film`, and its romanizations in every system."""
    titles = [
        str(v)
        for p in (SCHEMA.name, SCHEMA.alternateName)
        for v in graph.objects(film, p)
        if isinstance(v, Literal)
    ]
    spellings = list(titles)
    for title in titles:
        if any("\uac00" <= ch <= "\ud7a3" for ch in title):
            spellings += [romanize(title, system) for system in System]
    return sorted(set(spellings))


def test_the_seed_has_films_with_titles_in_several_scripts(seed_graph: Graph) -> None:
    films = _films(seed_graph)
    assert len(films) == 5
    assert sum(len(_spellings(seed_graph, f)) for f in films) >= 20


def test_each_seed_film_is_found_first_from_each_of_its_spellings(seed_graph: Graph) -> None:
    index = SearchIndex(seed_graph)
    for film in _films(seed_graph):
        for spelling in _spellings(seed_graph, film):
            hits = index.search(spelling, kind=EntityType.FILM)
            assert hits, spelling
            assert hits[0].iri == str(film), (spelling, hits[:2])
            assert hits[0].score >= 0.98, (spelling, hits[0])
            if len(hits) > 1:
                assert hits[1].score < hits[0].score, (spelling, hits[:2])


@pytest.mark.parametrize(
    "query", ["Thaebaek", "T'aebaek", "Taebaek", "태백산", "Thaebaeksan", "Mount Thaebaek"]
)
def test_parts_of_a_title_find_the_film_first(seed_graph: Graph, query: str) -> None:
    hits = search(seed_graph, query)
    assert hits[0].iri == THAEBAEK
    assert hits[0].score < 1.0  # a part, not the whole title
    assert all(h.score < hits[0].score for h in hits[1:])


@pytest.mark.parametrize("query", ["Ma Tong-hŭi", "마동희", "ma dong hui", "Ma Donghui"])
def test_people_are_found_from_any_form_of_the_name(seed_graph: Graph, query: str) -> None:
    hits = search(seed_graph, query, kind="person")
    assert hits[0].iri == str(PERSON["ma-dong-hui"])
    assert hits[0].type == "person"
    # a person has a name where a film has a title (both are schema:name)
    assert hits[0].property in {"name", "alternative name", "generated romanization", "label"}
    assert search(seed_graph, "First Steps")[0].property == "title"


def test_a_hit_says_which_label_matched_and_how(seed_graph: Graph) -> None:
    hit = search(seed_graph, "Cheotgeoreum")[0]
    assert hit.iri == str(FILM["first-steps"])
    assert hit.label == "First Steps"
    assert hit.matched in {"첫걸음", "Cheotgeoreum"}
    assert hit.language in {"ko", "ko-Latn-t-ko-m0-mcst"}
    assert "Korean" in hit.how or hit.how == "same text"
    assert set(hit.to_dict()) >= {"iri", "label", "matched", "score", "language", "how"}


def test_type_filter_and_limit(seed_graph: Graph) -> None:
    assert search(seed_graph, "Thaebaek", kind=EntityType.PERSON) == []
    assert len(search(seed_graph, "the", limit=1, min_score=0.0)) <= 1


def test_nonsense_finds_nothing(seed_graph: Graph) -> None:
    assert search(seed_graph, "zzqxv wplk") == []


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_json_lists_hits_best_first(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "search", "T'aebaek", "--format", "json", "--data", str(SEED))
    assert code == 0
    hits = json.loads(out)
    assert hits[0]["iri"] == THAEBAEK
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    assert {"iri", "label", "matched", "score"} <= set(hits[0])


@pytest.mark.parametrize(("fmt", "sep"), [("csv", ","), ("tsv", "\t")])
def test_cli_tables(capsys: pytest.CaptureFixture[str], fmt: str, sep: str) -> None:
    code, out, _ = _run(capsys, "search", "첫걸음", "--format", fmt, "--data", str(SEED))
    lines = out.splitlines()
    assert code == 0
    assert lines[0].split(sep)[:4] == ["iri", "label", "type", "matched"]
    assert lines[1].split(sep)[0] == str(FILM["first-steps"])


def test_cli_text_and_no_match(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "search", "Thaebaek", "--type", "film", "--data", str(SEED))
    assert code == 0
    assert "Spring Comes to Mount Thaebaek" in out.splitlines()[0]
    code, out, _ = _run(capsys, "search", "zzqxv", "--data", str(SEED))
    assert (code, out.strip()) == (1, "no match")


def test_cli_refuses_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "search", "  ")
    assert code == 2
    assert err.startswith("error:")
    code, _, err = _run(capsys, "search", "x", "--limit", "0")
    assert code == 2
    assert "--limit" in err


def test_on_a_tie_the_hit_names_the_label_written_as_asked() -> None:
    graph = Graph()
    person = PERSON["jo-kyong-sun"]
    graph.add((person, RDF.type, SCHEMA.Person))
    graph.add((person, SCHEMA.name, Literal("Jo Kyong-sun", lang="ko-Latn")))
    graph.add((person, SCHEMA.name, Literal("조경순", lang="ko")))
    (hit,) = search(graph, "조경순")
    assert (hit.matched, hit.language, hit.how) == ("조경순", "ko", "same text")
    (hit,) = search(graph, "Jo Kyong-sun")
    assert (hit.matched, hit.how) == ("Jo Kyong-sun", "same text")
