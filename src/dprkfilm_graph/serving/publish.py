"""The published graph -> an external triple store, through the SPARQL 1.1 Graph Store Protocol.

The graphs of the TriG dump (dump.dataset_graphs): one named graph per source, the ontology in
its own named graph, and everything in the default graph, so queries written for the embedded
graph see the same data on the store with no union-default-graph setting; each is sent with PUT,
so publishing again replaces what an earlier run put there instead of adding to it.

With a query URL (`prune=`), graphs a previous publish put there and this one does not send (a
source removed since) are deleted; only graphs named under the project's base IRI are touched,
so a store shared with other datasets keeps theirs.

What goes where is decided here; the requests themselves are `dprkfilm_graph.net.graphstore`'s.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, URIRef

from dprkfilm_graph.dump import ONTOLOGY_GRAPH, dataset_graphs
from dprkfilm_graph.errors import InputError
from dprkfilm_graph.namespaces import BASE
from dprkfilm_graph.net.graphstore import GraphStore
from dprkfilm_graph.net.policy import TIMEOUT
from dprkfilm_graph.plain import Triples
from dprkfilm_graph.serialize import to_ntriples

__all__ = ["ONTOLOGY_GRAPH", "PublishReport", "graphs_to_publish", "publish"]


@dataclass
class PublishReport:
    """What was sent where: (graph name or None for the default graph, triples)."""

    store: str
    triples: int = 0  # dump.triple_count: the dataset's size, as build and stats report it
    graphs: list[tuple[URIRef | None, int]] = field(default_factory=list)
    deleted: list[URIRef] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"PUT {n:>6} triples  {name or 'default graph'}" for name, n in self.graphs]
        out += [f"DELETE stale graph  {name}" for name in self.deleted]
        out.append(
            f"published {self.triples} triples in {len(self.graphs)} graph(s) to {self.store}"
        )
        return out


def graphs_to_publish(graph: Graph) -> dict[URIRef | None, Triples]:
    """The graphs a publish sends: one per source, the ontology, and the default graph."""
    return dataset_graphs(graph)


def publish(
    store: str,
    graph: Graph | None = None,
    *,
    timeout: float = TIMEOUT,
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
    parts = graphs_to_publish(graph)
    report = PublishReport(store, triples=len(parts[None]))
    with GraphStore(store, timeout=timeout) as target:
        for name in sorted(parts, key=lambda n: "" if n is None else str(n)):
            body = to_ntriples(parts[name]).encode("utf-8")
            target.put(name, body, replaced=len(report.graphs))
            report.graphs.append((name, len(parts[name])))
        if prune is not None:
            sent = {n for n in parts if n is not None}
            ours = {n for n in target.named_graphs(prune) if str(n).startswith(BASE)}
            for stale in sorted(ours - sent, key=str):
                target.delete(stale)
                report.deleted.append(stale)
    return report
