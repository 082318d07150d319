"""Entity pages, the home page, the query page, the dataset description and the dumps."""

from __future__ import annotations

import hashlib

import pytest
from flask.testing import FlaskClient
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from serving.fixtures import *  # noqa: F403  (client, seed_app)

from dprkfilm_graph.dump import triple_count
from dprkfilm_graph.graph import query_graph
from dprkfilm_graph.namespaces import BASE, FILM, SCHEMA, SPDX, VOID
from dprkfilm_graph.serving.pages import describe

FIRST_STEPS = "/film/first-steps"


def test_home_leads_to_browse_pages_and_search(client: FlaskClient) -> None:
    page = client.get("/").text
    for path in ("/films", "/people", "/records", "/songs"):
        assert f'href="{path}"' in page
    assert 'action="/search"' in page
    assert client.get("/films").text.count('href="/film/first-steps"') == 1
    assert 'href="/release/vinyl-post-record"' in client.get("/records").text
    assert 'href="/person/remco-breuker"' in client.get("/people").text


def test_entity_page_shows_every_title_with_its_tag_explained(client: FlaskClient) -> None:
    got = client.get(FIRST_STEPS, headers={"Accept": "text/html,*/*;q=0.8"})
    assert got.status_code == 200 and got.mimetype == "text/html"
    page = got.text
    assert "첫걸음" in page and "Korean in Hangul" in page
    assert "The Beginning" in page
    assert "ko-Latn-x-mr" in page and "McCune–Reischauer" in page


def test_entity_page_shows_claims_with_status_and_source(client: FlaskClient) -> None:
    page = client.get(FIRST_STEPS).text
    assert 'href="/source/vinyl-post-update-2"' in page
    assert "Remco Breuker" in page
    assert "read from the record label" in page
    assert 'class="status-confirmed"' in page  # the photo identification pointing here
    assert 'href="/image/vinyl-2-top"' in page  # the region of the photo that shows this film
    assert 'href="/image/vinyl-2"' in page  # and the photo it is part of


@pytest.mark.parametrize(
    ("accept", "suffix", "fmt"),
    [
        ("text/turtle", ".ttl", "turtle"),
        ("application/ld+json", ".jsonld", "json-ld"),
        ("application/n-triples", ".nt", "nt"),
    ],
)
def test_entity_as_rdf_by_accept_and_by_suffix(
    accept: str, suffix: str, fmt: str, client: FlaskClient, seed_query_graph: Graph
) -> None:
    by_accept = client.get(FIRST_STEPS, headers={"Accept": accept})
    by_suffix = client.get(FIRST_STEPS + suffix)
    assert by_accept.mimetype == accept and by_suffix.mimetype == accept
    assert by_accept.data == by_suffix.data
    graph = Graph().parse(data=by_accept.data, format=fmt)
    iri = FILM["first-steps"]
    assert (iri, SCHEMA.name, Literal("첫걸음", lang="ko")) in graph
    assert isomorphic(graph, describe(seed_query_graph, iri))


def test_unknown_entity_is_404(client: FlaskClient) -> None:
    assert client.get("/film/no-such-film").status_code == 404
    assert client.get("/nothing/here").status_code == 404


def test_every_entity_iri_dereferences(client: FlaskClient, seed_graph: Graph) -> None:
    subjects = sorted({s for s in seed_graph.subjects() if str(s).startswith(BASE)}, key=str)
    assert len(subjects) > 20
    failed = []
    for iri in subjects:
        path = "/" + str(iri)[len(BASE) :]
        if path.count("/") < 2:
            continue  # the dataset itself: /.well-known/void
        response = client.get(path)
        if response.status_code != 200:
            failed.append(f"{path}: {response.status_code}")
    assert failed == []


def test_query_page_offers_the_shipped_queries(client: FlaskClient) -> None:
    page = client.get("/query").text
    assert "<textarea" in page
    assert 'value="films-on-record"' in page
    assert "Films on a record" in page


def test_void_describes_endpoint_dumps_counts_and_tags(
    client: FlaskClient, seed_graph: Graph
) -> None:
    got = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    assert got.mimetype == "text/turtle"
    void = Graph().parse(data=got.data, format="turtle")
    ds = URIRef(BASE + "dataset")
    assert (ds, VOID.sparqlEndpoint, URIRef("http://localhost/sparql")) in void
    triples = void.value(ds, VOID.triples)
    assert isinstance(triples, Literal) and int(triples) == triple_count(seed_graph)
    comment = " ".join(str(o) for o in void.objects(ds, None) if isinstance(o, Literal))
    assert "ko-Latn-x-mr" in comment and "private use" in comment
    dumps = sorted(str(o) for o in void.objects(ds, VOID.dataDump))
    assert "http://localhost/dumps/dprkfilm.ttl" in dumps
    for url in dumps:
        body = client.get(url.removeprefix("http://localhost")).data
        dist = next(void.subjects(URIRef("http://www.w3.org/ns/dcat#downloadURL"), URIRef(url)))
        checksum = void.value(void.value(dist, SPDX.checksum), SPDX.checksumValue)
        assert hashlib.sha256(body).hexdigest() == str(checksum), url


def test_turtle_dump_is_the_graph(client: FlaskClient, seed_graph: Graph) -> None:
    body = client.get("/dumps/dprkfilm.ttl").data
    assert isomorphic(Graph().parse(data=body, format="turtle"), query_graph(seed_graph))
    assert client.get("/dumps/secret.txt").status_code == 404


def test_void_for_browsers_and_in_json_ld(client: FlaskClient) -> None:
    html = client.get("/.well-known/void", headers={"Accept": "text/html"})
    assert html.mimetype == "text/html" and "/dumps/dprkfilm.nt" in html.text
    jsonld = client.get("/.well-known/void?format=jsonld")
    assert jsonld.mimetype == "application/ld+json"
    assert len(Graph().parse(data=jsonld.data, format="json-ld")) > 10
