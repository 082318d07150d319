"""The published graph -> an external triple store, through the SPARQL 1.1 Graph Store Protocol.

One named graph per source (as in the TriG dump), the ontology in its own named graph, and the
triples no source introduced in the default graph; each is sent with PUT, so publishing again
replaces what an earlier run put there instead of adding to it. Queries written for the embedded
graph see the same data on a store that queries the union of its graphs as the default graph
(Oxigraph: `serve --union-default-graph`; Fuseki: `tdb2:unionDefaultGraph true`).

With a query URL (`prune=`), graphs a previous publish put there and this one does not send (a
source removed since) are deleted; only graphs named under the project's base IRI are touched,
so a store shared with other datasets keeps theirs.

This module is the only network code of the publish path.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import requests
from rdflib import Graph, URIRef

from dprkfilm_graph.dump import named_graphs
from dprkfilm_graph.errors import InputError
from dprkfilm_graph.load import load_ontology
from dprkfilm_graph.namespaces import BASE
from dprkfilm_graph.query import USER_AGENT
from dprkfilm_graph.serialize import to_ntriples

ONTOLOGY_GRAPH = URIRef(BASE + "ontology")
NTRIPLES = "application/n-triples"


@dataclass
class PublishReport:
    """What was sent where: (graph name or None for the default graph, triples)."""

    store: str
    graphs: list[tuple[URIRef | None, int]] = field(default_factory=list)
    deleted: list[URIRef] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"PUT {n:>6} triples  {name or 'default graph'}" for name, n in self.graphs]
        out += [f"DELETE stale graph  {name}" for name in self.deleted]
        total = sum(n for _, n in self.graphs)
        out.append(f"published {total} triples in {len(self.graphs)} graph(s) to {self.store}")
        return out


def graphs_to_publish(graph: Graph) -> dict[URIRef | None, Graph]:
    """The graphs a publish sends: one per source, the ontology, and the default graph."""
    out = named_graphs(graph)
    out[ONTOLOGY_GRAPH] = load_ontology()
    return out


def _fail(message: str, store: str) -> InputError:
    return InputError(message, path=store)


def _stored_graphs(session: requests.Session, query_url: str, timeout: float) -> set[URIRef]:
    """The named graphs under the project's base IRI that the store holds now."""
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    try:
        response = session.get(
            query_url,
            params={"query": query},
            headers={"Accept": "application/sparql-results+json"},
            timeout=timeout,
        )
        response.raise_for_status()
        bindings = response.json()["results"]["bindings"]
    except (requests.RequestException, ValueError, KeyError) as exc:
        raise _fail(
            f"cannot list the store's graphs ({exc.__class__.__name__}: {exc}); "
            "is this its SPARQL query URL?",
            query_url,
        ) from None
    names = {URIRef(b["g"]["value"]) for b in bindings if "g" in b}
    return {n for n in names if str(n).startswith(BASE)}


def publish(
    store: str,
    graph: Graph | None = None,
    *,
    timeout: float = 60.0,
    prune: str | None = None,
) -> PublishReport:
    """PUT every graph into the Graph Store Protocol endpoint `store` (e.g. …/store); with
    `prune` (the store's SPARQL query URL, e.g. …/query), delete our graphs not sent."""
    if not store.startswith(("http://", "https://")):
        raise InputError(
            "the store must be an http(s) URL of a Graph Store Protocol endpoint", path=store
        )
    if graph is None:
        from dprkfilm_graph.graph import build_graph

        graph = build_graph()
    report = PublishReport(store)
    parts = graphs_to_publish(graph)
    with requests.Session() as session:
        session.headers.update({"User-Agent": USER_AGENT, "Content-Type": NTRIPLES})
        for name in sorted(parts, key=lambda n: "" if n is None else str(n)):
            body = to_ntriples(parts[name]).encode("utf-8")
            params = {"default": ""} if name is None else {"graph": str(name)}
            where = "the default graph" if name is None else f"graph <{name}>"
            try:
                response = session.put(store, params=params, data=body, timeout=timeout)
            except requests.RequestException as exc:
                raise InputError(
                    f"cannot reach the store ({exc.__class__.__name__}: {exc}); "
                    "is it running, and is this its Graph Store Protocol URL?",
                    path=store,
                ) from None
            if not response.ok:
                detail = " ".join(response.text.split())[:300]
                raise InputError(
                    f"the store refused PUT of {where}: HTTP {response.status_code} {detail}; "
                    f"{len(report.graphs)} graph(s) were replaced before it",
                    path=store,
                )
            report.graphs.append((name, len(parts[name])))
        if prune is not None:
            sent = {n for n in parts if n is not None}
            for stale in sorted(_stored_graphs(session, prune, timeout) - sent, key=str):
                try:
                    response = session.delete(store, params={"graph": str(stale)}, timeout=timeout)
                except requests.RequestException as exc:
                    raise _fail(f"cannot reach the store ({exc})", store) from None
                if not response.ok and response.status_code != 404:
                    raise _fail(
                        f"the store refused DELETE of graph <{stale}>: HTTP {response.status_code}",
                        store,
                    )
                report.deleted.append(stale)
    return report
