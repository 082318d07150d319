"""pyshacl-turbo (the default engine) and pySHACL (the reference) give the same report: the same
focus nodes, paths, severities, messages, values and shapes, on the shipped data and on every
shape example with seeded violations."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph

from dprkfilm_graph.graph import build_graph
from dprkfilm_graph.load import Data, load_data, merge, parse_turtle
from dprkfilm_graph.validate import Engine, Report, Severity, validate_graph

SHAPES = Path(__file__).parent / "shapes"
EXAMPLES = sorted(SHAPES.glob("*/*.ttl"))

Row = tuple[str, str, str | None, str, str | None, str | None]


def _rows(report: Report) -> list[Row]:
    return sorted(
        ((r.focus, r.severity.value, r.path, r.message, r.value, r.shape) for r in report.results),
        key=repr,
    )


@cache
def _example_graph(path: Path) -> Data:
    graph = merge([parse_turtle(SHAPES / "_support.ttl"), parse_turtle(path)])
    return Data(graph=graph, files=[path])


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_engines_agree_on_every_shape_example(example: Path) -> None:
    data = _example_graph(example)
    graph = build_graph(data)
    turbo = validate_graph(graph, data, engine=Engine.TURBO)
    reference = validate_graph(graph, data, engine=Engine.PYSHACL)
    assert _rows(turbo) == _rows(reference)
    if example.name.startswith("fails"):
        assert turbo.results, "a failing example must raise something on both engines"


def test_engines_agree_on_the_shipped_data() -> None:
    """The slow half of this test is the reference engine (seconds: each query parsed once)."""
    data = load_data()
    graph = build_graph(data)
    turbo = validate_graph(graph, data, engine=Engine.TURBO)
    reference = validate_graph(graph, data, engine=Engine.PYSHACL)
    assert _rows(turbo) == _rows(reference)
    assert turbo.count(Severity.VIOLATION) == 0


@pytest.mark.parametrize(
    ("value", "refused"),
    [
        ('"2"^^xsd:positiveInteger', False),
        ('"2"^^xsd:integer', False),
        ('"0"^^xsd:integer', True),
        ('"-3"^^xsd:integer', True),
    ],
)
@pytest.mark.parametrize("engine", list(Engine))
def test_positive_integers_hold_on_both_engines(value: str, refused: bool, engine: Engine) -> None:
    """Oxigraph reads "2"^^xsd:positiveInteger as xsd:integer: the shape accepts either datatype
    and still refuses zero and negative numbers, on both engines."""
    example = SHAPES / "FilmShape" / "conforms.ttl"
    text = example.read_text(encoding="utf-8") + f"\nfilm:f dfo:numberOfParts {value} .\n"
    probe = Graph().parse(data=text, format="turtle")
    data = Data(graph=merge([parse_turtle(SHAPES / "_support.ttl"), probe]), files=[])
    found = [
        r
        for r in validate_graph(build_graph(data), data, engine=engine).results
        if r.path is not None and r.path.endswith("numberOfParts")
    ]
    assert bool(found) is refused, found
