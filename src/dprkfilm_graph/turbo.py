"""pyshacl-turbo, driven for speed: the graph handed over in the engine's own term encoding, the
shapes run in two halves side by side, and the report read from the engine's own records.

- Input: each distinct term once, as a record, and each triple as indices into the records. The
  engine takes these as they are, where N-Triples text it parses first (1M triples: 9.1 -> 5.9 s
  for the input alone, peak memory 1.45 -> 0.71 GB).
- Two halves: the engine lets go of Python's lock while it validates, and the shapes that target
  a class and the rest take about as long as each other (on the shipped data about 43 and 44 ms,
  each after about 39 ms reading the graph; one run of all of them takes 122 ms, the two side by
  side about 86). On two cores they run on two threads, each half over its own copy of the graph
  (the engine keeps no store to share), so above `SPLIT_LIMIT` triples one run keeps the
  engine's memory to one copy. The caller can ask for one run where its other thread already
  keeps the second core busy (`build` makes the dumps meanwhile).
- Report: the engine returns its report as term records, read here as plain triples. Its Python
  wrapper would build an rdflib graph of them first (12 ms for the shipped data's 95 results);
  that graph is built only when asked for (the report as Turtle). Reading the records means
  calling the engine's entry point the wrapper calls (`_native.validate`), so the engine's
  version is pinned, and tests hold every result to pySHACL's.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from itertools import chain, repeat
from typing import Any

from rdflib import BNode, Graph

from dprkfilm_graph.namespaces import OWL, RDF, RDFS, SH, XSD
from dprkfilm_graph.plain import Triple, Triples, iri, literal
from dprkfilm_graph.terms import XSD_STRING, Term

Record = tuple[Any, ...]

# Above this many triples one run, to keep the engine's memory to one copy of the graph (at 1M
# triples the second copy costs about 0.3 GB and saves 4 of 14 s).
SPLIT_LIMIT = 2_000_000

_OTHER_TARGETS = (SH.target, SH.targetNode, SH.targetObjectsOf, SH.targetSubjectsOf)
_TYPE = iri(str(RDF.type))
_REPORT = iri(str(SH.ValidationReport))
_CONFORMS = iri(str(SH.conforms))


def engine_record(term: Term) -> Record:
    """A plain term as the engine's record: (kind, text, datatype, language)."""
    kind, value, extra = term
    if kind == "u":
        return (0, value, None, None)
    if kind == "b":
        return (1, value, None, None)
    if extra.startswith("@"):
        return (2, value, None, extra[1:])
    return (2, value, extra or None, None)


def plain_term(record: Record) -> Term:
    """An engine record as a plain term."""
    kind, value, datatype, language = record
    if kind == 0:
        return ("u", value, "")
    if kind == 1:
        return ("b", value, "")
    if language:
        return ("l", value, "@" + language)
    return ("l", value, "" if datatype in (None, XSD_STRING) else datatype)


def engine_terms(*parts: Iterable[Triple]) -> tuple[list[Record], list[Record]]:
    """Plain triples in the engine's encoding: the records, and each triple as indices into
    them. Each term is numbered by `setdefault` with the count so far, so a new term takes the
    next number and a known one keeps its own, without a Python call per term (11 against 14 ms
    for the shipped data)."""
    places = list(chain.from_iterable(chain.from_iterable(parts)))
    number: dict[Term, int] = {}
    ids = list(map(number.setdefault, places, map(len, repeat(number))))
    records = list(map(engine_record, number))
    each = iter(ids)  # three places a triple: subject, predicate, object
    quads = list(zip(each, each, each, repeat(None), strict=False))
    return records, quads


def halves(shapes: Graph) -> tuple[list[str], list[str]] | None:
    """The shapes that select focus nodes, as two lists of IRIs: those that target a class, and
    the rest (SPARQL targets, the objects or subjects of a property, named nodes). On the shipped
    data each takes about as long as the other. None when one list would be empty, or when such
    a shape is a blank node (the engine selects shapes by name)."""
    by_class = set(shapes.subjects(SH.targetClass, None))
    for kind in (RDFS.Class, OWL.Class):  # a shape that is also a class targets its instances
        by_class |= {
            s
            for s in shapes.subjects(RDF.type, kind)
            if (s, RDF.type, SH.NodeShape) in shapes or (s, RDF.type, SH.PropertyShape) in shapes
        }
    rest = {s for p in _OTHER_TARGETS for s in shapes.subjects(p, None)} - by_class
    if not by_class or not rest or any(isinstance(s, BNode) for s in by_class | rest):
        return None
    return sorted(map(str, by_class)), sorted(map(str, rest))


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class Program:
    """Shapes compiled once, and the halves they run in."""

    def __init__(self, shapes: Graph) -> None:
        from pyshacl_turbo import compile_shapes

        self.compiled = compile_shapes(shapes, advanced=True)  # type: ignore[no-untyped-call]
        self.halves = halves(shapes)

    def _run(self, records: list[Record], quads: list[Record], use: Sequence[str]) -> Any:
        """One validation over the records, with the shapes named in `use` (all if empty): the
        report as the engine's (records, quads)."""
        _, report, _, _, recursion = self.compiled._native.validate(
            (records, quads),
            "terms",
            None,  # base IRI
            False,  # iterate rules
            100,  # most rule iterations
            15,  # deepest nesting of shapes
            False,  # in place
            True,  # report infos
            True,  # report warnings
            False,  # stop at the first result
            [],  # focus nodes: all
            list(use),
            [],  # namespaces
        )
        for message in recursion:
            warnings.warn(message, stacklevel=2)
        return report

    def validate(self, *parts: Iterable[Triple], split: bool = True) -> Triples:
        """The report over the triples of `parts`, as plain triples: one sh:ValidationReport.
        With `split`, the halves run side by side when there are two cores."""
        records, quads = engine_terms(*parts)
        if not split or self.halves is None or len(quads) > SPLIT_LIMIT or _cores() < 2:
            return merged([self._run(records, quads, ())])
        first, second = self.halves
        with ThreadPoolExecutor(max_workers=1) as pool:
            other = pool.submit(self._run, records, quads, second)
            mine = self._run(records, quads, first)
            return merged([mine, other.result()])


def merged(reports: Sequence[tuple[list[Record], list[Record]]]) -> Triples:
    """The engine's reports as plain triples with one sh:ValidationReport node, which conforms
    when each of them does."""
    out = Triples()
    report: Term | None = None
    conforms = True
    for records, quads in reports:
        terms = [plain_term(r) for r in records]
        nodes = {terms[s] for s, p, o, _ in quads if terms[p] == _TYPE and terms[o] == _REPORT}
        for s, p, o, _ in quads:
            subject, predicate, obj = terms[s], terms[p], terms[o]
            if subject in nodes:
                if predicate == _CONFORMS:
                    conforms = conforms and obj[1] == "true"
                    continue
                report = report or subject
                subject = report
            out.add((subject, predicate, obj))
    if report is not None:
        verdict = literal("true" if conforms else "false", datatype=str(XSD.boolean))
        out.add((report, _CONFORMS, verdict))
    return out
