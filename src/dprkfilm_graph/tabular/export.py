"""The graph -> a spreadsheet with a mapping's columns, so a sheet can go out and come back."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from dprkfilm_graph.atomic import write_text
from dprkfilm_graph.derive import asserting_claims
from dprkfilm_graph.namespaces import PROV, RDF, RDFS, SCHEMA
from dprkfilm_graph.tabular.mapping import Column, Mapping
from dprkfilm_graph.tabular.rows import delimiter


def _cell(graph: Graph, entity: URIRef, column: Column) -> list[str]:
    values = []
    for obj in graph.objects(entity, column.property):
        if column.entity:
            if isinstance(obj, URIRef):
                label = graph.value(obj, RDFS.label) or graph.value(obj, SCHEMA.name)
                values.append(str(label) if label is not None else str(obj))
        elif isinstance(obj, Literal):
            if column.language and (obj.language or "").lower() != column.language.lower():
                continue
            if column.datatype and obj.datatype != column.datatype:
                continue
            if not column.language and not column.datatype and (obj.language or obj.datatype):
                continue
            values.append(str(obj))
    return sorted(set(values))


def _sources(graph: Graph, entity: URIRef) -> list[str]:
    urls = set()
    for claim, (s, _, _) in asserting_claims(graph):
        if s == entity:
            for source in graph.objects(claim, PROV.wasDerivedFrom):
                url = graph.value(source, SCHEMA.url)
                if url is not None:
                    urls.add(str(url))
    return sorted(urls)


def export_rows(mapping: Mapping, graph: Graph) -> list[dict[str, str]]:
    """One row per entity of the mapping's type, ordered by IRI; multi-valued cells sorted."""
    rows = []
    for entity in sorted(graph.subjects(RDF.type, mapping.type_class), key=str):
        if not isinstance(entity, URIRef):
            continue
        row: dict[str, str] = {}
        for column in mapping.columns:
            values = _cell(graph, entity, column)
            if not column.separator:
                values = values[:1]
            row[column.name] = (column.separator or "").join(values)
        if mapping.source_column:
            row[mapping.source_column] = mapping.source_separator.join(_sources(graph, entity))
        rows.append(row)
    return rows


def export_sheet(mapping: Mapping, graph: Graph, out: Path) -> int:
    """Write the rows to `out` (CSV or TSV by its suffix) atomically; the number of rows."""
    rows = export_rows(mapping, graph)
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=mapping.header(), delimiter=delimiter(out), lineterminator="\n"
    )
    writer.writeheader()
    writer.writerows(rows)
    write_text(out, buffer.getvalue())
    return len(rows)


__all__ = ["export_rows", "export_sheet"]
