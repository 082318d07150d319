"""pyshacl-turbo (the default engine) and pySHACL (the reference) give the same report: the same
focus nodes, paths, severities, messages, values and shapes, on the shipped data and on every
shape example with seeded violations."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph

from dprkfilm_graph.graph import build_graph
from dprkfilm_graph.load import Data, load_data, load_shapes, merge, parse_turtle
from dprkfilm_graph.namespaces import SH
from dprkfilm_graph.validate import Engine, Report, Severity, validate_graph

SHAPES = Path(__file__).parent / "shapes"
EXAMPLES = sorted(SHAPES.glob("*/*.ttl"))

Row = tuple[str, str, str | None, str, str | None, str | None]


def _rows(report: Report) -> list[Row]:
    return sorted(
        ((r.focus, r.severity.value, r.path, r.message, r.value, r.shape) for r in report.results),
        key=repr,
    )


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_engines_agree_on_every_shape_example(
    example: Path, shape_example: Callable[[Path], Data]
) -> None:
    data = shape_example(example)
    graph = build_graph(data)
    turbo = validate_graph(graph, data, engine=Engine.TURBO)
    reference = validate_graph(graph, data, engine=Engine.PYSHACL)
    assert _rows(turbo) == _rows(reference)
    if example.name.startswith("fails"):
        assert turbo.results, "a failing example must raise something on both engines"


_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
HALVES = 2


def _half_of_the_shapes(part: int) -> Graph:
    """The shapes with the targets of every other targeted shape removed: those shapes still
    apply where another shape refers to them, but select no focus node of their own. The halves
    together target what the whole does, and split the reference engine's run between workers."""
    shapes = load_shapes()
    targeted = sorted({s for p in _TARGETS for s in shapes.subjects(p, None)}, key=str)
    assert targeted, "the shapes target nothing"
    out = Graph()
    for prefix, namespace in shapes.namespaces():
        out.bind(prefix, namespace)
    dropped = {s for i, s in enumerate(targeted) if i % HALVES != part}
    for s, p, o in shapes:
        if not (s in dropped and p in _TARGETS):
            out.add((s, p, o))
    return out


@cache
def _shipped() -> tuple[Data, Graph]:
    data = load_data()
    return data, build_graph(data)


@pytest.mark.parametrize("part", range(HALVES))
def test_engines_agree_on_the_shipped_data(part: int) -> None:
    """The slow side of this test is the reference engine (seconds: each query parsed once)."""
    data, graph = _shipped()
    shapes = _half_of_the_shapes(part)
    turbo = validate_graph(graph, data, shapes, engine=Engine.TURBO)
    reference = validate_graph(graph, data, shapes, engine=Engine.PYSHACL)
    assert _rows(turbo) == _rows(reference)
    assert turbo.count(Severity.VIOLATION) == 0


def test_the_halves_of_the_shapes_report_what_the_whole_does() -> None:
    data, graph = _shipped()
    whole = validate_graph(graph, data, engine=Engine.TURBO)
    halves = [validate_graph(graph, data, _half_of_the_shapes(p)) for p in range(HALVES)]
    assert all(half.results for half in halves), "each half checks something"
    assert sorted(_rows(whole)) == sorted(row for half in halves for row in _rows(half))


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


_PATH_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <https://example.org/> .
ex:Inverse a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:property [ sh:path [ sh:inversePath ex:has ] ; sh:minCount 1 ;
                  sh:message "nothing has it" ] .
ex:Either a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:property [ sh:path [ sh:alternativePath ( ex:a ex:b ) ] ; sh:minCount 1 ;
                  sh:message "neither a nor b" ] .
"""


@pytest.mark.parametrize("engine", list(Engine))
def test_result_paths_read_alike_on_both_engines(engine: Engine) -> None:
    """A path that is not a property reads as SHACL writes it: ^p for an inverse path, the
    alternatives joined by " | " (a blank node's label would differ from run to run)."""
    shapes = Graph().parse(data=_PATH_SHAPES, format="turtle")
    data = Graph().parse(
        data="<https://example.org/t> a <https://example.org/Thing> .", format="turtle"
    )
    report = validate_graph(data, shapes=shapes, engine=engine)
    assert sorted((r.message, r.path) for r in report.results) == [
        ("neither a nor b", "https://example.org/a | https://example.org/b"),
        ("nothing has it", "^https://example.org/has"),
    ]
