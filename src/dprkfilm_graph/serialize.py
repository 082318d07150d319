"""Graphs -> canonical text: Turtle, N-Triples, JSON-LD and TriG that are byte-identical for the
same graph in every process.

rdflib's N-Triples and JSON-LD writers order their output differently from one process to the
next, and its Turtle writer's layout depends on namespace bindings; a published dump must have a
stable checksum and a data file must diff line by line, so the layout is decided here: prefixes
in a fixed order (only those used), subjects sorted by IRI, rdf:type first, then predicates and
objects sorted. Blank nodes are written as labelled nodes sorted by their content, which is
stable for the acyclic, IRI-anchored graphs this project publishes.

The writers work on plain triples (plain.Triples), which the build carries; an rdflib graph is
converted once on the way in.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from dprkfilm_graph import terms
from dprkfilm_graph.namespaces import PREFIXES
from dprkfilm_graph.plain import Triple, Triples, plain, sort_key
from dprkfilm_graph.terms import Term

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_TYPE: Term = ("u", _RDF + "type", "")
# rdf:type, then a claim's subject, predicate and object, then the rest alphabetically.
_FIRST: tuple[Term, ...] = (
    _TYPE,
    *(("u", _RDF + n, "") for n in ("subject", "predicate", "object")),
)

AnyGraph = Graph | Triples


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


def canonical_bnodes(graph: AnyGraph) -> Triples:
    """Relabel blank nodes by a hash of what they say, so labels do not depend on parse order."""
    import hashlib

    triples = plain(graph)
    bnodes = {t for triple in triples for t in triple if t[0] == "b"}
    if not bnodes:
        return triples
    out_edges: dict[Term, list[tuple[Term, Term]]] = {b: [] for b in bnodes}
    in_edges: dict[Term, list[tuple[Term, Term]]] = {b: [] for b in bnodes}
    for s, p, o in triples:
        if s in out_edges:
            out_edges[s].append((p, o))
        if o in in_edges:
            in_edges[o].append((s, p))
    labels: dict[Term, str] = {b: "" for b in bnodes}
    for _ in range(4):  # a few rounds of refinement settle the small nested structures used here
        new: dict[Term, str] = {}
        for b in bnodes:
            parts = sorted(
                f"{p[1]}|{labels.get(o, '') if o[0] == 'b' else terms.write(o)}"
                for p, o in out_edges[b]
            )
            parts += sorted(
                f"^{p[1]}|{labels.get(s, '') if s[0] == 'b' else terms.write(s)}"
                for s, p in in_edges[b]
            )
            new[b] = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]
        labels = new

    def relabel(t: Term) -> Term:
        return ("b", "b" + labels[t], "") if t[0] == "b" else t

    return Triples((relabel(s), p, relabel(o)) for s, p, o in triples)


def to_ntriples(graph: AnyGraph) -> str:
    """Sorted N-Triples: one triple a line, so `sort` and `diff` work on dumps."""
    triples = canonical_bnodes(graph)
    written: dict[Term, str] = {}

    def term(t: Term) -> str:
        found = written.get(t)
        if found is None:
            found = written[t] = terms.write(t)
        return found

    lines = sorted({f"{term(s)} {term(p)} {term(o)} ." for s, p, o in triples})
    return "\n".join(lines) + ("\n" if lines else "")


class _Turtle:
    """Writes one graph (or one named graph's body) in the canonical layout."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        self.curies = terms.Curies(prefixes)
        self.used = self.curies.used
        self._written: dict[Term, str] = {}

    def iri(self, iri: str) -> str:
        return self.curies.turtle(iri)

    def term(self, term: Term) -> str:
        found = self._written.get(term)
        if found is not None:
            return found
        if term == _TYPE:  # as an object or a subject, rdf:type cannot be written `a`
            self.used.add("rdf")
            found = "rdf:type"
        else:
            found = terms.write(term, self.iri)
        self._written[term] = found
        return found

    def _predicate_key(self, predicate: Term) -> tuple[int, str]:
        if predicate in _FIRST:
            return (_FIRST.index(predicate), "")
        return (len(_FIRST), self.term(predicate))

    def body(self, graph: Iterable[Triple], indent: str = "") -> str:
        blocks: list[str] = []
        joiner = f" ,\n{indent}        "
        for subject, properties in _grouped(graph):
            lines: list[str] = []
            for p in sorted(properties, key=self._predicate_key):
                objects = properties[p]
                if len(objects) > 1:
                    objects = sorted(objects, key=sort_key)
                rendered = [self.term(o) for o in objects]
                if p == _TYPE:
                    lines.append(f"a {', '.join(rendered)}")
                else:
                    lines.append(f"{self.term(p)} {joiner.join(rendered)}")
            head = self.term(subject)
            blocks.append(f"{indent}{head}\n{indent}    " + f" ;\n{indent}    ".join(lines) + " .")
        return "\n\n".join(blocks)


def _grouped(graph: Iterable[Triple]) -> list[tuple[Term, dict[Term, list[Term]]]]:
    """Subjects in canonical order, each with its predicates and objects: one pass over the
    graph instead of an index lookup per subject and predicate."""
    by_subject: dict[Term, dict[Term, list[Term]]] = {}
    for s, p, o in graph:
        by_subject.setdefault(s, {}).setdefault(p, []).append(o)
    return sorted(by_subject.items(), key=lambda item: sort_key(item[0]))


def to_turtle(graph: AnyGraph, prefixes: Mapping[str, str] = PREFIXES) -> str:
    """Canonical Turtle: the prefixes actually used, then one block a subject."""
    triples = canonical_bnodes(graph)
    writer = _Turtle(prefixes)
    body = writer.body(triples)
    header = writer.curies.header()
    return header + ("\n" + body + "\n" if body else "")


def to_trig(
    graphs: Mapping[URIRef | None, AnyGraph] | Mapping[str | None, Triples],
    prefixes: Mapping[str, str] = PREFIXES,
) -> str:
    """Canonical TriG: the default graph (key None) first, then named graphs sorted by name."""
    writer = _Turtle(prefixes)
    parts: list[str] = []
    names = sorted(str(n) for n in graphs if n is not None)
    by_name = {str(n): g for n, g in graphs.items() if n is not None}
    default = graphs.get(None)
    if default is not None and len(default):
        parts.append(writer.body(canonical_bnodes(default)))
    for name in names:
        triples = canonical_bnodes(by_name[name])
        if not len(triples):
            continue
        parts.append(
            f"{writer.term(('u', name, ''))} {{\n{writer.body(triples, indent='    ')}\n}}"
        )
    header = writer.curies.header()
    return header + "\n" + "\n\n".join(parts) + "\n"


def _jsonld_value(term: Term) -> dict[str, Any]:
    kind, value, extra = term
    if kind == "u":
        return {"@id": value}
    if kind == "b":
        return {"@id": f"_:{value}"}
    out: dict[str, Any] = {"@value": value}
    if extra.startswith("@"):
        out["@language"] = extra[1:]
    elif extra and extra != terms.XSD_STRING:
        out["@type"] = extra
    return out


def _jsonld_nodes(triples: Iterable[Triple]) -> list[dict[str, Any]]:
    nodes: list[dict[str, Any]] = []
    for subject, properties in _grouped(triples):
        node: dict[str, Any] = {"@id": f"_:{subject[1]}" if subject[0] == "b" else subject[1]}
        types = sorted(t[1] for t in properties.get(_TYPE, []))
        if types:
            node["@type"] = types
        for p in sorted(properties, key=lambda t: t[1]):
            if p == _TYPE:
                continue
            objects = sorted(properties[p], key=sort_key)
            node[p[1]] = [_jsonld_value(o) for o in objects]
        nodes.append(node)
    return nodes


def to_jsonld(graph: AnyGraph | Mapping[URIRef | None, AnyGraph]) -> str:
    """Expanded JSON-LD (no context to fetch, so any processor reads it offline), sorted keys.

    Given named graphs, each becomes a node with its own @graph."""
    if isinstance(graph, Graph | Triples):
        doc: Any = _jsonld_nodes(canonical_bnodes(graph))
    else:
        doc = []
        if None in graph:
            doc.extend(_jsonld_nodes(canonical_bnodes(graph[None])))
        for name in sorted((n for n in graph if n is not None), key=str):
            doc.append({"@id": str(name), "@graph": _jsonld_nodes(canonical_bnodes(graph[name]))})
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def to_rdfxml(graph: AnyGraph, prefixes: Mapping[str, str] = PREFIXES) -> str:
    """RDF/XML (rdfxml.write), for clients that ask for nothing else; raises rdfxml.Unwritable
    for a graph that has no RDF/XML form."""
    from dprkfilm_graph import rdfxml

    return rdfxml.write(list(canonical_bnodes(graph)), prefixes)


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
