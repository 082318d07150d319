"""The shipped data, checked file by file and entity by entity, so that one run lists every bad
record rather than stopping at the first (bioregistry's practice)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from dprkfilm_graph.fmt import canonical_text
from dprkfilm_graph.graph import build_graph
from dprkfilm_graph.load import load_data, load_ontology, parse_turtle
from dprkfilm_graph.namespaces import BASE, DFO, ENTITY_CLASSES, RDF
from dprkfilm_graph.paths import data_dir, data_files
from dprkfilm_graph.validate import Report, Severity, validate_graph

FILES = data_files()


@cache
def _report() -> Report:
    data = load_data(FILES)
    return validate_graph(build_graph(data), data)


@cache
def _entities() -> list[str]:
    graph = load_data(FILES).graph
    found = {str(s) for cls in ENTITY_CLASSES for s in graph.subjects(RDF.type, cls)}
    found |= {str(s) for s in graph.subjects(RDF.type, DFO.Claim)}
    return sorted(found)


def _rel(path: Path) -> str:
    return (
        str(path.relative_to(data_dir().parent))
        if path.is_relative_to(data_dir().parent)
        else str(path)
    )


@pytest.mark.parametrize("path", FILES, ids=_rel)
def test_file_parses_without_blank_nodes(path: Path) -> None:
    parse_turtle(path, allow_bnodes=False)


@pytest.mark.parametrize("path", FILES, ids=_rel)
def test_file_is_canonical(path: Path) -> None:
    assert path.read_text(encoding="utf-8") == canonical_text(path), (
        f"{_rel(path)} is not in canonical form: run `dprkfilm fmt {_rel(path)}`"
    )


@pytest.mark.parametrize("entity", _entities())
def test_entity_conforms(entity: str) -> None:
    results = [
        r for r in _report().results if r.focus == entity and r.severity is Severity.VIOLATION
    ]
    problems = [f"{r.message}" + (f" [{r.path}]" if r.path else "") for r in results]
    where = results[0].file if results else ""
    assert not problems, f"{entity} in {where}:\n" + "\n".join(problems)


def test_whole_graph_conforms() -> None:
    assert _report().conforms, _report().to_text()


def test_every_iri_is_under_a_known_kind() -> None:
    from dprkfilm_graph.namespaces import ENTITY_SEGMENTS

    graph = load_data(FILES).graph
    bad = sorted(
        {
            str(t)
            for triple in graph
            for t in triple
            if isinstance(t, URIRef)
            and str(t).startswith(BASE)
            and not str(t).startswith(str(DFO))
            and str(t)[len(BASE) :].split("/", 1)[0] not in ENTITY_SEGMENTS
        }
    )
    assert not bad, f"IRIs outside the documented kinds (namespaces.ENTITY_SEGMENTS): {bad}"


def test_every_ontology_term_used_is_defined() -> None:
    graph: Graph = load_data(FILES).graph
    ontology = load_ontology()
    used = {
        t
        for triple in graph
        for t in triple
        if isinstance(t, URIRef) and str(t).startswith(str(DFO))
    }
    undefined = sorted(str(t) for t in used if (t, None, None) not in ontology)
    assert not undefined, (
        f"terms used in data/ but not defined in ontology/dprkfilm.ttl: {undefined}"
    )


def test_every_claim_cites_a_described_source() -> None:
    graph = load_data(FILES).graph
    from dprkfilm_graph.namespaces import PROV

    for claim in graph.subjects(RDF.type, DFO.Claim):
        sources = list(graph.objects(claim, PROV.wasDerivedFrom))
        assert sources, f"{claim} has no source"
        for source in sources:
            assert (source, RDF.type, PROV.Entity) in graph, f"{claim} cites undescribed {source}"


def test_no_entity_has_two_display_labels() -> None:
    """rdfs:label is what pages and query answers show: one per entity, whichever file adds it."""
    from collections import Counter

    from dprkfilm_graph.namespaces import RDFS

    counts = Counter(load_data(FILES).graph.subjects(RDFS.label))
    assert sorted(str(s) for s, n in counts.items() if n > 1) == []
