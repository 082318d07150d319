"""Named query + graph or endpoint + bindings -> results. Never string-built SPARQL.

A named query is a `.rq` file under queries/ whose header comment says what it answers:

    # Films on a record
    #
    # Which films the photos of a record show, with the status of each identification.
    #
    # @param record  a release IRI (film:… / release:… CURIEs work); unbound = every record

Parameters are RDF terms. On the embedded graph, which runs on Oxigraph as `/sparql` does, they
are substituted by the engine (SEP-0007); on a remote endpoint they travel as a trailing VALUES
block whose terms are written by the N-Triples serializer, so a value can never change the
query's structure.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.query import Result
from rdflib.term import Node

from dprkfilm_graph import paths
from dprkfilm_graph.errors import InputError
from dprkfilm_graph.namespaces import PREFIXES
from dprkfilm_graph.serialize import nt_term, to_turtle
from dprkfilm_graph.terms import Curies, of_rdflib, plain_value


@dataclass(frozen=True)
class Param:
    name: str
    description: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    text: str
    title: str
    description: str
    params: tuple[Param, ...] = field(default_factory=tuple)
    path: Path | None = None

    @property
    def param_names(self) -> set[str]:
        return {p.name for p in self.params}


_PARAM = re.compile(r"^#\s*@param\s+\??([A-Za-z_][A-Za-z0-9_]*)\s*(.*)$")


def parse_header(text: str) -> tuple[str, str, tuple[Param, ...]]:
    """Title (first comment line), description (the other prose lines) and @param lines."""
    title = ""
    prose: list[str] = []
    params: list[Param] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = _PARAM.match(line)
        if m:
            params.append(Param(m.group(1), m.group(2).strip()))
            continue
        body = line.lstrip("#").strip()
        if not title:
            title = body
        elif body or prose:
            prose.append(body)
    return title, " ".join(" ".join(prose).split()), tuple(params)


def from_text(text: str, *, name: str = "query", path: Path | None = None) -> NamedQuery:
    title, description, params = parse_header(text)
    try:
        parseQuery(text)
    except Exception as exc:
        where = str(path) if path else name
        raise InputError(f"not a valid SPARQL 1.1 query: {exc}", path=where) from None
    return NamedQuery(name, text, title, description, params, path)


def list_queries(directory: Path | None = None) -> list[NamedQuery]:
    """Every named query shipped in queries/, sorted by name."""
    base = directory if directory is not None else paths.queries_dir()
    return [load_query(p) for p in sorted(base.glob("*.rq"))]


def load_query(name_or_path: str | Path) -> NamedQuery:
    """A shipped query by name (`films-on-record`) or any .rq file by path."""
    candidate = Path(name_or_path)
    if candidate.suffix == ".rq" and candidate.is_file():
        path = candidate
    else:
        path = paths.queries_dir() / f"{name_or_path}.rq"
        if not path.is_file():
            known = ", ".join(p.stem for p in sorted(paths.queries_dir().glob("*.rq")))
            raise InputError(f"no query named '{name_or_path}'; known queries: {known}")
    return from_text(path.read_text(encoding="utf-8"), name=path.stem, path=path)


def parse_term(text: str) -> Node:
    """A parameter value as an RDF term: <IRI>, a CURIE with a known prefix, an absolute IRI,
    an N-Triples literal ("…"@ko, "1972"^^xsd:gYear), or else a plain string literal."""
    value = text.strip()
    if value.startswith("<") and value.endswith(">"):
        return URIRef(value[1:-1])
    if value.startswith('"'):
        m = re.fullmatch(r'"((?:[^"\\]|\\.)*)"(?:@([A-Za-z0-9-]+)|\^\^(\S+))?', value)
        if not m:
            raise InputError(
                f'cannot read {value!r} as a literal: write "text"@lang or "v"^^xsd:type'
            )
        lexical = json.loads(f'"{m.group(1)}"')
        if m.group(2):
            return Literal(lexical, lang=m.group(2))
        if m.group(3):
            dt = parse_term(m.group(3))
            if not isinstance(dt, URIRef):
                raise InputError(f"datatype of {value!r} must be an IRI")
            return Literal(lexical, datatype=dt)
        return Literal(lexical)
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and " " not in local:
        return URIRef(PREFIXES[prefix] + local)
    if re.match(r"^[a-z][a-z0-9+.-]*://\S+$", value):
        return URIRef(value)
    return Literal(value)


def bind_params(query: NamedQuery, raw: Mapping[str, str | Node]) -> dict[str, Node]:
    """Check every given parameter is declared by the query and turn it into a term."""
    out: dict[str, Node] = {}
    for key, value in raw.items():
        name = key.lstrip("?$")
        if name not in query.param_names:
            declared = ", ".join(sorted(query.param_names)) or "none"
            raise InputError(
                f"query '{query.name}' has no parameter '{name}' (its parameters: {declared})"
            )
        out[name] = value if not isinstance(value, str) else parse_term(value)
    return out


def run_query(
    query: NamedQuery | str,
    *,
    graph: Graph | None = None,
    endpoint: str | None = None,
    params: Mapping[str, str | Node] | None = None,
    timeout: float = 60.0,
) -> Result:
    """Run a query on a graph (default: the embedded published graph) or a SPARQL endpoint."""
    named = query if isinstance(query, NamedQuery) else from_text(query)
    bindings = bind_params(named, params or {})
    if endpoint is not None:
        return _run_remote(named, endpoint, bindings, timeout)
    from dprkfilm_graph.oxstore import query_store, store_of, tag_cases
    from dprkfilm_graph.plain import Triples, plain

    # Oxigraph, the engine behind /sparql too, so the CLI and the endpoint answer alike.
    parts: tuple[Triples, ...]
    if graph is None:
        from dprkfilm_graph.graph import build_triples, ontology_triples

        parts = (build_triples(), ontology_triples())
    else:
        parts = (plain(graph),)
    return query_store(store_of(*parts), named.text, bindings, tag_cases(*parts))


def _with_values(text: str, bindings: Mapping[str, Node]) -> str:
    if not bindings:
        return text
    names = sorted(bindings)
    head = " ".join(f"?{n}" for n in names)
    row = " ".join(nt_term(bindings[n]) for n in names)
    return f"{text.rstrip()}\nVALUES ({head}) {{ ({row}) }}\n"


def _run_remote(
    query: NamedQuery, endpoint: str, bindings: Mapping[str, Node], timeout: float
) -> Result:
    from dprkfilm_graph.net.sparql import GRAPH_FORMS, SparqlError, send

    try:
        form, body = send(endpoint, _with_values(query.text, bindings), timeout=timeout)
    except SparqlError as exc:
        said = "the endpoint refused the query" if exc.refused else "cannot reach the endpoint"
        raise InputError(f"{said}: {exc}", path=endpoint) from None
    if form in GRAPH_FORMS:
        result = Result("CONSTRUCT")
        result.graph = Graph().parse(data=body, format="turtle")
        return result
    return Result.parse(io.BytesIO(body), format="json")


class OutputFormat(StrEnum):
    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"
    XML = "xml"
    TURTLE = "turtle"


def _cell(term: Node | None, curies: Curies) -> str:
    """What a person reads in a table: a literal's text, an IRI's CURIE (or the IRI)."""
    return plain_value(None if term is None else of_rdflib(term), curies)


def rows(result: Result) -> list[dict[str, Node | None]]:
    """SELECT results as a list of dicts (variable name -> term or None)."""
    names = [str(v) for v in (result.vars or [])]
    return [{n: row[i] for i, n in enumerate(names)} for row in result]  # type: ignore[index]


def format_result(result: Result, fmt: OutputFormat | str) -> str:
    """Results in the chosen format. CONSTRUCT/DESCRIBE give graphs: turtle (or json-ld/xml)."""
    fmt = OutputFormat(fmt)
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        assert result.graph is not None
        if fmt in (OutputFormat.TURTLE, OutputFormat.TABLE):
            return to_turtle(result.graph)
        if fmt is OutputFormat.JSON:
            from dprkfilm_graph.serialize import to_jsonld

            return to_jsonld(result.graph)
        raise InputError(f"a {result.type} query gives a graph: use --format turtle or json")
    if result.type == "ASK":
        if fmt is OutputFormat.TABLE:
            return f"{'yes' if result.askAnswer else 'no'}\n"
        if fmt in (OutputFormat.JSON, OutputFormat.XML):
            return result.serialize(format=fmt.value).decode()  # type: ignore[union-attr]
        return f"{str(bool(result.askAnswer)).lower()}\n"
    if fmt is OutputFormat.TURTLE:
        raise InputError("a SELECT query gives a table: use --format table, csv, tsv, json or xml")
    if fmt is OutputFormat.TABLE:
        return _table(result)
    if fmt is OutputFormat.TSV:
        names = [str(v) for v in (result.vars or [])]
        lines = ["\t".join(f"?{n}" for n in names)]
        for row in rows(result):
            lines.append("\t".join(_nt_or_empty(row[n]) for n in names))
        return "\n".join(lines) + "\n"
    data = result.serialize(format=fmt.value)
    assert isinstance(data, bytes)
    return data.decode("utf-8")


def _nt_or_empty(term: Node | None) -> str:
    return "" if term is None else nt_term(term)


def _table(result: Result) -> str:
    names = [str(v) for v in (result.vars or [])]
    curies = Curies(PREFIXES)
    body = [[_cell(row[n], curies) for n in names] for row in rows(result)]
    widths = [max([len(n)] + [len(r[i]) for r in body]) for i, n in enumerate(names)]
    line = "  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True))
    out = [line.rstrip(), "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in body]
    out.append(f"({len(body)} row{'s' if len(body) != 1 else ''})")
    return "\n".join(out) + "\n"
