"""The films their Wikipedia articles describe (mappings/sheets/wikipedia-films.tsv): every claim
is the page's, with the words that show its value; a film the graph has keeps its IRI whatever
title the article uses; running times are durations a quote shows in minutes; re-importing the
sheet changes no byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from dprkfilm_graph import paths
from dprkfilm_graph.errors import InputError
from dprkfilm_graph.evidence import claim_words, is_web_page, shows
from dprkfilm_graph.load import Data, load_data, parse_turtle
from dprkfilm_graph.namespaces import DFO, FILM, PROV, RDF, SCHEMA, XSD
from dprkfilm_graph.tabular.mapping import load_mapping
from dprkfilm_graph.tabular.merge import import_sheet
from dprkfilm_graph.tabular.rows import read_rows

MAPPING = paths.root() / "mappings" / "ingest" / "wikipedia-films.toml"
SHEET = paths.root() / "mappings" / "sheets" / "wikipedia-films.tsv"
DATA = paths.data_dir() / "wikipedia-films.ttl"


def _claims(graph: Graph) -> list[URIRef]:
    return sorted(c for c in graph.subjects(RDF.type, DFO.Claim) if isinstance(c, URIRef))


def test_reimporting_the_sheet_changes_no_byte(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(paths.data_dir(), data)
    before = {p.name: p.read_bytes() for p in sorted(data.glob("*.ttl"))}
    result = import_sheet(load_mapping(MAPPING), SHEET, data_dir=data)
    assert not result.written and result.claims_before == result.claims_after > 0
    assert {p.name: p.read_bytes() for p in sorted(data.glob("*.ttl"))} == before


def test_every_claim_from_the_sheet_quotes_a_page_that_shows_its_value(
    shipped_data: Data,
) -> None:
    graph = shipped_data.graph
    own = _claims(parse_turtle(DATA, allow_bnodes=False))
    assert len(own) > 50
    for claim in own:
        pages = [s for s in graph.objects(claim, PROV.wasDerivedFrom) if is_web_page(graph, s)]
        quote = graph.value(claim, DFO.statedAs)
        assert pages and quote is not None, f"{claim} names no page, or not its words"
        words = claim_words(graph, claim)
        assert any(shows(str(quote), w) for w in words), (claim, str(quote), words)


def test_every_film_of_the_sheet_is_keyed_by_the_graphs_own_key_when_it_has_the_film(
    shipped_data: Data,
) -> None:
    """A row about a film another table has must give that table's key: its Hangul title
    names exactly one film, the row's."""
    graph = shipped_data.graph
    rows = read_rows(SHEET, ["film_key"])
    hangul: dict[str, set[URIRef]] = {}
    for claim in graph.subjects(RDF.predicate, SCHEMA.name):
        name, film = graph.value(claim, RDF.object), graph.value(claim, RDF.subject)
        if not isinstance(film, URIRef) or (film, RDF.type, SCHEMA.Movie) not in graph:
            continue
        if isinstance(name, Literal) and name.language == "ko":
            hangul.setdefault(str(name), set()).add(film)
    checked = 0
    for row in rows:
        title = row.cells.get("hangul_title", "")
        if title in hangul:
            assert len(hangul[title]) == 1, (row.line, title, hangul[title])
            checked += 1
    assert checked >= 4


def test_an_article_title_unlike_the_lists_keeps_the_films_iri(shipped_data: Data) -> None:
    graph = shipped_data.graph
    film = FILM["a-schoolgirl-s-diary"]
    names = {
        str(graph.value(c, RDF.object))
        for c in graph.subjects(RDF.subject, film)
        if graph.value(c, RDF.predicate) == SCHEMA.name
    }
    assert {"The Schoolgirl's Diary", "A Schoolgirl's Diary", "한 녀학생의 일기"} <= names
    assert (FILM["the-schoolgirl-s-diary"], None, None) not in graph
    years = {
        str(graph.value(c, RDF.object))
        for c in graph.subjects(RDF.subject, film)
        if graph.value(c, RDF.predicate) == SCHEMA.datePublished
    }
    assert {"2006", "2007"} <= years  # the list's year and the article's, side by side


def test_a_running_time_is_a_duration_its_quote_shows_in_minutes(shipped_data: Data) -> None:
    graph = shipped_data.graph
    found = {
        (graph.value(c, RDF.object), str(graph.value(c, DFO.statedAs)))
        for c in graph.subjects(RDF.subject, FILM["hong-kil-dong"])
        if graph.value(c, RDF.predicate) == SCHEMA.duration
    }
    assert found == {(Literal("PT108M", datatype=XSD.duration), "Running time | 108 minutes |")}


def _sheet(tmp: Path, minutes: str) -> Path:
    sheet = tmp / "films.csv"
    sheet.write_text(
        "film_key,english_title,english_title_source,english_title_quote,"
        "running_time,running_time_source,running_time_quote,source\n"
        f'Salt,Salt,https://a.example.org/salt,"Salt (1985)",{minutes},'
        'https://a.example.org/salt,"Running time 93 minutes",https://a.example.org/salt\n',
        encoding="utf-8",
    )
    return sheet


def test_a_running_time_that_is_not_a_number_of_minutes_is_refused(
    seed_copy: Path, tmp_path: Path
) -> None:
    with pytest.raises(InputError) as caught:
        import_sheet(load_mapping(MAPPING), _sheet(tmp_path, "93 minutes"), data_dir=seed_copy)
    assert ":2:" in str(caught.value) and "not a number of minutes" in str(caught.value)
    with pytest.raises(InputError) as caught:
        import_sheet(load_mapping(MAPPING), _sheet(tmp_path, "39"), data_dir=seed_copy)
    assert "does not show '39'" in str(caught.value)
    import_sheet(load_mapping(MAPPING), _sheet(tmp_path, "93"), data_dir=seed_copy)
    graph = load_data(paths.data_files(seed_copy)).graph
    assert (FILM["salt"], None, None) in graph


def test_a_unit_needs_a_duration_and_a_key_only_column_is_no_value(tmp_path: Path) -> None:
    text = MAPPING.read_text(encoding="utf-8")
    bad = tmp_path / "m.toml"
    bad.write_text(text.replace('datatype = "xsd:duration"', 'datatype = "xsd:integer"'))
    with pytest.raises(InputError) as caught:
        load_mapping(bad)
    assert "running_time" in str(caught.value) and "xsd:duration" in str(caught.value)
    mapping = load_mapping(MAPPING)
    assert mapping.header()[0] == "film_key"
    assert "film_key" not in {c.name for c in mapping.columns}
