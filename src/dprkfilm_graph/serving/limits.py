"""Bounds on what one request may ask of the server, checked before any work is done.

A request body larger than MAX_BODY is refused with 413 before it is read (by the WSGI server
and again by the app); JSON nested deeper than MAX_JSON_DEPTH is refused before it is parsed
(Python's parser would otherwise recurse until it fails); a reconciliation batch holds at most
MAX_BATCH queries, each at most MAX_QUERY_CHARS long, so that one request cannot hold a
thread for minutes.
"""

from __future__ import annotations

import json
from typing import Any

MAX_BODY = 1 << 20  # bytes; a SPARQL query or a reconciliation batch is a few kilobytes
MAX_JSON_DEPTH = 32
MAX_BATCH = 50  # OpenRefine sends batches of 10
MAX_QUERY_CHARS = 1_000


class TooMuch(ValueError):
    """A request beyond one of the bounds; the message says which and what to do."""


def json_depth(text: str) -> int:
    """How deeply arrays and objects nest in a JSON text (brackets inside strings ignored).

    >>> json_depth('{"a": [1, {"b": "[[["}]}')
    3
    """
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def loads(text: str, name: str) -> Any:
    """JSON parsed from `text` (the parameter or body called `name`), or TooMuch / ValueError
    with a message naming it."""
    if json_depth(text) > MAX_JSON_DEPTH:
        raise TooMuch(f"{name} nests arrays and objects deeper than {MAX_JSON_DEPTH} levels")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{name} is not JSON: {exc}") from None


def batch(queries: dict[str, Any] | list[Any]) -> None:
    """Refuse a reconciliation batch beyond MAX_BATCH queries or with an overlong query."""
    if len(queries) > MAX_BATCH:
        raise TooMuch(
            f"the batch has {len(queries)} queries; at most {MAX_BATCH} are answered in one "
            "request: send them in smaller batches"
        )
    values = queries.values() if isinstance(queries, dict) else queries
    for raw in values:
        text = raw.get("query") if isinstance(raw, dict) else raw
        if isinstance(text, str) and len(text) > MAX_QUERY_CHARS:
            raise TooMuch(
                f"a query text is {len(text)} characters long; at most {MAX_QUERY_CHARS} "
                "are matched"
            )
        if len(json.dumps(raw, ensure_ascii=False)) > MAX_QUERY_CHARS * 4:
            raise TooMuch(f"a query in the batch is longer than {MAX_QUERY_CHARS * 4} characters")
