"""The query worker: a child process with its own Oxigraph store.

Queries run here rather than in the web process so that the time limit is real: a runaway join
inside the engine cannot be interrupted, but its process can be ended. Rows are counted before
anything is written, so the result-size cap never sends half an answer. This module imports only
pyoxigraph and the standard library, so a worker starts in a fraction of a second.

Oxigraph lowercases language tags (RDF compares them without regard to case); answers give them
back in the case the data writes them (`ko-Latn-x-mr`), also where LANG() returned one, so they
equal the rdflib engine's answers. A FILTER comparing LANG() with a mixed-case string does not
match on Oxigraph: use langMatches(), which ignores case everywhere.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
)

from dprkfilm_graph import rdfxml
from dprkfilm_graph.rdfxml import Unwritable
from dprkfilm_graph.terms import XSD_STRING, Curies, Term, write

# A term as plain data (terms.Term): kind, value, "@tag" or datatype. Plain data keeps the data's
# own case for tags, which Oxigraph's terms lowercase.
# A job: (query text, format name, row cap, prefixes, dataset); an answer: ("ok", body) or
# (kind, message). The dataset is the protocol's default-graph-uri and named-graph-uri lists,
# or None for the service's own: the whole graph as default graph, each source's named graph.
Dataset = tuple[list[str], list[str]] | None
Job = tuple[str, str, int, dict[str, str], Dataset]
Answer = tuple[str, bytes | str]


def serve(
    conn: Connection,
    ntriples: bytes,
    tags: list[str],
    named: Sequence[tuple[str, bytes]] = (),
) -> None:
    """Load the graph (and the named graphs: name, N-Triples), then answer jobs until the parent
    closes the pipe. `tags` are the language tags of the graph as written."""
    isolated = isolate()
    store = Store()
    store.load(ntriples, RdfFormat.N_TRIPLES)
    for name, data in named:
        store.load(data, RdfFormat.N_TRIPLES, to_graph=NamedNode(name))
    cases = {t.lower(): t for t in tags if t != t.lower()}
    conn.send(("ready", b"isolated" if isolated else b""))
    while True:
        try:
            job: Job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(run(store, *job, cases=cases))


def isolate() -> bool:
    """Leave the host's network where the system allows it (Linux: a network namespace of
    its own, whose only interface is a loopback that is down).

    The endpoint refuses SERVICE before a query reaches the engine; this is the second wall, so
    that no query, whatever the check missed, can make the engine open a connection. The worker
    needs no network: its graph comes through the pipe. True when the network is gone.
    """
    import ctypes
    import sys

    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return False
    clone_newnet, clone_newuser = 0x40000000, 0x10000000
    return any(libc.unshare(flags) == 0 for flags in (clone_newnet, clone_newuser | clone_newnet))


def plain(term: Any, cases: dict[str, str]) -> Term | None:
    """An Oxigraph term as plain data, with a language tag (or a LANG() value) in the data's
    own case."""
    if term is None:
        return None
    if isinstance(term, NamedNode):
        return ("u", term.value, "")
    if isinstance(term, BlankNode):
        return ("b", term.value, "")
    if isinstance(term, Literal):
        if term.language:
            return ("l", term.value, "@" + cases.get(term.language, term.language))
        datatype = term.datatype.value
        if datatype == XSD_STRING:
            return ("l", cases.get(term.value, term.value), "")
        return ("l", term.value, datatype)
    return ("l", str(term), "")


def run(
    store: Store,
    text: str,
    fmt: str,
    cap: int,
    prefixes: dict[str, str],
    dataset: Dataset = None,
    *,
    cases: dict[str, str] | None = None,
) -> Answer:
    """One query, answered as bytes in format `fmt`, or an error kind and message."""
    known = cases or {}
    try:
        if dataset is None:
            result: Any = store.query(text)
        else:
            defaults, names = dataset
            result = store.query(
                text,
                default_graph=[NamedNode(g) for g in defaults],
                named_graphs=[NamedNode(g) for g in names],
            )
        if isinstance(result, QueryBoolean):
            return ("ok", write_boolean(bool(result), fmt))
        if isinstance(result, QuerySolutions):
            names = [v.value for v in result.variables]
            rows: list[list[Term | None]] = []
            for solution in result:
                rows.append([plain(solution[i], known) for i in range(len(names))])
                if len(rows) > cap:
                    return ("too-many", f"{cap}")
            return ("ok", write_rows(names, rows, fmt))
        assert isinstance(result, QueryTriples)
        triples: list[tuple[Term, Term, Term]] = []
        for t in result:
            s, p, o = (plain(x, known) for x in (t.subject, t.predicate, t.object))
            assert s is not None and p is not None and o is not None
            triples.append((s, p, o))
            if len(triples) > cap:
                return ("too-many", f"{cap}")
        return ("ok", write_triples(sorted(set(triples)), fmt, prefixes))
    except Unwritable as exc:
        return ("unwritable", str(exc))
    except SyntaxError as exc:
        return ("syntax", str(exc))
    except Exception as exc:  # evaluation errors are reported to the client, not fatal here
        return ("failed", f"{type(exc).__name__}: {exc}")


def write_boolean(answer: bool, fmt: str) -> bytes:
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": answer}).encode()
    if fmt == "xml":
        return (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{str(answer).lower()}</boolean></sparql>\n"
        ).encode()
    return f"{str(answer).lower()}\n".encode()


def write_rows(names: Sequence[str], rows: Sequence[Sequence[Term | None]], fmt: str) -> bytes:
    """SELECT results in SPARQL 1.1 JSON, XML, CSV or TSV."""
    if fmt == "json":
        bindings = [
            {n: _json_term(t) for n, t in zip(names, row, strict=True) if t is not None}
            for row in rows
        ]
        doc = {"head": {"vars": list(names)}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False).encode()
    if fmt == "xml":
        return _xml(names, rows).encode()
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(names)
        for row in rows:
            writer.writerow(["" if t is None else _csv_value(t) for t in row])
        return out.getvalue().encode()
    lines = ["\t".join(f"?{n}" for n in names)]
    lines += ["\t".join("" if t is None else nt(t) for t in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def _csv_value(term: Term) -> str:
    return f"_:{term[1]}" if term[0] == "b" else term[1]


def _json_term(term: Term) -> dict[str, str]:
    kind, value, extra = term
    if kind == "u":
        return {"type": "uri", "value": value}
    if kind == "b":
        return {"type": "bnode", "value": value}
    if extra.startswith("@"):
        return {"type": "literal", "value": value, "xml:lang": extra[1:]}
    if extra:
        return {"type": "literal", "value": value, "datatype": extra}
    return {"type": "literal", "value": value}


def _xml(names: Sequence[str], rows: Sequence[Sequence[Term | None]]) -> str:
    parts = [
        '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>',
        *(f"<variable name={quoteattr(n)}/>" for n in names),
        "</head><results>",
    ]
    for row in rows:
        parts.append("<result>")
        for name, term in zip(names, row, strict=True):
            if term is None:
                continue
            kind, value, extra = term
            parts.append(f"<binding name={quoteattr(name)}>")
            if kind == "u":
                parts.append(f"<uri>{escape(value)}</uri>")
            elif kind == "b":
                parts.append(f"<bnode>{escape(value)}</bnode>")
            else:
                if extra.startswith("@"):
                    attr = f" xml:lang={quoteattr(extra[1:])}"
                elif extra:
                    attr = f" datatype={quoteattr(extra)}"
                else:
                    attr = ""
                parts.append(f"<literal{attr}>{escape(value)}</literal>")
            parts.append("</binding>")
        parts.append("</result>")
    parts.append("</results></sparql>\n")
    return "".join(parts)


def nt(term: Term, iri: Callable[[str], str] | None = None) -> str:
    """A term in N-Triples (or, with a prefix-aware `iri`, Turtle) syntax."""
    return write(term) if iri is None else write(term, iri)


def write_triples(
    triples: Sequence[tuple[Term, Term, Term]], fmt: str, prefixes: dict[str, str]
) -> bytes:
    """A graph as sorted N-Triples, Turtle (subjects grouped, known prefixes), expanded JSON-LD
    or RDF/XML."""
    if fmt == "ntriples":
        return "".join(f"{nt(s)} {nt(p)} {nt(o)} .\n" for s, p, o in triples).encode()
    if fmt == "rdfxml":
        return rdfxml.write(triples, prefixes).encode()
    if fmt == "jsonld":
        nodes: dict[str, dict[str, Any]] = {}
        for s, p, o in triples:
            node = nodes.setdefault(s[1], {"@id": s[1] if s[0] == "u" else f"_:{s[1]}"})
            node.setdefault(p[1], []).append(_jsonld_value(o))
        return json.dumps(list(nodes.values()), ensure_ascii=False, indent=1).encode()
    curies = Curies(prefixes)
    curie = curies.turtle

    blocks: list[str] = []
    current: Term | None = None
    for s, p, o in triples:
        if s != current:
            if current is not None:
                blocks[-1] += " .\n"
            blocks.append(f"{nt(s, curie)}\n    {nt(p, curie)} {nt(o, curie)}")
            current = s
        else:
            blocks[-1] += f" ;\n    {nt(p, curie)} {nt(o, curie)}"
    if blocks:
        blocks[-1] += " .\n"
    head = curies.header()
    return (head + ("\n" if head else "") + "\n".join(blocks)).encode()


def _jsonld_value(term: Term) -> dict[str, str]:
    kind, value, extra = term
    if kind == "u":
        return {"@id": value}
    if kind == "b":
        return {"@id": f"_:{value}"}
    if extra.startswith("@"):
        return {"@value": value, "@language": extra[1:]}
    return {"@value": value, "@type": extra} if extra else {"@value": value}
