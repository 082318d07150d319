"""Rows -> entities and claims, each claim derived from the source that states it.

A value's source is the page its column's source cell names, with the page's words from its
quote cell, when they show the value; else the row's one page; else, for a table compiled from
the pages its rows list (the mapping's [dataset]), the table itself, "compiled from" it. A row's
several pages are never all credited with each of its values.

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

from dprkfilm_graph.checks import problem_of_iri
from dprkfilm_graph.evidence import person_forms, shows
from dprkfilm_graph.korean.surnames import is_korean_name
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
from dprkfilm_graph.tabular.mapping import TYPES, UNITS, Column, Dataset, Mapping
from dprkfilm_graph.tabular.rows import Row

_YEAR = re.compile(r"^[0-9]{4}$")
_URL = re.compile(r"^https?://\S+$")
# Several pages stating one value, in a source cell and its quote cell (a quote may hold " | ").
PAGE_SEPARATOR = " || "


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


@dataclass(frozen=True)
class Origin:
    """Where a claim comes from: its source, who said it, how, and the source's words."""

    source: URIRef
    agent: URIRef
    method: URIRef
    quote: str | None = None


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
    """The source of `url`: one the data already describes, else a new web page source with
    the site publishing it, the agent its claims are attributed to. The site's name is the
    host its address gives, the address kept as the words that state it."""
    source = known[url] if known and url in known else source_iri(url)
    if source != source_iri(url):
        return source
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
    named = add_claim(
        graph, site, SCHEMA.name, Literal(host), source, site, DFO.StatedInSource, url
    )
    graph.add((named, RDFS.comment, Literal("The site's name as the page's address gives it.")))
    graph.add((site, DCTERMS.source, source))
    return source


def dataset_iri(dataset: Dataset) -> URIRef:
    """The IRI of a compiled table as a source."""
    return SOURCE[slug(dataset.id)]


def compiler_iri(dataset: Dataset) -> URIRef:
    """Who compiled the table: the agent of its claims."""
    return ORG[slug(dataset.compiler_id)]


def describe_dataset(graph: Graph, dataset: Dataset) -> Origin:
    """The table as a source (a dataset with its compiler and date) and the origin of the
    claims compiled from it."""
    source, compiler = dataset_iri(dataset), compiler_iri(dataset)
    graph.add((source, RDF.type, SCHEMA.Dataset))
    graph.add((source, RDF.type, PROV.Entity))
    graph.add((source, RDFS.label, Literal(dataset.title, lang="en")))
    graph.add((source, SCHEMA.name, Literal(dataset.title, lang="en")))
    graph.add((source, SCHEMA.author, compiler))
    graph.add((source, SCHEMA.dateCreated, Literal(dataset.date, datatype=XSD.date)))
    graph.add((source, DCTERMS.identifier, Literal(dataset.sheet)))
    if dataset.note:
        graph.add((source, RDFS.comment, Literal(dataset.note, lang="en")))
    graph.add((compiler, RDF.type, SCHEMA.Organization))
    graph.add((compiler, RDF.type, PROV.Agent))
    graph.add((compiler, RDFS.label, Literal(dataset.compiler)))
    graph.add((compiler, DCTERMS.source, source))
    add_claim(
        graph, compiler, SCHEMA.name, Literal(dataset.compiler), source, compiler, DFO.CompiledFrom
    )
    return Origin(source, compiler, DFO.CompiledFrom)


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
    if column.unit:
        if not value.isascii() or not value.isdigit() or int(value) == 0:
            problems.append(
                Problem(line, column.name, f"{value!r} is not a number of {column.unit}, e.g. 108")
            )
            return None
        return Literal(f"PT{int(value)}{UNITS[column.unit]}", datatype=XSD.duration)
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
    graph: Graph,
    name: str,
    subject: URIRef,
    prop: URIRef,
    source: URIRef,
    agent: URIRef,
    method: URIRef,
    quote: str | None,
) -> URIRef:
    """A stated, imported claim named `<subject>-<property>-<name>`, without its value."""
    local = subject.removeprefix(BASE).replace("/", "-")
    claim = CLAIM[f"{local}-{slug(prop.split('/')[-1].split('#')[-1])}-{name}"]
    graph.add((claim, RDF.type, DFO.Claim))
    graph.add((claim, RDF.subject, subject))
    graph.add((claim, RDF.predicate, prop))
    graph.add((claim, DFO.method, method))
    graph.add((claim, DFO.status, DFO.Stated))
    graph.add((claim, PROV.wasDerivedFrom, source))
    graph.add((claim, PROV.wasAttributedTo, agent))
    if quote is not None:
        graph.add((claim, DFO.statedAs, Literal(quote)))
    return claim


def add_claim(
    graph: Graph,
    subject: URIRef,
    prop: URIRef,
    obj: Node,
    source: URIRef,
    agent: URIRef,
    method: URIRef = DFO.SpreadsheetImport,
    quote: str | None = None,
) -> URIRef:
    """One stated claim, imported from a spreadsheet row's source (with its words, if kept)."""
    name = _hash(subject, prop, obj, source)
    claim = _claim(graph, name, subject, prop, source, agent, method, quote)
    graph.add((claim, RDF.object, obj))
    return claim


def claim_from(graph: Graph, subject: URIRef, prop: URIRef, obj: Node, origin: Origin) -> URIRef:
    """A claim from `origin`."""
    return add_claim(
        graph, subject, prop, obj, origin.source, origin.agent, origin.method, origin.quote
    )


def _urls(cell: str, separator: str) -> list[str]:
    """The URLs of a cell, text after a URL ("… (stored copy)") ignored."""
    return [u.strip().split(" ")[0] for u in cell.split(separator) if u.strip()]


def _stray_text(cell: str, separator: str) -> str | None:
    """A part of a source cell with words after its URL that are not a note in brackets (a URL
    with a space in it, which _urls would cut short), or None."""
    for part in cell.split(separator):
        rest = part.strip().partition(" ")[2].strip()
        if rest and not rest.startswith("("):
            return part.strip()
    return None


def _row_urls(mapping: Mapping, row: Row, source: str | None, out: Converted) -> list[str]:
    urls = [source] if source else []
    column = mapping.source_column or "--source"
    if not urls and mapping.source_column:
        cell = row.cells.get(mapping.source_column, "")
        stray = _stray_text(cell, mapping.source_separator)
        if stray is not None:
            out.problems.append(
                Problem(
                    row.line,
                    column,
                    f"{stray!r}: a URL holds no space; percent-encode it (%20), or put a note "
                    "after the URL in brackets",
                )
            )
        urls = _urls(cell, mapping.source_separator)
    for url in urls:
        if not _URL.match(url):
            out.problems.append(Problem(row.line, column, f"{url!r} is not a URL"))
        elif problem := problem_of_iri(url):
            out.problems.append(Problem(row.line, column, problem))
    return urls


# The pages named for each value of a cell: (URL, the page's words), none for a value whose
# source cell part is empty.
Pages = list[list[tuple[str, str]]]


def _cell_pages(column: Column, row: Row, values: list[str], out: Converted) -> Pages:
    """Each value's pages and quotes, from the column's source and quote cells."""
    if not column.source or not column.quote:
        return [[] for _ in values]
    cited = row.cells.get(column.source, "")
    words = row.cells.get(column.quote, "")
    if not cited.strip():
        if words.strip():
            out.problems.append(
                Problem(row.line, column.source, "a quote without its page: give the page's URL")
            )
        return [[] for _ in values]
    # Split as the values are (a cell's edges are trimmed, so "url; " arrives as "url;").
    split = column.separator.strip() or column.separator if column.separator else None
    sources = cited.split(split) if split else [cited]
    quotes = words.split(split) if split else [words]
    if len(sources) != len(values) or len(quotes) != len(values):
        out.problems.append(
            Problem(
                row.line,
                column.source,
                f"{len(values)} value(s) but {len(sources)} source(s) and {len(quotes)} "
                f"quote(s): give one of each per value, split by {split!r}",
            )
        )
        return [[] for _ in values]
    found: Pages = []
    for value, cell, said in zip(values, sources, quotes, strict=True):
        urls = _urls(cell, PAGE_SEPARATOR)
        texts = [q.strip() for q in said.split(PAGE_SEPARATOR)]
        if not urls:
            found.append([])
            continue
        if len(texts) != len(urls) or not all(texts):
            out.problems.append(
                Problem(row.line, column.quote, f"give the words of each page stating {value!r}")
            )
            found.append([])
            continue
        for url in urls:
            if not _URL.match(url):
                out.problems.append(Problem(row.line, column.source, f"{url!r} is not a URL"))
        shown = _shown(column, value)
        for text in texts:
            if not any(shows(text, words) for words in shown):
                out.problems.append(
                    Problem(row.line, column.quote, f"{text!r} does not show {shown[0]!r}")
                )
        found.append(list(zip(urls, texts, strict=True)))
    return found


def _shown(column: Column, value: str) -> list[str]:
    """What a quote may show of a cell's value: the value, or a linked entity's name or one of
    its forms in brackets (a page giving only 민정식 states who "Min Chong-sik (민정식)" is)."""
    if column.entity and column.bracketed_language:
        name, natives = split_bracketed(value)
    else:
        name, natives = value, []
    if column.entity == "person":
        return [*person_forms(name), *natives]
    return [name, *natives]


@dataclass
class _Context:
    """What a row's claims come from: the row's own origin, and how pages are described."""

    out: Converted
    default: Origin | None
    known: dict[str, URIRef] | None
    agents: dict[URIRef, URIRef]
    used: list[URIRef]
    line: int

    def page(self, url: str, quote: str) -> Origin | None:
        source = _describe_source(self.out.graph, url, self.known)
        agent = _agent(source, url, self.agents)
        if agent is None:
            self.out.problems.append(Problem(self.line, "-", _no_agent(url)))
            return None
        self.used.append(source)
        return Origin(source, agent, DFO.StatedInSource, quote)

    def origins(self, pages: list[tuple[str, str]], *words: str) -> list[Origin]:
        """The pages whose quotes show any of `words`, else the row's own origin (none if the
        row has no origin of its own: a name no quote shows is then left out, not credited)."""
        found = [
            self.page(url, quote) for url, quote in pages if any(shows(quote, w) for w in words)
        ]
        return [f for f in found if f is not None] or ([self.default] if self.default else [])


def source_agents(graph: Graph) -> dict[URIRef, URIRef]:
    """Each described source's author (else publisher): the agent its claims are credited to."""
    agents: dict[URIRef, URIRef] = {}
    for prop in (SCHEMA.publisher, SCHEMA.author):
        for source, agent in sorted(graph.subject_objects(prop), key=str):
            if isinstance(source, URIRef) and isinstance(agent, URIRef):
                agents[source] = agent
    return agents


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


def unknown_claim(graph: Graph, subject: URIRef, prop: URIRef, origin: Origin) -> URIRef:
    """A stated claim that `subject` has a value for `prop` which the source does not give."""
    name = f"unknown-{_hash(subject, prop, origin.source)}"
    claim = _claim(
        graph, name, subject, prop, origin.source, origin.agent, origin.method, origin.quote
    )
    graph.add((claim, DFO.valueStatus, DFO.UnknownValue))
    return claim


def _row_origin(
    mapping: Mapping,
    row: Row,
    urls: list[str],
    known: dict[str, URIRef] | None,
    agents: dict[URIRef, URIRef],
    out: Converted,
) -> tuple[Origin | None, list[URIRef]]:
    """The row's own origin (the compiled table, else its one page) and the pages it lists."""
    graph = out.graph
    listed = [_describe_source(graph, url, known) for url in urls]
    if mapping.dataset is not None:
        origin = describe_dataset(graph, mapping.dataset)
        for page in listed:
            graph.add((origin.source, PROV.wasDerivedFrom, page))
        return origin, listed
    if len(urls) == 1:
        agent = _agent(listed[0], urls[0], agents)
        if agent is None:
            out.problems.append(Problem(row.line, mapping.source_column or "-", _no_agent(urls[0])))
            return None, listed
        return Origin(listed[0], agent, DFO.SpreadsheetImport), listed
    return None, listed


def _agent(source: URIRef, url: str, agents: dict[URIRef, URIRef]) -> URIRef | None:
    """Who a page's claims are attributed to: its site if the page is new, else the author or
    publisher the data gives its source (None if it gives neither)."""
    if source == source_iri(url):
        return publisher_iri(url)
    return agents.get(source)


def _no_agent(url: str) -> str:
    return (
        f"the data describes {url} as a source with no author or publisher: give it "
        "schema:author or schema:publisher, whom its claims are attributed to"
    )


def _unsourced(mapping: Mapping, row: Row, urls: list[str]) -> str | None:
    """Why a row without its own origin cannot be imported, if a value names no page."""
    bare = [
        c.name
        for c in mapping.columns
        if row.cells.get(c.name) and not (c.source and row.cells.get(c.source, "").strip())
    ]
    needs_row = len(mapping.entities) > 1 or any(
        c.unknown_if_empty and not row.cells.get(c.name) for c in mapping.columns
    )
    if not bare and not needs_row:
        return None
    if not bare:
        return "no source for the row itself (its links, its unknown values): give its URL"
    if urls:
        return (
            f"{len(urls)} pages for the whole row do not say which states {bare[0]}: name the "
            f"page of each value (a source and quote column, see docs/importing.md) or declare "
            f"the sheet a compiled table ([dataset] in the mapping)"
        )
    return "no source: give its URL"


def convert(
    mapping: Mapping,
    rows: list[Row],
    source: str | None = None,
    known_sources: dict[str, URIRef] | None = None,
    agents: dict[URIRef, URIRef] | None = None,
) -> Converted:
    """Every row as its entities with one claim per value; problems collected, not raised.

    `known_sources` (URL -> IRI) are sources the data already describes: a row citing one of
    those pages cites that source rather than describing the page again; `agents` their authors
    or publishers.
    """
    out = Converted()
    graph = out.graph
    agents = agents or {}
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
        default, listed = _row_origin(mapping, row, urls, known_sources, agents, out)
        if len(out.problems) > before:
            continue
        if default is None:
            why = _unsourced(mapping, row, urls)
            if why is not None:
                out.problems.append(Problem(row.line, mapping.source_column or "-", why))
                continue
        context = _Context(out, default, known_sources, agents, [], row.line)
        iris: dict[str, URIRef] = {}
        pending: list[tuple[Column, URIRef]] = []
        for spec in mapping.entities:
            if spec.id not in present:
                continue
            entity = URIRef(f"{BASE}{spec.segment}/{present[spec.id]}")
            iris[spec.id] = entity
            for cls in spec.classes:
                graph.add((entity, RDF.type, cls))
            label = next((row.cells[c] for c in spec.label if row.cells.get(c)), present[spec.id])
            graph.add((entity, RDFS.label, Literal(label)))
            if spec.parent is not None and spec.link is not None:
                assert default is not None  # a row with child entities needs an origin
                claim_from(graph, iris[spec.parent], spec.link, entity, default)
            pending += [(column, entity) for column in mapping.columns_of(spec.id)]
        for column, entity in pending:
            _cell_claims(context, row, column, entity)
        cited = {*([default.source] if default else []), *context.used}
        for entity in iris.values():
            for src in sorted(cited):
                graph.add((entity, DCTERMS.source, src))
        # The row's pages, under their described and their web-page IRIs: their old claims go.
        out.row_sources[row.line] = sorted({*cited, *listed, *(source_iri(u) for u in urls)})
        out.row_entity[row.line] = iris[mapping.root.id]
        out.row_entities[row.line] = list(iris.values())
    return out


def _cell_claims(context: _Context, row: Row, column: Column, entity: URIRef) -> None:
    out = context.out
    values = _values(column, row.cells.get(column.name, ""))
    pages = _cell_pages(column, row, values, out)
    if not values and column.unknown_if_empty:
        assert context.default is not None  # refused earlier: an unknown needs the row's source
        unknown_claim(out.graph, entity, column.property, context.default)
    if column.unknown_stated_as:
        for value, cited in zip(values, pages, strict=True):
            for origin in context.origins(cited, value):
                claim = unknown_claim(out.graph, entity, column.property, origin)
                out.graph.set((claim, DFO.statedAs, Literal(origin.quote or value)))
        return
    for value, cited in zip(values, pages, strict=True):
        obj = _term(column, value, out.problems, row.line)
        if obj is None:
            continue
        origins = context.origins(cited, *_shown(column, value))
        if column.entity == "film" and isinstance(obj, URIRef):
            out.film_links.append(FilmLink(row.line, column.name, value, obj))
        elif column.entity and isinstance(obj, URIRef):
            name, natives = split_bracketed(value) if column.bracketed_language else (value, [])
            # A page's words may write a person's name given name first ("Jong-uk Ri"): they
            # state the name; a compiled table's romanized name stays the table's unless a page
            # writes it as the table does.
            forms = [name]
            compiled = context.default is not None and context.default.method == DFO.CompiledFrom
            if column.entity == "person" and not compiled:
                forms = person_forms(name)
            _linked_entity(out.graph, column, obj, name, context.origins(cited, *forms))
            out.row_linked.setdefault(row.line, []).append(obj)
            for native in natives:
                assert column.bracketed_language is not None
                named = Literal(native, lang=column.bracketed_language)
                for origin in context.origins(cited, native):
                    out.graph.add((obj, DCTERMS.source, origin.source))
                    claim_from(out.graph, obj, SCHEMA.name, named, origin)
        for origin in origins:
            claim = claim_from(out.graph, entity, column.property, obj, origin)
            if column.terms and origin.quote is None:  # the sheet's words for the term
                out.graph.add((claim, DFO.statedAs, Literal(value)))


def _linked_entity(
    graph: Graph, column: Column, entity: URIRef, name: str, origins: list[Origin]
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
    for origin in origins:
        graph.add((entity, DCTERMS.source, origin.source))
        claim_from(graph, entity, SCHEMA.name, name_literal, origin)
