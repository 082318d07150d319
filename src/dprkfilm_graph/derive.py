"""Claims -> plain triples, as Wikidata derives truthy `wdt:` triples from best-rank statements.

Curators write claims only; the plain triple a query or a shape sees exists exactly when some claim
for it is stated or confirmed. One source of truth, so the two can never drift apart.
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Graph, URIRef
from rdflib.term import Node

from dprkfilm_graph.load import new_graph
from dprkfilm_graph.namespaces import DFO, PROV, RDF

ASSERTING_STATUSES = frozenset({DFO.Stated, DFO.Confirmed})


def asserted_triples(graph: Graph) -> Graph:
    """The plain triples backed by at least one stated or confirmed claim in `graph`."""
    out = new_graph()
    for _, (s, p, o) in asserting_claims(graph):
        if isinstance(s, URIRef) and isinstance(p, URIRef):
            out.add((s, p, o))
    return out


def asserting_claims(graph: Graph) -> Iterator[tuple[Node, tuple[Node, Node, Node]]]:
    """Each stated or confirmed claim with the triple it asserts (incomplete claims skipped).

    One pass per property rather than four look-ups per claim; where a claim has two values of
    a property (a shape forbids it), the first by its text is taken, the same in every process."""
    status = _one_each(graph, DFO.status)
    subject = _one_each(graph, RDF.subject)
    predicate = _one_each(graph, RDF.predicate)
    obj = _one_each(graph, RDF.object)
    for claim in sorted(set(graph.subjects(RDF.type, DFO.Claim)), key=str):
        if status.get(claim) not in ASSERTING_STATUSES:
            continue
        s, p, o = subject.get(claim), predicate.get(claim), obj.get(claim)
        if s is not None and p is not None and o is not None:
            yield claim, (s, p, o)


def _one_each(graph: Graph, prop: Node) -> dict[Node, Node]:
    values: dict[Node, Node] = {}
    for s, o in graph.subject_objects(prop):
        if s not in values or str(o) < str(values[s]):
            values[s] = o
    return values


def claim_sources(graph: Graph) -> dict[tuple[Node, Node, Node], list[Node]]:
    """For each asserted triple, the sources of the claims backing it (sorted, for named graphs)."""
    sources: dict[tuple[Node, Node, Node], list[Node]] = {}
    for claim, triple in asserting_claims(graph):
        sources.setdefault(triple, []).extend(graph.objects(claim, PROV.wasDerivedFrom))
    return {k: sorted(set(v), key=str) for k, v in sources.items()}
