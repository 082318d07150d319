"""Years the sources disagree on: one claim per source, so both stand side by side.

The film list gives one year per row and cites several pages; where its notes say the pages
disagree, a curated sheet (english_title, year, source, basis; optionally studio) names which page
gives which year, and the studio a page gives beside it where the list's row names none
(Pulgasari: nk.chosun gives 1986 and the Korean Feature Film Studio). A row whose `quote` keeps
the page's words showing the year is that page's claim; a row without is the compiled table's,
the page one of its references, until someone reads the page.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, URIRef

from dprkfilm_graph.errors import InputError
from dprkfilm_graph.evidence import shows
from dprkfilm_graph.load import new_graph
from dprkfilm_graph.namespaces import BASE, DCTERMS, DFO, ORG, PROV, SCHEMA, XSD
from dprkfilm_graph.tabular.convert import (
    Origin,
    _describe_source,
    _linked_entity,
    claim_from,
    describe_dataset,
    publisher_iri,
    slug,
    split_bracketed,
)
from dprkfilm_graph.tabular.mapping import Column, Dataset
from dprkfilm_graph.tabular.rows import read_rows

# A studio named beside a year: an organisation, named in English, as the film list's column.
STUDIO = Column("studio", SCHEMA.productionCompany, entity="org", entity_language="en")


def disputed_titles(sheet: Path) -> frozenset[str]:
    """The English titles whose year comes from the sheet, not from the film list's row."""
    return frozenset(r.cells["english_title"] for r in read_rows(sheet, ["english_title"]))


def year_claims(sheet: Path, table: Dataset) -> Graph:
    """Every row as a stated year of film/<slug of the English title>: its page's, in the
    page's words (`quote`), or else the compiled `table`'s, the page among its references."""
    graph = new_graph()
    for row in read_rows(sheet, ["english_title", "year", "source"]):
        year, url = row.cells["year"], row.cells["source"]
        quote = row.cells.get("quote", "").strip()
        where = (str(sheet), row.line)
        if len(year) != 4 or not year.isdigit():
            raise InputError(f"column year: {year!r} is not a year", path=where[0], line=where[1])
        if not url.startswith(("http://", "https://")):
            raise InputError(f"column source: {url!r} is not a URL", path=where[0], line=where[1])
        if quote and not shows(quote, year):
            raise InputError(
                f"column quote: the words do not show {year!r}", path=where[0], line=where[1]
            )
        film = URIRef(f"{BASE}film/{slug(row.cells['english_title'])}")
        source = _describe_source(graph, url)
        page = Origin(source, publisher_iri(url), DFO.StatedInSource, quote)
        compiled = describe_dataset(graph, table)
        graph.add((compiled.source, PROV.wasDerivedFrom, source))
        year_from = page if quote else compiled
        claim_from(graph, film, SCHEMA.datePublished, Literal(year, datatype=XSD.gYear), year_from)
        studio = row.cells.get("studio", "").strip()
        if studio:  # "Korean Feature Film Studio (조선예술영화촬영소)": a name, its Hangul form
            name, natives = split_bracketed(studio)
            org = ORG[slug(name)]
            _linked_entity(graph, STUDIO, org, name, [_said(quote, name, page, compiled)])
            for native in natives:
                said = _said(quote, native, page, compiled)
                graph.add((org, DCTERMS.source, said.source))
                claim_from(graph, org, SCHEMA.name, Literal(native, lang="ko"), said)
            shown = any(shows(quote, w) for w in (name, *natives)) if quote else False
            claim_from(graph, film, SCHEMA.productionCompany, org, page if shown else compiled)
    return graph


def _said(quote: str, words: str, page: Origin, compiled: Origin) -> Origin:
    """The page, if its quote shows `words`; else the compiled table."""
    return page if quote and shows(quote, words) else compiled
