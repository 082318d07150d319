"""The SPARQL 1.1 Protocol endpoint: same answers as the embedded rdflib engine for every shipped
query, in every result format, through the test client and through SPARQLWrapper over HTTP;
updates, LOAD and SERVICE refused; limits answered with a clear error."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping

import pytest
import requests
from flask.testing import FlaskClient
from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.query import Result, ResultRow
from serving.fixtures import *  # noqa: F403  (client, live_url, seed_app)
from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from dprkfilm_graph.paths import queries_dir
from dprkfilm_graph.query import load_query, rows, run_query
from dprkfilm_graph.serving.app import Settings, create_app, site_of
from dprkfilm_graph.serving.engine import Limits
from dprkfilm_graph.serving.querytext import QueryKind, Refused, classify

QUERIES = sorted(p.stem for p in queries_dir().glob("*.rq"))
SPARQL_JSON = "application/sparql-results+json"


# Oxigraph stores the integer types derived from xsd:integer as xsd:integer ("2" as a
# positiveInteger comes back an integer): the same value, compared as such.
_INTEGERS = {XSD.positiveInteger, XSD.nonNegativeInteger, XSD.int, XSD.long, XSD.short}


def _term(value: object) -> str:
    if isinstance(value, Literal) and value.datatype in _INTEGERS:
        return repr(Literal(str(value), datatype=XSD.integer))
    return repr(value)


def _key(row: Mapping[str, object]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((k, _term(v)) for k, v in row.items() if v is not None))


def _multiset(result: Result) -> list[tuple[tuple[str, str], ...]]:
    return sorted(_key(r) for r in rows(result))


@pytest.mark.parametrize("name", QUERIES)
def test_shipped_query_gives_the_embedded_answer(
    name: str, client: FlaskClient, seed_query_graph: Graph
) -> None:
    text = load_query(name).text
    expected = run_query(text, graph=seed_query_graph)
    got = client.post("/sparql", data={"query": text}, headers={"Accept": SPARQL_JSON})
    assert got.status_code == 200, got.text
    assert got.mimetype == SPARQL_JSON
    answer = Result.parse(io.BytesIO(got.data), format="json")
    assert [str(v) for v in answer.vars or []] == [str(v) for v in expected.vars or []]
    assert _multiset(answer) == _multiset(expected)


def test_every_results_format_says_the_same(client: FlaskClient) -> None:
    text = (
        "SELECT ?film ?name WHERE { ?film a <http://schema.org/Movie> ; "
        "<http://schema.org/name> ?name } ORDER BY ?film ?name"
    )
    answers = {
        media: client.get("/sparql", query_string={"query": text}, headers={"Accept": media})
        for media in (
            SPARQL_JSON,
            "application/sparql-results+xml",
            "text/csv",
            "text/tab-separated-values",
        )
    }
    for media, response in answers.items():
        assert response.status_code == 200, response.text
        assert response.mimetype == media
    from_json = Result.parse(io.BytesIO(answers[SPARQL_JSON].data), format="json")
    from_xml = Result.parse(
        io.BytesIO(answers["application/sparql-results+xml"].data), format="xml"
    )
    assert list(from_json) == list(from_xml)
    table = list(csv.reader(io.StringIO(answers["text/csv"].text)))
    assert table[0] == ["film", "name"]
    assert [r[1] for r in table[1:]] == [str(r[1]) for r in from_json if isinstance(r, ResultRow)]
    tsv = answers["text/tab-separated-values"].text.splitlines()
    assert tsv[0] == "?film\t?name"
    assert any('"첫걸음"@ko' in line for line in tsv)


def test_post_sparql_query_body_and_ask(client: FlaskClient) -> None:
    got = client.post(
        "/sparql",
        data="ASK { ?s a <http://schema.org/Movie> }",
        content_type="application/sparql-query",
        headers={"Accept": SPARQL_JSON},
    )
    assert got.status_code == 200
    assert json.loads(got.data) == {"head": {}, "boolean": True}


@pytest.mark.parametrize(
    ("media", "fmt"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
    ],
)
def test_construct_by_content_negotiation(
    media: str, fmt: str, client: FlaskClient, seed_query_graph: Graph
) -> None:
    text = (
        "CONSTRUCT { ?f <http://schema.org/name> ?n } "
        "WHERE { ?f a <http://schema.org/Movie> ; <http://schema.org/name> ?n }"
    )
    got = client.get("/sparql", query_string={"query": text}, headers={"Accept": media})
    assert got.status_code == 200, got.text
    assert got.mimetype == media
    expected = run_query(text, graph=seed_query_graph).graph
    assert expected is not None and len(expected) > 0
    assert isomorphic(Graph().parse(data=got.data, format=fmt), expected)


def test_unacceptable_media_type_is_406(client: FlaskClient) -> None:
    got = client.get("/sparql", query_string={"query": "ASK {}"}, headers={"Accept": "image/png"})
    assert got.status_code == 406
    assert "application/sparql-results+json" in got.text


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("INSERT DATA { <http://a/b> <http://a/c> 1 }", "read-only"),
        ("DELETE WHERE { ?s ?p ?o }", "read-only"),
        ("LOAD <http://example.org/data.ttl>", "LOAD is refused"),
        ("CLEAR ALL", "read-only"),
        ("SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "SERVICE is refused"),
        ("select * { service silent <http://127.0.0.1:9/> { ?s ?p ?o } }", "SERVICE is refused"),
    ],
)
def test_updates_load_and_service_are_refused(text: str, says: str, client: FlaskClient) -> None:
    got = client.post("/sparql", data={"query": text})
    assert got.status_code == 400
    assert says in got.text


def test_update_operation_is_refused_with_the_protocol_status(client: FlaskClient) -> None:
    form = client.post("/sparql", data={"update": "CLEAR ALL"})
    assert form.status_code == 400 and "read-only" in form.text
    body = client.post("/sparql", data="CLEAR ALL", content_type="application/sparql-update")
    assert body.status_code == 400
    via_get = client.get("/sparql", query_string={"update": "CLEAR ALL"})
    assert via_get.status_code == 405
    assert "POST" in via_get.headers["Allow"]


def test_keywords_inside_strings_iris_and_comments_are_not_refused() -> None:
    text = (
        "# LOAD and SERVICE in a comment\n"
        "PREFIX load: <http://example.org/service/>\n"
        'SELECT ?insert WHERE { ?insert load:drop \'LOAD <x>\' , """SERVICE""" }'
    )
    assert classify(text) is QueryKind.SELECT


def test_not_a_query_and_syntax_errors_are_400(client: FlaskClient) -> None:
    with pytest.raises(Refused):
        classify("hello")
    got = client.get("/sparql", query_string={"query": "SELECT ?x WHERE { ?x"})
    assert got.status_code == 400
    assert "syntax error" in got.text


def test_missing_query_is_400_for_clients_and_the_editor_for_browsers(client: FlaskClient) -> None:
    assert client.get("/sparql").status_code == 400
    browser = client.get("/sparql", headers={"Accept": "text/html"})
    assert browser.status_code == 303
    assert browser.headers["Location"].endswith("/query")


def test_cors_headers_and_preflight(client: FlaskClient) -> None:
    got = client.options("/sparql", headers={"Origin": "https://example.org"})
    assert got.status_code == 204
    assert got.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in got.headers["Access-Control-Allow-Methods"]
    answer = client.get("/sparql", query_string={"query": "ASK {}"})
    assert answer.headers["Access-Control-Allow-Origin"] == "*"


def test_result_cap_and_time_limit_answer_clearly(seed_graph: Graph) -> None:
    app = create_app(seed_graph, Settings(limits=Limits(timeout=1.0, max_results=3), workers=1))
    try:
        c = app.test_client()
        many = c.get("/sparql", query_string={"query": "SELECT * { ?s ?p ?o }"})
        assert many.status_code == 422
        assert "more than 3 results" in many.text
        few = c.get("/sparql", query_string={"query": "SELECT * { ?s ?p ?o } LIMIT 3"})
        assert few.status_code == 200
        # A cross product of the graph with itself five times cannot finish in a second.
        slow = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
        stopped = c.get("/sparql", query_string={"query": slow})
        assert stopped.status_code == 503
        assert "longer than the limit of 1 s" in stopped.text
        # The worker that was stopped is replaced: the endpoint keeps answering.
        again = c.get("/sparql", query_string={"query": "ASK {}"})
        assert again.status_code == 200
    finally:
        site_of(app).close()


def test_sparqlwrapper_over_http(live_url: str, seed_query_graph: Graph) -> None:
    text = load_query("films-on-record").text
    client = SPARQLWrapper(f"{live_url}/sparql")
    client.setQuery(text)
    client.setReturnFormat(JSON)
    answer = client.queryAndConvert()
    assert isinstance(answer, dict)
    got = sorted((b["film"]["value"], b["status"]["value"]) for b in answer["results"]["bindings"])
    expected = sorted(
        (str(r["film"]), str(r["status"])) for r in rows(run_query(text, graph=seed_query_graph))
    )
    assert got == expected and len(got) >= 5


def test_sparqlwrapper_construct_and_errors_over_http(live_url: str) -> None:
    client = SPARQLWrapper(f"{live_url}/sparql")
    client.setQuery("CONSTRUCT WHERE { ?f a <http://schema.org/Movie> }")
    client.setReturnFormat(TURTLE)
    body = client.query().convert()
    assert isinstance(body, bytes | str)
    graph = Graph().parse(data=body, format="turtle")
    assert (URIRef("https://w3id.org/dprkfilm/film/first-steps"), None, None) in graph
    client.setMethod(POST)
    client.setQuery("LOAD <http://example.org/x>")
    with pytest.raises(QueryBadFormed):
        client.query()


def test_requests_post_form_over_http(live_url: str) -> None:
    got = requests.post(
        f"{live_url}/sparql",
        data={"query": 'SELECT ?f { ?f <http://schema.org/name> "첫걸음"@ko }'},
        headers={"Accept": SPARQL_JSON},
        timeout=10,
    )
    assert got.status_code == 200
    assert got.headers["Access-Control-Allow-Origin"] == "*"
    values = [b["f"]["value"] for b in got.json()["results"]["bindings"]]
    assert values == ["https://w3id.org/dprkfilm/film/first-steps"]
    assert Literal("첫걸음", lang="ko")  # the literal the query matched on


def _select(client: FlaskClient, text: str, **params: str | list[str]) -> list[dict[str, str]]:
    got = client.post("/sparql", data={"query": text, **params}, headers={"Accept": SPARQL_JSON})
    assert got.status_code == 200, got.text
    return [{k: v["value"] for k, v in b.items()} for b in got.get_json()["results"]["bindings"]]


FIRST_STEPS_HANGUL = """
PREFIX schema: <http://schema.org/>
PREFIX film: <https://w3id.org/dprkfilm/film/>
SELECT ?g WHERE { GRAPH ?g { film:first-steps schema:name "첫걸음"@ko } }
"""


def test_each_source_is_a_named_graph_saying_what_it_states(
    client: FlaskClient, seed_graph: Graph
) -> None:
    from dprkfilm_graph.derive import claim_sources
    from dprkfilm_graph.namespaces import FILM, SCHEMA

    got = {r["g"] for r in _select(client, FIRST_STEPS_HANGUL)}
    expected = claim_sources(seed_graph)[
        (FILM["first-steps"], SCHEMA.name, Literal("첫걸음", lang="ko"))
    ]
    assert got == {str(s) for s in expected} and len(got) >= 2


def test_default_graph_uri_limits_the_query_to_one_source(client: FlaskClient) -> None:
    text = (
        "SELECT DISTINCT ?title WHERE { <https://w3id.org/dprkfilm/film/first-steps> "
        "<http://schema.org/alternateName> ?title }"
    )
    everything = {r["title"] for r in _select(client, text)}
    update = "https://w3id.org/dprkfilm/source/vinyl-post-update-2"
    one = {r["title"] for r in _select(client, text, **{"default-graph-uri": update})}
    assert one and one < everything
    assert _select(client, text, **{"default-graph-uri": "https://example.org/none"}) == []
    named_only = _select(client, FIRST_STEPS_HANGUL, **{"named-graph-uri": update})
    assert [r["g"] for r in named_only] == [update]


def test_a_dataset_iri_that_is_not_an_iri_is_refused(client: FlaskClient) -> None:
    got = client.get("/sparql", query_string={"query": "ASK {}", "default-graph-uri": "no iri"})
    assert got.status_code == 400 and "not an absolute IRI" in got.text


def test_the_endpoint_describes_itself_and_its_named_graphs(
    client: FlaskClient, seed_graph: Graph
) -> None:
    from dprkfilm_graph.dump import named_graphs
    from dprkfilm_graph.serving.service import SD

    got = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert got.status_code == 200 and got.mimetype == "text/turtle"
    description = Graph().parse(data=got.get_data(as_text=True), format="turtle")
    (service,) = description.subjects(RDF.type, SD.Service)
    assert description.value(service, SD.endpoint) == service
    names = set(description.objects(None, SD.name))
    assert names == {n for n in named_graphs(seed_graph) if n is not None}
    html = client.get("/sparql", headers={"Accept": "text/html"})
    assert html.status_code == 303
