"""Coverage queries: what each film lacks, and which facts sources disagree on."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from dprkfilm_graph.namespaces import (
    CLAIM,
    DFO,
    FILM,
    MO,
    PERSON,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SOURCE,
    XSD,
)
from dprkfilm_graph.query import load_query, rows, run_query


def _rows(graph: Graph, name: str) -> list[dict[str, Node | None]]:
    return rows(run_query(load_query(name), graph=graph))


def _lacks(graph: Graph) -> set[tuple[str, str, str]]:
    return {
        (str(r["film"]), str(r["lacking"]), str(r["state"])) for r in _rows(graph, "films-lacking")
    }


def test_films_lacking_names_each_gap_and_tells_unknown_from_missing(
    seed_query_graph: Graph,
) -> None:
    got = _lacks(seed_query_graph)
    assert (str(FILM["rolling-workers"]), "Hangul title", "missing") in got
    assert (str(FILM["rolling-workers"]), "year", "stated unknown") in got
    assert (str(FILM["first-steps"]), "director", "missing") in got
    assert not any(f == str(FILM["first-steps"]) and what == "Hangul title" for f, what, _ in got)
    filled = Graph() + seed_query_graph
    filled.add((FILM["first-steps"], SCHEMA.director, PERSON["someone"]))
    assert (str(FILM["first-steps"]), "director", "missing") not in _lacks(filled)


def _year_claim(graph: Graph, n: int, year: str, source: str) -> None:
    claim = CLAIM[f"test-year-{n}"]
    graph.add((claim, RDF.type, DFO.Claim))
    graph.add((claim, RDF.subject, FILM["sea-of-blood"]))
    graph.add((claim, RDF.predicate, SCHEMA.datePublished))
    graph.add((claim, RDF.object, Literal(year, datatype=XSD.gYear)))
    graph.add((claim, DFO.status, DFO.Stated))
    graph.add((claim, PROV.wasDerivedFrom, SOURCE[source]))
    graph.add((SOURCE[source], RDFS.label, Literal(source)))


def test_conflicting_facts_lists_each_value_with_its_sources(seed_query_graph: Graph) -> None:
    assert _rows(seed_query_graph, "conflicting-facts") == []
    graph = Graph() + seed_query_graph
    graph.add((FILM["sea-of-blood"], RDFS.label, Literal("Sea of Blood")))
    _year_claim(graph, 1, "1968", "catalogue-a")
    assert _rows(graph, "conflicting-facts") == []  # one value: no conflict
    _year_claim(graph, 2, "1969", "catalogue-b")
    _year_claim(graph, 3, "1969", "catalogue-c")
    got = {(str(r["value"]), str(r["sources"])) for r in _rows(graph, "conflicting-facts")}
    assert got == {("1968", "catalogue-a"), ("1969", "catalogue-b | catalogue-c")} or got == {
        ("1968", "catalogue-a"),
        ("1969", "catalogue-c | catalogue-b"),
    }
    assert all(
        URIRef(str(r["entity"])) == FILM["sea-of-blood"] for r in _rows(graph, "conflicting-facts")
    )


def test_films_by_decade_and_studio_counts_unknowns_too(seed_query_graph: Graph) -> None:
    assert [
        (str(r["decade"]), str(r["studio"]), int(str(r["films"])))
        for r in _rows(seed_query_graph, "films-by-decade-and-studio")
    ] == [("unknown", "unknown", 5)]
    graph = Graph() + seed_query_graph
    studio = URIRef("https://w3id.org/dprkfilm/org/korean-feature-film-studio")
    graph.add((studio, RDFS.label, Literal("Korean Feature Film Studio")))
    for film, year in (("a", "1968"), ("b", "1962"), ("c", "1972")):
        graph.add((FILM[film], RDF.type, SCHEMA.Movie))
        graph.add((FILM[film], SCHEMA.datePublished, Literal(year, datatype=XSD.gYear)))
        graph.add((FILM[film], SCHEMA.productionCompany, studio))
    got = {
        (str(r["decade"]), str(r["studio"])): int(str(r["films"]))
        for r in _rows(graph, "films-by-decade-and-studio")
    }
    assert got == {
        ("1960s", "Korean Feature Film Studio"): 2,
        ("1970s", "Korean Feature Film Studio"): 1,
        ("unknown", "unknown"): 5,
    }


def test_records_with_tracks_follows_disc_track_recording_song_film(
    seed_query_graph: Graph,
) -> None:
    assert _rows(seed_query_graph, "records-with-tracks") == []
    graph = Graph() + seed_query_graph
    base = "https://w3id.org/dprkfilm/"
    release, disc = (
        URIRef(base + "release/vinyl-post-record"),
        URIRef(base + "disc/vinyl-post-record-1"),
    )
    track, recording, song = (URIRef(base + p) for p in ("track/t1", "recording/r1", "song/s1"))
    graph.add((track, MO.track_number, Literal(1)))
    graph.add((disc, MO.track, track))
    graph.add((track, MO.publication_of, recording))
    graph.add((recording, SCHEMA.recordingOf, song))
    graph.add((song, RDFS.label, Literal("A song")))
    graph.add((song, DFO.songFromFilm, FILM["first-steps"]))
    got = _rows(graph, "records-with-tracks")
    assert [(r["record"], r["track"], str(r["songTitle"]), r["film"]) for r in got] == [
        (release, track, "A song", FILM["first-steps"])
    ]


def _credit(graph: Graph, n: int, prop: URIRef, who: str, source: str, status: URIRef) -> None:
    claim = CLAIM[f"test-credit-{n}"]
    graph.add((claim, RDF.type, DFO.Claim))
    graph.add((claim, RDF.subject, FILM["sea-of-blood"]))
    graph.add((claim, RDF.predicate, prop))
    graph.add((claim, RDF.object, PERSON[who]))
    graph.add((claim, DFO.status, status))
    graph.add((claim, PROV.wasDerivedFrom, SOURCE[source]))
    graph.add((SOURCE[source], RDFS.label, Literal(source)))
    graph.add((PERSON[who], RDFS.label, Literal(who)))


def _credits(graph: Graph) -> set[tuple[str, str, frozenset[str], frozenset[str]]]:
    return {
        (
            str(r["property"]),
            str(r["valueLabel"]),
            frozenset(str(r["creditedBy"]).split(" | ")),
            frozenset(str(r["notBy"]).split(" | ")),
        )
        for r in _rows(graph, "conflicting-credits")
        if URIRef(str(r["entity"])) == FILM["sea-of-blood"]
    }


def test_conflicting_credits_names_who_each_source_leaves_out(seed_query_graph: Graph) -> None:
    graph = Graph() + seed_query_graph
    n = iter(range(100))
    for source in ("list-a", "list-b"):  # two co-directors that both lists name: no conflict
        for who in ("choe", "pak"):
            _credit(graph, next(n), SCHEMA.director, who, source, DFO.Stated)
    _credit(graph, next(n), SCHEMA.director, "kim", "rejected-page", DFO.Rejected)
    _credit(graph, next(n), SCHEMA.director, "ri", "proposed-page", DFO.Proposed)
    _credit(graph, next(n), SCHEMA.actor, "cast-1", "list-a", DFO.Stated)  # casts: partial lists
    _credit(graph, next(n), SCHEMA.actor, "cast-2", "blog", DFO.Stated)
    assert _credits(graph) == set()

    _credit(graph, next(n), SCHEMA.director, "kim", "blog", DFO.Stated)
    _credit(graph, next(n), DFO.screenwriter, "choe", "list-a", DFO.Confirmed)
    _credit(graph, next(n), DFO.screenwriter, "choe", "blog", DFO.Disputed)
    director, both, blog = str(SCHEMA.director), frozenset({"list-a", "list-b"}), {"blog"}
    assert _credits(graph) == {
        (director, "choe", both, frozenset(blog)),
        (director, "pak", both, frozenset(blog)),
        (director, "kim", frozenset(blog), both),
    }
