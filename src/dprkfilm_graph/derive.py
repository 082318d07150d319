"""Claims -> plain triples, as Wikidata derives truthy `wdt:` triples from best-rank statements.

Curators write claims only; the plain triple a query or a shape sees exists exactly when some claim
for it is stated or confirmed. One source of truth, so the two can never drift apart.

The work is done on plain triples (plain.Triples), as the build carries them; the functions named
for rdflib graphs convert at the edge, for the callers that hold one.
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Graph
from rdflib.term import Node

from dprkfilm_graph.namespaces import DFO, PROV, RDF
from dprkfilm_graph.plain import ToRdflib, Triple, Triples, iri, plain
from dprkfilm_graph.terms import Term

ASSERTING_STATUSES = frozenset({DFO.Stated, DFO.Confirmed})
_ASSERTING = frozenset(iri(str(s)) for s in ASSERTING_STATUSES)
_CLAIM, _TYPE = iri(str(DFO.Claim)), iri(str(RDF.type))
_STATUS, _DERIVED = iri(str(DFO.status)), iri(str(PROV.wasDerivedFrom))
_SUBJECT, _PREDICATE, _OBJECT = (iri(str(p)) for p in (RDF.subject, RDF.predicate, RDF.object))


def asserted(triples: Triples) -> Triples:
    """The plain triples backed by at least one stated or confirmed claim."""
    return Triples(
        triple
        for _, triple in claims_asserting(triples)
        if triple[0][0] == "u" and triple[1][0] == "u"
    )


def claims_asserting(triples: Triples) -> Iterator[tuple[Term, Triple]]:
    """Each stated or confirmed claim with the triple it asserts (incomplete claims skipped).

    One pass per property rather than four look-ups per claim; where a claim has two values of
    a property (a shape forbids it), the first by its text is taken, the same in every process."""
    status = _one_each(triples, _STATUS)
    subject = _one_each(triples, _SUBJECT)
    predicate = _one_each(triples, _PREDICATE)
    obj = _one_each(triples, _OBJECT)
    for claim in sorted(set(triples.subjects(_TYPE, _CLAIM)), key=lambda t: t[1]):
        if status.get(claim) not in _ASSERTING:
            continue
        s, p, o = subject.get(claim), predicate.get(claim), obj.get(claim)
        if s is not None and p is not None and o is not None:
            yield claim, (s, p, o)


def _one_each(triples: Triples, prop: Term) -> dict[Term, Term]:
    values: dict[Term, Term] = {}
    for s, o in triples.pairs(prop):
        if s not in values or o[1] < values[s][1]:
            values[s] = o
    return values


def sources_of_asserted(triples: Triples) -> dict[Triple, list[Term]]:
    """For each asserted triple, the sources of the claims backing it (sorted, for named graphs)."""
    derived: dict[Term, list[Term]] = {}
    for claim, source in triples.pairs(_DERIVED):
        derived.setdefault(claim, []).append(source)
    sources: dict[Triple, list[Term]] = {}
    for claim, triple in claims_asserting(triples):
        sources.setdefault(triple, []).extend(derived.get(claim, ()))
    return {k: sorted(set(v), key=lambda t: t[1]) for k, v in sources.items()}


def asserting_claims(graph: Graph) -> Iterator[tuple[Node, tuple[Node, Node, Node]]]:
    """claims_asserting(), for an rdflib graph."""
    convert = ToRdflib()
    for claim, (s, p, o) in claims_asserting(plain(graph)):
        yield convert(claim), (convert(s), convert(p), convert(o))


def claim_sources(graph: Graph) -> dict[tuple[Node, Node, Node], list[Node]]:
    """sources_of_asserted(), for an rdflib graph."""
    convert = ToRdflib()
    return {
        (convert(s), convert(p), convert(o)): [convert(x) for x in found]
        for (s, p, o), found in sources_of_asserted(plain(graph)).items()
    }
