"""What a SPARQL request asks for, read from its tokens before any engine sees it.

The endpoint is read-only and never reaches the web on a user's behalf: updates (LOAD above all)
and SERVICE are refused here, because the embedded engine would otherwise carry them out (Oxigraph
follows SERVICE over HTTP). Comments, strings and IRIs are skipped, so a title such as
"Load the cannon" or <…/service> is not mistaken for a keyword.
"""

from __future__ import annotations

import re
from enum import StrEnum

from dprkfilm_graph.errors import DprkfilmError

_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\uffff]+)
  | (?P<pname>[A-Za-z_\u00c0-\uffff][\w.\-\u00b7\u00c0-\uffff]*:[\w.\-:%\\\u00b7\u00c0-\uffff]*
               |:[\w.\-:%\\\u00b7\u00c0-\uffff]*)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<other>\S)
    """,
    re.VERBOSE | re.DOTALL,
)

_UPDATE_WORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)


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


def words(text: str) -> list[str]:
    """The bare keywords of a query or update, upper-cased, in order."""
    return [m.group("word").upper() for m in _TOKEN.finditer(text) if m.lastgroup == "word"]


def classify(text: str) -> QueryKind:
    """The kind of a read-only query; raises Refused for updates, LOAD and SERVICE.

    >>> classify("PREFIX s: <http://schema.org/> SELECT * { ?x s:name 'load' }")
    <QueryKind.SELECT: 'SELECT'>
    """
    found = words(text)
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
    if "SERVICE" in found:
        raise Refused(
            "SERVICE is refused: this endpoint answers from its own graph and does not query "
            "other endpoints; run federated queries from a client or your own store"
        )
    for word in found:
        if word in QueryKind.__members__:
            return QueryKind(word)
    raise Refused("not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE")
