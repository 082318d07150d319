"""Turtle files -> graphs. Parsing and the checks a parser should make, nothing else.

Data files are checked more strictly than RDF requires, because curated data must stay stable and
citable: no blank nodes (every node has an IRI that can be cited and never changes) and no
ill-typed literals (pySHACL lets "19x9"^^xsd:gYear through `sh:datatype`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.plugins.parsers.notation3 import BadSyntax

from dprkfilm_graph import paths
from dprkfilm_graph.errors import InputError
from dprkfilm_graph.namespaces import PREFIXES


def new_graph() -> Graph:
    """An empty graph that knows the project's prefixes (and no others)."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def _line_of(text: str, needle: str) -> int | None:
    index = text.find(needle)
    return None if index < 0 else text.count("\n", 0, index) + 1


def parse_turtle(path: Path, *, allow_bnodes: bool = True) -> Graph:
    """Parse one Turtle file; any problem becomes an InputError naming the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("no such file", path=str(path)) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text ({exc.reason})", path=str(path)) from None
    graph = new_graph()
    try:
        graph.parse(data=text, format="turtle", publicID=path.resolve().as_uri())
    except BadSyntax as exc:
        raise InputError(
            f"Turtle syntax error: {exc.message}; fix the file so that it parses "
            "(`dprkfilm fmt` rewrites a file that parses into canonical form)",
            path=str(path),
            line=exc.lines + 1,
        ) from None
    except Exception as exc:  # rdflib raises a variety of errors for bad input
        raise InputError(f"cannot parse as Turtle: {exc}", path=str(path)) from None
    for s, p, o in graph:
        for term in (s, p, o):
            if isinstance(term, Literal) and term.ill_typed:
                raise InputError(
                    f'ill-typed literal "{term}"^^<{term.datatype}>: write a value of that '
                    'datatype (a year is "1972"^^xsd:gYear)',
                    path=str(path),
                    line=_line_of(text, f'"{term}"'),
                )
            if not allow_bnodes and isinstance(term, BNode):
                label = s if not isinstance(s, BNode) else p
                raise InputError(
                    f"blank node near {label}: data files use IRIs only, so that every node can be "
                    "cited and never changes; mint an IRI under https://w3id.org/dprkfilm/",
                    path=str(path),
                    line=_line_of(text, "["),
                )
    return graph


@dataclass
class Data:
    """The curated data: one graph, plus which file each subject was written in."""

    graph: Graph
    files: list[Path]
    origin: dict[URIRef, list[Path]] = field(default_factory=dict)

    def file_of(self, node: object) -> str | None:
        """The data file(s) a node's triples came from, for reports."""
        found = self.origin.get(node) if isinstance(node, URIRef) else None
        return ", ".join(str(p) for p in found) if found else None


def load_data(files: Iterable[Path] | None = None) -> Data:
    """Load curated data files (default: every .ttl under data/) into one graph."""
    chosen = list(files) if files is not None else paths.data_files()
    if not chosen:
        raise InputError("no data files (*.ttl) found", path=str(paths.data_dir()))
    graph = new_graph()
    origin: dict[URIRef, list[Path]] = {}
    for path in chosen:
        part = parse_turtle(path, allow_bnodes=False)
        for s in set(part.subjects()):
            if isinstance(s, URIRef):
                origin.setdefault(s, []).append(path)
        graph += part
    return Data(graph=graph, files=chosen, origin=origin)


@cache
def _parsed_once(path: Path, stamp: tuple[int, int]) -> Graph:
    return parse_turtle(path)


def _parse_cached(path: Path) -> Graph:
    """A file parsed once per process (re-read if it changes). Callers must not modify it."""
    try:
        info = path.stat()
    except OSError:
        return parse_turtle(path)  # raises the loader's own error
    return _parsed_once(path.resolve(), (info.st_mtime_ns, info.st_size))


def load_ontology() -> Graph:
    """The ontology, parsed once per process (treat it as read-only)."""
    return _parse_cached(paths.ontology_file())


def load_shapes() -> Graph:
    """The shapes, parsed once per process (treat it as read-only)."""
    return _parse_cached(paths.shapes_file())


def merge(graphs: Iterable[Graph], *, extra_prefixes: Mapping[str, str] | None = None) -> Graph:
    """A new graph holding the union of `graphs`."""
    out = new_graph()
    for prefix, ns in (extra_prefixes or {}).items():
        out.bind(prefix, ns)
    for g in graphs:
        out += g
    return out
