"""Curated data -> the published graph: the claims, the plain triples they back, generated labels.

Every other stage (validate, dump, query, serve, reconcile) starts from `build_graph`, so what is
validated is exactly what is published and queried.
"""

from __future__ import annotations

from collections.abc import Callable

from rdflib import Graph

from dprkfilm_graph import progress
from dprkfilm_graph.derive import asserted_triples
from dprkfilm_graph.labels import generated_labels
from dprkfilm_graph.load import Data, load_data, load_ontology, merge

# Stages that add derived triples; each takes the graph built so far and returns what to add.
Enricher = Callable[[Graph], Graph]


def enrichers() -> list[Enricher]:
    """The derivation stages, in order. Generated romanized labels come after the plain triples,
    because they romanize the titles those triples carry."""
    return [asserted_triples, generated_labels]


def build_graph(data: Data | None = None) -> Graph:
    """The published graph: curated data plus everything derived from it (no ontology)."""
    loaded = data if data is not None else load_data()
    progress.step("deriving the published graph")
    graph = merge([loaded.graph])
    for stage in enrichers():
        graph += stage(graph)
    return graph


def query_graph(graph: Graph | None = None) -> Graph:
    """The graph queries run on: the published graph with the ontology, so labels of statuses and
    methods resolve."""
    return merge([graph if graph is not None else build_graph(), load_ontology()])
