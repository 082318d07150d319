"""Every shape has an example that must conform and one that must fail, and each fails for the
reason its shape exists (Brick's practice: examples are picked up from tests/shapes/<Shape>/)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.term import Node

from dprkfilm_graph.graph import build_graph
from dprkfilm_graph.load import Data, load_shapes, merge, parse_turtle
from dprkfilm_graph.namespaces import DFS, RDF, SH
from dprkfilm_graph.validate import Report, Severity, validate_graph

HERE = Path(__file__).parent / "shapes"
SUPPORT = HERE / "_support.ttl"


@cache
def shapes() -> Graph:
    return load_shapes()


def node_shapes() -> list[str]:
    g = shapes()
    return sorted(
        str(s)[len(str(DFS)) :]
        for s in g.subjects(RDF.type, SH.NodeShape)
        if isinstance(s, URIRef) and str(s).startswith(str(DFS))
    )


def _owners(shape: Node) -> set[Node]:
    """The node shapes a result's source shape belongs to (property shapes are shared)."""
    g = shapes()
    if isinstance(shape, URIRef) and (shape, RDF.type, SH.NodeShape) in g:
        return {shape}
    return set(g.subjects(SH.property, shape))


def _validate(example: Path) -> Report:
    graph = merge([parse_turtle(SUPPORT), parse_turtle(example)])
    return validate_graph(build_graph(Data(graph=graph, files=[example])), shapes=shapes())


def _from_shape(report: Report, shape: str) -> list[tuple[Severity, str]]:
    target = DFS[shape]
    found = []
    for node in report.graph.subjects(RDF.type, SH.ValidationResult):
        source = report.graph.value(node, SH.sourceShape)
        if source is not None and target in _owners(source):
            found.append(
                (
                    str(report.graph.value(node, SH.resultSeverity)),
                    str(report.graph.value(node, SH.resultMessage)),
                )
            )
    return found  # type: ignore[return-value]


def test_every_shape_has_examples() -> None:
    missing = [
        s
        for s in node_shapes()
        if not (HERE / s / "conforms.ttl").is_file() or not (HERE / s / "fails.ttl").is_file()
    ]
    assert not missing, f"add tests/shapes/<Shape>/conforms.ttl and fails.ttl for: {missing}"


def test_every_example_folder_names_a_shape() -> None:
    folders = {p.name for p in HERE.iterdir() if p.is_dir()}
    assert folders <= set(node_shapes()), (
        f"examples for unknown shapes: {folders - set(node_shapes())}"
    )


def test_every_constraint_has_a_message() -> None:
    g = shapes()
    silent = []
    for shape in set(g.subjects(SH.path, None)) | set(g.subjects(RDF.type, SH.SPARQLConstraint)):
        owner_has = any((o, SH.message, None) in g for o in g.subjects(SH.property, shape))
        if (shape, SH.message, None) not in g and not owner_has:
            silent.append(str(shape))
    assert not silent, f"constraints without sh:message: {silent}"


@pytest.mark.parametrize("shape", node_shapes())
def test_conforming_example(shape: str) -> None:
    report = _validate(HERE / shape / "conforms.ttl")
    violations = [r for r in report.results if r.severity is Severity.VIOLATION]
    assert not violations, [f"{r.focus}: {r.message}" for r in violations]
    assert _from_shape(report, shape) == []


@pytest.mark.parametrize("shape", node_shapes())
def test_failing_example(shape: str) -> None:
    report = _validate(HERE / shape / "fails.ttl")
    found = _from_shape(report, shape)
    assert found, f"tests/shapes/{shape}/fails.ttl raised nothing from dfs:{shape}"
    severity = shapes().value(DFS[shape], SH.severity)
    if severity is not None:
        assert str(severity) in {s for s, _ in found}


def test_a_release_track_must_be_a_recording() -> None:
    """A song listed on a release without disc or side hangs from it by schema:track; anything
    but a recording there is a violation."""
    found = _from_shape(_validate(HERE / "ReleaseShape" / "fails.ttl"), "ReleaseShape")
    messages = [m for s, m in found if s == str(SH.Violation)]
    assert any("schema:track" in m and "recording" in m for m in messages), found
