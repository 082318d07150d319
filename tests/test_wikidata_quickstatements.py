"""`dprkfilm quickstatements`: every line is QuickStatements v1, every statement sourced, no
Q-id that the graph does not hold, linked entities never re-created."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from reconcile.qs_grammar import GrammarError, check

from dprkfilm_graph.atomic import write_text
from dprkfilm_graph.cli import main
from dprkfilm_graph.cli import quickstatements as quickstatements_cli
from dprkfilm_graph.graph import build_graph
from dprkfilm_graph.load import load_data
from dprkfilm_graph.namespaces import CLAIM, DFO, FILM, OWL, RDF, SCHEMA
from dprkfilm_graph.wikidata.quickstatements import build, quickstatements

HERE = Path(__file__).parent
SEED = HERE / "fixtures" / "seed"
FIXTURE = HERE / "reconcile" / "quickstatements.ttl"  # fictional Q-ids Q900000101 and Q900000201
DAY = dt.date(2026, 1, 2)
RETRIEVED = "S813\t+2026-01-02T00:00:00Z/11"
LINKED_FILM, LINKED_DIRECTOR = "Q900000201", "Q900000101"
FIXED = {"Q11424", "Q5", "Q423"}


@pytest.fixture(scope="module")
def graph() -> Graph:
    return build_graph(load_data([*sorted(SEED.glob("*.ttl")), FIXTURE]))


@pytest.fixture(scope="module")
def text(graph: Graph) -> str:
    return quickstatements(graph, DAY)


@pytest.fixture(scope="module")
def shipped() -> Graph:
    return build_graph()


def _blocks(text: str) -> list[list[str]]:
    """CREATE blocks and runs of lines on one Q-id."""
    blocks: list[list[str]] = []
    for line in text.splitlines():
        entity = "LAST" if line == "CREATE" else line.split("\t")[0]
        previous = "LAST" if blocks and blocks[-1][-1] == "CREATE" else None
        if blocks and previous is None:
            previous = blocks[-1][-1].split("\t")[0]
        if line == "CREATE" or entity != previous:
            blocks.append([])
        blocks[-1].append(line)
    return blocks


@pytest.mark.parametrize("separator", ["tab", "pipe"])
def test_every_line_of_the_shipped_data_is_v1(shipped: Graph, separator: str) -> None:
    batch = build(shipped, retrieved=DAY, separator=separator)  # type: ignore[arg-type]
    # nobody has marked a shipped film or person as missing from Wikidata: nothing to create
    assert batch.text == "" and batch.created == 0 and len(batch.unreconciled) > 100
    odd = Graph() + shipped
    films = set(shipped.subjects(RDF.type, SCHEMA.Movie))
    for film in films:  # as if a person had marked every film as missing
        claim = CLAIM[f"test-{str(film).rsplit('/', 1)[-1]}-no-item"]
        odd.add((claim, RDF.subject, film))
        odd.add((claim, RDF.predicate, OWL.sameAs))
        odd.add((claim, DFO.valueStatus, DFO.NoValue))
        odd.add((claim, DFO.status, DFO.Confirmed))
    marked = build(odd, retrieved=DAY, separator=separator)  # type: ignore[arg-type]
    out = marked.text
    assert check(out) == len(out.splitlines()) > 100
    # each marked film is created unless no source with a URL says it is a film (then said)
    assert len(films) // 2 <= out.count("CREATE") == marked.created <= len(films)
    assert sum("not created" in s for s in marked.skipped) == len(films) - marked.created
    if separator == "pipe":
        assert "\t" not in out and "LAST|P31|Q11424|S854|" in out


def test_every_statement_has_a_source_url_and_the_retrieved_date(text: str) -> None:
    statements = [x for x in text.splitlines() if re.match(r"^(?:LAST|Q\d+)\tP\d+\t", x)]
    assert statements
    for line in statements:
        assert '\tS854\t"http' in line and "\tS813\t+" in line, line


def test_a_film_with_a_year_gets_p577_with_its_sources(text: str) -> None:
    flower_girl = next(b for b in _blocks(text) if 'LAST\tLen\t"The Flower Girl"' in b)
    assert flower_girl[0] == "CREATE"
    (p577,) = [x for x in flower_girl if x.startswith("LAST\tP577\t")]
    assert p577.startswith("LAST\tP577\t+1972-00-00T00:00:00Z/9\tS854\t")
    assert f'S854\t"https://example.org/catalogue"\t{RETRIEVED}' in p577
    assert '!S854\t"https://northkoreanfilms.com/page/2/"' in p577  # the second source
    assert "1971" not in "\n".join(flower_girl)  # a proposed year is not sent
    assert "LAST\tP31\tQ11424\t" in "\n".join(flower_girl)
    assert "LAST\tP495\tQ423\t" in "\n".join(flower_girl)
    assert 'LAST\tP1476\tko:"꽃파는 처녀"\t' in "\n".join(flower_girl)
    assert 'LAST\tLko\t"꽃파는 처녀"' in flower_girl


def test_a_linked_film_gets_no_create_only_its_sourced_statements(text: str) -> None:
    assert '"Sea of Blood"' not in text  # neither a CREATE nor a label over the item's own
    on_item = [x for x in text.splitlines() if x.startswith(f"{LINKED_FILM}\t")]
    assert on_item and all(re.match(rf"^{LINKED_FILM}\tP\d+\t", x) for x in on_item)
    assert not any(x.startswith(f"{LINKED_FILM}\tP31\t") for x in on_item)
    assert any(x.startswith(f"{LINKED_FILM}\tP57\t{LINKED_DIRECTOR}\tS854\t") for x in on_item)


def test_given_item_data_only_what_the_item_lacks(graph: Graph) -> None:
    item = {"labels": {"ko": {"language": "ko", "value": "피바다"}}, "claims": {}}
    full = build(graph, retrieved=DAY, items={LINKED_FILM: item})
    lines = [x for x in full.text.splitlines() if x.startswith(f"{LINKED_FILM}\t")]
    assert any("\tLen\t" in x for x in lines)  # the item has no English label: offered
    assert not any("\tLko\t" in x for x in lines)  # it has a Korean one: left alone


def test_no_q_id_the_graph_does_not_hold(text: str, graph: Graph) -> None:
    linked = {str(o).rsplit("/", 1)[-1] for o in graph.objects(None, None) if "wikidata" in str(o)}
    used = set(re.findall(r"(?<![A-Za-z\"])Q\d+", text))
    assert used and used <= FIXED | linked


def test_a_pipe_in_a_value_is_left_out_of_the_pipe_form_and_said(graph: Graph) -> None:
    odd = Graph() + graph
    odd.add((FILM["qs-flower-girl"], SCHEMA.alternateName, Literal("Flower|Girl", lang="en")))
    piped = build(odd, retrieved=DAY, separator="pipe")
    assert "Flower|Girl" not in piped.text and check(piped.text) > 0
    assert any("Flower|Girl" in reason for reason in piped.skipped)
    assert 'LAST\tAen\t"Flower|Girl"' in build(odd, retrieved=DAY).text  # fine with TABs


def test_cli_writes_out_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    calls: list[Path] = []
    real = write_text  # what the command writes with, spied on below

    def spy(path: Path, content: str) -> None:
        calls.append(path)
        real(path, content)

    monkeypatch.setattr(quickstatements_cli, "write_text", spy)
    out = tmp_path / "batch.qs"
    args = ["quickstatements", "--offline", "--data", str(SEED), "--data", str(FIXTURE),
            "--retrieved", "2026-01-02"]  # fmt: skip
    assert main([*args, "--out", str(out)]) == 0
    assert calls == [out]
    written = out.read_text(encoding="utf-8")
    captured = capsys.readouterr()
    assert captured.out == "" and "new item(s)" in captured.err and str(out) in captured.err
    assert check(written) > 0 and RETRIEVED in written
    assert main(args) == 0
    assert capsys.readouterr().out == written
    assert [p.name for p in tmp_path.iterdir()] == ["batch.qs"]  # no temporary left behind


def test_cli_refuses_a_bad_date_without_writing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "batch.qs"
    code = main(["quickstatements", "--data", str(SEED), "--retrieved", "2026-13-01",
                 "--out", str(out)])  # fmt: skip
    assert code == 2 and not out.exists()
    assert "error: --retrieved '2026-13-01' is not a date" in capsys.readouterr().err


@pytest.mark.parametrize(
    "batch",
    [
        'LAST\tLen\t"x"',  # LAST before CREATE
        'CREATE\nLAST\tLen\t""',  # empty label
        'CREATE\nLAST\tP1476\tko:""',  # empty monolingual text
        "CREATE\nLAST\tP31\t",  # empty value
        'CREATE\nLAST|P31||S854|"https://x"',  # empty field, pipe form
        "CREATE\nLAST\tp31\tQ5",  # property in lower case
        "CREATE\nLAST\tP31\tQ5\tS854",  # reference without a value
        "CREATE\nLAST\tP577\t+1972-00-00T00:00:00Z",  # time without precision
        "CREATE\nLAST\tP577\t+1972-13-00T00:00:00Z/9",  # no month 13
        "CREATE\nLAST\tLen\tThe Flower Girl",  # unquoted label
        'CREATE\nLAST\tP31\tQ5\tS854\t"https://x"\tP580\t+2000-00-00T00:00:00Z/9',  # qual. late
        "CREATE\nX1\tP31\tQ5",  # not an entity
        "CREATE\n\nLAST\tP31\tQ5",  # blank line
    ],
)
def test_the_checker_rejects_malformed_lines(batch: str) -> None:
    with pytest.raises(GrammarError):
        check(batch)


def test_the_checker_accepts_both_separators() -> None:
    assert check('CREATE\nLAST\tLen\t"x"\nQ42\tP31\tQ5\tS854\t"https://x"\tS813\t'
                 "+2026-01-02T00:00:00Z/11") == 3  # fmt: skip
    assert check('CREATE\nLAST|Lko|"꽃"\nLAST|P1476|ko:"꽃"|S854|"https://x"') == 3


def test_a_film_known_only_by_its_chinese_title_is_labelled_in_chinese(shipped: Graph) -> None:
    """Some pages name a DPRK film only in Chinese: its item gets that title as its zh label
    (and a film with no title QuickStatements can write is reported as not created)."""
    zh_only = [
        film
        for film in shipped.subjects(RDF.type, SCHEMA.Movie)
        if {getattr(n, "language", None) for n in shipped.objects(film, SCHEMA.name)} == {"zh"}
    ]
    assert zh_only, "the shipped data has films known only by a Chinese title"
    odd = Graph() + shipped
    for film in zh_only:
        claim = CLAIM[f"test-{str(film).rsplit('/', 1)[-1]}-no-item"]
        odd.add((claim, RDF.subject, film))
        odd.add((claim, RDF.predicate, OWL.sameAs))
        odd.add((claim, DFO.valueStatus, DFO.NoValue))
        odd.add((claim, DFO.status, DFO.Confirmed))
    batch = build(odd, retrieved=DAY)
    titles = {str(n) for film in zh_only for n in shipped.objects(film, SCHEMA.name)}
    written = set(re.findall(r'LAST\tLzh\t"([^"]*)"', batch.text))
    reported = [s for s in batch.skipped if "not created" in s]
    assert written <= titles and len(written) + len(reported) >= len(zh_only)
    assert written, "at least one film with a sourced statement of what it is is created"
