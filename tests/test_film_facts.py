"""Years, directors and Hangul titles single pages state (mappings/sheets/film-facts.tsv): a row
keys a film the graph already has by that film's own key, so no page's title mints a second
film; a film only this sheet names is one its pages give a Hangul title, a year and a director;
a director a page names only in Hangul is a person of that Hangul name."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from dprkfilm_graph import paths
from dprkfilm_graph.load import load_data
from dprkfilm_graph.namespaces import FILM, RDF, SCHEMA
from dprkfilm_graph.tabular.convert import slug
from dprkfilm_graph.tabular.rows import read_rows

SHEET = paths.root() / "mappings" / "sheets" / "film-facts.tsv"
FILE = "film-facts.ttl"


def _keyed_films() -> dict[URIRef, list[dict[str, str]]]:
    rows = read_rows(SHEET, ["film_key"])
    films: dict[URIRef, list[dict[str, str]]] = {}
    for row in rows:
        films.setdefault(FILM[slug(row.cells["film_key"])], []).append(row.cells)
    return films


def test_a_row_keys_a_film_the_graph_has_or_a_film_its_pages_fully_describe() -> None:
    """Without this sheet's data file, each keyed film is either already in the graph (its
    IRI kept) or new: then its rows give its Hangul title, year and a director."""
    others = [p for p in paths.data_files(paths.data_dir()) if p.name != FILE]
    before = load_data(others).graph
    films = _keyed_films()
    assert films
    new = [film for film in films if (film, RDF.type, SCHEMA.Movie) not in before]
    for film, rows in films.items():
        if film in new:
            for column in ("hangul_title", "year"):
                assert any(r.get(column) for r in rows), (film, column)
            assert any(r.get("director") or r.get("director_ko") for r in rows), film
    assert len(new) < len(films)  # most rows add to films the graph has


def test_every_keyed_film_has_the_years_and_titles_its_rows_give(shipped_graph: Graph) -> None:
    graph = shipped_graph
    for film, rows in _keyed_films().items():
        years = {str(o) for o in graph.objects(film, SCHEMA.datePublished)}
        titles = {str(o) for o in graph.objects(film, SCHEMA.name) if isinstance(o, Literal)}
        for row in rows:
            if row.get("year"):
                assert row["year"] in years, (film, row["year"])
            if row.get("hangul_title"):
                assert row["hangul_title"] in titles, (film, row["hangul_title"])


def test_a_director_named_only_in_hangul_is_a_person_of_that_name(shipped_graph: Graph) -> None:
    graph = shipped_graph
    named = [
        (FILM[slug(row.cells["film_key"])], name.strip())
        for row in read_rows(SHEET, ["film_key"])
        for name in row.cells.get("director_ko", "").split("; ")
        if name.strip()
    ]
    assert named
    for film, name in named:
        directors = list(graph.objects(film, SCHEMA.director))
        assert any(
            Literal(name, lang="ko") in set(graph.objects(d, SCHEMA.name)) for d in directors
        ), (film, name)
