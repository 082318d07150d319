"""What a SPARQL request asks for, read from its tokens before any engine sees it.

The endpoint is read-only and never reaches the web on a user's behalf: updates (LOAD above all)
and SERVICE are refused here, because the embedded engine would otherwise carry them out (Oxigraph
follows SERVICE over HTTP). The tokens follow the SPARQL 1.1 grammar's terminals exactly (a
comment ends at a carriage return as well as a line feed; a short string holds neither), and the
engine is given the text with every comment removed, so what the engine parses is the token
stream checked here: a comment can never hide a keyword from the check and show it to the engine.
Comments, strings and IRIs are skipped, so a title such as "Load the cannon" or <…/service> is
not mistaken for a keyword.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from dprkfilm_graph.errors import DprkfilmError

# Deeper nesting than this is refused: no real query needs it, and the engine's parser recurses.
MAX_DEPTH = 64

_HEX = r"(?:\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})"
_ECHAR = r"""\\[tbnrf"'\\]"""
# A prefixed name's local part, with the grammar's escapes (ex:a\#b is one name, not a comment).
_LOCAL = r"(?:[\w.\-:%\u00b7\u00c0-\uffff]|\\[_~.\-!$&'()*+,;=/?#@%])"
_TOKEN = re.compile(
    rf"""
    (?P<space>[\x20\t\r\n]+)
  | (?P<comment>\#[^\r\n]*)
  | (?P<iri><(?:[^<>"{{}}|^`\\\x00-\x20]|{_HEX})*>)
  | (?P<string>'''(?:(?:'|'')?(?:[^'\\]|{_ECHAR}|{_HEX}))*'''
               |\"\"\"(?:(?:"|"")?(?:[^"\\]|{_ECHAR}|{_HEX}))*\"\"\"
               |'(?:[^'\\\n\r]|{_ECHAR}|{_HEX})*'
               |"(?:[^"\\\n\r]|{_ECHAR}|{_HEX})*")
  | (?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\uffff]+)
  | (?P<pname>(?:[A-Za-z_\u00c0-\uffff][\w.\-\u00b7\u00c0-\uffff]*)?:{_LOCAL}*)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
# An escape the engine reads before it splits strings: one that stands for a quote, a backslash
# or a line break could end a string where this reader does not, so it is refused.
_RISKY_ESCAPE = re.compile(r"\\(?:u|U0000)(?:0027|0022|005[Cc]|000[AaDd]|003[CcEe])")

_UPDATE_WORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)
_OPEN = {"{": "}", "(": ")", "[": "]"}


class QueryKind(StrEnum):
    SELECT = "SELECT"
    ASK = "ASK"
    CONSTRUCT = "CONSTRUCT"
    DESCRIBE = "DESCRIBE"

    @property
    def gives_graph(self) -> bool:
        return self in (QueryKind.CONSTRUCT, QueryKind.DESCRIBE)


class Refused(DprkfilmError):
    """A request the endpoint will not carry out; `status` is the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 400) -> None:
        self.status = status
        super().__init__(message)


@dataclass(frozen=True)
class Checked:
    """A query that passed the checks: its kind and the text to give the engine (the same
    tokens, with comments removed)."""

    kind: QueryKind
    text: str


def _tokens(text: str) -> list[tuple[str, str]]:
    return [(m.lastgroup or "other", m.group()) for m in _TOKEN.finditer(text)]


def words(text: str) -> list[str]:
    """The bare keywords of a query or update, upper-cased, in order."""
    return [value.upper() for kind, value in _tokens(text) if kind == "word"]


def check(text: str) -> Checked:
    """The kind of a read-only query and the text to run; raises Refused for updates, LOAD,
    SERVICE, NUL characters, risky escapes and nesting deeper than MAX_DEPTH.

    >>> check("SELECT * { ?x ?p 'load' } # SERVICE").text
    "SELECT * { ?x ?p 'load' }  "
    """
    if "\x00" in text:
        raise Refused("the query contains a NUL character; remove it")
    tokens = _tokens(text)
    depth, deepest, stack = 0, 0, []
    for kind, value in tokens:
        if kind in ("string", "iri") and _RISKY_ESCAPE.search(value):
            raise Refused(
                "a \\u escape for a quote, backslash, angle bracket or line break inside a "
                "string or IRI is refused: write the character itself, or \\' \\\" \\\\ \\n"
            )
        if kind == "other" and value in _OPEN:
            stack.append(_OPEN[value])
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                raise Refused(
                    f"the query nests brackets deeper than {MAX_DEPTH} levels: flatten it"
                )
        elif kind == "other" and value in ("}", ")", "]") and stack and stack[-1] == value:
            stack.pop()
            depth -= 1
    found = [value.upper() for kind, value in tokens if kind == "word"]
    if "LOAD" in found:
        raise Refused(
            "LOAD is refused: this endpoint is read-only and never fetches data from the web; "
            "download the dumps (see /.well-known/void) and load them into your own store"
        )
    updates = sorted(_UPDATE_WORDS.intersection(found))
    if updates:
        raise Refused(
            f"SPARQL Update ({', '.join(updates)}) is refused: this endpoint is read-only; "
            "send a SELECT, ASK, CONSTRUCT or DESCRIBE query"
        )
    # The engine's parser reads a keyword without needing a word boundary after it or before
    # it ("SERVICESILENT" is SERVICE SILENT to it, "trueSERVICE" true SERVICE), so a bare word
    # that holds SERVICE anywhere is refused; no query needs such a word.
    if any("SERVICE" in word for word in found):
        raise Refused(
            "SERVICE is refused: this endpoint answers from its own graph and does not query "
            "other endpoints; run federated queries from a client or your own store"
        )
    for word in found:
        if word in QueryKind.__members__:
            runnable = "".join(" " if kind == "comment" else value for kind, value in tokens)
            return Checked(QueryKind(word), runnable)
    raise Refused("not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE")


def classify(text: str) -> QueryKind:
    """The kind of a read-only query; raises Refused for updates, LOAD and SERVICE.

    >>> classify("PREFIX s: <http://schema.org/> SELECT * { ?x s:name 'load' }")
    <QueryKind.SELECT: 'SELECT'>
    """
    return check(text).kind
