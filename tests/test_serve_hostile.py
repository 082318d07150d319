"""Hostile requests: the endpoint fetches nothing on a client's behalf (a canary listener on
loopback counts every connection), reflects no markup, sends its security headers on every
response, refuses oversized and over-nested requests with a 4xx, and keeps answering small
queries while slow ones run."""

from __future__ import annotations

import json
import re
import threading
import time

import pytest
import requests
from flask import Flask
from flask.testing import FlaskClient
from rdflib import Graph
from serving.canary import *  # noqa: F403  (the canary fixture)
from serving.canary import Canary
from serving.fixtures import *  # noqa: F403  (client, live_url, seed_app)

from dprkfilm_graph.serving.app import Settings, create_app, site_of
from dprkfilm_graph.serving.engine import Limits
from dprkfilm_graph.serving.limits import MAX_BATCH, MAX_BODY, json_depth
from dprkfilm_graph.serving.querytext import MAX_DEPTH, QueryKind, Refused, check


def _bypasses(url: str) -> list[str]:
    """SERVICE written every way a reader might miss it."""
    return [
        f"SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"select * {{ service silent <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ #\rSERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",  # a CR ends a comment
        f"SELECT * {{ #\r\nSeRvIcE <{url}> {{ ?s ?p ?o }} }}",
        f"PREFIX c: <{url.rsplit('/', 1)[0]}/>\nSELECT * {{ SERVICE c:sparql {{ ?s ?p ?o }} }}",
        f"SELECT * {{ VALUES ?e {{ <{url}> }} SERVICE ?e {{ ?s ?p ?o }} }}",
        f"SELECT * {{ ?s ?p 'x\\'' . SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f'SELECT * {{ ?s ?p "\\u0022" . SERVICE <{url}> {{ ?s ?p ?o }} }}',
        f"ASK {{ {{ {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
        f"SELECT * {{ ?s ?p ?o }} #\r LIMIT 1 SERVICE <{url}> {{}}",
        # The engine reads a keyword with no space after or before it.
        f"SELECT*{{SERVICESILENT<{url}>{{?s?p?o}}}}",
        f"SELECT*{{?s ?p trueSERVICE<{url}>{{?s?p?o}}}}",
    ]


@pytest.mark.parametrize("index", range(12))
def test_service_is_refused_however_it_is_written(
    index: int, client: FlaskClient, canary: Canary
) -> None:
    text = _bypasses(canary.url)[index]
    with pytest.raises(Refused):
        check(text)
    got = client.post("/sparql", data={"query": text})
    assert got.status_code == 400, got.text
    assert "refused" in got.text
    assert canary.settle() == []


def test_an_escaped_hash_in_a_prefixed_name_is_not_a_comment(client: FlaskClient) -> None:
    text = "PREFIX ex: <http://a/> SELECT * { ?s ex:a\\#b ?o } LIMIT 1 # note"
    assert check(text).text.endswith("ex:a\\#b ?o } LIMIT 1  ")
    assert client.post("/sparql", data={"query": text}).status_code == 200


def test_comments_never_reach_the_engine() -> None:
    checked = check("SELECT ?x { ?x ?p ?o } # LIMIT 0\r\n# SERVICE\rLIMIT 1")
    assert "#" not in checked.text
    assert checked.text.endswith("LIMIT 1")
    assert checked.kind is QueryKind.SELECT


@pytest.mark.parametrize(
    "text",
    [
        "LOAD <{url}>",
        "LOAD SILENT <{url}> INTO GRAPH <http://a/g>",
        "INSERT DATA {{ <http://a/b> <http://a/c> 1 }}",
        "CLEAR ALL",
        "SELECT * {{ ?s ?p ?o }} ; LOAD <{url}>",
        "WITH <{url}> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}",
    ],
)
def test_load_and_updates_are_refused_and_fetch_nothing(
    text: str, client: FlaskClient, canary: Canary
) -> None:
    query = text.format(url=canary.url)
    assert client.post("/sparql", data={"query": query}).status_code == 400
    assert client.post("/sparql", data={"update": query}).status_code == 400
    sent = client.post("/sparql", data=query, content_type="application/sparql-update")
    assert sent.status_code == 400
    assert client.get("/sparql", query_string={"update": query}).status_code == 405
    assert canary.settle() == []


def test_remote_from_and_dataset_iris_are_never_fetched(
    client: FlaskClient, canary: Canary
) -> None:
    asked = [
        client.post("/sparql", data={"query": f"SELECT * FROM <{canary.url}> {{ ?s ?p ?o }}"}),
        client.post(
            "/sparql", data={"query": f"SELECT * FROM NAMED <{canary.url}> {{ ?s ?p ?o }}"}
        ),
        client.post(
            "/sparql", data={"query": "SELECT * { ?s ?p ?o }", "default-graph-uri": canary.url}
        ),
        client.post(
            "/sparql",
            data={"query": "SELECT * { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": canary.url},
        ),
        client.post(
            "/sparql", data={"query": f"SELECT * {{ GRAPH <{canary.url}> {{ ?s ?p ?o }} }}"}
        ),
    ]
    for got in asked:
        # Answered from the server's own store: a graph it does not hold is simply empty.
        assert got.status_code == 200, got.text
        assert got.json is not None and got.json["results"]["bindings"] == []
    assert canary.settle() == []


def test_the_engine_itself_cannot_reach_the_network(seed_app: Flask, canary: Canary) -> None:
    """The second wall: a SERVICE query handed to the engine directly, past the check."""
    engine = site_of(seed_app).engine
    engine.warm()
    if not engine.isolated:
        pytest.skip("this system does not let a process leave the network (Linux only)")
    # SILENT: the failed call gives one empty solution instead of an error.
    answer = engine.run(f"SELECT * {{ SERVICE SILENT <{canary.url}> {{ ?s ?p ?o }} }}", "json")
    assert b'"bindings": [{}]' in answer
    with pytest.raises(Refused):
        engine.run(f"SELECT * {{ SERVICE <{canary.url}> {{ ?s ?p ?o }} }}", "json")
    assert canary.settle() == []


# --- markup and headers ----------------------------------------------------------------------


def test_describe_of_a_remote_iri_fetches_nothing(client: FlaskClient, canary: Canary) -> None:
    got = client.post(
        "/sparql", data={"query": f"DESCRIBE <{canary.url}>"}, headers={"Accept": "text/turtle"}
    )
    assert got.status_code == 200
    assert got.data.strip() == b""  # nothing about it in the graph, and nothing fetched
    assert canary.settle() == []


def test_an_unknown_entity_page_escapes_the_path(client: FlaskClient) -> None:
    got = client.get("/film/<script>alert(1)</script>", headers={"Accept": "text/html"})
    assert got.status_code == 404
    assert "<script>alert(1)" not in got.text
    assert got.headers["X-Content-Type-Options"] == "nosniff"


def test_preview_of_an_unknown_id_escapes_it(client: FlaskClient) -> None:
    hostile = "<img src=x onerror=alert(1)>"
    got = client.get("/reconcile/preview", query_string={"id": hostile})
    assert got.status_code == 404
    assert "<img" not in got.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in got.text
    v1 = client.get("/reconcile/v1/preview", query_string={"id": '"><script>alert(1)</script>'})
    assert "<script>" not in v1.text


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/query",
        "/sparql?query=ASK%20%7B%7D",
        "/sparql?query=nonsense",
        "/reconcile",
        "/reconcile/preview?id=film/first-steps",
        "/.well-known/void",
        "/film/first-steps",
        "/film/no-such-film",
        "/no/such/page",
    ],
)
def test_every_response_sends_nosniff_and_a_content_security_policy(
    path: str, client: FlaskClient
) -> None:
    got = client.get(path, headers={"Accept": "text/html"})
    assert got.headers["X-Content-Type-Options"] == "nosniff"
    policy = got.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "script-src 'nonce-" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]


def test_the_query_page_script_carries_the_policy_nonce(client: FlaskClient) -> None:
    got = client.get("/query")
    nonce = re.search(r"'nonce-([^']+)'", got.headers["Content-Security-Policy"])
    assert nonce is not None
    scripts = re.findall(r"<script([^>]*)>", got.text)
    assert scripts, "the query page has its script"
    assert all(f'nonce="{nonce.group(1)}"' in attrs for attrs in scripts)
    again = client.get("/query").headers["Content-Security-Policy"]
    assert nonce.group(1) not in again  # a new nonce for every response


# --- sizes and nesting -----------------------------------------------------------------------


def test_an_oversized_body_is_413(client: FlaskClient) -> None:
    body = "SELECT * { ?s ?p ?o } #" + "x" * (MAX_BODY + 10)
    got = client.post("/sparql", data=body, content_type="application/sparql-query")
    assert got.status_code == 413
    assert f"limit of {MAX_BODY} bytes" in got.text
    form = client.post("/sparql", data={"query": body})
    assert form.status_code == 413
    batch = client.post("/reconcile", data={"queries": "{" + " " * (MAX_BODY + 10) + "}"})
    assert batch.status_code == 413


def test_an_oversized_body_over_http_is_refused_before_it_is_read(live_url: str) -> None:
    big = b"SELECT * { ?s ?p ?o } #" + b"x" * (8 * MAX_BODY)
    got = requests.post(
        f"{live_url}/sparql",
        data=big,
        headers={"Content-Type": "application/sparql-query"},
        timeout=30,
    )
    assert got.status_code == 413


def test_deep_sparql_nesting_is_400_not_500(client: FlaskClient) -> None:
    for opener, closer in (("{", "}"), ("(", ")")):
        depth = 5000
        inner = "?s ?p ?o" if opener == "{" else "1"
        text = (
            "SELECT * " + opener * depth + inner + closer * depth
            if opener == "{"
            else "SELECT * { FILTER" + opener * depth + inner + closer * depth + " }"
        )
        got = client.post("/sparql", data={"query": text})
        assert got.status_code == 400, got.text
        assert f"deeper than {MAX_DEPTH}" in got.text
    fine = "SELECT * " + "{" * 10 + "?s ?p ?o" + "}" * 10 + " LIMIT 1"
    assert client.post("/sparql", data={"query": fine}).status_code == 200


@pytest.mark.parametrize("path", ["/reconcile", "/reconcile/v1/match", "/reconcile/v1/extend"])
def test_deep_json_nesting_is_400_not_500(path: str, client: FlaskClient) -> None:
    deep = "[" * 50_000 + "]" * 50_000
    name = "extend" if path.endswith("extend") else "queries"
    as_form = client.post(path, data={name: deep})
    assert as_form.status_code == 400, as_form.text
    assert "deeper than" in as_form.text
    as_json = client.post(path, data=deep, content_type="application/json")
    assert as_json.status_code == 400, as_json.text


def test_a_huge_batch_is_refused_at_once(client: FlaskClient) -> None:
    queries = {f"q{i}": {"query": f"film {i}"} for i in range(1000)}
    started = time.monotonic()
    got = client.post("/reconcile", data={"queries": json.dumps(queries)})
    assert got.status_code == 400
    assert f"at most {MAX_BATCH}" in got.text
    v1 = client.post(
        "/reconcile/v1/match",
        json={"queries": [{"conditions": [{"matchType": "name", "propertyValue": "x"}]}] * 1000},
    )
    assert v1.status_code == 400
    assert time.monotonic() - started < 2
    long_text = client.post(
        "/reconcile", data={"queries": json.dumps({"q0": {"query": "x" * 100_000}})}
    )
    assert long_text.status_code == 400


def test_json_depth_ignores_brackets_in_strings() -> None:
    assert json_depth('["[[[[", {"a": "]]]"}]') == 2
    assert json_depth('"\\"[["') == 0


def test_a_huge_limit_is_not_a_500(client: FlaskClient) -> None:
    got = client.post("/reconcile", data={"queries": '{"q0": {"query": "x", "limit": 1e999}}'})
    assert got.status_code == 200


# --- admission -------------------------------------------------------------------------------

SLOW = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


def test_a_trivial_query_answers_while_two_slow_ones_run(seed_graph: Graph) -> None:
    app = create_app(
        seed_graph, Settings(limits=Limits(timeout=5.0, max_results=100, fast_lane=1.0), workers=2)
    )
    site = site_of(app)
    site.engine.warm()
    outcomes: list[int] = []

    def slow() -> None:
        outcomes.append(app.test_client().get("/sparql", query_string={"query": SLOW}).status_code)

    threads = [threading.Thread(target=slow) for _ in range(2)]
    try:
        for t in threads:
            t.start()
        time.sleep(1.0)  # both general workers are now busy with the cross products
        assert outcomes == []
        took = []
        for _ in range(3):
            started = time.monotonic()
            got = app.test_client().get("/sparql", query_string={"query": "ASK {}"})
            took.append(time.monotonic() - started)
            assert got.status_code == 200
        assert max(took) < 2.0, took
        assert outcomes == [], "the slow queries were still running"
        # A third slow query gets only the fast lane's budget, then a clear 503.
        started = time.monotonic()
        third = app.test_client().get("/sparql", query_string={"query": SLOW})
        assert third.status_code == 503
        assert "busy" in third.text
        assert time.monotonic() - started < 4.0
        started = time.monotonic()
        assert app.test_client().get("/sparql", query_string={"query": "ASK {}"}).status_code == 200
        assert time.monotonic() - started < 4.0  # the lane's worker was replaced
    finally:
        for t in threads:
            t.join(20)
        site.close()
    assert outcomes == [503, 503]  # the slow ones ran to the time limit and were stopped


@pytest.mark.parametrize(
    "path",
    [
        "/reconcile/suggest/entity",
        "/reconcile/v1/suggest/entity",
        "/reconcile/suggest/type",
        "/reconcile/suggest/property",
    ],
)
def test_an_overlong_suggest_prefix_is_refused_at_once(path: str, client: FlaskClient) -> None:
    started = time.monotonic()
    got = client.get(path, query_string={"prefix": "가" * 100_000})
    assert got.status_code == 400
    assert "at most 1000" in got.text
    assert time.monotonic() - started < 3.0  # matching it took 8 s; reading the URL is the rest
    assert client.get(path, query_string={"prefix": "Sea"}).status_code == 200


def test_bypasses_over_real_http_fetch_nothing(live_url: str, canary: Canary) -> None:
    """The same requests over HTTP through waitress, as a client sends them."""
    for text in _bypasses(canary.url):
        got = requests.post(f"{live_url}/sparql", data={"query": text}, timeout=10)
        assert got.status_code == 400, got.text
        assert got.headers["X-Content-Type-Options"] == "nosniff"
    for text in (f"LOAD <{canary.url}>", f"SELECT * FROM <{canary.url}> {{ ?s ?p ?o }}"):
        got = requests.get(f"{live_url}/sparql", params={"query": text}, timeout=10)
        assert got.status_code in (200, 400)
    assert canary.settle() == []
