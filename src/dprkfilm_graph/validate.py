"""Graph + shapes -> a report (a value, not printed text).

The report groups results by focus node and names the data file each node was written in, so a
curator knows where to look. Conformance means no sh:Violation; warnings and infos are reported
but do not fail.

Two engines give the same report (a test holds them to it): pyshacl-turbo, a Rust engine with
pySHACL's API, validating an Oxigraph store (the default: well under a second for the shipped
data), and pySHACL, the reference (`--engine pyshacl`), which by itself re-parses every SPARQL
constraint for every focus node (about 40 s of CPU on the same graph; a few seconds here, where
each query text is parsed once). The shapes are compiled once per process and the ontology is
parsed once per process.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from dprkfilm_graph import progress
from dprkfilm_graph.graph import build_triples, ontology_triples
from dprkfilm_graph.load import Data, load_data, load_ontology, load_shapes, merge, new_graph
from dprkfilm_graph.namespaces import RDF, RDFS, SH
from dprkfilm_graph.oxstore import tag_cases
from dprkfilm_graph.plain import Memo, Triple, Triples, iri, plain
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
_SEVERITY = {SH.Violation: Severity.VIOLATION, SH.Warning: Severity.WARNING, SH.Info: Severity.INFO}


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
    graph: Graph = field(default_factory=new_graph)

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


def _text(node: Node | None, cases: dict[str, str] | None = None) -> str | None:
    if node is None:
        return None
    if isinstance(node, Literal):
        if node.language is None:
            return str(node)
        return f'"{node}"@{(cases or {}).get(node.language, node.language)}'
    return str(node)


def _path_text(graph: Graph, node: Node | None) -> str | None:
    if node is None:
        return None
    if isinstance(node, URIRef):
        return str(node)
    alternatives = graph.value(node, SH.alternativePath)
    if alternatives is not None:
        from rdflib.collection import Collection

        return " | ".join(str(p) for p in Collection(graph, alternatives))
    return str(node)


_COMPILED: dict[int, tuple[Graph, Any]] = {}


def _compiled(shapes: Graph) -> Any:
    """A shapes graph compiled once for this process (keyed by the graph object, kept alive)."""
    found = _COMPILED.get(id(shapes))
    if found is None or found[0] is not shapes:
        from pyshacl_turbo import compile_shapes

        found = (shapes, compile_shapes(shapes, advanced=True))  # type: ignore[no-untyped-call]
        _COMPILED[id(shapes)] = found
    return found[1]


def _engine_record(term: Term) -> tuple[Any, ...]:
    """A plain term as pyshacl-turbo's transfer record: (kind, text, datatype, language)."""
    kind, value, extra = term
    if kind == "u":
        return (0, value, None, None)
    if kind == "b":
        return (1, value, None, None)
    if extra.startswith("@"):
        return (2, value, None, extra[1:])
    return (2, value, extra or None, None)


def _engine_terms(*parts: Iterable[Triple]) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Plain triples in pyshacl-turbo's own transfer encoding: each distinct term once, as a
    record, and each triple as indices into the records. The engine takes these as they are,
    where N-Triples text it parses first (1M triples: 9.1 -> 5.9 s for the input alone, peak
    memory 1.45 -> 0.71 GB)."""
    records: list[tuple[Any, ...]] = []

    def numbered(term: Term) -> int:
        records.append(_engine_record(term))
        return len(records) - 1

    number: Memo[Term, int] = Memo(numbered)
    quads = [(number(s), number(p), number(o), None) for part in parts for s, p, o in part]
    return records, quads


def _report_turbo(graph: Triples, shapes: Graph | None) -> Graph:
    """pyshacl-turbo over the graph and the ontology, handed over in its own term encoding (its
    `Input`, which its validate takes as it is; given a store, it would dump the store to text
    and parse that again)."""
    from pyshacl_turbo.rdf import Input

    program = _compiled(shapes if shapes is not None else load_shapes())
    records, quads = _engine_terms(graph, ontology_triples())
    blank = {r[1]: BNode(r[1]) for r in records if r[0] == 1}
    _, report_graph, _ = program.validate(
        Input((records, quads), "terms", None, blank, preserve_ids=True),
        inference="none",
        allow_warnings=True,
        allow_infos=True,
    )
    assert isinstance(report_graph, Graph)
    return report_graph


@contextmanager
def _queries_parsed_once() -> Iterator[None]:
    """rdflib's engine parses a query's text on every call, and pySHACL calls it once per focus
    node with the same text (3,319 parses of a few dozen queries for the shipped data, three
    quarters of the run). While pySHACL runs, each text is parsed and translated once; the
    prepared query is what rdflib's own `prepareQuery` returns for reuse, so answers are the
    same."""
    from rdflib.plugins.sparql import processor
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    original = processor.SPARQLProcessor.query
    prepared: dict[tuple[str, str | None, tuple[tuple[str, str], ...]], Any] = {}

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


def _report_pyshacl(graph: Graph, shapes: Graph | None) -> Graph:
    from pyshacl import validate as shacl_validate

    # The ontology is merged in (rather than passed as pyshacl's ont_graph) so that sh:class sees
    # the types of the status and method concepts it defines.
    with _queries_parsed_once():
        _, report_graph, _ = shacl_validate(
            merge([graph, load_ontology()]),
            shacl_graph=shapes if shapes is not None else load_shapes(),
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
) -> Report:
    """Run the shapes over `graph` (with the ontology mixed in) and collect the results."""
    progress.step(f"checking the shapes ({Engine(engine).value})")
    triples = plain(graph)
    if Engine(engine) is Engine.PYSHACL:
        rdf = graph if isinstance(graph, Graph) else triples.to_rdflib()
        report_graph = _report_pyshacl(rdf, shapes)
    else:
        report_graph = _report_turbo(triples, shapes)
    cases = tag_cases(triples)
    labels: dict[str, str] = {}
    for s, o in triples.pairs(_LABEL):
        labels.setdefault(s[1], o[1])
    results: list[Result] = []
    for node in report_graph.subjects(RDF.type, SH.ValidationResult):
        focus = report_graph.value(node, SH.focusNode)
        level = report_graph.value(node, SH.resultSeverity)
        severity = (
            _SEVERITY.get(level, Severity.VIOLATION)
            if isinstance(level, URIRef)
            else (Severity.VIOLATION)
        )
        message = report_graph.value(node, SH.resultMessage)
        label = labels.get(str(focus)) if focus is not None else None
        value = report_graph.value(node, SH.value)
        results.append(
            Result(
                focus=str(focus),
                severity=severity,
                message=str(message) if message is not None else "constraint not met",
                path=_path_text(report_graph, report_graph.value(node, SH.resultPath)),
                value=_text(value, cases) if value != focus else None,
                shape=_text(report_graph.value(node, SH.sourceShape))
                if isinstance(report_graph.value(node, SH.sourceShape), URIRef)
                else None,
                file=data.file_of(focus) if data is not None else None,
                label=str(label) if label is not None else None,
            )
        )
    order = {Severity.VIOLATION: 0, Severity.WARNING: 1, Severity.INFO: 2}
    results.sort(key=lambda r: (r.focus, order[r.severity], r.path or "", r.message, r.value or ""))
    return Report(results=results, graph=report_graph)


def validate(data: Data | None = None, *, engine: Engine | str = Engine.TURBO) -> Report:
    """Load the curated data, build the graph and validate it."""
    loaded = data if data is not None else load_data()
    return validate_graph(build_triples(loaded), loaded, engine=engine)
