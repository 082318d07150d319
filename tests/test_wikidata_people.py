"""People reconciled like films: every person the graph names, searched under the spellings and
the Hangul a romanized name can stand for, never linked to an item of another kind."""

from __future__ import annotations

from pathlib import Path

import pytest
from wikidata import items
from wikidata.fake_wikibase import FakeWikibase
from wikidata.fixtures import *  # noqa: F403  (fake_api, wikidata_sparql)

from dprkfilm_graph.graph import build_graph
from dprkfilm_graph.korean.hangulnames import hangul_candidates, spellings
from dprkfilm_graph.load import load_data
from dprkfilm_graph.wikidata.candidates import Candidate, gather, person_names
from dprkfilm_graph.wikidata.client import ClientConfig, WikibaseClient
from dprkfilm_graph.wikidata.decide import decide
from dprkfilm_graph.wikidata.entries import Entry, entries_from_graph
from dprkfilm_graph.wikidata.features import features

HUMANS = {i["id"] for i in items.ITEMS if i["kind"] == "person"}
FILMS = {i["id"] for i in items.ITEMS if i["kind"] == "film"}


@pytest.mark.parametrize(
    ("name", "hangul"),
    [
        ("Ma Dong Hui", "마동희"),
        ("Ma Tong-hŭi", "마동희"),
        ("Ma Donghui", "마동희"),
        ("Ch'oe Ik-kyu", "최익규"),
        ("Jo Kyong Sun", "조경순"),
        ("Yun Ryong Gyu", "윤룡규"),
        ("Ri Chun Gu", "리춘구"),
        ("Lee Yeon-ok", "이연옥"),
        ("Kim Jong Hwa", "김정화"),
        ("Pak Hak", "박학"),
        ("Kim Il Sung", "김일성"),  # the conventional u for ㅓ
        ("Kim Hyun Hee", "김현희"),  # conventional given-name spellings
        ("Park Hee-seon", "박희선"),
    ],
)
def test_a_romanized_name_yields_its_hangul(name: str, hangul: str) -> None:
    assert hangul in hangul_candidates(name)


def test_no_hangul_for_a_name_that_is_not_korean() -> None:
    assert hangul_candidates("Remco Breuker") == ()
    assert hangul_candidates("Nicholas Bonner") == ()
    assert hangul_candidates("Kim") == ()  # a surname alone is no name to search for


def test_a_person_is_searched_in_hangul_and_every_usual_spelling() -> None:
    entry = Entry("x", "person", (("Ma Dong Hui", "ko-Latn"),))
    names = person_names(entry)
    assert ("마동희", "ko") in names and ("Ma Dong Hui", "en") in names
    assert ("Ma Tong-hŭi", "en") in names and ("Ma Tong-hui", "en") in names
    assert "Ma Tong-hŭi" in spellings("마동희")
    # and a name in Latin letters is compared through the Korean matching key
    mr_only = Candidate("Q1", [("Ma Tong-hŭi", "en")], types={"Q5"})
    f = features(entry, mr_only)
    assert f.title == 1.0 and f.title_how == "same Korean matching key"


def test_people_are_never_matched_to_films_nor_films_to_people(
    fake_api: FakeWikibase, wikidata_sparql: str
) -> None:
    client = WikibaseClient(ClientConfig(api_url=fake_api.url, sparql_url=wikidata_sparql))
    for kind, other in (("person", FILMS), ("film", HUMANS)):
        pairs = items.entries(kind)  # type: ignore[arg-type]
        cands = gather(client, [e for e, _ in pairs], kind)  # type: ignore[arg-type]
        for entry, _ in pairs:
            shown = {c.qid for c in decide(entry, cands[entry.iri]).candidates}
            assert not shown & other, (entry.label, shown & other)
    # the film labelled "An Jung Gun" was fetched for the film entry, as was the person
    # aliased so, yet each went only to its own kind
    fetched = {r.params["ids"] for r in fake_api.requests if r.params["action"] == "wbgetentities"}
    assert any("Q900000033" in ids and "Q900000210" in ids for ids in fetched)


def test_a_wrong_kind_item_with_a_perfect_title_is_no_candidate() -> None:
    person = Entry("x", "person", (("An Jung Gun", "ko-Latn"),))
    film = Candidate("Q1", [("An Jung Gun", "en")], types={"Q11424"}, found_by="search")
    human = Candidate("Q2", [("An Jung-geun", "en"), ("안중근", "ko")], types={"Q5"})
    assert features(person, film).type == 0.0
    decision = decide(person, [film, human])
    assert [c.qid for c in decision.candidates] == ["Q2"]
    assert decide(Entry("y", "film", (("An Jung Gun", "en"),)), [human]).outcome == "none"


def test_a_name_found_only_through_derived_hangul(
    fake_api: FakeWikibase, wikidata_sparql: str
) -> None:
    entry = Entry("x", "person", (("Ma Dong Hui", "ko-Latn"),), roles=("film",))
    client = WikibaseClient(ClientConfig(api_url=fake_api.url, sparql_url=wikidata_sparql))
    decision = decide(entry, gather(client, [entry], "person")["x"])
    assert decision.outcome == "accepted" and decision.best is not None
    assert decision.best.qid == "Q900000211" and decision.best.found_by == "name lookup"
    assert fake_api.requests == []  # two queries answered it; nothing searched


def test_a_name_labelled_only_in_mul_is_found_by_the_lookup(
    fake_api: FakeWikibase, wikidata_sparql: str
) -> None:
    entry = Entry("x", "person", (("Remco Breuker", ""),))  # a source's scholar: no role
    client = WikibaseClient(ClientConfig(api_url=fake_api.url, sparql_url=wikidata_sparql))
    decision = decide(entry, gather(client, [entry], "person")["x"])
    assert decision.outcome == "accepted" and decision.best is not None
    assert decision.best.qid == "Q900000212" and decision.best.found_by == "name lookup"
    assert fake_api.requests == []


def test_namesakes_told_apart_by_what_works_credit_them_with() -> None:
    singer = Candidate("Q1", [("김길녀", "ko")], types={"Q5"}, occupations={"Q177220"})
    politician = Candidate("Q2", [("Kim Gil-nyeo", "en")], types={"Q5"}, occupations={"Q82955"})
    credited = Entry("x", "person", (("Kim Gil-nyeo", "ko-Latn"),), roles=("music",))
    named = Entry("y", "person", (("Kim Gil-nyeo", "ko-Latn"),))
    assert decide(credited, [singer, politician]).best.qid == "Q1"  # type: ignore[union-attr]
    assert decide(credited, [singer, politician]).outcome == "accepted"
    # a person only a source names may have any occupation: the same two are a tie for review
    assert decide(named, [singer, politician]).outcome == "review"


def test_every_named_person_is_an_entry_not_only_the_credited(seed_copy: Path) -> None:
    graph = build_graph(load_data(sorted(seed_copy.glob("*.ttl"))))
    people = {e.iri.rsplit("/", 1)[-1]: e for e in entries_from_graph(graph, "person")}
    assert "remco-breuker" in people and people["remco-breuker"].roles == ()
    assert "ma-dong-hui" in people
    # people whose name no source gives are described, not named: nothing to search for
    assert not {"vinyl-post-author", "vinyl-post-commenter", "vinyl-record-owner"} & set(people)


def test_a_korean_name_alone_found_outside_the_pool_goes_to_review() -> None:
    entry = Entry("x", "person", (("Kim Chol", "ko-Latn"),), roles=("film",))
    looked = Candidate("Q1", [("김철", "ko")], types={"Q5"}, found_by="name lookup")
    assert decide(entry, [looked]).outcome == "review"  # many are called 김철
    pooled = Candidate("Q1", [("김철", "ko")], types={"Q5"}, in_pool=True)
    assert decide(entry, [pooled]).outcome == "accepted"  # credited on a North Korean film
    born = Entry("x", "person", (("Kim Chol", "ko-Latn"),), year=1950)
    dated = Candidate("Q1", [("김철", "ko")], [(1950, 11)], types={"Q5"}, found_by="search")
    assert decide(born, [dated]).outcome == "accepted"  # the birth year agrees too
    scholar = Entry("y", "person", (("Remco Breuker", ""),))
    found = Candidate("Q2", [("Remco Breuker", "en")], types={"Q5"}, found_by="name lookup")
    assert decide(scholar, [found]).outcome == "accepted"  # not a Korean name: rare enough
