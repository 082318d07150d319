"""The graph -> a spreadsheet with a mapping's columns, so a sheet can go out and come back."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from dprkfilm_graph.atomic import write_text
from dprkfilm_graph.derive import ASSERTING_STATUSES, asserting_claims
from dprkfilm_graph.evidence import duration_amount
from dprkfilm_graph.namespaces import DFO, PROV, RDF, RDFS, SCHEMA
from dprkfilm_graph.tabular.mapping import TYPES, Column, Mapping
from dprkfilm_graph.tabular.rows import neutralise


def _linked_name(graph: Graph, obj: URIRef, language: str | None) -> str:
    """What a cell calls a linked entity: its name in the column's language, else its label."""
    if language:
        for name in sorted(graph.objects(obj, SCHEMA.name), key=str):
            if isinstance(name, Literal) and (name.language or "").lower() == language.lower():
                return str(name)
    label = graph.value(obj, RDFS.label) or graph.value(obj, SCHEMA.name)
    return str(label) if label is not None else str(obj)


def _linked_cell(graph: Graph, obj: URIRef, column: Column) -> str:
    """A linked entity's name, with its names in the bracketed language after it."""
    name = _linked_name(graph, obj, column.entity_language)
    if not column.bracketed_language:
        return name
    natives = sorted(
        str(n)
        for n in graph.objects(obj, SCHEMA.name)
        if isinstance(n, Literal) and (n.language or "").lower() == column.bracketed_language
    )
    return f"{name} ({'/'.join(natives)})" if natives else name


def _stated_unknown(graph: Graph, entity: URIRef, column: Column) -> list[str]:
    """The words of the claims that `entity` has a `column.property` the source does not give."""
    return sorted(
        {
            str(words)
            for claim in graph.subjects(RDF.subject, entity)
            if graph.value(claim, RDF.predicate) == column.property
            and (claim, DFO.valueStatus, DFO.UnknownValue) in graph
            and (words := graph.value(claim, DFO.statedAs)) is not None
        }
    )


def _words_for_terms(graph: Graph, entity: URIRef, column: Column) -> list[str]:
    """The sheet's words for each term `entity` has in the column (its key word if none kept)."""
    words = set()
    terms: dict[Node, str] = {term: word for word, term in reversed(column.terms)}
    for claim in graph.subjects(RDF.subject, entity):
        term = graph.value(claim, RDF.object)
        if (
            graph.value(claim, RDF.predicate) == column.property
            and graph.value(claim, DFO.status) in ASSERTING_STATUSES
            and term in terms
        ):
            said = graph.value(claim, DFO.statedAs)
            words.add(str(said) if said is not None else terms[term])
    return sorted(words)


def _cell(graph: Graph, entity: URIRef, column: Column) -> list[str]:
    if column.unknown_stated_as:
        return _stated_unknown(graph, entity, column)
    if column.terms:
        return _words_for_terms(graph, entity, column)
    values = []
    for obj in graph.objects(entity, column.property):
        if column.entity:
            kind = TYPES[column.entity][0][0]  # performers: people in one column, groups in another
            if isinstance(obj, URIRef) and (obj, RDF.type, kind) in graph:
                values.append(_linked_cell(graph, obj, column))
        elif isinstance(obj, Literal):
            if column.language and (obj.language or "").lower() != column.language.lower():
                continue
            if column.datatype and obj.datatype != column.datatype:
                continue
            if not column.language and not column.datatype and (obj.language or obj.datatype):
                continue
            values.append(duration_amount(obj) if column.unit else str(obj))
    return sorted(set(values))


def _sources(graph: Graph, entities: set[URIRef]) -> list[str]:
    urls = set()
    for claim, (s, _, _) in asserting_claims(graph):
        if s in entities:
            for source in graph.objects(claim, PROV.wasDerivedFrom):
                url = graph.value(source, SCHEMA.url)
                if url is not None:
                    urls.add(str(url))
    return sorted(urls)


def _first(nodes: list[object]) -> URIRef | None:
    refs = sorted((n for n in nodes if isinstance(n, URIRef)), key=str)
    return refs[0] if refs else None


def row_entities(mapping: Mapping, graph: Graph, entity: URIRef) -> dict[str, URIRef]:
    """The entities one exported row describes, found from its row entity along the links."""
    found: dict[str, URIRef] = {mapping.rows: entity}
    spec = mapping.entity(mapping.rows)
    while spec.parent is not None and spec.link is not None:  # up to the root
        parent = _first(list(graph.subjects(spec.link, found[spec.id])))
        if parent is None:
            break
        found[spec.parent] = parent
        spec = mapping.entity(spec.parent)
    for spec in mapping.entities:  # down to the rest, parents first
        if spec.id in found or spec.parent not in found or spec.link is None:
            continue
        child = _first(list(graph.objects(found[spec.parent], spec.link)))
        if child is not None:
            found[spec.id] = child
    return found


def export_rows(mapping: Mapping, graph: Graph) -> list[dict[str, str]]:
    """One row per entity of the mapping's row type, ordered by IRI; multi-valued cells sorted."""
    rows = []
    row_class = mapping.entity(mapping.rows).classes[0]
    for entity in sorted(graph.subjects(RDF.type, row_class), key=str):
        if not isinstance(entity, URIRef):
            continue
        entities = row_entities(mapping, graph, entity)
        row: dict[str, str] = {}
        for column in mapping.columns:
            described = entities.get(column.of)
            values = _cell(graph, described, column) if described is not None else []
            if not column.separator:
                values = values[:1]
            row[column.name] = (column.separator or "").join(values)
        if mapping.source_column:
            sources = _sources(graph, set(entities.values()))
            row[mapping.source_column] = mapping.source_separator.join(sources)
        rows.append(row)
    return rows


def export_sheet(mapping: Mapping, graph: Graph, out: Path) -> int:
    """Write the rows to `out` (CSV or TSV by its suffix) atomically; the number of rows."""
    rows = export_rows(mapping, graph)
    buffer = io.StringIO()
    delimiter = "\t" if out.suffix.lower() in (".tsv", ".tab") else ","
    writer = csv.DictWriter(
        buffer, fieldnames=mapping.header(), delimiter=delimiter, lineterminator="\n"
    )
    writer.writeheader()
    # A value a spreadsheet would run as a formula goes out as text (see rows.neutralise).
    writer.writerows({k: neutralise(v) for k, v in row.items()} for row in rows)
    write_text(out, buffer.getvalue())
    return len(rows)


__all__ = ["export_rows", "export_sheet", "row_entities"]
