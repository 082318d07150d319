"""Every shipped query parses, documents itself, and answers as expected on the frozen seed graph;
the same rows come back from a real SPARQL server."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from dprkfilm_graph.errors import InputError
from dprkfilm_graph.namespaces import FILM, IMAGE, PERSON, RELEASE
from dprkfilm_graph.paths import queries_dir
from dprkfilm_graph.query import (
    NamedQuery,
    format_result,
    list_queries,
    load_query,
    parse_term,
    rows,
    run_query,
)

QUERIES = sorted(p.stem for p in queries_dir().glob("*.rq"))


def _rows(graph: Graph, name: str, **params: str) -> list[dict[str, Node | None]]:
    return rows(run_query(load_query(name), graph=graph, params=params))


@pytest.mark.parametrize("name", QUERIES)
def test_query_documents_itself(name: str) -> None:
    q = load_query(name)
    assert q.title, f"{name}.rq: the first comment line must say what the query answers"
    assert q.description, f"{name}.rq: add a description paragraph to the header"
    for param in q.params:
        assert f"?{param.name}" in q.text, (
            f"{name}.rq declares @param {param.name} but never uses it"
        )


@pytest.mark.parametrize("name", QUERIES)
def test_query_runs_on_the_seed_graph(name: str, seed_query_graph: Graph) -> None:
    result = run_query(load_query(name), graph=seed_query_graph)
    assert result.type in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


def test_films_on_record(seed_query_graph: Graph) -> None:
    got = {(r["film"], str(r["status"])) for r in _rows(seed_query_graph, "films-on-record")}
    assert got == {
        (FILM["spring-comes-to-mount-thaebaek"], "confirmed"),
        (FILM["first-steps"], "confirmed"),
        (FILM["rolling-workers"], "proposed"),
        (FILM["yong-su-and-yong-ok-in-the-socialist-homeland"], "proposed"),
        (FILM["the-undying-soldier"], "proposed"),
    }


def test_films_on_record_parameter_binds_a_term(seed_query_graph: Graph) -> None:
    other = _rows(seed_query_graph, "films-on-record", record="release:no-such-record")
    assert other == []
    mine = _rows(seed_query_graph, "films-on-record", record="release:vinyl-post-record")
    assert {r["record"] for r in mine} == {RELEASE["vinyl-post-record"]}


def test_photo_depictions_say_who_and_how(seed_query_graph: Graph) -> None:
    got = _rows(seed_query_graph, "photo-depictions", photo="image:vinyl-2")
    by_region = {(str(r["region"]), str(r["depicts"]), str(r["claimant"])) for r in got}
    assert ("top", "First Steps", "Remco Breuker") in by_region
    assert (
        "bottom left",
        "Rolling Workers",
        "author of the post 'North Korean Vinyl: Can Anyone Help Identify the Movies?'",
    ) in by_region
    methods = {str(r["method"]) for r in got if str(r["claimant"]) == "Remco Breuker"}
    assert methods == {"read from the record label"}


def test_unidentified_photos_are_the_labels(seed_query_graph: Graph) -> None:
    got = {r["photo"] for r in _rows(seed_query_graph, "unidentified-photos")}
    assert got == {IMAGE["vinyl-4"], IMAGE["vinyl-5"]}


def test_film_titles_in_every_language(seed_query_graph: Graph) -> None:
    got = _rows(seed_query_graph, "film-titles", film="film:first-steps")
    titles = {
        (str(r["title"]), str(r["lang"])) for r in got if str(r["kind"]) != "generated romanization"
    }
    assert titles == {
        ("첫걸음", "ko"),
        ("First Steps", "en"),
        ("The First Step", "en"),
        ("The Beginning", "en"),
        ("First steps", "en"),
    }
    hangul_sources = {str(r["source"]) for r in got if str(r["title"]) == "첫걸음"}
    assert len(hangul_sources) == 2
    assert any("Comment on" in s for s in hangul_sources)
    assert any("Second update" in s for s in hangul_sources)


def test_identifications_by_remco_breuker(seed_query_graph: Graph) -> None:
    got = _rows(seed_query_graph, "identifications", who="person:remco-breuker")
    assert {(str(r["subject"]), str(r["identifiedAs"])) for r in got} == {
        ("Vinyl 1", "Spring Comes to Mount Thaebaek"),
        ("Vinyl 2, top", "First Steps"),
    }
    assert all(str(r["status"]) == "confirmed" for r in got)
    assert all(r["who"] == PERSON["remco-breuker"] for r in got)


def test_proposed_claims(seed_query_graph: Graph) -> None:
    got = {str(r["subject"]) for r in _rows(seed_query_graph, "proposed-claims")}
    assert got == {"Vinyl 2, bottom left", "Vinyl 2, bottom right", "Vinyl 3"}


def test_films_without_wikidata(seed_query_graph: Graph) -> None:
    got = _rows(seed_query_graph, "films-without-wikidata")
    assert len(got) == 5
    g = Graph() + seed_query_graph
    g.add(
        (
            FILM["first-steps"],
            URIRef("http://www.w3.org/2002/07/owl#sameAs"),
            URIRef("http://www.wikidata.org/entity/Q1"),
        )
    )
    assert FILM["first-steps"] not in {r["film"] for r in _rows(g, "films-without-wikidata")}


def test_unsourced_facts_is_empty_and_can_fail(seed_query_graph: Graph) -> None:
    assert _rows(seed_query_graph, "unsourced-facts") == []
    g = Graph() + seed_query_graph
    g.add((FILM["first-steps"], URIRef("http://schema.org/datePublished"), Literal("1999")))
    got = _rows(g, "unsourced-facts")
    assert [(r["entity"], str(r["value"])) for r in got] == [(FILM["first-steps"], "1999")]


def test_unsourced_facts_is_empty_on_the_shipped_data(shipped_graph: Graph) -> None:
    from dprkfilm_graph.graph import query_graph

    got = _rows(query_graph(shipped_graph), "unsourced-facts")
    assert got == [], "facts without a source:\n" + "\n".join(
        f"{r['entity']} {r['property']} {r['value']}: {r['problem']}" for r in got
    )


def test_unknown_parameter_is_refused(seed_query_graph: Graph) -> None:
    with pytest.raises(InputError, match="has no parameter 'movie'"):
        run_query(load_query("film-titles"), graph=seed_query_graph, params={"movie": "x"})


def test_unknown_query_name_lists_the_known_ones() -> None:
    with pytest.raises(InputError, match="films-on-record"):
        load_query("no-such-query")


def test_invalid_query_file_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.rq"
    bad.write_text("# Broken\nSELECT ?x WHERE { ?x ", encoding="utf-8")
    with pytest.raises(InputError, match="not a valid SPARQL"):
        load_query(bad)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("film:first-steps", FILM["first-steps"]),
        ("<https://example.org/x>", URIRef("https://example.org/x")),
        ("https://example.org/x", URIRef("https://example.org/x")),
        ('"첫걸음"@ko', Literal("첫걸음", lang="ko")),
        (
            '"1972"^^xsd:gYear',
            Literal("1972", datatype=URIRef("http://www.w3.org/2001/XMLSchema#gYear")),
        ),
        ('"say \\"hi\\""', Literal('say "hi"')),
        ("plain words", Literal("plain words")),
        ("} } DROP ALL", Literal("} } DROP ALL")),
    ],
)
def test_parse_term(text: str, expected: object) -> None:
    assert parse_term(text) == expected


def test_injection_attempt_stays_a_literal(seed_query_graph: Graph) -> None:
    got = _rows(seed_query_graph, "film-titles", film="x } UNION { ?film ?p ?title")
    assert got == []
    with pytest.raises(InputError, match="cannot read"):
        _rows(seed_query_graph, "film-titles", film='"x" } UNION { ?film ?p ?title }')


def test_injection_attempt_stays_a_literal_on_a_server(oxigraph_seed: str) -> None:
    q = load_query("film-titles")
    got = rows(
        run_query(q, endpoint=oxigraph_seed, params={"film": 'x" } UNION { ?film ?p ?title } #'})
    )
    assert got == []


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "xml"])
def test_formats(fmt: str, seed_query_graph: Graph) -> None:
    out = format_result(run_query(load_query("unidentified-photos"), graph=seed_query_graph), fmt)
    assert "vinyl-4" in out and "vinyl-5" in out


def test_turtle_format_for_construct(seed_query_graph: Graph) -> None:
    q = NamedQuery("c", "CONSTRUCT { ?s a ?t } WHERE { ?s a ?t } LIMIT 1", "c", "c")
    out = format_result(run_query(q, graph=seed_query_graph), "turtle")
    assert Graph().parse(data=out, format="turtle")
    with pytest.raises(InputError):
        format_result(
            run_query(load_query("unidentified-photos"), graph=seed_query_graph), "turtle"
        )


def test_list_queries_matches_folder() -> None:
    assert [q.name for q in list_queries()] == QUERIES


def _as_set(result_rows: Sequence[Mapping[str, object]]) -> set[tuple[tuple[str, str], ...]]:
    """Rows as comparable sets; language tags compared case-insensitively, as BCP 47 says
    (rdflib keeps the case written, Oxigraph lower-cases)."""
    return {
        tuple(
            sorted(
                (k, str(v).lower() if k == "lang" else str(v))
                for k, v in r.items()
                if v is not None
            )
        )
        for r in result_rows
    }


@pytest.mark.parametrize("name", QUERIES)
def test_same_rows_from_a_real_sparql_server(
    name: str, seed_query_graph: Graph, oxigraph_seed: str
) -> None:
    q = load_query(name)
    local = rows(run_query(q, graph=seed_query_graph))
    remote = rows(run_query(q, endpoint=oxigraph_seed))
    assert _as_set(remote) == _as_set(local)


def test_parameters_bound_on_a_real_sparql_server(
    seed_query_graph: Graph, oxigraph_seed: str
) -> None:
    q = load_query("film-titles")
    params = {"film": "film:the-undying-soldier"}
    local = rows(run_query(q, graph=seed_query_graph, params=params))
    remote = rows(run_query(q, endpoint=oxigraph_seed, params=params))
    assert local and _as_set(remote) == _as_set(local)


def test_claims_about_an_identified_photo_say_who_said_and_who_confirmed(
    seed_query_graph: Graph,
) -> None:
    got = _rows(seed_query_graph, "claims-about", entity="image:vinyl-2-top")
    depicts = [r for r in got if str(r["property"]).endswith("depicts")]
    assert depicts and all(r["source"] for r in got)
    statuses = {str(r["status"]) for r in depicts}
    assert "confirmed" in statuses, statuses
    confirmed = [r for r in depicts if str(r["status"]) == "confirmed"]
    assert all(r["confirmedBy"] for r in confirmed)
    assert any(str(r["attributedTo"]) == "Remco Breuker" for r in confirmed)
    assert all(str(r["method"]) == "read from the record label" for r in confirmed)


def test_claims_about_tell_an_unknown_value_from_a_value(seed_query_graph: Graph) -> None:
    got = _rows(seed_query_graph, "claims-about", entity="film:rolling-workers")
    years = [r for r in got if str(r["property"]).endswith("datePublished")]
    assert [str(r["valueStatus"]) for r in years] == ["unknown"]
    assert years[0]["value"] is None
    assert any(str(r["value"]) == "Rolling Workers" for r in got)
