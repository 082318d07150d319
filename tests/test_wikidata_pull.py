"""`dprkfilm pull`: linked items' statements become claims derived from each item, beside what
the graph holds, in few requests; the data still validates; a second run changes no byte.
Always on a temporary copy of the seed data, against the fake Wikibase and a real SPARQL
server holding the fixture items (fictional Q-ids)."""

from __future__ import annotations

import datetime as dt
import json
import math
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from wikidata import items
from wikidata.fake_wikibase import FakeWikibase, Fault
from wikidata.fixtures import *  # noqa: F403  (fake_api, wikidata_sparql)

from dprkfilm_graph.cli import main
from dprkfilm_graph.graph import build_graph
from dprkfilm_graph.load import load_data
from dprkfilm_graph.namespaces import DFO, FILM, OWL, PERSON, PROV, RDF, RDFS, SCHEMA, WD, XSD
from dprkfilm_graph.paths import data_files
from dprkfilm_graph.query import load_query, rows, run_query
from dprkfilm_graph.wikidata.client import ClientConfig, WikibaseClient
from dprkfilm_graph.wikidata.pull import PULL_FILE, item_source, pull

HERE = Path(__file__).parent
LINKS = {
    "film:the-undying-soldier": "Q900000034",
    "film:spring-comes-to-mount-thaebaek": "Q900000029",
    "film:pull-sea-of-blood": "Q900000002",
    "person:ma-dong-hui": "Q900000211",
    "person:remco-breuker": "Q900000212",
}
DAY = dt.date(2026, 2, 3)


@pytest.fixture
def linked_data(seed_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The seed plus a film with a year, and the links a person accepted in a review file."""
    shutil.copy(HERE / "wikidata" / "pull.ttl", seed_copy / "pull-fixture.ttl")
    review = tmp_path / "review.tsv"
    rows = [f"{s}\twd:{q}\t1\taccept" for s, q in LINKS.items()]
    review.write_text(
        "subject_id\tobject_id\tconfidence\tdecision\n" + "\n".join(rows) + "\n", "utf-8"
    )
    assert main(["reconcile", "apply", str(review), "--data", str(seed_copy)]) == 0
    capsys.readouterr()
    return seed_copy


def _graph(folder: Path) -> Graph:
    return build_graph(load_data(data_files(folder)))


def _client(fake: FakeWikibase, sparql: str, cache: Path | None = None) -> WikibaseClient:
    return WikibaseClient(ClientConfig(api_url=fake.url, sparql_url=sparql, cache_dir=cache))


def _claims(graph: Graph, subject: URIRef, predicate: URIRef) -> dict[str, set[URIRef]]:
    """object -> the sources of the claims about (subject, predicate) that give one."""
    out: dict[str, set[URIRef]] = {}
    for claim in graph.subjects(RDF.subject, subject):
        if graph.value(claim, RDF.predicate) == predicate and graph.value(claim, RDF.object):
            source = graph.value(claim, PROV.wasDerivedFrom)
            assert isinstance(source, URIRef)
            out.setdefault(str(graph.value(claim, RDF.object)), set()).add(source)
    return out


def test_pull_turns_statements_into_claims_derived_from_the_item(
    fake_api: FakeWikibase, wikidata_sparql: str, linked_data: Path
) -> None:
    result = pull(_client(fake_api, wikidata_sparql), _graph(linked_data), linked_data, today=DAY)
    assert result.changed and (linked_data / PULL_FILE).exists()
    # ceil(linked / 50) for the items, one more for the people their statements name
    assert len(fake_api.requests) <= math.ceil(len(LINKS) / 50) + 3
    assert [r.params["action"] for r in fake_api.requests] == ["wbgetentities"] * 2
    assert "info" in fake_api.requests[0].params["props"]
    graph = _graph(linked_data)
    soldier = FILM["the-undying-soldier"]
    item = item_source("Q900000034")
    years = _claims(graph, soldier, SCHEMA.datePublished)
    assert years == {"1983": {item}}  # the deprecated 1982 is not taken
    assert _claims(graph, soldier, SCHEMA.duration) == {"PT1H24M": {item}}
    assert "Undying Soldier" in _claims(graph, soldier, SCHEMA.alternateName)
    # the seed's post and the item both give the Korean title: one claim each
    assert item in _claims(graph, soldier, SCHEMA.name)["영원한 전사"]
    # the item's source: its revision, retrieved that day, part of Wikidata
    assert str(graph.value(item, SCHEMA.version)) == str(items.REVISION + 34)
    assert str(graph.value(item, SCHEMA.url)).endswith(f"oldid={items.REVISION + 34}")
    claim = next(iter(graph.subjects(RDF.object, Literal("PT1H24M", datatype=XSD.duration))))
    assert graph.value(claim, DFO.method) == DFO.WikidataImport
    assert graph.value(claim, DFO.status) == DFO.Stated
    assert graph.value(claim, DFO.retrieved) == Literal("2026-02-03", datatype=XSD.date)
    # the director the graph lacked is added and linked to their item; so is the composer
    director = PERSON["ri-yong-gil"]
    assert (soldier, SCHEMA.director, director) in graph
    assert (director, OWL.sameAs, WD["Q900000217"]) in graph
    assert (soldier, SCHEMA.musicBy, PERSON["kim-ok-song"]) in graph
    # the cast member may be the graph's unlinked Kim Il Sung: not added, not linked, said
    assert not any(graph.objects(soldier, SCHEMA.actor))
    assert any("Q900000218" in s and "person/kim-il-sung" in s for s in result.skipped)
    # an unlinked studio is left out and said
    assert any("P272 Q900000301" in s for s in result.skipped)
    # a linked person's item: names, birth
    ma = PERSON["ma-dong-hui"]
    assert "마동희" in _claims(graph, ma, SCHEMA.name)
    assert _claims(graph, ma, SCHEMA.birthDate) == {"1935": {item_source("Q900000211")}}
    assert {a for a, _, _ in result.added} == {str(director), str(PERSON["kim-ok-song"])}
    # a name Wikidata keeps as "mul" comes untagged, as the data keeps a foreign name
    remco = PERSON["remco-breuker"]
    assert _claims(graph, remco, SCHEMA.name)["Remco Breuker"] >= {item_source("Q900000212")}
    assert (remco, SCHEMA.name, Literal("Remco Breuker")) in graph


def test_disagreeing_values_are_kept_side_by_side(
    fake_api: FakeWikibase, wikidata_sparql: str, linked_data: Path
) -> None:
    pull(_client(fake_api, wikidata_sparql), _graph(linked_data), linked_data, today=DAY)
    graph = _graph(linked_data)
    sea = FILM["pull-sea-of-blood"]
    years = _claims(graph, sea, SCHEMA.datePublished)
    assert set(years) == {"1968", "1969"} and years["1969"] == {item_source("Q900000002")}
    found = rows(run_query(load_query("conflicting-facts"), graph=graph))
    values = {str(r["value"]) for r in found if str(r["entity"]) == str(sea)}
    assert values == {"1968", "1969"}


def test_the_data_still_validates_and_a_second_run_changes_no_byte(
    fake_api: FakeWikibase, wikidata_sparql: str, linked_data: Path, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    args = ["pull", "--data", str(linked_data), "--api-url", fake_api.url,
            "--sparql-url", wikidata_sparql, "--cache", str(tmp_path / "cache")]  # fmt: skip
    assert main(args) == 0
    first = (linked_data / PULL_FILE).read_bytes()
    err = capsys.readouterr().err
    assert "2 request(s)" in err
    assert main(["validate", "--data", str(linked_data)]) == 0, capsys.readouterr().out
    capsys.readouterr()
    # again: the people added are linked now, so the batch differs from the first; nothing
    # changes; a third run is answered from the cache alone
    assert main(args) == 0
    assert (linked_data / PULL_FILE).read_bytes() == first
    assert "unchanged" in capsys.readouterr().err
    asked = len(fake_api.requests)
    assert main(args) == 0
    assert len(fake_api.requests) == asked
    assert (linked_data / PULL_FILE).read_bytes() == first
    # again without the cache on another day: the same revisions, the same bytes
    pull(_client(fake_api, wikidata_sparql), _graph(linked_data), linked_data,
         today=DAY + dt.timedelta(days=30))  # fmt: skip
    assert (linked_data / PULL_FILE).read_bytes() == first


def test_a_new_revision_is_pulled_again(
    fake_api: FakeWikibase, wikidata_sparql: str, linked_data: Path
) -> None:
    pull(_client(fake_api, wikidata_sparql), _graph(linked_data), linked_data, today=DAY)
    entity = fake_api.entities["Q900000002"]
    entity["lastrevid"] += 1
    entity["claims"]["P577"][0]["mainsnak"]["datavalue"]["value"]["time"] = "+1970-00-00T00:00:00Z"
    later = DAY + dt.timedelta(days=1)
    pull(_client(fake_api, wikidata_sparql), _graph(linked_data), linked_data, today=later)
    graph = _graph(linked_data)
    years = _claims(graph, FILM["pull-sea-of-blood"], SCHEMA.datePublished)
    assert set(years) == {"1968", "1970"}  # the item's old value is gone with its revision
    source = item_source("Q900000002")
    assert str(graph.value(source, SCHEMA.version)) == str(items.REVISION + 3)


def test_dry_run_writes_nothing(
    fake_api: FakeWikibase, wikidata_sparql: str, linked_data: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    before = sorted(p.name for p in linked_data.iterdir())
    args = ["pull", "--dry-run", "--no-cache", "--data", str(linked_data),
            "--api-url", fake_api.url, "--sparql-url", wikidata_sparql]  # fmt: skip
    assert main(args) == 0
    assert sorted(p.name for p in linked_data.iterdir()) == before
    captured = capsys.readouterr()
    assert "would change" in captured.err and "added     " in captured.out
    assert main([*args, "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["changed"] and not report["written"] and report["requests"] == 2
    assert {a["qid"] for a in report["added"]} == {"Q900000217", "Q900000219"}
    assert sorted(p.name for p in linked_data.iterdir()) == before


def test_new_adds_the_pool_films_the_graph_lacks_linked_and_reported(
    fake_api: FakeWikibase, wikidata_sparql: str, linked_data: Path, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    client = _client(fake_api, wikidata_sparql)
    result = pull(client, _graph(linked_data), linked_data, new=True, today=DAY)
    pool = {i["id"] for i in items.ITEMS if i["kind"] == "film" and i.get("country", ["Q423"])
            == ["Q423"]}  # fmt: skip
    films = {q for _, q, _ in result.added if q in pool}
    # every pool film but the linked ones (and none the graph may already hold)
    assert films == pool - set(LINKS.values())
    linked = len(LINKS) + len(films)
    assert client.stats.network <= math.ceil(linked / 50) + 3
    assert client.stats.by_kind == {"sparql": 1, "wbgetentities": 2}
    graph = _graph(linked_data)
    flower = next(URIRef(i) for i, q, _ in result.added if q == "Q900000001")
    assert (flower, RDF.type, SCHEMA.Movie) in graph
    assert (flower, OWL.sameAs, WD["Q900000001"]) in graph
    assert (flower, RDFS.label, Literal("The Flower Girl", lang="en")) in graph
    assert (flower, SCHEMA.datePublished, Literal("1972", datatype=XSD.gYear)) in graph
    assert main(["validate", "--data", str(linked_data)]) == 0, capsys.readouterr().out
    first = (linked_data / PULL_FILE).read_bytes()
    again = pull(_client(fake_api, wikidata_sparql), _graph(linked_data), linked_data, new=True,
                 today=DAY + dt.timedelta(days=2))  # fmt: skip
    assert not again.changed and (linked_data / PULL_FILE).read_bytes() == first
    assert not [q for _, q, _ in again.added]  # linked now: nothing is added twice


def test_a_link_made_since_is_taken_up_at_the_same_revision(
    fake_api: FakeWikibase, wikidata_sparql: str, linked_data: Path, tmp_path: Path
) -> None:
    pull(_client(fake_api, wikidata_sparql), _graph(linked_data), linked_data, today=DAY)
    soldier, kim = FILM["the-undying-soldier"], PERSON["kim-il-sung"]
    assert not any(_graph(linked_data).objects(soldier, SCHEMA.actor))
    # a person now links the graph's Kim Il Sung to the item the film's cast names
    review = tmp_path / "kim.tsv"
    review.write_text(
        "subject_id\tobject_id\tconfidence\tdecision\nperson:kim-il-sung\twd:Q900000218\t1\taccept\n",
        "utf-8",
    )
    assert main(["reconcile", "apply", str(review), "--data", str(linked_data)]) == 0
    later = DAY + dt.timedelta(days=9)
    again = pull(_client(fake_api, wikidata_sparql), _graph(linked_data), linked_data, today=later)
    graph = _graph(linked_data)
    assert (soldier, SCHEMA.actor, kim) in graph
    # the film's item is at the revision pulled before: its claims keep their retrieval date
    claim = next(
        c for c in graph.subjects(RDF.object, kim) if graph.value(c, RDF.predicate) == SCHEMA.actor
    )
    assert graph.value(claim, DFO.retrieved) == Literal(DAY.isoformat(), datatype=XSD.date)
    assert again.kept == again.items - 1  # only Kim Il Sung's own item is new
    assert _claims(graph, kim, SCHEMA.birthDate) == {"1912": {item_source("Q900000218")}}


def test_a_link_to_an_item_of_the_wrong_kind_pulls_nothing(
    fake_api: FakeWikibase, wikidata_sparql: str, linked_data: Path, tmp_path: Path
) -> None:
    review = tmp_path / "wrong.tsv"
    review.write_text(
        "subject_id\tobject_id\tconfidence\tdecision\nfilm:first-steps\twd:Q900000217\t1\taccept\n",
        "utf-8",
    )
    assert main(["reconcile", "apply", str(review), "--data", str(linked_data)]) == 0
    result = pull(_client(fake_api, wikidata_sparql), _graph(linked_data), linked_data, today=DAY)
    assert any(
        "first-steps: linked to Q900000217, which is not a film" in s for s in result.skipped
    )
    graph = _graph(linked_data)
    assert not _claims(graph, FILM["first-steps"], SCHEMA.birthDate)
    assert "Ri Yong-gil" not in _claims(graph, FILM["first-steps"], SCHEMA.name)
    # nor is the film the other film's director because it is linked to the director's item
    assert not any(graph.objects(FILM["the-undying-soldier"], SCHEMA.director))
    assert any("P57 Q900000217 left out: it is linked to" in s for s in result.skipped)


def test_a_refusing_wikibase_or_bad_options_write_nothing(
    fake_api: FakeWikibase, wikidata_sparql: str, linked_data: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    fake_api.faults.append(Fault("429", retry_after="86400"))
    args = ["pull", "--no-cache", "--api-url", fake_api.url, "--sparql-url", wikidata_sparql]
    assert main([*args, "--data", str(linked_data)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "asks to wait 86400 s" in err and "Traceback" not in err
    assert not (linked_data / PULL_FILE).exists()
    # files only: there is no folder to write into, and the shipped data/ is not it
    assert main([*args, "--data", str(linked_data / "films.ttl")]) == 2
    assert "give --data a folder" in capsys.readouterr().err
