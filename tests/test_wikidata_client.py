"""The network client against the fake Wikibase: etiquette, batching, retries, cache."""

from __future__ import annotations

from pathlib import Path

import pytest
from wikidata.fake_wikibase import FakeWikibase, Fault
from wikidata.fixtures import *  # noqa: F403  (fake_api, wikidata_sparql)

from dprkfilm_graph.wikidata.client import ClientConfig, WikibaseClient, WikibaseError


def _client(fake: FakeWikibase, waits: list[float], **kw: object) -> WikibaseClient:
    config = ClientConfig(api_url=fake.url, user_agent="test-agent/1 (mailto:x@example.org)", **kw)  # type: ignore[arg-type]
    return WikibaseClient(config, sleep=waits.append)


def test_user_agent_maxlag_gzip_and_json(fake_api: FakeWikibase) -> None:
    client = _client(fake_api, [])
    hits = client.search_entities("꽃파는", "ko")
    assert [h["id"] for h in hits] == ["Q900000001"]
    recorded = fake_api.requests[0]
    assert recorded.headers["User-Agent"] == "test-agent/1 (mailto:x@example.org)"
    assert "gzip" in recorded.headers["Accept-Encoding"]
    assert recorded.params["maxlag"] == "5"
    assert recorded.params["format"] == "json"


def test_default_user_agent_names_a_contact() -> None:
    agent = ClientConfig().user_agent
    assert agent.startswith("dprkfilm-graph/") and "(https://" in agent


def test_get_entities_batches_fifty_ids(fake_api: FakeWikibase) -> None:
    client = _client(fake_api, [])
    ids = [f"Q9000{n:05d}" for n in range(1, 121)]
    found = client.get_entities(ids)
    batches = [r.params["ids"].split("|") for r in fake_api.requests]
    assert [len(b) for b in batches] == [50, 50, 20]
    assert "Q900000001" in found and "Q900000120" not in found  # missing ids left out


def test_full_text_search_with_statement_filter(fake_api: FakeWikibase) -> None:
    client = _client(fake_api, [])
    assert set(client.full_text_search("불가사리")) == {"Q900000006", "Q900000007"}
    assert client.full_text_search("불가사리 haswbstatement:P495=Q423") == ["Q900000006"]


@pytest.mark.parametrize("kind", ["429", "503", "maxlag"])
def test_retry_after_is_honoured(fake_api: FakeWikibase, kind: str) -> None:
    waits: list[float] = []
    fake_api.faults = [Fault(kind, retry_after="7"), Fault(kind, retry_after="3")]
    client = _client(fake_api, waits)
    assert client.get_entities(["Q900000002"])["Q900000002"]["id"] == "Q900000002"
    assert waits == [7.0, 3.0]
    assert len(fake_api.requests) == 3 and client.stats.retries == 2


def test_5xx_without_retry_after_backs_off_exponentially(fake_api: FakeWikibase) -> None:
    waits: list[float] = []
    fake_api.faults = [Fault("500"), Fault("502"), Fault("504")]
    client = _client(fake_api, waits, backoff=0.5)
    client.search_entities("피바다", "ko")
    assert waits == [0.5, 1.0, 2.0]


def test_retries_are_bounded(fake_api: FakeWikibase) -> None:
    waits: list[float] = []
    fake_api.faults = [Fault("503", retry_after="1")] * 10
    client = _client(fake_api, waits, max_tries=4)
    with pytest.raises(WikibaseError, match="gave up after 4 tries"):
        client.search_entities("피바다", "ko")
    assert len(fake_api.requests) == 4 and waits == [1.0, 1.0, 1.0]


def test_too_long_a_wait_is_a_clear_error(fake_api: FakeWikibase) -> None:
    fake_api.faults = [Fault("429", retry_after="86400")]
    with pytest.raises(WikibaseError, match="asks to wait 86400 s"):
        _client(fake_api, []).search_entities("피바다", "ko")


def test_slow_answer_times_out_then_retries(fake_api: FakeWikibase) -> None:
    waits: list[float] = []
    fake_api.faults = [Fault("slow", delay=0.5)]
    client = _client(fake_api, waits, timeout=0.1)
    assert client.search_entities("피바다", "ko")[0]["id"] == "Q900000002"
    assert len(waits) == 1


def test_api_error_is_reported(fake_api: FakeWikibase) -> None:
    with pytest.raises(WikibaseError, match="badvalue"):
        _client(fake_api, []).api({"action": "nonsense"})


def test_cache_makes_a_rerun_free(fake_api: FakeWikibase, tmp_path: Path) -> None:
    fake_api.faults = [Fault("maxlag", retry_after="1")]
    first = _client(fake_api, [], cache_dir=tmp_path)
    first.get_entities(["Q900000001", "Q900000002"])
    assert len(fake_api.requests) == 2  # the maxlag answer was not cached
    second = _client(fake_api, [], cache_dir=tmp_path)
    assert second.get_entities(["Q900000001", "Q900000002"])["Q900000001"]["id"] == "Q900000001"
    assert len(fake_api.requests) == 2
    assert second.stats.network == 0 and second.stats.cached == 1


def test_sparql_against_a_real_server_and_cached(wikidata_sparql: str, tmp_path: Path) -> None:
    config = ClientConfig(sparql_url=wikidata_sparql, cache_dir=tmp_path)
    query = (
        "SELECT ?l WHERE { <http://www.wikidata.org/entity/Q900000002>"
        " <http://www.w3.org/2000/01/rdf-schema#label> ?l }"
    )
    rows = WikibaseClient(config).sparql(query)
    assert sorted(r["l"]["value"] for r in rows) == ["Sea of Blood", "피바다"]
    again = WikibaseClient(config)
    assert again.sparql(query) == rows and again.stats.network == 0


def test_unreachable_sparql_is_a_clear_error() -> None:
    from conftest import free_port

    config = ClientConfig(sparql_url=f"http://127.0.0.1:{free_port()}/sparql", max_tries=2)
    with pytest.raises(WikibaseError, match="gave up after 2 tries"):
        WikibaseClient(config, sleep=lambda s: None).sparql("ASK {}")


@pytest.mark.parametrize("kind", ["truncated", "chunked-cut", "bad-gzip", "lag-text"])
def test_a_broken_answer_is_retried(fake_api: FakeWikibase, kind: str) -> None:
    """A body cut short, a chunked body cut off, gzip that does not decompress, a `lag` that is
    not a number: the request is tried again, and the good answer used."""
    waits: list[float] = []
    fake_api.faults = [Fault(kind)]
    client = _client(fake_api, waits, backoff=0.25)
    assert client.search_entities("피바다", "ko")[0]["id"] == "Q900000002"
    assert len(fake_api.requests) == 2
    assert len(waits) == 1 and waits[0] <= 5.0


@pytest.mark.parametrize("kind", ["truncated", "chunked-cut", "bad-gzip", "lag-text"])
def test_a_broken_answer_that_persists_is_a_clear_bounded_error(
    fake_api: FakeWikibase, kind: str, tmp_path: Path
) -> None:
    waits: list[float] = []
    fake_api.faults = [Fault(kind)] * 10
    client = _client(fake_api, waits, max_tries=3, cache_dir=tmp_path)
    with pytest.raises(WikibaseError, match="gave up after 3 tries") as caught:
        client.get_entities(["Q900000001"])
    assert len(fake_api.requests) == 3  # bounded: no more tries than allowed
    assert str(fake_api.url) in str(caught.value)
    assert sum(waits) <= 3 * 120
    # Nothing broken was cached: once the server answers properly, the answer is fetched.
    fake_api.faults = []
    again = _client(fake_api, [], cache_dir=tmp_path)
    assert "Q900000001" in again.get_entities(["Q900000001"])
