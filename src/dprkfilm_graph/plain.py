"""Triples of plain terms (terms.Term): the graph the build carries from stage to stage.

An rdflib graph costs about 10 µs per triple added and 3 µs per triple read back, several times
what parsing, validating or writing the triple costs; at a million triples the graph itself would
take most of a build. A plain triple is a tuple of three tuples of strings: hashed, compared and
sorted by Python's own code. The stages that hand a graph to other code (queries, pages, the
importer) convert once, at the edge (`Triples.to_rdflib`).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from dprkfilm_graph.terms import XSD_STRING, Term

if TYPE_CHECKING:
    from rdflib import Graph

Triple = tuple[Term, Term, Term]
K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

RDF_TYPE: Term = ("u", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "")


def iri(value: str) -> Term:
    """An IRI as a plain term."""
    return ("u", value, "")


def literal(value: str, *, lang: str = "", datatype: str = "") -> Term:
    """A literal as a plain term ("" for xsd:string)."""
    if lang:
        return ("l", value, "@" + lang)
    return ("l", value, "" if datatype == XSD_STRING else datatype)


class Memo(Generic[K, V]):
    """`convert`, each distinct argument converted once: a graph repeats its terms many times,
    and converting or writing a term is the cost per triple."""

    def __init__(self, convert: Callable[[K], V]) -> None:
        self.convert = convert
        self.seen: dict[K, V] = {}

    def __call__(self, key: K) -> V:
        found = self.seen.get(key)
        if found is None:
            found = self.seen[key] = self.convert(key)
        return found


class Triples:
    """A set of plain triples, in the order first added, with a by-predicate index built when
    first asked for (and dropped when a triple is added)."""

    __slots__ = ("_by_predicate", "_set", "canonical")

    def __init__(self, triples: Iterable[Triple] = ()) -> None:
        self._set: dict[Triple, None] = dict.fromkeys(triples)
        self._by_predicate: dict[Term, list[tuple[Term, Term]]] | None = None
        # Set by serialize.canonical_bnodes: its blank nodes are labelled by content already.
        self.canonical = False

    def add(self, triple: Triple) -> None:
        self._set[triple] = None
        self._by_predicate = None
        self.canonical = False

    def update(self, triples: Iterable[Triple]) -> None:
        self._set.update(dict.fromkeys(triples))
        self._by_predicate = None
        self.canonical = False

    def __iter__(self) -> Iterator[Triple]:
        return iter(self._set)

    def __len__(self) -> int:
        return len(self._set)

    def __contains__(self, triple: object) -> bool:
        return triple in self._set

    def pairs(self, predicate: Term) -> list[tuple[Term, Term]]:
        """(subject, object) of every triple with `predicate`."""
        if self._by_predicate is None:
            index: dict[Term, list[tuple[Term, Term]]] = {}
            for s, p, o in self._set:
                index.setdefault(p, []).append((s, o))
            self._by_predicate = index
        return self._by_predicate.get(predicate, [])

    def subjects(self, predicate: Term, obj: Term) -> list[Term]:
        """Subjects of the triples (?, predicate, obj), each once, in order."""
        return list(dict.fromkeys(s for s, o in self.pairs(predicate) if o == obj))

    def to_rdflib(self) -> Graph:
        """The triples as an rdflib Graph with the project's prefixes (for code that wants one)."""
        from dprkfilm_graph.load import new_graph

        graph = new_graph()
        convert = ToRdflib()
        for s, p, o in self._set:
            graph.add((convert(s), convert(p), convert(o)))
        return graph


def of_rdflib(graph: Iterable[tuple[Any, Any, Any]]) -> Triples:
    """An rdflib graph (or any rdflib triples) as plain triples."""
    from dprkfilm_graph.terms import of_rdflib as term_of

    one: Memo[Any, Term] = Memo(term_of)
    return Triples((one(s), one(p), one(o)) for s, p, o in graph)


def plain(graph: Any) -> Triples:
    """`graph` as plain triples: itself when it already is, else converted once."""
    return graph if isinstance(graph, Triples) else of_rdflib(graph)


class ToRdflib(Memo[Term, Any]):
    """Plain terms -> rdflib terms, each distinct term converted once."""

    def __init__(self) -> None:
        from rdflib import BNode, Literal, URIRef

        self._iri, self._bnode, self._literal = URIRef, BNode, Literal
        super().__init__(self._convert)

    def _convert(self, term: Term) -> Any:
        kind, value, extra = term
        if kind == "u":
            return self._iri(value)
        if kind == "b":
            return self._bnode(value)
        if extra.startswith("@"):
            return self._literal(value, lang=extra[1:])
        if extra:
            return self._literal(value, datatype=self._iri(extra))
        return self._literal(value)


class OfOxigraph(Memo[Any, Term]):
    """Oxigraph terms -> plain terms, each distinct term converted once; language tags in the
    case the data writes them (`cases`: lowercased tag -> the data's spelling), since Oxigraph's
    parser lowercases them."""

    def __init__(self, cases: Mapping[str, str] | None = None) -> None:
        import pyoxigraph as ox

        self._named, self._blank = ox.NamedNode, ox.BlankNode
        self.cases = dict(cases or {})
        super().__init__(self._convert)

    def _convert(self, term: Any) -> Term:
        if isinstance(term, self._named):
            return ("u", term.value, "")
        if isinstance(term, self._blank):
            return ("b", term.value, "")
        language = term.language
        if language:
            return ("l", term.value, "@" + self.cases.get(language, language))
        datatype = term.datatype.value
        return ("l", term.value, "" if datatype == XSD_STRING else datatype)


def sort_key(term: Term) -> tuple[int, str, str, str]:
    """IRIs, then blank nodes, then literals; literals by text, then language, then datatype:
    the order of subjects and objects in every dump."""
    kind, value, extra = term
    if kind == "u":
        return (0, value, "", "")
    if kind == "b":
        return (1, value, "", "")
    if extra.startswith("@"):
        return (2, value, extra[1:], "")
    return (2, value, "", extra)
