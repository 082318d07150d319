"""RDF terms as text, written one way everywhere: N-Triples and Turtle terms, IRIs shortened to
CURIEs with the project's prefixes, and the plain value a person reads in a table.

Standard library only (rdflib is imported lazily, by `of_rdflib` alone), so the query worker,
which must start in a fraction of a second, writes its answers with the same rules as the dumps.

A term is plain data here: (kind, value, extra), kind "u" for an IRI, "b" for a blank node, "l"
for a literal, whose extra is "@tag" for a language-tagged one, else its datatype IRI ("" for
xsd:string).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

Term = tuple[str, str, str]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

# A local name written after a prefix: the conservative part of Turtle's PN_LOCAL that every
# parser reads alike (no escapes, no colon, no leading or trailing dot).
PN_LOCAL = re.compile(r"^[A-Za-z0-9_]([A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?$")

# Turtle's ECHAR escapes; other control characters are written as \uXXXX so that a line of
# N-Triples never holds a raw control character, which some parsers refuse.
_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}
for _code in [*range(0x20), 0x7F]:
    _ESCAPES.setdefault(chr(_code), f"\\u{_code:04X}")
_NEEDS_ESCAPE = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def escape_string(text: str) -> str:
    """The body of a quoted literal in N-Triples and Turtle."""
    return _NEEDS_ESCAPE.sub(lambda m: _ESCAPES[m.group()], text)


def escape_iri(iri: str) -> str:
    """The body of an <IRI>: characters IRIREF forbids written as \\uXXXX."""
    return _IRI_FORBIDDEN.sub(lambda m: f"\\u{ord(m.group()):04X}", iri)


def nt_iri(iri: str) -> str:
    return f"<{escape_iri(iri)}>"


def default_prefixes() -> Mapping[str, str]:
    """The project's prefixes (namespaces.PREFIXES), imported only when asked for."""
    from dprkfilm_graph.namespaces import PREFIXES

    return PREFIXES


class Curies:
    """IRI -> CURIE with a set of prefixes (the longest namespace wins); remembers which
    prefixes it used, for a Turtle header."""

    def __init__(self, prefixes: Mapping[str, str] | None = None) -> None:
        chosen = default_prefixes() if prefixes is None else prefixes
        self.prefixes = dict(chosen)
        self._by_length = sorted(chosen.items(), key=lambda kv: -len(kv[1]))
        self._found: dict[str, tuple[str, str] | None] = {}
        self.used: set[str] = set()

    def split(self, iri: str) -> tuple[str, str] | None:
        """(prefix, local name), or None when no prefix writes the IRI as a valid CURIE."""
        if iri in self._found:
            return self._found[iri]
        found: tuple[str, str] | None = None
        for prefix, namespace in self._by_length:
            if iri.startswith(namespace):
                local = iri[len(namespace) :]
                if local == "" or PN_LOCAL.match(local):
                    found = (prefix, local)
                    break
        self._found[iri] = found
        return found

    def shorten(self, iri: str) -> str | None:
        """The CURIE of `iri` (noting its prefix as used), or None."""
        parts = self.split(iri)
        if parts is None:
            return None
        self.used.add(parts[0])
        return f"{parts[0]}:{parts[1]}"

    def turtle(self, iri: str) -> str:
        """An IRI in Turtle: its CURIE, else <IRI>."""
        return self.shorten(iri) or nt_iri(iri)

    def header(self) -> str:
        """@prefix lines for the prefixes used so far, sorted by name."""
        return "".join(f"@prefix {p}: <{self.prefixes[p]}> .\n" for p in sorted(self.used))


def write(term: Term, iri: Callable[[str], str] = nt_iri) -> str:
    """A term in N-Triples syntax, or Turtle with `iri=Curies(...).turtle`."""
    kind, value, extra = term
    if kind == "u":
        return iri(value)
    if kind == "b":
        return f"_:{value}"
    body = f'"{escape_string(value)}"'
    if extra.startswith("@"):
        return body + extra
    if extra and extra != XSD_STRING:
        return f"{body}^^{iri(extra)}"
    return body


def plain_value(term: Term | None, curies: Curies | None = None, label: str | None = None) -> str:
    """What a person reads: a literal's lexical form, an IRI's label (when given), else its CURIE,
    else the IRI; "" for an unbound value."""
    if term is None:
        return ""
    kind, value, _ = term
    if kind == "u":
        if label:
            return label
        return (curies or Curies()).shorten(value) or value
    if kind == "b":
        return f"_:{value}"
    return value


def of_rdflib(node: Any) -> Term:
    """An rdflib term as plain data."""
    from rdflib import BNode, Literal, URIRef

    if isinstance(node, URIRef):
        return ("u", str(node), "")
    if isinstance(node, BNode):
        return ("b", str(node), "")
    if isinstance(node, Literal):
        if node.language:
            return ("l", str(node), "@" + node.language)
        datatype = "" if node.datatype is None else str(node.datatype)
        return ("l", str(node), "" if datatype == XSD_STRING else datatype)
    raise TypeError(f"not an RDF term: {node!r}")
