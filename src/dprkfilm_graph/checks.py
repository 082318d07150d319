"""The checks a curated term must pass beyond what Turtle's grammar allows, each with a message
a curator can act on.

RDF parsers are lenient: rdflib keeps an IRI with a space or a quote (and writes N-Triples that
no other parser reads), resolves a relative IRI against the curator's own folder (file:///home/…),
accepts a literal as a subject, and a "\\uD800" escape becomes a lone surrogate that no encoder
can write. Published IRIs never change, so a bad one must be refused before it is published.
`problem_of_triple` says what is wrong with one triple (None when nothing is); `check_graph`
raises InputError naming the file and, where the text shows it, the line.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from dprkfilm_graph.errors import InputError

# Schemes a published IRI may use: the web, URNs, mail. Anything else (javascript:, data:,
# file: from a relative IRI resolved against a local folder) is refused.
SCHEMES = frozenset({"http", "https", "urn", "mailto"})
# Characters that reorder or hide text: an IRI or a label holding one reads differently from
# what it is (Trojan Source); a curator never needs them.
BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f]')
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BIDI_CLASS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# The common case in one scan: an IRI of an allowed scheme holding nothing forbidden, hidden or
# broken; only the rare other IRI goes through the checks one by one (for their messages).
_PLAIN_IRI = re.compile(
    rf'(?:https?|urn|mailto):[^\x00-\x20<>"{{}}|^`\\\x7f{_BIDI_CLASS}\ud800-\udfff]*',
    re.IGNORECASE,
)
_RISKY = re.compile(rf"[\x00-\x1f\x7f{_BIDI_CLASS}\ud800-\udfff]")
_RISKY_TEXT = re.compile(rf"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f{_BIDI_CLASS}\ud800-\udfff]")


def shown(text: str) -> str:
    """`text` with control, bidi and surrogate characters written as \\u escapes, safe to print."""
    return _RISKY.sub(lambda m: f"\\u{ord(m.group()):04X}", text)


def plain_text(text: str) -> bool:
    """Whether a literal's text holds no control, bidi or surrogate character (the common case,
    which needs no further check)."""
    return _RISKY_TEXT.search(text) is None


def _describe(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f" {name}" if name else "")


def problem_of_iri(raw: str) -> str | None:
    """What is wrong with an IRI, or None."""
    if _PLAIN_IRI.fullmatch(raw):
        return None
    iri = shown(raw)
    bad = _IRI_FORBIDDEN.search(raw)
    if bad:
        what = "a space" if bad.group() == " " else _describe(bad.group())
        return (
            f"the IRI <{iri}> holds {what}, which no IRI may hold: percent-encode it or mint "
            "another IRI"
        )
    hidden = next((ch for ch in raw if ch in BIDI), None)
    if hidden is not None:
        return (
            f"the IRI <{iri}> holds {_describe(hidden)}, which makes it read differently from "
            "what it is: remove it"
        )
    surrogate = next((ch for ch in raw if 0xD800 <= ord(ch) <= 0xDFFF), None)
    if surrogate is not None:
        return f"the IRI <{iri}> holds a lone surrogate ({_describe(surrogate)}): remove it"
    scheme = _SCHEME.match(raw)
    if scheme is None:
        return f"<{iri}> is not an absolute IRI: write the full IRI (https://…)"
    name = scheme.group(1).lower()
    if name == "file":
        return (
            f"<{iri}> is a relative IRI resolved against the file's own folder: write the full "
            "IRI, e.g. https://w3id.org/dprkfilm/film/…"
        )
    if name not in SCHEMES:
        return (
            f"the IRI <{iri}> uses the scheme '{name}:'; data IRIs use "
            f"{', '.join(sorted(s + ':' for s in SCHEMES))}"
        )
    return None


def problem_of_literal(literal: Literal) -> str | None:
    """What is wrong with a literal's text, or None."""
    raw = str(literal)
    if _RISKY_TEXT.search(raw) is None:
        return problem_of_iri(str(literal.datatype)) if literal.datatype is not None else None
    text = shown(raw)
    surrogate = next((ch for ch in raw if 0xD800 <= ord(ch) <= 0xDFFF), None)
    if surrogate is not None:
        return (
            f"the text {text[:40]!r} holds a lone surrogate ({_describe(surrogate)}), which "
            "no file can hold: write the character itself (one \\U escape, not two \\u halves)"
        )
    control = _CONTROL.search(raw)
    if control:
        what = _describe(control.group())
        return f"the text {text[:40]!r} holds the control character {what}: remove it"
    hidden = next((ch for ch in raw if ch in BIDI), None)
    if hidden is not None:
        return (
            f"the text {text[:40]!r} holds {_describe(hidden)}, which reorders what a reader "
            "sees: remove it"
        )
    if literal.datatype is not None:
        return problem_of_iri(str(literal.datatype))
    return None


def problem_of_term(term: Node) -> str | None:
    if isinstance(term, URIRef):
        return problem_of_iri(str(term))
    if isinstance(term, Literal):
        return problem_of_literal(term)
    return None


def problem_of_triple(s: Node, p: Node, o: Node) -> tuple[Node, str] | None:
    """The first bad term of a triple and what is wrong with it, or None."""
    if isinstance(s, Literal):
        return s, f'the literal "{s}" stands as a subject: a subject is an IRI'
    if not isinstance(p, URIRef):
        return p, f"{p} stands as a predicate: a predicate is an IRI"
    for term in (s, p, o):
        found = problem_of_term(term)
        if found:
            return term, found
    return None


def _needles(term: Node, path: Path | None) -> list[str]:
    """Texts that would show the term in the file, most specific first."""
    text = str(term)
    risky = _RISKY.findall(text)
    escapes = [f"\\u{ord(ch):04X}" for ch in risky]
    escapes += [e.lower() for e in escapes] + risky
    if isinstance(term, Literal):
        return [f'"{text}"', text, *escapes]
    found = [f"<{text}>"]
    if path is not None and text.startswith("file:"):
        base = path.resolve().parent.as_uri() + "/"
        if text.startswith(base):
            found.append(f"<{text[len(base) :]}>")
    local = re.split(r"[/#:]", text)[-1]
    found += [text, f":{local}"] if local else [text]
    return found + escapes


# An IRI reference with no scheme (<x>, <#x>, <../x>): what a parser resolves against a base.
_RELATIVE_REF = re.compile(r"<(?![A-Za-z][A-Za-z0-9+.-]*:)[^<>\s]*>")


def line_of(text: str, term: Node, path: Path | None = None) -> int | None:
    """The first line of `text` that shows `term`, if any does. An IRI the text does not
    show was resolved against a base (@base, or the file's own address): the line of the
    first relative reference is given."""
    for needle in _needles(term, path):
        index = text.find(needle)
        if index >= 0 and needle:
            return text.count("\n", 0, index) + 1
    if isinstance(term, URIRef):
        found = _RELATIVE_REF.search(text)
        if found:
            return text.count("\n", 0, found.start()) + 1
    return None


def check_triples(
    triples: Iterable[tuple[Node, Node, Node]], path: Path, text: str | None = None
) -> None:
    """Raise InputError for the first bad triple, naming `path` and the line `text` shows it on."""
    for s, p, o in triples:
        found = problem_of_triple(s, p, o)
        if found is None:
            continue
        term, message = found
        line = line_of(text, term, path) if text is not None else None
        raise InputError(message, path=str(path), line=line)


def check_graph(graph: Graph, path: Path, text: str | None = None) -> None:
    """check_triples over every triple of a parsed file, in a stable order."""
    check_triples(sorted(graph, key=lambda t: tuple(str(x) for x in t)), path, text)


_LITERAL = re.compile(
    r'"((?:[^"\\\n\r]|\\[tbnrf"\'\\]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*)"'
    r"(?:@([A-Za-z]+(?:-[A-Za-z0-9]+)*)|\^\^(\S+))?"
)
_ECHARS = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_CURIE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*):([^\s<>\"{}|^`\\]*)$")


def _unescape(body: str) -> str:
    def one(m: re.Match[str]) -> str:
        esc = m.group()
        if esc[1] in "uU":
            return chr(int(esc[2:], 16))
        return _ECHARS[esc[1]]

    return re.sub(r"\\(?:u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", one, body)


def parse_param(text: str, prefixes: dict[str, str]) -> Node:
    """A query parameter as an RDF term: <IRI>, a CURIE with a known prefix, an absolute IRI,
    or a literal ("text", "text"@ko, "1972"^^xsd:gYear). Anything else is an InputError saying
    how to write it, never a plain string by default.

    >>> parse_param('"첫걸음"@ko', {})
    rdflib.term.Literal('첫걸음', lang='ko')
    """
    value = text.strip()
    how = 'write <https://…>, a CURIE such as film:first-steps, or a literal "text"@ko'
    if value.startswith("<") and value.endswith(">"):
        term: Node = URIRef(value[1:-1])
    elif value.startswith('"'):
        m = _LITERAL.fullmatch(value)
        if not m:
            raise InputError(
                f'cannot read {value!r} as a literal: {how} (escapes: \\n \\" \\uXXXX)'
            )
        lexical = _unescape(m.group(1))
        if m.group(2):
            term = Literal(lexical, lang=m.group(2))
        elif m.group(3):
            datatype = parse_param(m.group(3), prefixes)
            if not isinstance(datatype, URIRef):
                raise InputError(f"the datatype of {value!r} must be an IRI or a CURIE")
            term = Literal(lexical, datatype=datatype)
            from dprkfilm_graph.load import _ill_typed  # the loader's rule for every datatype

            if _ill_typed(term):
                raise InputError(f"{value!r} is not a valid value of its datatype <{datatype}>")
        else:
            term = Literal(lexical)
    elif (curie := _CURIE.match(value)) and curie.group(1) in prefixes:
        term = URIRef(prefixes[curie.group(1)] + curie.group(2))
    elif (_SCHEME.match(value) and "://" in value) or value.startswith(("urn:", "mailto:")):
        term = URIRef(value)
    else:
        raise InputError(f"{value!r} is not an RDF term: {how}")
    problem = problem_of_term(term)
    if problem:
        raise InputError(problem)
    return term
