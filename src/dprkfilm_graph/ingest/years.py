"""Years the sources disagree on: one claim per source, so both stand side by side.

The film list gives one year per row and cites several pages; where its notes say the pages
disagree, a curated sheet (english_title, year, source, basis; optionally studio) names which page
gives which year, and the studio a page gives beside it where the list's row names none
(Pulgasari: nk.chosun gives 1986 and the Korean Feature Film Studio).
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, URIRef

from dprkfilm_graph.errors import InputError
from dprkfilm_graph.load import new_graph
from dprkfilm_graph.namespaces import BASE, ORG, SCHEMA, XSD
from dprkfilm_graph.tabular.convert import (
    _describe_source,
    _linked_entity,
    add_claim,
    publisher_iri,
    slug,
)
from dprkfilm_graph.tabular.mapping import Column
from dprkfilm_graph.tabular.rows import read_rows

# A studio named beside a year: an organisation, named in English, as the film list's column.
STUDIO = Column("studio", SCHEMA.productionCompany, entity="org", entity_language="en")


def disputed_titles(sheet: Path) -> frozenset[str]:
    """The English titles whose year comes from the sheet, not from the film list's row."""
    return frozenset(r.cells["english_title"] for r in read_rows(sheet, ["english_title"]))


def year_claims(sheet: Path) -> Graph:
    """Every row as a stated year of film/<slug of the English title>, from its own source."""
    graph = new_graph()
    for row in read_rows(sheet, ["english_title", "year", "source"]):
        year, url = row.cells["year"], row.cells["source"]
        if len(year) != 4 or not year.isdigit():
            raise InputError(f"column year: {year!r} is not a year", path=str(sheet), line=row.line)
        if not url.startswith(("http://", "https://")):
            raise InputError(f"column source: {url!r} is not a URL", path=str(sheet), line=row.line)
        film = URIRef(f"{BASE}film/{slug(row.cells['english_title'])}")
        source = _describe_source(graph, url)
        agent = publisher_iri(url)
        add_claim(
            graph, film, SCHEMA.datePublished, Literal(year, datatype=XSD.gYear), source, agent
        )
        studio = row.cells.get("studio", "").strip()
        if studio:
            org = ORG[slug(studio)]
            _linked_entity(graph, STUDIO, org, studio, [source], agent)
            add_claim(graph, film, SCHEMA.productionCompany, org, source, agent)
    return graph
