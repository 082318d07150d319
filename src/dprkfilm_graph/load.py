"""Turtle files -> graphs. Parsing and the checks a parser should make, nothing else.

Data files are checked more strictly than RDF requires, because curated data must stay stable and
citable: no blank nodes (every node has an IRI that can be cited and never changes) and no
ill-typed literals (pySHACL lets "19x9"^^xsd:gYear through `sh:datatype`).
"""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Callable, Iterable, Mapping
from functools import cache, partial
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

from dprkfilm_graph import paths, progress
from dprkfilm_graph.checks import check_triples, plain_text, problem_of_iri
from dprkfilm_graph.errors import InputError
from dprkfilm_graph.namespaces import PREFIXES
from dprkfilm_graph.plain import OfOxigraph, ToRdflib, Triple, Triples, plain
from dprkfilm_graph.terms import Term


def new_graph() -> Graph:
    """An empty graph that knows the project's prefixes (and no others)."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def _line_of(text: str, needle: str) -> int | None:
    index = text.find(needle)
    return None if index < 0 else text.count("\n", 0, index) + 1


_TAG = re.compile(r'"@([A-Za-z][A-Za-z0-9-]*)')


def tag_cases_in(text: str) -> dict[str, str]:
    """Lowercased tag -> the tag as the file writes it: Oxigraph's parser lowercases tags, and
    the graph keeps the curator's spelling (ko-Latn-x-mr)."""
    return {tag.lower(): tag for tag in _TAG.findall(text) if tag != tag.lower()}


_XSD = "http://www.w3.org/2001/XMLSchema#"
_TZ = r"(Z|[+-]\d{2}:\d{2})?"
# Lexical forms rdflib does not check (it accepts "19x9"^^xsd:gYear), from XML Schema 1.1 Part 2.
_LEXICAL = {
    _XSD + "gYear": re.compile(rf"-?\d{{4,}}{_TZ}"),
    _XSD + "gYearMonth": re.compile(rf"-?\d{{4,}}-(0[1-9]|1[0-2]){_TZ}"),
    _XSD + "gMonthDay": re.compile(rf"--(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]){_TZ}"),
    _XSD + "gMonth": re.compile(rf"--(0[1-9]|1[0-2]){_TZ}"),
    _XSD + "gDay": re.compile(rf"---(0[1-9]|[12]\d|3[01]){_TZ}"),
}


def _ill_typed(term: Literal) -> bool:
    pattern = _LEXICAL.get(str(term.datatype)) if term.datatype is not None else None
    if pattern is not None:
        return pattern.fullmatch(str(term)) is None
    return bool(term.ill_typed)


class _Quiet(logging.Filter):
    """rdflib logs a traceback for every ill-typed literal it meets; the loader reports those
    itself, with file and line, so the log line would only be noise (and look like a crash)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Failed to convert Literal lexical form")


logging.getLogger("rdflib.term").addFilter(_Quiet())


def parse_turtle(path: Path, *, allow_bnodes: bool = True) -> Graph:
    """Parse one Turtle file; any problem becomes an InputError naming the file and line.

    Oxigraph parses (strict, and about 15x faster than rdflib's parser); the triples are handed
    over as an rdflib graph, the API the stages share."""
    return parse_text(read_text(path), path, allow_bnodes=allow_bnodes)


def parse_text(text: str, path: Path, *, allow_bnodes: bool = True) -> Graph:
    """Parse Turtle text as parse_turtle parses a file (`path` names it in errors)."""
    graph = new_graph()
    convert = ToRdflib()
    for s, p, o in triples_of(text, path, allow_bnodes=allow_bnodes):
        graph.add((convert(s), convert(p), convert(o)))
    return graph


def read_text(path: Path) -> str:
    """A data file's text, or the loader's error naming the file."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("no such file", path=str(path)) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text ({exc.reason})", path=str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror})", path=str(path)) from None


def triples_of(text: str, path: Path, *, allow_bnodes: bool) -> list[Triple]:
    """The triples of `text`, the content `path` has or is about to have, as plain terms,
    checked as a data file is (see parse_turtle); errors name `path`.

    Each distinct term is checked once; only a file with a bad term is gone through triple by
    triple, to name the first bad one and its line."""
    try:
        quads = ox.parse(
            text.encode("utf-8", "surrogatepass"),
            ox.RdfFormat.TURTLE,
            base_iri=path.resolve().as_uri(),
            without_named_graphs=True,
        )
        convert = OfOxigraph(tag_cases_in(text))
        triples = [(convert(q.subject), convert(q.predicate), convert(q.object)) for q in quads]
    except SyntaxError as exc:
        raise InputError(
            f"Turtle syntax error: {exc.msg}; fix the file so that it parses "
            "(`dprkfilm fmt` rewrites a file that parses into canonical form)",
            path=str(path),
            line=exc.lineno,
        ) from None
    if any(_bad_term(term, allow_bnodes) for term in convert.seen.values()):
        _report_first_bad(triples, text, path, allow_bnodes=allow_bnodes)
    return triples


def _bad_term(term: Term, allow_bnodes: bool) -> bool:
    """Whether a term fails a check (which one, and where, _report_first_bad finds out)."""
    kind, value, extra = term
    if kind == "u":
        return problem_of_iri(value) is not None
    if kind == "b":
        return not allow_bnodes
    if not plain_text(value):
        return True
    if not extra or extra.startswith("@"):
        return False
    if problem_of_iri(extra) is not None:
        return True
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _ill_typed(Literal(value, datatype=URIRef(extra)))


def _report_first_bad(
    plain_triples: list[Triple], text: str, path: Path, *, allow_bnodes: bool
) -> None:
    """Raise the loader's error for the first bad triple of a file, as rdflib terms; returns
    when every term turns out fine (a typed literal that is well-typed)."""
    convert = ToRdflib()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # rdflib warns of a "weird boolean"; it is refused below
        triples = [(convert(s), convert(p), convert(o)) for s, p, o in plain_triples]
    for triple in triples:
        for term in triple:
            if isinstance(term, Literal) and _ill_typed(term):
                raise InputError(
                    f'ill-typed literal "{term}"^^<{term.datatype}>: write a value of that '
                    'datatype (a year is "1972"^^xsd:gYear)',
                    path=str(path),
                    line=_line_of(text, f'"{term}"'),
                )
            if not allow_bnodes and isinstance(term, BNode):
                s = triple[0]
                label = s if not isinstance(s, BNode) else triple[1]
                raise InputError(
                    f"blank node near {label}: data files use IRIs only, so that every node can be "
                    "cited and never changes; mint an IRI under https://w3id.org/dprkfilm/",
                    path=str(path),
                    line=_line_of(text, "[") or _line_of(text, "_:"),
                )
    check_triples(triples, path, text)


class Data:
    """The curated data: its triples (plain terms; `graph` gives them as an rdflib graph, made
    when first asked for), plus which file each subject was written in."""

    def __init__(
        self,
        triples: Triples | None = None,
        files: list[Path] | None = None,
        origin: dict[str, list[Path]] | None = None,
        *,
        graph: Graph | None = None,
    ) -> None:
        """From the triples, or from an rdflib `graph` (kept as given)."""
        self.triples = triples if triples is not None else plain(graph or new_graph())
        self.files = files or []
        self.origin = origin or {}
        self._graph: Graph | None = graph

    @property
    def graph(self) -> Graph:
        if self._graph is None:
            self._graph = self.triples.to_rdflib()
        return self._graph

    def file_of(self, node: object) -> str | None:
        """The data file(s) a node's triples came from, for reports."""
        found = self.origin.get(str(node)) if isinstance(node, URIRef | str) else None
        return ", ".join(str(p) for p in found) if found else None


def load_data(files: Iterable[Path] | None = None) -> Data:
    """Load curated data files (default: every .ttl under data/) into one graph."""
    chosen = list(files) if files is not None else paths.data_files()
    if not chosen:
        raise InputError("no data files (*.ttl) found", path=str(paths.data_dir()))
    return load_texts({path: read_text(path) for path in chosen})


def load_texts(texts: Mapping[Path, str]) -> Data:
    """Load data files given as their texts (a file's path -> what it holds or is about to
    hold): the data as it would be after a change, checked and loaded without touching disk."""
    return load_parsed({path: partial(data_triples, text, path) for path, text in texts.items()})


def data_triples(text: str, path: Path) -> list[Triple]:
    """A data file's triples, checked as data files are (no blank nodes)."""
    return triples_of(text, path, allow_bnodes=False)


def load_parsed(files: Mapping[Path, Callable[[], list[Triple]]]) -> Data:
    """Load data files, each given by what gives its checked triples (parsed when reached, so
    progress and errors come in the files' order)."""
    merged = Triples()
    origin: dict[str, list[Path]] = {}
    progress.step("reading the data files", total=len(files))
    for path, parse in files.items():
        progress.advance()
        triples = parse()
        for s in dict.fromkeys(t[0] for t in triples):
            if s[0] == "u":
                origin.setdefault(s[1], []).append(path)
        merged.update(triples)
    return Data(merged, list(files), origin)


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
