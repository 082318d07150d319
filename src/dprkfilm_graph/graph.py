"""Curated data -> the published graph: the claims, the plain triples they back, generated labels.

Every other stage (validate, dump, query, serve, reconcile) starts from `build_triples` (or
`build_graph`, the same as an rdflib graph), so what is validated is exactly what is published
and queried.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from rdflib import Graph

from dprkfilm_graph import progress
from dprkfilm_graph.derive import asserted
from dprkfilm_graph.labels import labels_of
from dprkfilm_graph.load import Data, load_data, load_ontology, merge
from dprkfilm_graph.plain import Triples, plain

# Stages that add derived triples; each takes the triples built so far and returns what to add.
Enricher = Callable[[Triples], Triples]


def enrichers() -> list[Enricher]:
    """The derivation stages, in order. Generated romanized labels come after the plain triples,
    because they romanize the titles those triples carry."""
    return [asserted, labels_of]


def build_triples(data: Data | None = None) -> Triples:
    """The published graph as plain triples: curated data plus everything derived from it (no
    ontology)."""
    loaded = data if data is not None else load_data()
    progress.step("deriving the published graph")
    triples = Triples(loaded.triples)
    for stage in enrichers():
        triples.update(stage(triples))
    return triples


def ontology_triples() -> Triples:
    """The shipped ontology (parsed once per process) as plain triples, converted once; treat
    it as read-only."""
    return _plain_once(load_ontology())


@cache
def _plain_once(graph: Graph) -> Triples:
    return plain(graph)


def build_graph(data: Data | None = None) -> Graph:
    """The published graph (build_triples) as an rdflib graph."""
    return build_triples(data).to_rdflib()


def query_graph(graph: Graph | None = None) -> Graph:
    """The graph queries run on: the published graph with the ontology, so labels of statuses and
    methods resolve."""
    return merge([graph if graph is not None else build_graph(), load_ontology()])
