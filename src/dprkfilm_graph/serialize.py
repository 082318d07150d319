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

from collections.abc import Iterable, Iterator, Mapping
from json.encoder import encode_basestring  # C-accelerated, as json.dumps uses it

from rdflib import Graph, URIRef
from rdflib.term import Node

from dprkfilm_graph import terms
from dprkfilm_graph.namespaces import PREFIXES
from dprkfilm_graph.plain import Memo, Triple, Triples, plain, sort_key
from dprkfilm_graph.terms import Term

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_TYPE: Term = ("u", _RDF + "type", "")
# rdf:type, then a claim's subject, predicate and object, then the rest alphabetically.
_FIRST: tuple[Term, ...] = (
    _TYPE,
    *(("u", _RDF + n, "") for n in ("subject", "predicate", "object")),
)

AnyGraph = Graph | Triples


def nt_term(term: Node) -> str:
    """A term in N-Triples syntax."""
    return terms.write(terms.of_rdflib(term))


def canonical_bnodes(graph: AnyGraph) -> Triples:
    """Relabel blank nodes by a hash of what they say, so labels do not depend on parse order."""
    import hashlib

    triples = plain(graph)
    if triples.canonical:
        return triples
    bnodes = {t for triple in triples for t in triple if t[0] == "b"}
    if not bnodes:
        triples.canonical = True
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

    out = Triples((relabel(s), p, relabel(o)) for s, p, o in triples)
    out.canonical = True
    return out


def ntriples_lines(triples: Iterable[Triple]) -> Iterator[str]:
    """Each triple as a line of N-Triples (without the line break), each distinct term written
    once, in the triples' order."""
    term: Memo[Term, str] = Memo(terms.write)
    known = term.seen.get  # a term already written, without a call into the Memo
    return (
        f"{known(s) or term(s)} {known(p) or term(p)} {known(o) or term(o)} ."
        for s, p, o in triples
    )


def to_ntriples(graph: AnyGraph) -> str:
    """Sorted N-Triples: one triple a line, so `sort` and `diff` work on dumps."""
    lines = sorted(set(ntriples_lines(canonical_bnodes(graph))))
    return "\n".join(lines) + ("\n" if lines else "")


class _Turtle:
    """Writes one graph (or one named graph's body) in the canonical layout."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        self.curies = terms.Curies(prefixes)
        self.used = self.curies.used
        self._written: dict[Term, str] = {}
        # A subject's predicates in writing order, by the predicates as the graph gave them:
        # subjects of a kind share them (every claim has the same eight), so each set of
        # predicates is sorted once.
        self._orders: dict[tuple[Term, ...], list[Term]] = {}

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
        orders = self._orders
        # A term already written is looked up here rather than through self.term: the graph
        # repeats its terms, and a method call a term is a tenth of the whole.
        written, term = self._written, self.term
        for subject, properties in _grouped(graph):
            lines: list[str] = []
            order = orders.get(given := tuple(properties))
            if order is None:
                order = orders[given] = sorted(properties, key=self._predicate_key)
            for p in order:
                objects = properties[p]
                if len(objects) > 1:
                    objects = sorted(objects, key=sort_key)
                rendered = [written.get(o) or term(o) for o in objects]
                if p == _TYPE:
                    lines.append(f"a {', '.join(rendered)}")
                else:
                    lines.append(f"{written.get(p) or term(p)} {joiner.join(rendered)}")
            head = written.get(subject) or term(subject)
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
    return turtle_and_trig(graphs, prefixes)[1]


def turtle_and_trig(
    graphs: Mapping[URIRef | None, AnyGraph] | Mapping[str | None, Triples],
    prefixes: Mapping[str, str] = PREFIXES,
) -> tuple[str, str]:
    """to_turtle of the default graph (key None) and to_trig of them all, the default graph's
    body written once for both (the dumps hold the whole graph in each)."""
    writer = _Turtle(prefixes)
    parts: list[str] = []
    names = sorted(str(n) for n in graphs if n is not None)
    by_name = {str(n): g for n, g in graphs.items() if n is not None}
    default = graphs.get(None)
    body = writer.body(canonical_bnodes(default)) if default is not None else ""
    turtle = writer.curies.header() + ("\n" + body + "\n" if body else "")
    if body:
        parts.append(body)
    for name in names:
        triples = canonical_bnodes(by_name[name])
        if not len(triples):
            continue
        parts.append(
            f"{writer.term(('u', name, ''))} {{\n{writer.body(triples, indent='    ')}\n}}"
        )
    header = writer.curies.header()
    return turtle, header + "\n" + "\n\n".join(parts) + "\n"


class _JsonLd:
    """Expanded JSON-LD written straight from grouped triples, byte for byte what
    `json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True)` writes for the same document
    (a test holds it to that): with an indent, the standard library falls back to its
    pure-Python encoder, which was most of the dump's time. A value is written once per depth."""

    def __init__(self) -> None:
        self._values: dict[tuple[Term, int], str] = {}

    def value(self, term: Term, depth: int) -> str:
        """A value object ({"@id": …} or {"@value": …}) at `depth`."""
        found = self._values.get((term, depth))
        if found is None:
            kind, value, extra = term
            if kind == "u":
                fields = {"@id": value}
            elif kind == "b":
                fields = {"@id": f"_:{value}"}
            else:
                fields = {"@value": value}
                if extra.startswith("@"):
                    fields["@language"] = extra[1:]
                elif extra and extra != terms.XSD_STRING:
                    fields["@type"] = extra
            found = self._values[(term, depth)] = _json_object(
                {k: _string(v) for k, v in fields.items()}, depth
            )
        return found

    def nodes(self, triples: Iterable[Triple], depth: int) -> list[str]:
        """The node objects of `triples`, as items of a list at `depth`."""
        items: list[str] = []
        for subject, properties in _grouped(triples):
            fields = {"@id": _string(f"_:{subject[1]}" if subject[0] == "b" else subject[1])}
            types = sorted(t[1] for t in properties.get(_TYPE, []))
            if types:
                fields["@type"] = _json_list([_string(t) for t in types], depth + 2)
            for p, objects in properties.items():
                if p == _TYPE:
                    continue
                ordered = sorted(objects, key=sort_key) if len(objects) > 1 else objects
                fields[p[1]] = _json_list([self.value(o, depth + 3) for o in ordered], depth + 2)
            items.append(_json_object(fields, depth + 1))
        return items


def _string(text: str) -> str:
    return encode_basestring(text)


def _json_object(fields: Mapping[str, str], depth: int) -> str:
    """An object of already written values, keys sorted, at `depth` (indent 1)."""
    if not fields:
        return "{}"
    inner = "\n" + " " * (depth + 1)
    body = ",".join(f"{inner}{_string(k)}: {fields[k]}" for k in sorted(fields))
    return "{" + body + "\n" + " " * depth + "}"


def _json_list(items: list[str], depth: int) -> str:
    """A list of already written values at `depth` (indent 1)."""
    if not items:
        return "[]"
    inner = "\n" + " " * (depth + 1)
    return "[" + ",".join(inner + item for item in items) + "\n" + " " * depth + "]"


def to_jsonld(graph: AnyGraph | Mapping[URIRef | None, AnyGraph]) -> str:
    """Expanded JSON-LD (no context to fetch, so any processor reads it offline), sorted keys.

    Given named graphs, each becomes a node with its own @graph."""
    writer = _JsonLd()
    if isinstance(graph, Graph | Triples):
        return _json_list(writer.nodes(canonical_bnodes(graph), 0), 0) + "\n"
    items: list[str] = []
    if None in graph:
        items.extend(writer.nodes(canonical_bnodes(graph[None]), 0))
    for name in sorted((n for n in graph if n is not None), key=str):
        inner = _json_list(writer.nodes(canonical_bnodes(graph[name]), 2), 2)
        items.append(_json_object({"@graph": inner, "@id": _string(str(name))}, 1))
    return _json_list(items, 0) + "\n"


def to_rdfxml(graph: AnyGraph, prefixes: Mapping[str, str] = PREFIXES) -> str:
    """RDF/XML (rdfxml.write), for clients that ask for nothing else; raises rdfxml.Unwritable
    for a graph that has no RDF/XML form."""
    from dprkfilm_graph import rdfxml

    return rdfxml.write(list(canonical_bnodes(graph)), prefixes)
