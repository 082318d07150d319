"""RDF/XML wherever the server negotiates RDF: CONSTRUCT and DESCRIBE on /sparql (SPARQLWrapper's
and rdflib's defaults), entity IRIs; short format names for graphs; 406, not HTML, for an RDF
type the server does not write."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from serving.fixtures import *  # noqa: F403  (client, live_url, seed_app)
from SPARQLWrapper import SPARQLWrapper

from dprkfilm_graph import rdfxml
from dprkfilm_graph.namespaces import FILM, RDFS
from dprkfilm_graph.serialize import to_rdfxml

CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { ?s a <http://schema.org/Movie> ; ?p ?o }"
FIRST_STEPS = URIRef(FILM["first-steps"])


@pytest.fixture()
def films(client: FlaskClient) -> Graph:
    """The CONSTRUCT's answer in Turtle, which the other formats must equal."""
    got = client.get("/sparql", query_string={"query": CONSTRUCT, "format": "turtle"})
    graph = Graph().parse(data=got.data, format="turtle")
    assert len(graph) > 10
    return graph


def test_sparqlwrapper_default_construct_gets_rdfxml(live_url: str, films: Graph) -> None:
    client = SPARQLWrapper(f"{live_url}/sparql")  # default return format: XML
    client.setQuery(CONSTRUCT)
    got = client.queryAndConvert()
    assert isinstance(got, Graph)
    assert isomorphic(got, films)


def test_sparqlwrapper_default_describe_gets_rdfxml(live_url: str) -> None:
    client = SPARQLWrapper(f"{live_url}/sparql")
    client.setQuery(f"DESCRIBE <{FIRST_STEPS}>")
    got = client.queryAndConvert()
    assert isinstance(got, Graph) and (FIRST_STEPS, None, None) in got


def test_rdflib_reads_the_rdfxml_answer(client: FlaskClient, films: Graph) -> None:
    got = client.get(
        "/sparql", query_string={"query": CONSTRUCT}, headers={"Accept": "application/rdf+xml"}
    )
    assert got.status_code == 200 and got.mimetype == "application/rdf+xml"
    assert isomorphic(Graph().parse(data=got.data, format="xml"), films)


@pytest.mark.parametrize(
    ("name", "media", "parse_as"),
    [
        ("json-ld", "application/ld+json", "json-ld"),
        ("jsonld", "application/ld+json", "json-ld"),
        ("json", "application/ld+json", "json-ld"),
        ("xml", "application/rdf+xml", "xml"),
        ("rdf+xml", "application/rdf+xml", "xml"),
        ("turtle", "text/turtle", "turtle"),
    ],
)
def test_format_names_for_a_graph(
    client: FlaskClient, films: Graph, name: str, media: str, parse_as: str
) -> None:
    got = client.get("/sparql", query_string={"query": CONSTRUCT, "format": name})
    assert got.status_code == 200, got.text
    assert got.mimetype == media
    assert isomorphic(Graph().parse(data=got.data, format=parse_as), films)


def test_format_xml_for_a_select_is_still_sparql_results(client: FlaskClient) -> None:
    got = client.get(
        "/sparql", query_string={"query": "SELECT * { ?s ?p ?o } LIMIT 1", "format": "xml"}
    )
    assert got.mimetype == "application/sparql-results+xml"


@pytest.mark.parametrize("suffix", ["", ".rdf"])
def test_an_entity_as_rdfxml(client: FlaskClient, suffix: str) -> None:
    path = "/film/first-steps" + suffix
    got = client.get(path, headers={"Accept": "application/rdf+xml"} if not suffix else {})
    assert got.status_code == 200 and got.mimetype == "application/rdf+xml"
    parsed = Graph().parse(data=got.data, format="xml")
    turtle = client.get("/film/first-steps.ttl").data
    assert isomorphic(parsed, Graph().parse(data=turtle, format="turtle"))


@pytest.mark.parametrize("accept", ["application/trig", "text/n3", "application/x-unknown"])
def test_an_rdf_type_the_server_cannot_write_is_406(client: FlaskClient, accept: str) -> None:
    got = client.get("/film/first-steps", headers={"Accept": accept})
    assert got.status_code == 406
    assert got.mimetype == "text/plain" and "application/rdf+xml" in got.text


def test_a_browser_still_gets_html(client: FlaskClient) -> None:
    got = client.get("/film/first-steps", headers={"Accept": "text/html,*/*;q=0.8"})
    assert got.status_code == 200 and got.mimetype == "text/html"


@pytest.mark.parametrize(
    "text", ['quote " & <tag> ]]>', "line\nbreak\rreturn\ttab", "한글 “curly”", " lead"]
)
def test_rdfxml_round_trips_text(text: str) -> None:
    g = Graph()
    g.add((FIRST_STEPS, RDFS.label, Literal(text, lang="ko")))
    g.add((FIRST_STEPS, URIRef("http://example.org/v/p-1"), Literal(text)))
    assert isomorphic(Graph().parse(data=to_rdfxml(g), format="xml"), g)


def test_what_rdfxml_cannot_write_is_refused() -> None:
    with pytest.raises(rdfxml.Unwritable):
        rdfxml.write(
            [(("u", "http://x/s", ""), ("u", "http://x/p/", ""), ("u", "http://x/o", ""))], {}
        )
    with pytest.raises(rdfxml.Unwritable):
        rdfxml.write(
            [(("u", "http://x/s", ""), ("u", "http://x/p", ""), ("l", "bell\x07", ""))], {}
        )
