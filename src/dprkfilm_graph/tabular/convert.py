"""Rows -> entities and claims, each claim derived from the row's source.

IRIs are stable: an entity's from the slug of its key cells, a source's from its URL, a claim's
from a hash of what it says and where it comes from; so re-importing a row mints nothing new.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlparse

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from dprkfilm_graph.load import new_graph
from dprkfilm_graph.namespaces import (
    BASE,
    CLAIM,
    DCTERMS,
    DFO,
    ORG,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SOURCE,
    XSD,
)
from dprkfilm_graph.surnames import is_korean_name
from dprkfilm_graph.tabular.mapping import TYPES, Column, Mapping
from dprkfilm_graph.tabular.rows import Row

_YEAR = re.compile(r"^[0-9]{4}$")
_URL = re.compile(r"^https?://\S+$")


@dataclass(frozen=True)
class Problem:
    """What is wrong with one cell (or row), and how to fix it."""

    line: int
    column: str
    message: str


@dataclass(frozen=True)
class FilmLink:
    """A cell naming a film, to be found among the films already in the graph."""

    line: int
    column: str
    title: str
    placeholder: URIRef


@dataclass
class Converted:
    """The graph of the rows, and which entities and sources each row stands for."""

    graph: Graph = field(default_factory=new_graph)
    problems: list[Problem] = field(default_factory=list)
    row_entity: dict[int, URIRef] = field(default_factory=dict)
    row_entities: dict[int, list[URIRef]] = field(default_factory=dict)
    row_sources: dict[int, list[URIRef]] = field(default_factory=dict)
    row_linked: dict[int, list[URIRef]] = field(default_factory=dict)  # people, organisations
    film_links: list[FilmLink] = field(default_factory=list)


def slug(text: str) -> str:
    """Lower-case words joined by hyphens, accents dropped; Hangul kept as syllables."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    folded = unicodedata.normalize("NFC", folded)  # Hangul syllables, not their jamo
    return re.sub(r"[^\w]+", "-", folded).strip("-_")


def _hash(*parts: Node | str) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:12]


def source_iri(url: str) -> URIRef:
    """A source's IRI from its URL: the same page is one source wherever it is cited."""
    return SOURCE[f"web-{_hash(url)}"]


def publisher_iri(url: str) -> URIRef:
    """The site publishing a page, as the agent its claims are attributed to."""
    return ORG[f"site-{slug(urlparse(url).netloc)}"]


def _describe_source(graph: Graph, url: str, known: dict[str, URIRef] | None = None) -> URIRef:
    """The source of `url` (one the data already describes, else a new web page source) and
    the site publishing it, the agent its claims are attributed to."""
    source = known[url] if known and url in known else source_iri(url)
    if source == source_iri(url):
        graph.add((source, RDF.type, SCHEMA.WebPage))
        graph.add((source, RDF.type, PROV.Entity))
        graph.add((source, RDFS.label, Literal(url)))
        graph.add((source, SCHEMA.url, URIRef(url)))
        graph.add((source, SCHEMA.publisher, publisher_iri(url)))
    site = publisher_iri(url)
    host = urlparse(url).netloc
    graph.add((site, RDF.type, SCHEMA.Organization))
    graph.add((site, RDF.type, PROV.Agent))
    graph.add((site, RDFS.label, Literal(host)))
    add_claim(graph, site, SCHEMA.name, Literal(host), source, site)
    graph.add((site, DCTERMS.source, source))
    return source


_BRACKETED = re.compile(r"^(?P<name>[^()]*?)\s*\((?P<native>[^()]*)\)$")


def split_bracketed(value: str) -> tuple[str, list[str]]:
    """("Jo Kyong-sun", ["조경순"]) from "Jo Kyong-sun (조경순)"; "/" divides alternatives."""
    found = _BRACKETED.match(value.strip())
    if not found:
        return value.strip(), []
    natives = [n.strip() for n in found["native"].split("/") if n.strip()]
    return found["name"].strip(), natives


def _values(column: Column, cell: str) -> list[str]:
    parts = cell.split(column.separator) if column.separator else [cell]
    return [p.strip() for p in parts if p.strip()]


def _term(column: Column, value: str, problems: list[Problem], line: int) -> Node | None:
    if column.entity:
        if column.bracketed_language:
            value = split_bracketed(value)[0]  # the IRI comes from the name, not its native form
        if not slug(value):
            problems.append(Problem(line, column.name, f"{value!r} gives no name to link"))
            return None
        return URIRef(BASE + TYPES[column.entity][1] + "/" + slug(value))
    if column.terms:
        for word, term in column.terms:
            if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", value, re.IGNORECASE):
                return term
        words = ", ".join(word for word, _ in column.terms)
        problems.append(Problem(line, column.name, f"{value!r} names none of: {words}"))
        return None
    if column.datatype == XSD.gYear:
        if not _YEAR.match(value):
            problems.append(
                Problem(line, column.name, f"{value!r} is not a year: write four digits, e.g. 1972")
            )
            return None
        return Literal(value, datatype=XSD.gYear)
    if column.datatype is not None:
        return Literal(value, datatype=column.datatype)
    return Literal(value, lang=column.language) if column.language else Literal(value)


def _claim(
    graph: Graph, name: str, subject: URIRef, prop: URIRef, source: URIRef, agent: URIRef
) -> URIRef:
    """A stated, imported claim named `<subject>-<property>-<name>`, without its value."""
    local = subject.removeprefix(BASE).replace("/", "-")
    claim = CLAIM[f"{local}-{slug(prop.split('/')[-1].split('#')[-1])}-{name}"]
    graph.add((claim, RDF.type, DFO.Claim))
    graph.add((claim, RDF.subject, subject))
    graph.add((claim, RDF.predicate, prop))
    graph.add((claim, DFO.method, DFO.SpreadsheetImport))
    graph.add((claim, DFO.status, DFO.Stated))
    graph.add((claim, PROV.wasDerivedFrom, source))
    graph.add((claim, PROV.wasAttributedTo, agent))
    return claim


def add_claim(
    graph: Graph, subject: URIRef, prop: URIRef, obj: Node, source: URIRef, agent: URIRef
) -> URIRef:
    """One stated claim, imported from a spreadsheet row's source."""
    claim = _claim(graph, _hash(subject, prop, obj, source), subject, prop, source, agent)
    graph.add((claim, RDF.object, obj))
    return claim


def _row_urls(mapping: Mapping, row: Row, source: str | None, out: Converted) -> list[str]:
    urls = [source] if source else []
    if not urls and mapping.source_column:
        cell = row.cells.get(mapping.source_column, "")
        urls = [u.split(" ")[0] for u in cell.split(mapping.source_separator) if u.strip()]
    if not urls:
        out.problems.append(
            Problem(row.line, mapping.source_column or "-", "no source: give its URL")
        )
    for url in urls:
        if not _URL.match(url):
            out.problems.append(
                Problem(row.line, mapping.source_column or "--source", f"{url!r} is not a URL")
            )
    return urls


def _key(row: Row, columns: tuple[str, ...]) -> str:
    return "-".join(slug(row.cells.get(k, "")) for k in columns if slug(row.cells.get(k, "")))


def _present(mapping: Mapping, row: Row) -> dict[str, str]:
    """Each entity the row describes, by id, with its key slug (parents before children)."""
    found: dict[str, str] = {}
    for spec in mapping.entities:
        if spec.parent is not None and spec.parent not in found:
            continue
        if spec.parent is not None and not any(row.cells.get(w) for w in spec.when):
            continue
        found[spec.id] = _key(row, spec.key)
    return found


def unknown_claim(
    graph: Graph, subject: URIRef, prop: URIRef, source: URIRef, agent: URIRef
) -> URIRef:
    """A stated claim that `subject` has a value for `prop` which the source does not give."""
    name = f"unknown-{_hash(subject, prop, source)}"
    claim = _claim(graph, name, subject, prop, source, agent)
    graph.add((claim, DFO.valueStatus, DFO.UnknownValue))
    return claim


def convert(
    mapping: Mapping,
    rows: list[Row],
    source: str | None = None,
    known_sources: dict[str, URIRef] | None = None,
) -> Converted:
    """Every row as its entities with one claim per value; problems collected, not raised.

    `known_sources` (URL -> IRI) are sources the data already describes: a row citing one of
    those pages cites that source rather than describing the page again.
    """
    out = Converted()
    graph = out.graph
    for row in rows:
        before = len(out.problems)
        urls = _row_urls(mapping, row, source, out)
        present = _present(mapping, row)
        for spec in mapping.entities:
            if spec.id in present and not present[spec.id]:
                out.problems.append(
                    Problem(row.line, spec.key[0], "the key cell is empty: every row needs one")
                )
        for column in mapping.columns:
            if column.required and not row.cells.get(column.name):
                out.problems.append(Problem(row.line, column.name, "required, but empty"))
        if len(out.problems) > before:
            continue
        sources = [_describe_source(graph, url, known_sources) for url in urls]
        agent = publisher_iri(urls[0])
        # A page cited under its web-page IRI before its source was described is that source too.
        out.row_sources[row.line] = sources + [
            source_iri(u) for u in urls if source_iri(u) not in sources
        ]
        iris: dict[str, URIRef] = {}
        for spec in mapping.entities:
            if spec.id not in present:
                continue
            entity = URIRef(f"{BASE}{spec.segment}/{present[spec.id]}")
            iris[spec.id] = entity
            for cls in spec.classes:
                graph.add((entity, RDF.type, cls))
            label = next((row.cells[c] for c in spec.label if row.cells.get(c)), present[spec.id])
            graph.add((entity, RDFS.label, Literal(label)))
            for src in sources:
                graph.add((entity, DCTERMS.source, src))
                if spec.parent is not None and spec.link is not None:
                    add_claim(graph, iris[spec.parent], spec.link, entity, src, agent)
            for column in mapping.columns_of(spec.id):
                _cell_claims(out, row, column, entity, sources, agent)
        out.row_entity[row.line] = iris[mapping.root.id]
        out.row_entities[row.line] = list(iris.values())
    return out


def _cell_claims(
    out: Converted,
    row: Row,
    column: Column,
    entity: URIRef,
    sources: list[URIRef],
    agent: URIRef,
) -> None:
    values = _values(column, row.cells.get(column.name, ""))
    if not values and column.unknown_if_empty:
        for src in sources:
            unknown_claim(out.graph, entity, column.property, src, agent)
    if column.unknown_stated_as:
        for value in values:
            for src in sources:
                claim = unknown_claim(out.graph, entity, column.property, src, agent)
                out.graph.add((claim, DFO.statedAs, Literal(value)))
        return
    for value in values:
        obj = _term(column, value, out.problems, row.line)
        if obj is None:
            continue
        if column.entity == "film" and isinstance(obj, URIRef):
            out.film_links.append(FilmLink(row.line, column.name, value, obj))
        elif column.entity and isinstance(obj, URIRef):
            name, natives = split_bracketed(value) if column.bracketed_language else (value, [])
            _linked_entity(out.graph, column, obj, name, sources, agent)
            out.row_linked.setdefault(row.line, []).append(obj)
            for native in natives:
                assert column.bracketed_language is not None
                for src in sources:
                    add_claim(
                        out.graph,
                        obj,
                        SCHEMA.name,
                        Literal(native, lang=column.bracketed_language),
                        src,
                        agent,
                    )
        for src in sources:
            claim = add_claim(out.graph, entity, column.property, obj, src, agent)
            if column.terms:  # the sheet's words for the term, kept as the source gave them
                out.graph.add((claim, DFO.statedAs, Literal(value)))


def _linked_entity(
    graph: Graph, column: Column, entity: URIRef, name: str, sources: list[URIRef], agent: URIRef
) -> None:
    """A person or organisation named in a cell: typed, labelled, named by a sourced claim."""
    assert column.entity is not None
    for cls in TYPES[column.entity][0]:
        graph.add((entity, RDF.type, cls))
    graph.add((entity, RDFS.label, Literal(name)))
    language = column.entity_language
    if column.plain_if_not_korean and not is_korean_name(name):
        language = None
    name_literal = Literal(name, lang=language) if language else Literal(name)
    for src in sources:
        graph.add((entity, DCTERMS.source, src))
        add_claim(graph, entity, SCHEMA.name, name_literal, src, agent)
