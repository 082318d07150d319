"""Candidates (pool query on a real SPARQL server, search on the fake API), features, decisions."""

from __future__ import annotations

import pytest
from wikidata import items
from wikidata.fake_wikibase import FakeWikibase
from wikidata.fixtures import *  # noqa: F403  (fake_api, wikidata_sparql)

from dprkfilm_graph.wikidata.candidates import Candidate, gather, search_queries
from dprkfilm_graph.wikidata.client import ClientConfig, WikibaseClient
from dprkfilm_graph.wikidata.decide import decide
from dprkfilm_graph.wikidata.entries import Entry, Kind
from dprkfilm_graph.wikidata.features import features, year_agreement


def _entries(kind: Kind) -> list[tuple[Entry, str | None]]:
    return items.entries(kind)


@pytest.mark.parametrize("kind", ["film", "person"])
def test_fixture_reconciles_with_few_requests(
    fake_api: FakeWikibase, wikidata_sparql: str, kind: Kind
) -> None:
    pairs = _entries(kind)
    client = WikibaseClient(ClientConfig(api_url=fake_api.url, sparql_url=wikidata_sparql))
    cands = gather(client, [e for e, _ in pairs], kind)
    wrong = []
    for entry, gold in pairs:
        d = decide(entry, cands[entry.iri])
        got = d.best.qid if d.best and d.outcome == "accepted" else None
        if got != gold:
            wrong.append((entry.label, gold, got))
    assert wrong == []
    # one pool query (people: and one name lookup), a search per entry the pool cannot answer
    # (four films, two people here), wbgetentities for what searching found and for the
    # directors of films found so (50 ids a call)
    assert client.stats.by_kind.get("wbgetentities", 0) <= 2
    assert client.stats.by_kind.get("wbsearchentities", 0) <= 4
    assert client.stats.network <= -(-len(pairs) // 50) + 6
    # the pool; for people also one exact-name lookup for every entry the pool cannot answer
    assert client.stats.by_kind["sparql"] == (1 if kind == "film" else 2)


def test_a_film_found_by_search_knows_its_directors_names(
    fake_api: FakeWikibase, wikidata_sparql: str
) -> None:
    entry = Entry("x", "film", (("Comrade Kim Goes Flying", "en"),), 2012, ("Anja Daelemans",))
    client = WikibaseClient(ClientConfig(api_url=fake_api.url, sparql_url=wikidata_sparql))
    cands = gather(client, [entry], "film")
    (found,) = [c for c in cands["x"] if c.found_by == "search"]
    assert "Anja Daelemans" in found.people
    assert features(entry, found).people == 1.0
    actions = [r.params["action"] for r in fake_api.requests]
    assert actions == ["wbsearchentities", "wbgetentities", "wbgetentities"]
    assert fake_api.requests[-1].params["ids"] == "Q900000209"


def test_remake_without_a_year_goes_to_review() -> None:
    entry = Entry("x", "film", (("춘향전", "ko"),))
    one = Candidate("Q1", [("춘향전", "ko")], [(1980, 9)], in_pool=True, countries={"Q423"})
    two = Candidate("Q2", [("춘향전", "ko")], [(1959, 9)], in_pool=True, countries={"Q423"})
    decision = decide(entry, [one, two])
    assert decision.outcome == "review" and decision.margin == 0


def test_features_explain_a_romanized_match() -> None:
    entry = Entry("x", "film", (("Kkot p'anŭn ch'ŏnyŏ", "ko-Latn-x-mr"),), year=1972)
    cand = Candidate("Q1", [("꽃파는 처녀", "ko")], [(1972, 11)], countries={"Q423"}, in_pool=True)
    f = features(entry, cand)
    assert f.title == 1.0 and f.title_theirs == "꽃파는 처녀" and f.year == 1.0
    assert f.country == 1.0 and f.people is None


def test_year_precision() -> None:
    assert year_agreement(1972, [(1970, 8)]) == 0.5
    assert year_agreement(1972, [(1900, 7)]) is None
    assert year_agreement(1972, [(1973, 9)]) == 0.5
    assert year_agreement(1972, [(1980, 9)]) == 0.0


def test_search_queries_cover_korean_english_and_romanizations() -> None:
    entry = Entry("x", "film", (("꽃파는 처녀", "ko"), ("The Flower Girl", "en")))
    queries = search_queries(entry)
    assert queries[:2] == [("꽃파는 처녀", "ko"), ("The Flower Girl", "en")]
    assert any(lang == "en" and "ŏ" in text for text, lang in queries)
