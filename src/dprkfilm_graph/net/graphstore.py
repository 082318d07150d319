"""The SPARQL 1.1 Graph Store Protocol: replace (PUT) or delete a graph in a store, and list the
named graphs it holds (a SELECT over its query URL).

Every failure becomes an InputError naming the store's URL and what to check, with how many
graphs were replaced before it, so a user knows what state the store is in.
"""

from __future__ import annotations

from types import TracebackType

import requests
from rdflib import URIRef

from dprkfilm_graph.errors import InputError
from dprkfilm_graph.net.policy import TIMEOUT, USER_AGENT

NTRIPLES = "application/n-triples"
_ALL_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def _where(name: URIRef | None) -> str:
    return "the default graph" if name is None else f"graph <{name}>"


class GraphStore:
    """One store's Graph Store Protocol URL, spoken to through one session (`with` closes it)."""

    def __init__(self, url: str, *, timeout: float = TIMEOUT) -> None:
        self.url = url
        self.timeout = timeout
        self.http = requests.Session()
        self.http.headers.update({"User-Agent": USER_AGENT, "Content-Type": NTRIPLES})

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.http.close()

    def put(self, name: URIRef | None, ntriples: bytes, *, replaced: int = 0) -> None:
        """Replace graph `name` (None: the default graph) with these N-Triples."""
        params = {"default": ""} if name is None else {"graph": str(name)}
        try:
            response = self.http.put(self.url, params=params, data=ntriples, timeout=self.timeout)
        except requests.RequestException as exc:
            raise InputError(
                f"cannot reach the store ({exc.__class__.__name__}: {exc}); "
                "is it running, and is this its Graph Store Protocol URL?",
                path=self.url,
            ) from None
        if not response.ok:
            detail = " ".join(response.text.split())[:300]
            raise InputError(
                f"the store refused PUT of {_where(name)}: HTTP {response.status_code} {detail}; "
                f"{replaced} graph(s) were replaced before it",
                path=self.url,
            )

    def delete(self, name: URIRef) -> None:
        """Delete graph `name`; one already gone (404) is no error."""
        try:
            response = self.http.delete(self.url, params={"graph": str(name)}, timeout=self.timeout)
        except requests.RequestException as exc:
            raise InputError(f"cannot reach the store ({exc})", path=self.url) from None
        if not response.ok and response.status_code != 404:
            raise InputError(
                f"the store refused DELETE of graph <{name}>: HTTP {response.status_code}",
                path=self.url,
            )

    def named_graphs(self, query_url: str) -> set[URIRef]:
        """The named graphs the store holds now, asked of its SPARQL query URL."""
        try:
            response = self.http.get(
                query_url,
                params={"query": _ALL_GRAPHS},
                headers={"Accept": "application/sparql-results+json"},
                timeout=self.timeout,
            )
            response.raise_for_status()
            bindings = response.json()["results"]["bindings"]
        except (requests.RequestException, ValueError, KeyError) as exc:
            raise InputError(
                f"cannot list the store's graphs ({exc.__class__.__name__}: {exc}); "
                "is this its SPARQL query URL?",
                path=query_url,
            ) from None
        return {URIRef(b["g"]["value"]) for b in bindings if "g" in b}
