"""Graphs -> canonical text: Turtle, N-Triples, JSON-LD and TriG that are byte-identical for the
same graph in every process.

rdflib's N-Triples and JSON-LD writers order their output differently from one process to the
next, and its Turtle writer's layout depends on namespace bindings; a published dump must have a
stable checksum and a data file must diff line by line, so the layout is decided here: prefixes
in a fixed order (only those used), subjects sorted by IRI, rdf:type first, then predicates and
objects sorted. Blank nodes are written as labelled nodes sorted by their content, which is
stable for the acyclic, IRI-anchored graphs this project publishes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from dprkfilm_graph import terms
from dprkfilm_graph.namespaces import PREFIXES, RDF


def write_term(term: Node, iri: Callable[[str], str]) -> str:
    """A term in Turtle-family syntax, with IRIs (also datatypes) written by `iri`."""
    return terms.write(terms.of_rdflib(term), iri)


def nt_term(term: Node) -> str:
    """A term in N-Triples syntax."""
    return terms.write(terms.of_rdflib(term))


def term_sort_key(term: Node) -> tuple[int, str, str, str]:
    """IRIs, then blank nodes, then literals; literals by text, then language, then datatype."""
    if isinstance(term, URIRef):
        return (0, str(term), "", "")
    if isinstance(term, BNode):
        return (1, str(term), "", "")
    if isinstance(term, Literal):
        return (2, str(term), term.language or "", str(term.datatype or ""))
    return (3, str(term), "", "")


def canonical_bnodes(graph: Graph) -> Graph:
    """Relabel blank nodes by a hash of what they say, so labels do not depend on parse order."""
    import hashlib

    bnodes = {t for triple in graph for t in triple if isinstance(t, BNode)}
    if not bnodes:
        return graph
    labels: dict[BNode, str] = {b: "" for b in bnodes}
    for _ in range(4):  # a few rounds of refinement settle the small nested structures used here
        new: dict[BNode, str] = {}
        for b in bnodes:
            parts = sorted(
                f"{p}|{labels.get(o, '') if isinstance(o, BNode) else nt_term(o)}"
                for p, o in graph.predicate_objects(b)
            )
            parts += sorted(
                f"^{p}|{labels.get(s, '') if isinstance(s, BNode) else nt_term(s)}"
                for s, p in graph.subject_predicates(b)
            )
            new[b] = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]
        labels = new
    out = Graph(bind_namespaces="none")
    for s, p, o in graph:
        out.add(
            (
                BNode("b" + labels[s]) if isinstance(s, BNode) else s,
                p,
                BNode("b" + labels[o]) if isinstance(o, BNode) else o,
            )
        )
    return out


def to_ntriples(graph: Graph) -> str:
    """Sorted N-Triples: one triple a line, so `sort` and `diff` work on dumps."""
    graph = canonical_bnodes(graph)
    written: dict[Node, str] = {}

    def term(t: Node) -> str:
        found = written.get(t)
        if found is None:
            found = written[t] = nt_term(t)
        return found

    lines = sorted({f"{term(s)} {term(p)} {term(o)} ." for s, p, o in graph})
    return "\n".join(lines) + ("\n" if lines else "")


class _Turtle:
    """Writes one graph (or one named graph's body) in the canonical layout."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        self.curies = terms.Curies(prefixes)
        self.used = self.curies.used

    def iri(self, iri: str) -> str:
        return self.curies.turtle(iri)

    def term(self, term: Node) -> str:
        if term == RDF.type:  # as an object or a subject, rdf:type cannot be written `a`
            self.used.add("rdf")
            return "rdf:type"
        return write_term(term, self.iri)

    def _predicate_key(self, predicate: Node) -> tuple[int, str]:
        # rdf:type, then a claim's subject, predicate and object, then the rest alphabetically.
        first = (RDF.type, RDF.subject, RDF.predicate, RDF.object)
        if predicate in first:
            return (first.index(predicate), "")
        return (len(first), self.term(predicate))

    def body(self, graph: Graph, indent: str = "") -> str:
        blocks: list[str] = []
        for subject, properties in _grouped(graph):
            lines: list[str] = []
            for p in sorted(properties, key=self._predicate_key):
                rendered = [self.term(o) for o in sorted(properties[p], key=term_sort_key)]
                verb = self.term(p) if p != RDF.type else "a"
                if p == RDF.type:
                    lines.append(f"{verb} {', '.join(rendered)}")
                else:
                    joiner = f" ,\n{indent}        "
                    lines.append(f"{verb} {joiner.join(rendered)}")
            head = self.term(subject)
            text = f"{indent}{head}\n{indent}    " + f" ;\n{indent}    ".join(lines) + " ."
            blocks.append(text)
        return "\n\n".join(blocks)


def _grouped(graph: Graph) -> list[tuple[Node, dict[Node, list[Node]]]]:
    """Subjects in canonical order, each with its predicates and objects: one pass over the
    graph instead of an index lookup per subject and predicate."""
    by_subject: dict[Node, dict[Node, list[Node]]] = {}
    for s, p, o in graph:
        by_subject.setdefault(s, {}).setdefault(p, []).append(o)
    return sorted(by_subject.items(), key=lambda item: term_sort_key(item[0]))


def to_turtle(graph: Graph, prefixes: Mapping[str, str] = PREFIXES) -> str:
    """Canonical Turtle: the prefixes actually used, then one block a subject."""
    graph = canonical_bnodes(graph)
    writer = _Turtle(prefixes)
    body = writer.body(graph)
    header = writer.curies.header()
    return header + ("\n" + body + "\n" if body else "")


def to_trig(graphs: Mapping[URIRef | None, Graph], prefixes: Mapping[str, str] = PREFIXES) -> str:
    """Canonical TriG: the default graph (key None) first, then named graphs sorted by name."""
    writer = _Turtle(prefixes)
    parts: list[str] = []
    names = sorted((n for n in graphs if n is not None), key=str)
    if None in graphs and len(graphs[None]):
        parts.append(writer.body(canonical_bnodes(graphs[None])))
    for name in names:
        graph = canonical_bnodes(graphs[name])
        if not len(graph):
            continue
        parts.append(f"{writer.term(name)} {{\n{writer.body(graph, indent='    ')}\n}}")
    header = writer.curies.header()
    return header + "\n" + "\n\n".join(parts) + "\n"


def _jsonld_value(term: Node, compact: _Turtle) -> dict[str, Any]:
    if isinstance(term, URIRef):
        return {"@id": str(term)}
    if isinstance(term, BNode):
        return {"@id": f"_:{term}"}
    assert isinstance(term, Literal)
    value: dict[str, Any] = {"@value": str(term)}
    if term.language:
        value["@language"] = term.language
    elif term.datatype is not None and str(term.datatype) != terms.XSD_STRING:
        value["@type"] = str(term.datatype)
    return value


def _jsonld_nodes(graph: Graph) -> list[dict[str, Any]]:
    writer = _Turtle({})
    nodes: list[dict[str, Any]] = []
    for subject, properties in _grouped(graph):
        node: dict[str, Any] = {
            "@id": f"_:{subject}" if isinstance(subject, BNode) else str(subject)
        }
        types = sorted(str(t) for t in properties.get(RDF.type, []))
        if types:
            node["@type"] = types
        for p in sorted(properties, key=str):
            if p == RDF.type:
                continue
            objects = sorted(properties[p], key=term_sort_key)
            node[str(p)] = [_jsonld_value(o, writer) for o in objects]
        nodes.append(node)
    return nodes


def to_jsonld(graph: Graph | Mapping[URIRef | None, Graph]) -> str:
    """Expanded JSON-LD (no context to fetch, so any processor reads it offline), sorted keys.

    Given named graphs, each becomes a node with its own @graph."""
    if isinstance(graph, Graph):
        doc: Any = _jsonld_nodes(canonical_bnodes(graph))
    else:
        doc = []
        if None in graph:
            doc.extend(_jsonld_nodes(canonical_bnodes(graph[None])))
        for name in sorted((n for n in graph if n is not None), key=str):
            doc.append({"@id": str(name), "@graph": _jsonld_nodes(canonical_bnodes(graph[name]))})
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def to_rdfxml(graph: Graph, prefixes: Mapping[str, str] = PREFIXES) -> str:
    """RDF/XML (rdfxml.write), for clients that ask for nothing else; raises rdfxml.Unwritable
    for a graph that has no RDF/XML form."""
    from dprkfilm_graph import rdfxml

    of = terms.of_rdflib
    triples = [(of(s), of(p), of(o)) for s, p, o in canonical_bnodes(graph)]
    return rdfxml.write(triples, prefixes)


def dataset_from(graphs: Mapping[URIRef | None, Graph]) -> Dataset:
    """An rdflib Dataset holding `graphs` (None = the default graph)."""
    ds = Dataset()
    for name, g in graphs.items():
        target = ds.default_graph if name is None else ds.graph(name)
        for triple in g:
            target.add(triple)
    return ds


def union(graphs: Iterable[Graph]) -> Graph:
    out = Graph(bind_namespaces="none")
    for g in graphs:
        out += g
    return out
