"""The Wikibase client against a fake action API on loopback: batching, etiquette, retries that
honour Retry-After within bounds, clear errors, and a disk cache that makes a re-run free."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from reconcile.fake_wikibase import FakeWikibase, Fault, running

from dprkfilm_graph.reconcile.client import ClientConfig, WikibaseClient, WikibaseError


def _item(n: int) -> dict[str, Any]:
    qid = f"Q{900000000 + n}"
    return {
        "type": "item",
        "id": qid,
        "labels": {"en": {"language": "en", "value": f"Fixture film {n}"}},
        "aliases": {},
        "claims": {},
    }


ENTITIES = {e["id"]: e for e in (_item(n) for n in range(1, 121))}


@pytest.fixture
def wikibase() -> Iterator[FakeWikibase]:
    with running(ENTITIES) as state:
        yield state


class Sleeps(list[float]):
    """Records the waits instead of sleeping, so retry tests take no time."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def _client(wb: FakeWikibase, sleeps: Sleeps | None = None, **kw: Any) -> WikibaseClient:
    config = ClientConfig(api_url=wb.url, user_agent="dprkfilm-test/1 (test@example.org)", **kw)
    return WikibaseClient(config, sleep=sleeps if sleeps is not None else Sleeps())


def test_get_entities_batches_of_at_most_50(wikibase: FakeWikibase) -> None:
    ids = [*sorted(ENTITIES), "Q900009999"]
    found = _client(wikibase).get_entities(ids)
    assert set(found) == set(ENTITIES)  # the missing id is left out, not an error
    sizes = [len(r.params["ids"].split("|")) for r in wikibase.requests]
    assert sizes == [50, 50, 21]


def test_every_request_is_polite(wikibase: FakeWikibase) -> None:
    client = _client(wikibase)
    client.get_entities(["Q900000001"])
    client.search_entities("Fixture", "en")
    client.full_text_search('"Fixture film"')
    assert len(wikibase.requests) == 3
    for r in wikibase.requests:
        assert r.headers["User-Agent"] == "dprkfilm-test/1 (test@example.org)"
        assert r.params["maxlag"] == "5"
        assert r.params["format"] == "json"
        assert "gzip" in r.headers["Accept-Encoding"]


def test_default_user_agent_names_client_and_contact() -> None:
    agent = ClientConfig().user_agent
    assert agent.startswith("dprkfilm-graph/") and "https://w3id.org/dprkfilm/" in agent


def test_gzip_answers_are_decoded(wikibase: FakeWikibase) -> None:
    hits = _client(wikibase).search_entities("fixture film 7", "en")
    assert [h["id"] for h in hits][:1] == ["Q900000007"]


def test_429_waits_as_long_as_retry_after_says(wikibase: FakeWikibase) -> None:
    wikibase.inject(Fault("429", retry_after="3"), Fault("503", retry_after="2"))
    sleeps = Sleeps()
    client = _client(wikibase, sleeps)
    assert "Q900000001" in client.get_entities(["Q900000001"])
    assert sleeps == [3.0, 2.0]
    assert len(wikibase.requests) == 3
    assert client.stats.retries == 2


def test_maxlag_error_is_retried_after_its_retry_after(wikibase: FakeWikibase) -> None:
    """Wikidata answers maxlag with HTTP 200 and an error body; it must not count as an answer."""
    wikibase.inject(Fault("maxlag", retry_after="4"))
    sleeps = Sleeps()
    assert _client(wikibase, sleeps).get_entities(["Q900000002"])
    assert sleeps == [4.0]


def test_5xx_backs_off_and_gives_up_with_a_clear_error(wikibase: FakeWikibase) -> None:
    wikibase.inject(*[Fault("500", retry_after=None)] * 5)
    sleeps = Sleeps()
    with pytest.raises(WikibaseError, match=r"gave up after 3 tries.*HTTP 500"):
        _client(wikibase, sleeps, max_tries=3).get_entities(["Q900000003"])
    assert sleeps == [1.0, 2.0]
    assert len(wikibase.requests) == 3


def test_a_wait_beyond_the_limit_is_refused_not_slept(wikibase: FakeWikibase) -> None:
    wikibase.inject(Fault("429", retry_after="86400"))
    sleeps = Sleeps()
    with pytest.raises(WikibaseError, match="asks to wait 86400 s"):
        _client(wikibase, sleeps).get_entities(["Q900000004"])
    assert sleeps == []


def test_slow_answer_times_out_and_is_retried(wikibase: FakeWikibase) -> None:
    wikibase.inject(Fault("slow", seconds=1.5))
    sleeps = Sleeps()
    client = _client(wikibase, sleeps, timeout=0.3)
    assert client.get_entities(["Q900000005"])
    assert len(wikibase.requests) == 2 and len(sleeps) == 1


def test_api_error_other_than_maxlag_is_not_retried(wikibase: FakeWikibase) -> None:
    client = _client(wikibase)
    with pytest.raises(WikibaseError, match="unknown_action"):
        client.api({"action": "nonsense"})
    assert len(wikibase.requests) == 1


def test_unreachable_server_ends_in_a_clear_error() -> None:
    sleeps = Sleeps()
    config = ClientConfig(api_url="http://127.0.0.1:9/w/api.php", max_tries=2, timeout=1)
    with pytest.raises(WikibaseError, match=r"gave up after 2 tries.*cannot connect"):
        WikibaseClient(config, sleep=sleeps).get_entities(["Q1"])


def test_disk_cache_makes_a_rerun_cost_no_requests(wikibase: FakeWikibase, tmp_path: Path) -> None:
    ids = sorted(ENTITIES)[:60]
    first = _client(wikibase, cache_dir=tmp_path)
    first.get_entities(ids)
    first.close()
    assert first.stats.requests == 2
    wikibase.inject(Fault("maxlag"))  # a lagged answer is never cached …
    second = _client(wikibase, cache_dir=tmp_path)
    assert set(second.get_entities(ids)) == set(ids)
    second.close()
    assert second.stats.requests == 0 and second.stats.cached == 2
    assert len(wikibase.requests) == 2


def test_maxlag_answers_are_not_cached(wikibase: FakeWikibase, tmp_path: Path) -> None:
    wikibase.inject(Fault("maxlag"))
    client = _client(wikibase, cache_dir=tmp_path)
    client.get_entities(["Q900000009"])
    client.close()
    again = _client(wikibase, cache_dir=tmp_path)
    again.get_entities(["Q900000009"])
    assert again.stats.requests == 0
