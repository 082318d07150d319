"""The default engine's driver: the two halves of the shapes, side by side, report exactly what one
run over all the shapes does; the engine's records are read back as the same terms; the halves'
reports merge into one sh:ValidationReport."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rdflib import BNode, Graph, Literal

from dprkfilm_graph import turbo
from dprkfilm_graph.graph import build_triples, ontology_triples
from dprkfilm_graph.load import Data, load_data, load_shapes
from dprkfilm_graph.namespaces import DFS, RDF, SH
from dprkfilm_graph.plain import Triples, iri, literal
from dprkfilm_graph.validate import Report, validate_graph

SHAPES = Path(__file__).parent / "shapes"
EXAMPLES = sorted(SHAPES.glob("*/*.ttl"))


def _rows(report: Report) -> list[tuple[Any, ...]]:
    return sorted(
        (
            (r.focus, r.severity.value, r.path, r.message, r.value, r.shape, r.file, r.label)
            for r in report.results
        ),
        key=repr,
    )


@pytest.fixture
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    """The halves run side by side whatever the machine has."""
    monkeypatch.setattr(turbo, "_cores", lambda: 2)


def test_the_halves_hold_every_targeted_shape_once() -> None:
    shapes = load_shapes()
    halves = turbo.halves(shapes)
    assert halves is not None
    first, second = halves
    targeted = {
        str(s)
        for p in (SH.targetClass, SH.targetNode, SH.targetObjectsOf, SH.targetSubjectsOf, SH.target)
        for s in shapes.subjects(p, None)
    }
    assert set(first) | set(second) == targeted
    assert not set(first) & set(second)
    assert str(DFS.ClaimShape) in first and str(DFS.ClaimAgentShape) in second


def test_no_halves_when_a_targeted_shape_has_no_name() -> None:
    shapes = Graph()
    for triple in load_shapes():
        shapes.add(triple)
    shapes.add((BNode(), SH.targetClass, DFS.Anything))
    assert turbo.halves(shapes) is None


def test_no_halves_when_every_shape_targets_a_class() -> None:
    shapes = Graph()
    for s, p, o in load_shapes():
        if p not in (SH.target, SH.targetObjectsOf):
            shapes.add((s, p, o))
    assert turbo.halves(shapes) is None


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_halves_report_what_one_run_does(
    example: Path, two_cores: None, shape_example: Callable[[Path], Data]
) -> None:
    data = shape_example(example)
    triples = build_triples(data)
    split = validate_graph(triples, data, split=True)
    whole = validate_graph(triples, data, split=False)
    assert _rows(split) == _rows(whole)
    _assert_one_report(split)


def _assert_one_report(report: Report) -> None:
    """The report graph (`--format turtle`) is one sh:ValidationReport that links every result
    and conforms as the report does."""
    (node,) = report.graph.subjects(RDF.type, SH.ValidationReport)
    conforms = report.graph.value(node, SH.conforms)
    assert isinstance(conforms, Literal) and conforms.toPython() is report.conforms
    assert len(list(report.graph.objects(node, SH.result))) == len(report.results)


def test_the_halves_report_what_one_run_does_on_the_shipped_data(two_cores: None) -> None:
    data = load_data()
    triples = build_triples(data)
    split = validate_graph(triples, data, split=True)
    whole = validate_graph(triples, data, split=False)
    assert split.results, "the shipped data raises warnings and infos"
    assert _rows(split) == _rows(whole)
    _assert_one_report(split)


def _runs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, ...]]:
    """The shapes each engine run was given (empty: all of them)."""
    calls: list[tuple[str, ...]] = []
    run = turbo.Program._run

    def spy(self: turbo.Program, records: Any, quads: Any, use: Any) -> Any:
        calls.append(tuple(use))
        return run(self, records, quads, use)

    monkeypatch.setattr(turbo.Program, "_run", spy)
    return calls


def test_two_runs_on_two_cores(monkeypatch: pytest.MonkeyPatch, two_cores: None) -> None:
    calls = _runs(monkeypatch)
    data = load_data()
    validate_graph(build_triples(data), data)
    assert sorted(map(len, calls)) == sorted(map(len, turbo.halves(load_shapes()) or ()))


@pytest.mark.parametrize("why", ["one core", "over the limit", "not asked"])
def test_one_run_otherwise(monkeypatch: pytest.MonkeyPatch, why: str) -> None:
    calls = _runs(monkeypatch)
    monkeypatch.setattr(turbo, "_cores", lambda: 1 if why == "one core" else 2)
    if why == "over the limit":
        monkeypatch.setattr(turbo, "SPLIT_LIMIT", 10)
    data = load_data()
    validate_graph(build_triples(data), data, split=why != "not asked")
    assert calls == [()]


@pytest.mark.parametrize(
    "term",
    [
        iri("https://w3id.org/dprkfilm/film/first-steps"),
        ("b", "b0", ""),
        literal("첫걸음", lang="ko"),
        literal("Ch'ŏtkŏrŭm", lang="ko-Latn-x-mr"),
        literal("1977", datatype="http://www.w3.org/2001/XMLSchema#gYear"),
        literal("plain"),
    ],
)
def test_engine_records_read_back_as_the_same_terms(term: tuple[str, str, str]) -> None:
    assert turbo.plain_term(turbo.engine_record(term)) == term


def test_an_explicit_string_datatype_reads_as_a_plain_string() -> None:
    record = (2, "x", "http://www.w3.org/2001/XMLSchema#string", None)
    assert turbo.plain_term(record) == literal("x")


def _report(node: str, conforms: str, *results: str) -> tuple[list[Any], list[Any]]:
    """An engine report: records and quads."""
    records: list[Any] = [
        (1, node, None, None),
        (0, str(RDF.type), None, None),
        (0, str(SH.ValidationReport), None, None),
        (0, str(SH.conforms), None, None),
        (2, conforms, "http://www.w3.org/2001/XMLSchema#boolean", None),
        (0, str(SH.result), None, None),
    ]
    quads: list[Any] = [(0, 1, 2, None), (0, 3, 4, None)]
    for r in results:
        records.append((1, r, None, None))
        quads.append((0, 5, len(records) - 1, None))
    return records, quads


@pytest.mark.parametrize(
    ("first", "second", "conforms"),
    [("true", "true", "true"), ("true", "false", "false"), ("false", "true", "false")],
)
def test_merged_reports_are_one_report(first: str, second: str, conforms: str) -> None:
    out = turbo.merged([_report("r1", first, "a", "b"), _report("r2", second, "c")])
    report = Triples(out)
    nodes = report.subjects(iri(str(RDF.type)), iri(str(SH.ValidationReport)))
    assert nodes == [("b", "r1", "")]
    assert [o for s, o in report.pairs(iri(str(SH.conforms)))] == [
        literal(conforms, datatype="http://www.w3.org/2001/XMLSchema#boolean")
    ]
    assert sorted(o[1] for s, o in report.pairs(iri(str(SH.result)))) == ["a", "b", "c"]


def test_the_input_numbers_each_distinct_term_once() -> None:
    data = load_data()
    triples = build_triples(data)
    records, quads = turbo.engine_terms(triples, ontology_triples())
    assert len(quads) == len(triples) + len(ontology_triples())
    assert len(set(records)) == len(records)
    back = {tuple(turbo.plain_term(records[i]) for i in q[:3]) for q in quads}
    assert back == set(triples) | set(ontology_triples())


@pytest.mark.parametrize("engine", ["turbo", "pyshacl"])
def test_a_result_shows_its_focus_label_and_the_datas_tag(
    engine: str, shape_example: Callable[[Path], Data]
) -> None:
    """A focus node with an rdfs:label is shown with it, and a tagged value with its tag as the
    data writes it (Oxigraph hands tags back lowercased)."""
    example = SHAPES / "LanguageTagShape" / "fails-person.ttl"
    data = shape_example(example)
    report = validate_graph(build_triples(data), data, engine=engine)
    person = [r for r in report.results if r.focus.endswith("/person/q")]
    assert person, "the example raises a result on person:q"
    assert {r.label for r in person} == {"Q"}
    assert '"마동희"@ko-Latn-x-mrx' in {r.value for r in person}
