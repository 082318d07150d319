"""The published graph -> counts a curator watches: entities per class, claims per status, method
and kind of evidence (quoted from a page, compiled, from the seed post, from Wikidata), sources and
how many claims each backs."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rdflib import Graph

from dprkfilm_graph import terms
from dprkfilm_graph.evidence import kind
from dprkfilm_graph.namespaces import DFO, ENTITY_CLASSES, PREFIXES, PROV, RDF, RDFS, SKOS

_CURIES = terms.Curies(PREFIXES)


def _short(iri: object) -> str:
    return terms.plain_value(("u", str(iri), ""), _CURIES)


@dataclass
class Stats:
    triples: int = 0
    classes: dict[str, int] = field(default_factory=dict)
    claims: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    methods: dict[str, int] = field(default_factory=dict)
    evidence: dict[str, int] = field(default_factory=dict)
    sources: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return {
            "triples": self.triples,
            "classes": self.classes,
            "claims": self.claims,
            "statuses": self.statuses,
            "methods": self.methods,
            "evidence": self.evidence,
            "sources": self.sources,
        }

    def to_text(self) -> str:
        lines = [f"triples  {self.triples}", "", "entities per class"]
        lines += [f"  {k:<28} {v}" for k, v in self.classes.items()]
        lines += ["", f"claims  {self.claims}", "  per status"]
        lines += [f"    {k:<26} {v}" for k, v in self.statuses.items()]
        lines += ["  per method"]
        lines += [f"    {k:<26} {v}" for k, v in self.methods.items()]
        lines += ["  per kind of evidence"]
        lines += [f"    {k:<26} {v}" for k, v in self.evidence.items()]
        lines += ["", f"sources  {len(self.sources)} (claims each backs)"]
        lines += [f"  {v:>4}  {k}" for k, v in self.sources.items()]
        return "\n".join(lines) + "\n"


def stats(graph: Graph) -> Stats:
    """Count what the graph holds (use graph.build_graph() for the published graph)."""
    out = Stats(triples=len(graph))
    for cls in ENTITY_CLASSES:
        out.classes[_short(cls)] = len(set(graph.subjects(RDF.type, cls)))
    claims = set(graph.subjects(RDF.type, DFO.Claim))
    out.claims = len(claims)
    statuses: Counter[str] = Counter()
    methods: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    evidence: Counter[str] = Counter()
    for claim in claims:
        evidence[kind(graph, claim)] += 1
        status = graph.value(claim, DFO.status)
        statuses[str(graph.value(status, SKOS.prefLabel) or _short(status))] += 1
        method = graph.value(claim, DFO.method)
        methods[str(graph.value(method, SKOS.prefLabel) or _short(method))] += 1
        for source in graph.objects(claim, PROV.wasDerivedFrom):
            sources[str(graph.value(source, RDFS.label) or source)] += 1
    for source in graph.subjects(RDF.type, PROV.Entity):
        if source not in claims:
            sources.setdefault(str(graph.value(source, RDFS.label) or source), 0)
    out.statuses = dict(sorted(statuses.items()))
    out.methods = dict(sorted(methods.items()))
    out.evidence = dict(sorted(evidence.items()))
    out.sources = dict(sorted(sources.items(), key=lambda kv: (-kv[1], kv[0])))
    return out
