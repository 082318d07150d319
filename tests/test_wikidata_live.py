"""The real Wikidata answers in the shapes the client, the reconciler and `pull` read, and the
fake Wikibase the other tests use answers in the same shapes. Talks to the internet: skipped
unless `pytest --live` is given.

    .venv/bin/python -m pytest -q --live tests/test_wikidata_live.py
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from wikidata import items
from wikidata.fake_wikibase import FakeWikibase, serve

from dprkfilm_graph.wikidata import wdqs
from dprkfilm_graph.wikidata.candidates import pool_from_rows
from dprkfilm_graph.wikidata.client import ClientConfig, WikibaseClient
from dprkfilm_graph.wikidata.pull import facts, time_literal

pytestmark = pytest.mark.live

# Douglas Adams: a long-standing, much-watched item (human, born 1952-03-11).
ITEM = "Q42"
PROPS = "info|labels|aliases|claims"


@pytest.fixture(scope="module")
def client() -> WikibaseClient:
    return WikibaseClient(ClientConfig())


@pytest.fixture
def fake() -> Iterator[FakeWikibase]:
    with serve(items.entities()) as running:
        yield running


def _statement_shape(statement: dict[str, Any]) -> None:
    assert statement["type"] == "statement"
    assert statement["rank"] in ("preferred", "normal", "deprecated")
    snak = statement["mainsnak"]
    assert snak["snaktype"] in ("value", "somevalue", "novalue")
    if snak["snaktype"] == "value":
        assert {"type", "value"} <= set(snak["datavalue"])


def _entity_shape(entity: dict[str, Any]) -> None:
    assert entity["type"] == "item" and re.fullmatch(r"Q\d+", entity["id"])
    assert isinstance(entity["lastrevid"], int) and entity["lastrevid"] > 0
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", entity["modified"])
    for label in entity["labels"].values():
        assert set(label) == {"language", "value"}
    for aliases in entity["aliases"].values():
        assert all(set(a) == {"language", "value"} for a in aliases)
    for statements in entity["claims"].values():
        for statement in statements:
            _statement_shape(statement)


def test_wbgetentities_gives_revision_labels_and_claims(client: WikibaseClient) -> None:
    entity = client.get_entities([ITEM], props=PROPS)[ITEM]
    _entity_shape(entity)
    p31 = entity["claims"]["P31"][0]["mainsnak"]["datavalue"]
    assert p31["type"] == "wikibase-entityid" and p31["value"]["id"] == "Q5"
    born = entity["claims"]["P569"][0]["mainsnak"]["datavalue"]["value"]
    assert {"time", "precision", "calendarmodel"} <= set(born)
    assert str(time_literal(born)) == "1952-03-11"
    pairs, _ = facts(entity, "person", {})
    assert any(str(obj) == "Douglas Adams" for _, obj in pairs)


def test_the_fake_answers_wbgetentities_in_the_same_shape(
    client: WikibaseClient, fake: FakeWikibase
) -> None:
    real = client.get_entities([ITEM], props=PROPS)[ITEM]
    local = WikibaseClient(ClientConfig(api_url=fake.url))
    mine = local.get_entities(["Q900000034"], props=PROPS)["Q900000034"]
    _entity_shape(mine)
    assert set(mine) <= set(real) | {"descriptions"}
    without_info = local.get_entities(["Q900000034"])["Q900000034"]
    assert "lastrevid" not in without_info  # as the real API: info only when asked


def test_wbsearchentities_hits_carry_id_label_and_match(client: WikibaseClient) -> None:
    hits = client.search_entities("Douglas Adams", "en")
    assert hits and hits[0]["id"] == ITEM
    assert {"id", "label", "match", "concepturi"} <= set(hits[0])
    assert set(hits[0]["match"]) == {"type", "language", "text"}


def test_full_text_search_understands_haswbstatement(client: WikibaseClient) -> None:
    found = client.full_text_search("Douglas Adams haswbstatement:P31=Q5", limit=5)
    assert ITEM in found


def test_the_film_pool_query_answers_with_facts_per_item(client: WikibaseClient) -> None:
    pool = pool_from_rows(client.sparql(wdqs.film_pool()))
    assert len(pool) > 20  # North Korean films on Wikidata
    assert any(c.names for c in pool.values()) and any(c.years for c in pool.values())
    assert all(re.fullmatch(r"Q\d+", q) for q in pool)
