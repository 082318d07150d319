"""Graph + shapes -> a report (a value, not printed text).

The report groups results by focus node and names the data file each node was written in, so a
curator knows where to look. Conformance means no sh:Violation; warnings and infos are reported
but do not fail.

Two engines give the same report (a test holds them to it): pyshacl-turbo, a Rust engine with
pySHACL's API (the default, driven by `turbo`: about 0.1 s for the shipped data on two cores),
and pySHACL, the reference (`--engine pyshacl`), which by itself re-parses every SPARQL
constraint for every focus node (a few seconds here, where each query text is parsed once).
Both reports are read as plain triples by one function, so a result reads the same from either.
The shapes are compiled once per process and the ontology is parsed once per process.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any

from rdflib import Graph

from dprkfilm_graph import progress
from dprkfilm_graph.bulk import without_cycle_collection
from dprkfilm_graph.graph import build_triples, ontology_triples
from dprkfilm_graph.load import Data, load_data, load_ontology, load_shapes, merge, new_graph
from dprkfilm_graph.namespaces import RDF, RDFS, SH
from dprkfilm_graph.oxstore import tag_cases
from dprkfilm_graph.plain import Triples, iri, plain
from dprkfilm_graph.terms import Term


class Engine(StrEnum):
    """Which SHACL engine validates: the fast default or the reference."""

    TURBO = "turbo"
    PYSHACL = "pyshacl"


class Severity(StrEnum):
    VIOLATION = "Violation"
    WARNING = "Warning"
    INFO = "Info"


_LABEL = iri(str(RDFS.label))
_TYPE = iri(str(RDF.type))
_RESULT = iri(str(SH.ValidationResult))
_FOCUS = iri(str(SH.focusNode))
_SEVERITY_KEY = iri(str(SH.resultSeverity))
_MESSAGE = iri(str(SH.resultMessage))
_VALUE = iri(str(SH.value))
_PATH = iri(str(SH.resultPath))
_SOURCE_SHAPE = iri(str(SH.sourceShape))
_ALTERNATIVE = iri(str(SH.alternativePath))
_INVERSE = iri(str(SH.inversePath))
_FIRST, _REST, _NIL = iri(str(RDF.first)), iri(str(RDF.rest)), iri(str(RDF.nil))
_SEVERITY = {
    str(SH.Violation): Severity.VIOLATION,
    str(SH.Warning): Severity.WARNING,
    str(SH.Info): Severity.INFO,
}


@dataclass(frozen=True)
class Result:
    focus: str
    severity: Severity
    message: str
    path: str | None
    value: str | None
    shape: str | None
    file: str | None
    label: str | None


@dataclass
class Report:
    results: list[Result] = field(default_factory=list)
    make_graph: Callable[[], Graph] = field(default=new_graph, repr=False, compare=False)

    @cached_property
    def graph(self) -> Graph:
        """The report in SHACL's own terms (sh:ValidationReport), built when first asked for."""
        return self.make_graph()

    @property
    def conforms(self) -> bool:
        return not any(r.severity is Severity.VIOLATION for r in self.results)

    def count(self, severity: Severity) -> int:
        return sum(1 for r in self.results if r.severity is severity)

    def by_focus(self) -> dict[str, list[Result]]:
        grouped: dict[str, list[Result]] = defaultdict(list)
        for r in self.results:
            grouped[r.focus].append(r)
        return dict(sorted(grouped.items()))

    def to_text(self) -> str:
        lines: list[str] = []
        for focus, results in self.by_focus().items():
            first = results[0]
            head = f"{focus}" + (f" ({first.label})" if first.label else "")
            lines.append(head)
            if first.file:
                lines.append(f"  in {first.file}")
            for r in results:
                where = f" [{r.path}]" if r.path else ""
                value = f" value: {r.value}" if r.value else ""
                lines.append(f"  {r.severity.value}{where}: {r.message}{value}")
        summary = (
            f"{'conforms' if self.conforms else 'does not conform'}: "
            f"{self.count(Severity.VIOLATION)} violation(s), {self.count(Severity.WARNING)} "
            f"warning(s), {self.count(Severity.INFO)} info"
        )
        lines.append(summary)
        return "\n".join(lines) + "\n"

    def to_json(self) -> str:
        payload = {
            "conforms": self.conforms,
            "counts": {s.value: self.count(s) for s in Severity},
            "results": [{**asdict(r), "severity": r.severity.value} for r in self.results],
        }
        return json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True) + "\n"

    def to_turtle(self) -> str:
        return str(self.graph.serialize(format="turtle"))


def _text(term: Term, cases: Mapping[str, str]) -> str:
    """A result's value as the report shows it: a tagged literal quoted, with its tag as the
    data writes it; anything else its text."""
    kind, value, extra = term
    if kind == "l" and extra.startswith("@"):
        return f'"{value}"@{cases.get(extra[1:], extra[1:])}'
    return value


def _path_text(report: Mapping[Term, Mapping[Term, list[Term]]], path: Term | None) -> str | None:
    """A result's path as the report shows it: the property, `^property` for an inverse path,
    alternatives joined by " | "."""
    if path is None:
        return None
    described = report.get(path, {}) if path[0] == "b" else {}
    if _INVERSE in described:
        return "^" + described[_INVERSE][0][1]
    if _ALTERNATIVE not in described:
        return path[1]
    steps: list[str] = []
    node = described[_ALTERNATIVE][0]
    while node != _NIL and node in report:
        steps.extend(p[1] for p in report[node].get(_FIRST, [])[:1])
        node = (report[node].get(_REST) or [_NIL])[0]
    return " | ".join(steps)


def _results(report: Triples, data: Data | None, triples: Triples) -> list[Result]:
    """The results of a report (plain triples), each with the focus node's file and label."""
    by_subject: dict[Term, dict[Term, list[Term]]] = defaultdict(dict)
    for s, p, o in report:
        by_subject[s].setdefault(p, []).append(o)
    found = [(node, props) for node, props in by_subject.items() if _RESULT in props.get(_TYPE, ())]
    if not found:
        return []
    # The labels of the focus nodes and the data's spelling of language tags, each read in one
    # pass over the graph and only when a result needs them.
    focus_nodes = {v[0] for _, props in found if (v := props.get(_FOCUS)) and v[0][0] != "l"}
    labels: dict[str, str] = {}
    for s, p, o in triples:
        if p == _LABEL and s in focus_nodes:
            labels.setdefault(s[1], o[1])
    tagged = any(v[2].startswith("@") for _, props in found for v in props.get(_VALUE, ()))
    cases = tag_cases(triples) if tagged else {}

    def one(props: Mapping[Term, list[Term]], key: Term) -> Term | None:
        values = props.get(key)
        return values[0] if values else None

    results: list[Result] = []
    for _, props in found:
        focus = one(props, _FOCUS)
        level = one(props, _SEVERITY_KEY)
        message = one(props, _MESSAGE)
        value = one(props, _VALUE)
        shape = one(props, _SOURCE_SHAPE)
        focus_text = focus[1] if focus is not None else "None"
        results.append(
            Result(
                focus=focus_text,
                severity=_SEVERITY.get(level[1], Severity.VIOLATION)
                if level is not None and level[0] == "u"
                else Severity.VIOLATION,
                message=message[1] if message is not None else "constraint not met",
                path=_path_text(by_subject, one(props, _PATH)),
                value=_text(value, cases) if value is not None and value != focus else None,
                shape=shape[1] if shape is not None and shape[0] == "u" else None,
                file=data.file_of(focus_text)
                if data is not None and focus is not None and focus[0] == "u"
                else None,
                label=labels.get(focus_text) if focus is not None and focus[0] != "l" else None,
            )
        )
    order = {Severity.VIOLATION: 0, Severity.WARNING: 1, Severity.INFO: 2}
    results.sort(key=lambda r: (r.focus, order[r.severity], r.path or "", r.message, r.value or ""))
    return results


_PROGRAMS: dict[int, tuple[Graph, Any]] = {}


def _program(shapes: Graph) -> Any:
    """A shapes graph compiled once for this process (keyed by the graph object, kept alive)."""
    found = _PROGRAMS.get(id(shapes))
    if found is None or found[0] is not shapes:
        from dprkfilm_graph.turbo import Program

        found = (shapes, Program(shapes))
        _PROGRAMS[id(shapes)] = found
    return found[1]


_PREPARED: dict[tuple[str, str | None, tuple[tuple[str, str], ...]], Any] = {}


@contextmanager
def _queries_parsed_once() -> Iterator[None]:
    """rdflib's engine parses a query's text on every call, and pySHACL calls it once per focus
    node with the same text (3,319 parses of a few dozen queries for the shipped data, three
    quarters of the run). While pySHACL runs, each text is parsed and translated once per
    process (kept in `_PREPARED`: the shapes' few dozen texts, which every later validation in
    the process asks for again); the prepared query is what rdflib's own `prepareQuery` returns
    for reuse, so answers are the same."""
    from rdflib.plugins.sparql import processor
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    original = processor.SPARQLProcessor.query
    prepared = _PREPARED

    def query(
        self: Any,
        text: Any,
        initBindings: Any = None,
        initNs: Any = None,
        base: Any = None,
        DEBUG: bool = False,
    ) -> Any:
        if isinstance(text, str):
            key = (text, base, tuple(sorted((k, str(v)) for k, v in (initNs or {}).items())))
            found = prepared.get(key)
            if found is None:
                found = prepared[key] = translateQuery(parseQuery(text), base, initNs)
            text = found
        return original(self, text, initBindings, initNs, base, DEBUG)

    processor.SPARQLProcessor.query = query  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        processor.SPARQLProcessor.query = original  # type: ignore[method-assign]


def _report_pyshacl(graph: Graph, shapes: Graph) -> Graph:
    from pyshacl import validate as shacl_validate

    # The ontology is merged in (rather than passed as pyshacl's ont_graph) so that sh:class sees
    # the types of the status and method concepts it defines.
    with _queries_parsed_once():
        _, report_graph, _ = shacl_validate(
            merge([graph, load_ontology()]),
            shacl_graph=shapes,
            inference="none",
            advanced=True,
            allow_warnings=True,
            allow_infos=True,
        )
    assert isinstance(report_graph, Graph)
    return report_graph


def validate_graph(
    graph: Graph | Triples,
    data: Data | None = None,
    shapes: Graph | None = None,
    *,
    engine: Engine | str = Engine.TURBO,
    split: bool = True,
) -> Report:
    """Run the shapes over `graph` (with the ontology mixed in) and collect the results. With
    `split` the default engine runs its two halves of the shapes on two threads; pass False
    where the caller keeps the other core busy (the build makes its dumps meanwhile)."""
    with without_cycle_collection():
        return _validate_graph(graph, data, shapes, engine=engine, split=split)


def _validate_graph(
    graph: Graph | Triples,
    data: Data | None,
    shapes: Graph | None,
    *,
    engine: Engine | str,
    split: bool,
) -> Report:
    progress.step(f"checking the shapes ({Engine(engine).value})")
    triples = plain(graph)
    chosen = shapes if shapes is not None else load_shapes()
    if Engine(engine) is Engine.PYSHACL:
        rdf = graph if isinstance(graph, Graph) else triples.to_rdflib()
        report_graph = _report_pyshacl(rdf, chosen)
        report, make_graph = plain(report_graph), lambda: report_graph
    else:
        report = _program(chosen).validate(triples, ontology_triples(), split=split)
        make_graph = report.to_rdflib
    return Report(results=_results(report, data, triples), make_graph=make_graph)


def validate(data: Data | None = None, *, engine: Engine | str = Engine.TURBO) -> Report:
    """Load the curated data, build the graph and validate it (without the cycle collector: see
    `bulk`)."""
    with without_cycle_collection():
        loaded = data if data is not None else load_data()
        return validate_graph(build_triples(loaded), loaded, engine=engine)
