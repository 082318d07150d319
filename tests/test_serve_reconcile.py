"""The reconciliation API, versions 0.2 and 1.0 draft: every response is validated against the
W3C Community Group's JSON schemas (resolved locally, never over the network), and the matcher
finds films by any spelling."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import requests
from flask.testing import FlaskClient
from jsonschema import Draft7Validator
from rdflib import Graph, Literal
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7
from serving.fixtures import *  # noqa: F403  (client, live_url, seed_app)
from werkzeug.test import TestResponse

# The Community Group's schemas, copied unchanged (see SOURCE.md there).
SCHEMAS = Path(__file__).parent / "serving" / "reconciliation-api"


@cache
def validator(version: str, name: str) -> Draft7Validator:
    """A validator for one schema of one version; $refs resolve within that version's folder."""
    folder = SCHEMAS / version / "schemas"
    resources = []
    for path in folder.glob("*.json"):
        doc = json.loads(path.read_text(encoding="utf-8"))
        resources.append((doc["$id"], Resource.from_contents(doc, default_specification=DRAFT7)))
    registry: Registry[Any] = Registry().with_resources(resources)
    schema = json.loads((folder / name).read_text(encoding="utf-8"))
    return Draft7Validator(schema, registry=registry)


def valid(version: str, name: str, doc: Any) -> Any:
    errors = sorted(validator(version, name).iter_errors(doc), key=str)
    assert not errors, f"{version}/{name}: " + "; ".join(e.message for e in errors[:5])
    return doc


# --- 0.2 ---------------------------------------------------------------------------------


def test_manifest_v02(client: FlaskClient) -> None:
    doc = valid("0.2", "manifest.json", client.get("/reconcile").json)
    assert {t["id"] for t in doc["defaultTypes"]} == {"film", "person", "song", "record"}


def _batch_v02(client: FlaskClient, queries: dict[str, Any]) -> dict[str, Any]:
    valid("0.2", "reconciliation-query-batch.json", queries)
    got = client.post("/reconcile", data={"queries": json.dumps(queries)})
    assert got.status_code == 200, got.text
    return valid("0.2", "reconciliation-result-batch.json", got.json)  # type: ignore[no-any-return]


@pytest.mark.parametrize("spelling", ["첫걸음", "First Steps", "Ch'ŏt kŏrŭm", "cheotgeoreum"])
def test_v02_finds_a_film_by_any_spelling(client: FlaskClient, spelling: str) -> None:
    doc = _batch_v02(client, {"q0": {"query": spelling, "type": "film", "limit": 3}})
    result = doc["q0"]["result"]
    assert result and result[0]["id"] == "film/first-steps", result


def test_v02_batch_keys_and_types(client: FlaskClient) -> None:
    doc = _batch_v02(
        client,
        {
            "q0": {"query": "Rolling Workers", "type": "film"},
            "q1": {"query": "Remco Breuker", "type": "person"},
            "q2": {"query": "zzzz qqqq", "type": "film"},
        },
    )
    assert doc["q0"]["result"][0]["id"] == "film/rolling-workers"
    assert doc["q0"]["result"][0]["match"] is True
    assert doc["q1"]["result"][0]["id"] == "person/remco-breuker"
    assert doc["q2"]["result"] == []


def test_v02_a_property_the_graph_does_not_state_changes_nothing(client: FlaskClient) -> None:
    plain = _batch_v02(client, {"q0": {"query": "First Steps", "type": "film"}})
    with_year = _batch_v02(
        client,
        {
            "q0": {
                "query": "First Steps",
                "type": "film",
                "properties": [{"pid": "year", "v": "1800"}],
            }
        },
    )
    # The seed gives no year for this film: an unknown year neither helps nor hurts.
    assert with_year["q0"]["result"][0]["score"] == plain["q0"]["result"][0]["score"]


def test_v02_suggest_preview_extend(client: FlaskClient) -> None:
    ent = valid(
        "0.2",
        "suggest-entities-response.json",
        client.get("/reconcile/suggest/entity?prefix=첫걸").json,
    )
    assert ent["result"][0]["id"] == "film/first-steps"
    valid(
        "0.2", "suggest-types-response.json", client.get("/reconcile/suggest/type?prefix=fi").json
    )
    props = valid(
        "0.2",
        "suggest-properties-response.json",
        client.get("/reconcile/suggest/property?prefix=dir").json,
    )
    assert [p["id"] for p in props["result"]] == ["director"]
    preview = client.get("/reconcile/preview?id=film/first-steps")
    assert preview.status_code == 200 and "첫걸음" in preview.text
    assert client.get("/reconcile/preview?id=film/nope").status_code == 404
    proposal = valid(
        "0.2",
        "data-extension-property-proposal.json",
        client.get("/reconcile/propose_properties?type=film").json,
    )
    assert "year" in {p["id"] for p in proposal["properties"]}
    query = {"ids": ["film/first-steps"], "properties": [{"id": "title-ko"}, {"id": "year"}]}
    valid("0.2", "data-extension-query.json", query)
    ext = valid(
        "0.2",
        "data-extension-response.json",
        client.post("/reconcile", data={"extend": json.dumps(query)}).json,
    )
    assert ext["rows"]["film/first-steps"]["title-ko"] == [{"str": "첫걸음"}]


def _message(response: TestResponse) -> str:
    """The error message of a JSON error response."""
    body = response.get_json()
    assert isinstance(body, dict), response.data
    return str(body["message"])


def test_v02_bad_input_is_a_clear_400(client: FlaskClient) -> None:
    got = client.post("/reconcile", data={"queries": "{not json"})
    assert got.status_code == 400 and "queries= is not JSON" in _message(got)
    bad = client.post(
        "/reconcile",
        data={
            "extend": json.dumps({"ids": ["film/first-steps"], "properties": [{"id": "shoe-size"}]})
        },
    )
    assert bad.status_code == 400 and "unknown property 'shoe-size'" in _message(bad)


# --- 1.0 draft ---------------------------------------------------------------------------

V1 = "1.0-draft"


def test_manifest_v1(client: FlaskClient) -> None:
    doc = valid(V1, "manifest.json", client.get("/reconcile/v1").json)
    assert doc["versions"] == ["1.0-draft"]


def _match_v1(client: FlaskClient, queries: list[dict[str, Any]]) -> dict[str, Any]:
    body = {"queries": queries}
    valid(V1, "reconciliation-query-batch.json", body)
    got = client.post("/reconcile/v1/match", json=body)
    assert got.status_code == 200, got.text
    return valid(V1, "reconciliation-result-batch.json", got.json)  # type: ignore[no-any-return]


def test_v1_match_with_properties(client: FlaskClient) -> None:
    doc = _match_v1(
        client,
        [
            {
                "type": "film",
                "limit": 2,
                "conditions": [{"matchType": "name", "propertyValue": "Thaebaek"}],
            },
            {
                "type": "person",
                "conditions": [{"matchType": "name", "propertyValue": "Remco Breuker"}],
            },
        ],
    )
    first, second = doc["results"]
    assert first["candidates"][0]["id"] == "film/spring-comes-to-mount-thaebaek"
    assert second["candidates"][0]["id"] == "person/remco-breuker"
    assert all(0 <= c["score"] <= 100 for r in doc["results"] for c in r["candidates"])


def test_v1_suggest_preview_propose_extend(client: FlaskClient) -> None:
    valid(
        V1,
        "suggest-entities-response.json",
        client.get("/reconcile/v1/suggest/entity?prefix=Rolling").json,
    )
    valid(V1, "suggest-types-response.json", client.get("/reconcile/v1/suggest/type?prefix=").json)
    valid(
        V1,
        "suggest-properties-response.json",
        client.get("/reconcile/v1/suggest/property?prefix=title&type=film").json,
    )
    valid(
        V1,
        "data-extension-property-proposal.json",
        client.get("/reconcile/v1/extend/propose?type=person").json,
    )
    query = {
        "ids": ["film/first-steps", "film/rolling-workers"],
        "properties": [{"id": "title-en"}, {"id": "title-mr"}, {"id": "director"}],
    }
    valid(V1, "data-extension-query.json", query)
    ext = valid(
        V1, "data-extension-response.json", client.post("/reconcile/v1/extend", json=query).json
    )
    rows = {r["id"]: {p["id"]: p["values"] for p in r["properties"]} for r in ext["rows"]}
    assert {"str": "First Steps", "lang": "en"} in rows["film/first-steps"]["title-en"]
    assert client.get("/reconcile/v1/preview?id=film/rolling-workers").status_code == 200


def test_v1_bad_match_is_a_clear_400(client: FlaskClient) -> None:
    got = client.post("/reconcile/v1/match", json={"queries": [{"conditions": []}]})
    assert got.status_code == 400 and "matchType" in _message(got)


def test_reconcile_over_http_with_cors(live_url: str) -> None:
    got = requests.post(
        f"{live_url}/reconcile",
        data={"queries": json.dumps({"q0": {"query": "첫걸음"}})},
        headers={"Origin": "http://127.0.0.1:3333"},
        timeout=10,
    )
    assert got.headers["Access-Control-Allow-Origin"] == "*"
    valid("0.2", "reconciliation-result-batch.json", got.json())


def test_year_and_director_pick_the_right_namesake(seed_graph: Graph) -> None:
    """Two films share a title; the year and the director given by the client decide."""
    from dprkfilm_graph.namespaces import FILM, PERSON, RDF, RDFS, SCHEMA, XSD
    from dprkfilm_graph.serving.app import create_app, site_of

    graph = Graph() + seed_graph
    for slug, year, director in (("twin-1972", "1972", "kim-a"), ("twin-1980", "1980", "pak-b")):
        film = FILM[slug]
        graph.add((film, RDF.type, SCHEMA.Movie))
        graph.add((film, RDFS.label, Literal("Twin Title", lang="en")))
        graph.add((film, SCHEMA.name, Literal("Twin Title", lang="en")))
        graph.add((film, SCHEMA.datePublished, Literal(year, datatype=XSD.gYear)))
        graph.add((film, SCHEMA.director, PERSON[director]))
        graph.add((PERSON[director], RDFS.label, Literal(director.replace("-", " ").title())))
    app = create_app(graph)
    try:
        c = app.test_client()
        by_year = _batch_v02(
            c,
            {
                "q0": {
                    "query": "Twin Title",
                    "type": "film",
                    "properties": [{"pid": "year", "v": "1980"}],
                }
            },
        )
        top, other = by_year["q0"]["result"][:2]
        assert top["id"] == "film/twin-1980" and top["match"] is True
        assert other["score"] < top["score"] - 10
        by_director = _match_v1(
            c,
            [
                {
                    "type": "film",
                    "conditions": [
                        {"matchType": "name", "propertyValue": "Twin Title"},
                        {
                            "matchType": "property",
                            "propertyId": "director",
                            "propertyValue": "Kim A",
                        },
                    ],
                }
            ],
        )
        assert by_director["results"][0]["candidates"][0]["id"] == "film/twin-1972"
    finally:
        site_of(app).close()
