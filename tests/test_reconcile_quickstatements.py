"""QuickStatements export: new items for what Wikidata lacks, only the missing statements for
linked items, a reference (S854 + S813) on every statement, and every line valid QuickStatements
v1 (checked by an independent grammar, itself tested on good and bad lines)."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph
from reconcile.qs_grammar import GrammarError, check, check_line
from wikidata.fake_wikibase import FakeWikibase, Fault, serve

from dprkfilm_graph.cli import _common
from dprkfilm_graph.cli import quickstatements as quickstatements_cli
from dprkfilm_graph.graph import build_graph
from dprkfilm_graph.load import load_data
from dprkfilm_graph.namespaces import RDF, SCHEMA
from dprkfilm_graph.wikidata.quickstatements import Export, commands, linked_items

HERE = Path(__file__).parent
SEED = HERE / "fixtures" / "seed"
FIXTURE = HERE / "reconcile" / "quickstatements.ttl"
DAY = dt.date(2026, 1, 2)
REF = '\tS854\t"https://example.org/catalogue"\tS813\t+2026-01-02T00:00:00Z/11'
# Fictional items (test-only range): a director with a Korean label, and a film that lacks its
# Korean label, country, title and director but has the year (at year precision).
DIRECTOR = "Q900000101"
FILM = "Q900000201"


def _claim(prop: str, value: dict[str, Any], datatype: str) -> dict[str, Any]:
    kind = {"wikibase-item": "wikibase-entityid", "time": "time"}[datatype]
    return {
        "mainsnak": {
            "snaktype": "value",
            "property": prop,
            "datatype": datatype,
            "datavalue": {"type": kind, "value": value},
        },
        "type": "statement",
        "rank": "normal",
    }


def _item_value(qid: str) -> dict[str, Any]:
    return {"entity-type": "item", "numeric-id": int(qid[1:]), "id": qid}


YEAR_1969 = {
    "time": "+1969-00-00T00:00:00Z",
    "timezone": 0,
    "before": 0,
    "after": 0,
    "precision": 9,
    "calendarmodel": "http://www.wikidata.org/entity/Q1985727",
}
ITEMS: dict[str, dict[str, Any]] = {
    DIRECTOR: {
        "type": "item",
        "id": DIRECTOR,
        "labels": {"ko": {"language": "ko", "value": "최익규"}},
        "aliases": {},
        "claims": {"P31": [_claim("P31", _item_value("Q5"), "wikibase-item")]},
    },
    FILM: {
        "type": "item",
        "id": FILM,
        "labels": {"en": {"language": "en", "value": "Sea of Blood"}},
        "aliases": {"en": [{"language": "en", "value": "Pibada"}]},
        "claims": {
            "P31": [_claim("P31", _item_value("Q900000202"), "wikibase-item")],
            "P577": [_claim("P577", YEAR_1969, "time")],
        },
    },
}


@pytest.fixture(scope="module")
def graph() -> Graph:
    return build_graph(load_data([*sorted(SEED.glob("*.ttl")), FIXTURE]))


@pytest.fixture(scope="module")
def export(graph: Graph) -> Export:
    return commands(graph, ITEMS, retrieved=DAY)


def _block(export: Export, entity: str) -> list[str]:
    for block in export.blocks:
        if block.entity.endswith(entity):
            return block.lines()
    raise AssertionError(f"no block for {entity}")


# -- the grammar checker ---------------------------------------------------------------------------

WIKIDATA_MD_EXAMPLE = """CREATE
LAST\tLko\t"꽃파는 처녀"
LAST\tLen\t"The Flower Girl"
LAST\tAen\t"Kkot p'anŭn ch'ŏnyŏ"
LAST\tDen\t"1972 North Korean film"
LAST\tP31\tQ11424\tS854\t"https://example.org/source"\tS813\t+2026-01-01T00:00:00Z/11
LAST\tP1476\tko:"꽃파는 처녀"
LAST\tP577\t+1972-00-00T00:00:00Z/9
Q42\tP2635\t2\tP585\t+2001-00-00T00:00:00Z/9\tS854\t"https://a.example"\t!S854\t"https://b.example"
"""


def test_grammar_accepts_the_documented_example() -> None:
    assert check(WIKIDATA_MD_EXAMPLE) == 9


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ('LAST\tLen\t"x"', "LAST before any CREATE"),
        ("Q1\tLen\tunquoted", "quoted string"),
        ('Q1\tLen\t""', "non-empty"),
        ("Q1\tP577\t1972", None),  # a bare number is a quantity: valid, but see the next line
        ("Q1\tP577\t+1972-13-00T00:00:00Z/9", "not a v1 value"),
        ("Q1\tP577\t+1972-00-00T00:00:00Z/15", "not a v1 value"),
        ('Q1\tP31\tQ5\tS854\t"u"\tS813', "pairs"),
        ('Q1\tP31\tQ5\tS854\t"u"\tP580\t+2000-00-00T00:00:00Z/9', "qualifier after a reference"),
        ('Q1\tP1476\tKorean:"x"', "not a v1 value"),
        ('Q1\tX31\t"x"', "not a property"),
        ("P1\tP31\tQ5", "not an item id"),
        ('Q1\tP31\t"a"b"', "not a v1 value"),
        ("", "too few"),
    ],
)
def test_grammar_rejects(line: str, why: str | None) -> None:
    if why is None:
        check_line(line, after_create=False)
        return
    with pytest.raises(GrammarError, match=why):
        check_line(line, after_create=False)


# -- the export ------------------------------------------------------------------------------------


def test_every_line_is_quickstatements_v1(export: Export) -> None:
    assert check(export.text()) == len(export.text().splitlines())


def test_every_statement_has_a_url_and_a_retrieved_date(export: Export) -> None:
    for line in export.text().splitlines():
        fields = line.split("\t")
        if len(fields) > 1 and fields[1].startswith("P"):
            assert "S854" in fields and "S813" in fields, line


def test_new_film_gets_labels_aliases_and_sourced_statements(export: Export) -> None:
    lines = _block(export, "film/qs-flower-girl")
    assert lines[0] == "CREATE"
    assert 'LAST\tLko\t"꽃파는 처녀"' in lines
    assert 'LAST\tLen\t"The Flower Girl"' in lines
    assert 'LAST\tDen\t"1972 North Korean film"' in lines
    assert "LAST\tAen\t\"Kkot p'anŭn ch'ŏnyŏ\"" in lines  # printed romanization, also P1942
    assert 'LAST\tAen\t"Kkotpaneun cheonyeo"' in lines  # generated: an alias, never a statement
    assert "LAST\tP31\tQ11424" + REF in lines
    assert "LAST\tP495\tQ423" + REF in lines
    assert f"LAST\tP57\t{DIRECTOR}" + REF in lines
    assert 'LAST\tP1476\tko:"꽃파는 처녀"' + REF in lines


def test_romanization_statement_only_from_a_source_with_its_retrieved_date(export: Export) -> None:
    """The MR title is printed by a catalogue page (URL of the catalogue it is part of) and the
    claim says when it was retrieved; the generated RR form never becomes a P2001 statement."""
    lines = _block(export, "film/qs-flower-girl")
    mr = [line for line in lines if "\tP1942\t" in line]
    assert mr == [
        'LAST\tP1942\t"Kkot p\'anŭn ch\'ŏnyŏ"\tS854\t"https://example.org/catalogue"'
        "\tS813\t+2025-03-04T00:00:00Z/11"
    ]
    assert not any("\tP2001\t" in line for line in lines)


def test_a_year_stated_by_two_sources_has_two_reference_groups(export: Export) -> None:
    lines = [x for x in _block(export, "film/qs-flower-girl") if "\tP577\t" in x]
    assert lines == [
        "LAST\tP577\t+1972-00-00T00:00:00Z/9"
        + REF
        + '\t!S854\t"https://northkoreanfilms.com/page/2/"\tS813\t+2026-01-02T00:00:00Z/11'
    ]  # fmt: skip  (the proposed year 1971 is not sent)


def test_what_cannot_be_sourced_or_written_is_left_out_and_said(export: Export) -> None:
    lines = _block(export, "film/qs-flower-girl")
    assert not any("P2635" in line or "P86" in line or "Flower\\" in line for line in lines)
    reasons = "\n".join(export.skipped)
    assert "P2635 left out: its source gives no URL" in reasons
    assert "qs-composer left out: the person has no item yet" in reasons
    assert "cannot be written in QuickStatements v1" in reasons
    # the composer has a name but no sourced statement of what he is: no empty item is created
    assert "person/qs-composer: not created" in reasons
    assert not any(b.entity.endswith("person/qs-composer") for b in export.blocks)


def test_linked_film_gets_only_what_its_item_lacks(export: Export) -> None:
    lines = _block(export, "film/qs-sea-of-blood")
    assert "CREATE" not in lines
    assert f'{FILM}\tLko\t"피바다"' in lines
    assert f"{FILM}\tP495\tQ423" + REF in lines
    assert f'{FILM}\tP1476\tko:"피바다"' + REF in lines
    assert f"{FILM}\tP57\t{DIRECTOR}" + REF in lines
    assert not any("\tP577\t" in x for x in lines)  # same year already there (day vs year)
    assert not any("\tP31\t" in x for x in lines)  # it has a type; subclasses are not ours
    assert not any("\tDen\t" in x or '"Pibada"' in x or '"Sea of Blood"' in x for x in lines)


def test_linked_person_keeps_its_label_and_gains_english(export: Export) -> None:
    lines = _block(export, "person/qs-choe")
    assert f'{DIRECTOR}\tLen\t"Ch\'oe Ik-kyu"' in lines
    assert not any("\tLko\t" in x or "\tP31\t" in x for x in lines)


def test_a_linked_item_not_fetched_is_left_out(graph: Graph) -> None:
    export = commands(graph, {}, retrieved=DAY)
    assert not any(b.qid for b in export.blocks)
    assert any(f"linked to {FILM}, whose item was not fetched" in s for s in export.skipped)


def test_linked_items_lists_films_and_people(graph: Graph) -> None:
    assert linked_items(graph) == [DIRECTOR, FILM]


def test_kinds_narrow_the_export(graph: Graph) -> None:
    people = commands(graph, ITEMS, retrieved=DAY, kinds=("person",))
    assert {b.entity.rsplit("/", 2)[-2] for b in people.blocks} == {"person"}


def test_shipped_data_creates_nothing_nobody_decided_on(shipped_graph: Graph) -> None:
    """No film or person of the shipped data was marked as missing from Wikidata: not one
    CREATE, every film and credited person listed as not reconciled yet."""
    export = commands(shipped_graph, {}, retrieved=DAY)
    assert "CREATE" not in export.text() and not export.blocks
    listed = {iri for iri, _ in export.unreconciled}
    films = {str(f) for f in shipped_graph.subjects(RDF.type, SCHEMA.Movie)}
    assert films <= listed and len(listed) > 100
    assert any(label == "Sea of Blood" for _, label in export.unreconciled)


def test_only_entities_marked_missing_are_created(export: Export, graph: Graph) -> None:
    created = {b.entity.rsplit("/", 1)[-1] for b in export.blocks if b.qid is None}
    assert created == {"qs-flower-girl"}  # the composer is marked too but has no sourced type
    listed = {iri.rsplit("/", 1)[-1] for iri, _ in export.unreconciled}
    assert {"first-steps", "spring-comes-to-mount-thaebaek", "the-undying-soldier"} <= listed
    assert not listed & {"qs-flower-girl", "qs-sea-of-blood", "qs-choe", "qs-composer"}


# -- the command -----------------------------------------------------------------------------------


@pytest.fixture
def api() -> Iterator[FakeWikibase]:
    with serve(ITEMS) as fake:
        yield fake


def _run(argv: list[str]) -> int:
    """The command through its own parser (the same handler and error handling as `dprkfilm`)."""
    parser = argparse.ArgumentParser(prog="dprkfilm")
    quickstatements_cli.register(parser.add_subparsers(dest="command", required=True))
    return _common.run(parser.parse_args(argv))


def _argv(api: FakeWikibase, tmp: Path, *extra: str) -> list[str]:
    return [
        "export-quickstatements", "--data", str(SEED), "--data", str(FIXTURE),
        "--api-url", api.url, "--cache", str(tmp / "cache"), "--retrieved", "2026-01-02",
        "--user-agent", "dprkfilm-test/1 (test@example.org)", *extra,
    ]  # fmt: skip


def test_command_fetches_linked_items_once_and_writes_v1(
    api: FakeWikibase, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "batch.qs"
    assert _run(_argv(api, tmp_path, "--out", str(out))) == 0
    text = out.read_text(encoding="utf-8")
    assert check(text) > 0
    assert f"{FILM}\tP495\tQ423" + REF in text.splitlines()
    assert [r.params["action"] for r in api.requests] == ["wbgetentities"]
    assert sorted(api.requests[0].params["ids"].split("|")) == [DIRECTOR, FILM]
    assert api.requests[0].headers["User-Agent"] == "dprkfilm-test/1 (test@example.org)"
    assert "2 item(s) to complete" in capsys.readouterr().err
    # a re-run is answered from the cache
    assert _run(_argv(api, tmp_path, "--out", str(out))) == 0
    assert len(api.requests) == 1


def test_command_offline_makes_no_request(
    api: FakeWikibase, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(_argv(api, tmp_path, "--offline")) == 0
    captured = capsys.readouterr()
    assert check(captured.out) > 0 and "CREATE" in captured.out
    assert api.requests == [] and "offline" in captured.err
    # A linked item not fetched gets the graph's sourced statements, never labels or P31.
    linked = [line.split("\t") for line in captured.out.splitlines() if line.startswith(FILM)]
    assert linked and all(f[1] not in ("Len", "Lko", "P31") for f in linked)


def test_command_rejects_a_bad_date_without_traceback(
    api: FakeWikibase, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run([*_argv(api, tmp_path), "--retrieved", "2 January"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --retrieved '2 January' is not a date") and "Traceback" not in err


def test_command_gives_up_on_a_failing_wikibase_and_writes_nothing(
    api: FakeWikibase, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A server asking to wait a day is refused at once (no sleeping), with a clear message."""
    api.faults.append(Fault("429", retry_after="86400"))
    out = tmp_path / "batch.qs"
    code = _run(_argv(api, tmp_path, "--out", str(out), "--no-cache"))
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("error: ") and "asks to wait 86400 s" in err
    assert "Traceback" not in err and not out.exists()


def test_registered_in_dprkfilm_under_both_names(tmp_path: Path) -> None:
    from dprkfilm_graph.cli import main

    for name in ("quickstatements", "export-quickstatements"):
        out = tmp_path / f"{name}.qs"
        argv = [name, "--offline", "--data", str(SEED), "--data", str(FIXTURE), "--out", str(out)]
        assert main(argv) == 0
        assert check(out.read_text(encoding="utf-8")) > 0
    texts = {p.read_text(encoding="utf-8") for p in tmp_path.glob("*.qs")}
    assert len(texts) == 1


def test_a_title_longer_than_a_wikibase_term_is_left_out(graph: Graph) -> None:
    from rdflib import Literal

    from dprkfilm_graph.namespaces import FILM as FILMS
    from dprkfilm_graph.namespaces import SCHEMA

    longer = Graph()
    longer += graph
    title = "Spring " * 40  # 280 characters: Wikibase refuses labels and aliases over 250
    longer.add((FILMS["qs-flower-girl"], SCHEMA.alternateName, Literal(title, lang="en")))
    export = commands(longer, ITEMS, retrieved=DAY)
    assert title not in export.text()
    assert any("cannot be written" in s and "Spring Spring" in s for s in export.skipped)
