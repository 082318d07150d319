"""Triples (terms.Term) -> RDF/XML, the format older clients ask for by default (SPARQLWrapper's
and rdflib's CONSTRUCT, many harvesters).

Standard library only, so the query worker writes it without rdflib. Subjects are grouped and
sorted; predicates become qualified names with the project's prefixes where they fit, else with
generated ones (ns1, ns2, …). Some graphs have no RDF/XML form: a predicate IRI that does not end
in an XML name, or a text with a character XML 1.0 forbids; `write` raises Unwritable for them,
and the caller answers with another format or a 406.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from xml.sax.saxutils import escape, quoteattr

from dprkfilm_graph.terms import XSD_STRING, Term

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
MEDIA_TYPE = "application/rdf+xml"

_NAME_START = (
    "A-Za-z_\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
)
_NAME_START += "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd"
_NAME_CHAR = _NAME_START + "\\-.0-9\u00b7\u0300-\u036f\u203f-\u2040"
# The longest tail of an IRI that is an XML name (NCName): what a predicate's local part can be.
_LOCAL = re.compile(f"[{_NAME_START}][{_NAME_CHAR}]*$")
_PREFIX = re.compile(f"^[{_NAME_START}][{_NAME_CHAR}]*$")
# Characters XML 1.0 cannot carry at all, escaped or not.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_TEXT_ENTITIES = {"\r": "&#13;"}


class Unwritable(ValueError):
    """The graph has no RDF/XML form (see the module docstring)."""


def _split(iri: str) -> tuple[str, str]:
    """(namespace, local name) of a predicate IRI, the local name an XML name."""
    found = _LOCAL.search(iri)  # the leftmost start gives the longest tail
    if found is not None:
        return iri[: found.start()], iri[found.start() :]
    raise Unwritable(
        f"the predicate <{iri}> does not end in an XML name, so RDF/XML cannot write it"
    )


def _text(value: str) -> str:
    if _NOT_XML.search(value):
        raise Unwritable("a literal holds a character that XML 1.0 cannot carry; ask for Turtle")
    return escape(value, _TEXT_ENTITIES)


def _attr(value: str) -> str:
    if _NOT_XML.search(value):
        raise Unwritable("an IRI holds a character that XML 1.0 cannot carry; ask for Turtle")
    return quoteattr(value)


def write(triples: Iterable[tuple[Term, Term, Term]], prefixes: Mapping[str, str]) -> str:
    """The triples as an RDF/XML document, subjects and their statements sorted."""
    by_subject: dict[Term, list[tuple[Term, Term]]] = {}
    for s, p, o in triples:
        by_subject.setdefault(s, []).append((p, o))
    names: dict[str, str] = {RDF_NS: "rdf"}
    for prefix, namespace in sorted(prefixes.items()):
        if _PREFIX.match(prefix) and namespace not in names and prefix != "rdf":
            names.setdefault(namespace, prefix)
    used: dict[str, str] = {RDF_NS: "rdf"}
    body: list[str] = []
    for subject in sorted(by_subject):
        kind, value, _ = subject
        if kind == "l":
            raise Unwritable("a literal as a subject has no RDF/XML form")
        about = f"rdf:nodeID={_attr('b' + value)}" if kind == "b" else f"rdf:about={_attr(value)}"
        body.append(f"  <rdf:Description {about}>")
        for predicate, obj in sorted(set(by_subject[subject])):
            namespace, local = _split(predicate[1])
            if namespace not in used:
                used[namespace] = names.get(namespace) or f"ns{len(used)}"
            tag = f"{used[namespace]}:{local}"
            body.append(f"    {_element(tag, obj)}")
        body.append("  </rdf:Description>")
    declared = " ".join(
        f"xmlns:{prefix}={_attr(ns)}" for ns, prefix in sorted(used.items(), key=lambda kv: kv[1])
    )
    head = f'<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF {declared}>'
    return "\n".join([head, *body, "</rdf:RDF>"]) + "\n"


def _element(tag: str, obj: Term) -> str:
    kind, value, extra = obj
    if kind == "u":
        return f"<{tag} rdf:resource={_attr(value)}/>"
    if kind == "b":
        return f"<{tag} rdf:nodeID={_attr('b' + value)}/>"  # an XML name whatever the label
    if extra.startswith("@"):
        attr = f" xml:lang={_attr(extra[1:])}"
    elif extra and extra != XSD_STRING:
        attr = f" rdf:datatype={_attr(extra)}"
    else:
        attr = ""
    return f"<{tag}{attr}>{_text(value)}</{tag}>"
