"""Remote SPARQL 1.1 queries (SPARQLWrapper, POST): one attempt (`send`), or a SELECT retried as
the server asks (`select`).

Why SPARQLWrapper: it knows the protocol's forms and content types; what it raises is sorted
here into "the endpoint refused the query" and "the endpoint could not be reached", and into
failures worth another try (429, 5xx, a dropped connection) and those that are not.
"""

from __future__ import annotations

import json
import urllib.error
from dataclasses import dataclass

from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import EndPointInternalError, SPARQLWrapperException

from dprkfilm_graph.net.policy import (
    RETRY_STATUS,
    TIMEOUT,
    USER_AGENT,
    NetError,
    Patience,
    retry_after,
)

GRAPH_FORMS = frozenset({"CONSTRUCT", "DESCRIBE"})


@dataclass
class SparqlError(Exception):
    """What went wrong with one query: `message` as the library says it, `short` for a log
    line, whether the endpoint answered (`refused`) and whether asking again may help."""

    message: str
    short: str
    refused: bool
    transient: bool
    retry_after: float | None = None

    def __str__(self) -> str:
        return self.message


def send(
    endpoint: str, text: str, *, timeout: float = TIMEOUT, user_agent: str = USER_AGENT
) -> tuple[str, bytes]:
    """POST one query; its form (SELECT, ASK, CONSTRUCT, DESCRIBE) and the answer's bytes:
    SPARQL JSON results, or Turtle for a graph."""
    wrapper = SPARQLWrapper(endpoint, agent=user_agent)
    wrapper.setMethod(POST)
    wrapper.setTimeout(int(timeout))
    wrapper.setQuery(text)
    form = str(wrapper.queryType)
    wrapper.setReturnFormat(TURTLE if form in GRAPH_FORMS else JSON)
    try:
        body: bytes = wrapper.query().response.read()
    except EndPointInternalError as exc:
        raise SparqlError(str(exc), "HTTP 500", refused=True, transient=True) from exc
    except SPARQLWrapperException as exc:
        raise SparqlError(str(exc), str(exc), refused=True, transient=False) from exc
    except urllib.error.HTTPError as exc:
        asked = retry_after(exc.headers.get("Retry-After") if exc.headers else None)
        transient = exc.code in RETRY_STATUS
        raise SparqlError(str(exc), f"HTTP {exc.code}", False, transient, asked) from exc
    except OSError as exc:  # refused, reset, timed out, no such host
        raise SparqlError(str(exc), str(exc), refused=False, transient=True) from exc
    return form, body


def select(
    endpoint: str,
    text: str,
    patience: Patience,
    *,
    timeout: float = TIMEOUT,
    user_agent: str = USER_AGENT,
) -> list[dict[str, dict[str, str]]]:
    """The bindings of one SELECT query, asked again (within `patience`) while that may help."""
    attempt = 0
    while True:
        attempt += 1
        patience.stats.count("sparql", False)
        try:
            _, body = send(endpoint, text, timeout=timeout, user_agent=user_agent)
            break
        except SparqlError as exc:
            if not exc.transient:
                raise NetError(f"{endpoint}: {exc.short}") from exc
            patience.wait(attempt, exc.retry_after, f"{endpoint}: {exc.short}")
    try:
        result = json.loads(body)
    except ValueError:
        result = None
    if not isinstance(result, dict):
        raise NetError(f"{endpoint}: the answer is not SPARQL JSON results")
    return list(result.get("results", {}).get("bindings", []))
