"""The graph's films and people -> QuickStatements (v1) that give Wikidata what it lacks.

Why: Wikidata's DPRK filmography is thin, and this graph holds sourced titles, years and credits.
`build` writes the batch; it is a pure function of the built graph and, for linked entities, of
the items as Wikidata holds them (fetched by the caller, `dprkfilm quickstatements`). It holds:

- a CREATE block for each film or person a person decided Wikidata has no item for (`create` in
  the review file, kept as a confirmed owl:sameAs no-value claim): labels in ko and en,
  aliases (other titles, romanizations as printed and as generated), a description, and the
  statements P31, P495, P577, P57/P86 (where the person is linked), P1476, P1942/P2001 (only
  romanizations a source prints; generated ones become aliases), P2635;
- for a linked item, only the labels, aliases and statements it lacks.

Every other film and credited person is listed as not reconciled yet, never created: nobody has
looked for its item, and a CREATE pasted blindly makes a duplicate.

Every statement carries its reference: S854 (the URL of the source that states it, found through
the source's schema:url, or that of the post it is part of or comments on) and S813, the date the
data records for the claim's retrieval (dfo:retrieved); where none is recorded S813 is left out
unless the caller states a date. A statement whose source has no URL is left out and reported,
never sent unsourced; nor is a claim taken from Wikidata itself sent back to it. Values holding a
double quote, tab or line break cannot be written in v1 and are left out likewise.

A linked entity whose item is not at hand (`--offline`) still gets the graph's sourced
statements on its Q-id (Wikidata merges a statement it has, adding the reference); its labels,
aliases, descriptions and P31 are left out, as without the item they would overwrite its labels
or second-guess its type. The separator is TAB (the design's) or `|`, which the tool accepts in
place of TAB; a line whose values hold a `|` cannot be written that way and is left out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from rdflib import Graph, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.term import Node

from dprkfilm_graph.derive import asserting_claims
from dprkfilm_graph.korean.hangul import has_hangul
from dprkfilm_graph.namespaces import (
    DCTERMS,
    DFO,
    OWL,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    TAG_MR,
    TAG_RR,
    WD,
    XSD,
)
from dprkfilm_graph.wikidata.apply import missing_items
from dprkfilm_graph.wikidata.ids import (
    COMPOSER,
    COUNTRY,
    DIRECTOR,
    FILM,
    HUMAN,
    INSTANCE_OF,
    MR,
    NORTH_KOREA,
    PARTS,
    PUBLICATION_DATE,
    RR,
    S_RETRIEVED,
    S_URL,
    TITLE,
)

Separator = Literal["tab", "pipe"]
SEPARATORS: dict[str, str] = {"tab": "\t", "pipe": "|"}
# What to do with a linked entity whose item was not fetched: leave it out, or send only the
# graph's statements (no labels, aliases or P31).
Unfetched = Literal["skip", "statements"]

# Graph properties whose (linked) person becomes a statement on the film.
CREDITS: dict[URIRef, str] = {SCHEMA.director: DIRECTOR, SCHEMA.musicBy: COMPOSER}
# Romanizations as a source prints them, by the tag of the title, and the property they fill.
ROMANIZATION_PROPERTIES: dict[str, str] = {TAG_MR.lower(): MR, TAG_RR.lower(): RR}
_CREDIT_PREDICATES = (
    SCHEMA.director,
    SCHEMA.musicBy,
    SCHEMA.composer,
    SCHEMA.lyricist,
    SCHEMA.actor,
    SCHEMA.byArtist,
)
_YEAR = re.compile(r"^(-?\d{4})(?:-(\d\d))?(?:-(\d\d))?")
_UNWRITABLE = re.compile(r'["\t\r\n]')
TERM_LIMIT = 250


@dataclass(frozen=True)
class Reference:
    """Where a statement comes from: a URL, and when it was retrieved."""

    url: str
    retrieved: dt.date | None

    def render(self) -> str:
        when = f"\t{S_RETRIEVED}\t{_time(self.retrieved, 11)}" if self.retrieved else ""
        return f'{S_URL}\t"{self.url}"{when}'


@dataclass(frozen=True)
class Statement:
    """One property value with its reference groups (one per source that states it)."""

    prop: str
    value: str
    references: tuple[Reference, ...]

    def render(self, entity: str) -> str:
        groups = [r.render() for r in self.references]
        refs = "\t" + "\t".join([groups[0], *("!" + g for g in groups[1:])]) if groups else ""
        return f"{entity}\t{self.prop}\t{self.value}{refs}"


@dataclass
class Block:
    """What to send for one entity: a new item (qid None) or additions to an existing one."""

    entity: str  # the graph's IRI
    qid: str | None
    labels: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, list[str]] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    statements: list[Statement] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.labels or self.aliases or self.descriptions or self.statements)

    def lines(self) -> list[str]:
        target = self.qid or "LAST"
        out = [] if self.qid else ["CREATE"]
        out += [f'{target}\tL{lang}\t"{text}"' for lang, text in sorted(self.labels.items())]
        for lang, texts in sorted(self.aliases.items()):
            out += [f'{target}\tA{lang}\t"{text}"' for text in texts]
        out += [f'{target}\tD{lang}\t"{t}"' for lang, t in sorted(self.descriptions.items())]
        out += [s.render(target) for s in self.statements]
        return out


@dataclass(frozen=True)
class Batch:
    """The batch text and what was left out of it, and why (nothing is dropped silently)."""

    text: str
    skipped: tuple[str, ...]
    created: int
    completed: int
    statements: int
    unreconciled: tuple[tuple[str, str], ...] = ()


@dataclass
class Export:
    """The blocks to send, and what was left out and why (so nothing is dropped silently)."""

    blocks: list[Block] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    # (entity IRI, label) of the films and people without a link and without a decision
    unreconciled: list[tuple[str, str]] = field(default_factory=list)

    def batch(self, separator: Separator = "tab") -> Batch:
        """The QuickStatements v1 batch: one command a line, blocks apart, TAB or `|` between
        the fields of a line."""
        sep = SEPARATORS[separator]
        skipped = list(self.skipped)
        blocks = [b for b in self.blocks if not b.empty]
        chunks: list[str] = []
        for block in blocks:
            lines = []
            for line in block.lines():
                if sep != "\t" and sep in line:
                    skipped.append(
                        f"{block.entity}: {line!r} holds a {sep!r}: use the TAB separator"
                    )
                    continue
                lines.append(line.replace("\t", sep))
            chunks.append("\n".join(lines))
        return Batch(
            text="\n".join(chunks) + ("\n" if chunks else ""),
            skipped=tuple(skipped),
            created=sum(1 for b in blocks if b.qid is None),
            completed=sum(1 for b in blocks if b.qid is not None),
            statements=sum(len(b.statements) for b in blocks),
            unreconciled=tuple(self.unreconciled),
        )

    def text(self) -> str:
        return self.batch().text


def _time(date: dt.date, precision: int) -> str:
    return f"+{date.isoformat()}T00:00:00Z/{precision}"


def _time_value(literal: Node) -> str | None:
    """xsd:gYear / gYearMonth / date -> a v1 time with its precision (9 year, 10 month, 11 day)."""
    match = _YEAR.match(str(literal))
    if not match or match.group(1).startswith("-"):
        return None
    year, month, day = match.group(1), match.group(2), match.group(3)
    if day and month:
        return f"+{year}-{month}-{day}T00:00:00Z/11"
    if month:
        return f"+{year}-{month}-00T00:00:00Z/10"
    return f"+{year}-00-00T00:00:00Z/9"


def _writable(text: str, limit: int = 1500) -> bool:
    """v1 has no escapes; Wikibase caps terms at 250 characters and strings at 1,500."""
    return bool(text.strip()) and not _UNWRITABLE.search(text) and len(text) <= limit


def _qid(node: Node | None) -> str | None:
    text = str(node) if node is not None else ""
    return text.removeprefix(str(WD)) if text.startswith(str(WD)) else None


def _source_url(graph: Graph, source: Node, depth: int = 0) -> str | None:
    """The source's URL, or that of the post it is part of or comments on."""
    url = graph.value(source, SCHEMA.url)
    if url is not None:
        return str(url)
    if depth > 5:
        return None
    for prop in (SCHEMA.isPartOf, SCHEMA.parentItem):
        parent = graph.value(source, prop)
        if parent is not None and (found := _source_url(graph, parent, depth + 1)):
            return found
    return None


class _Sources:
    """Claims of the graph indexed by (subject, predicate, object) -> their references."""

    def __init__(self, graph: Graph, retrieved: dt.date | None) -> None:
        self.graph = graph
        self.retrieved = retrieved
        self.by_triple: dict[tuple[Node, Node, Node], list[Reference]] = {}
        for claim, key in asserting_claims(graph):
            if graph.value(claim, DFO.method) == DFO.WikidataImport:
                continue  # Wikidata's own statement: no reference for Wikidata
            refs = self.by_triple.setdefault(key, [])
            when = graph.value(claim, DFO.retrieved)
            date = _date(when) or retrieved
            for source in graph.objects(claim, PROV.wasDerivedFrom):
                url = _source_url(graph, source)
                if url is not None:
                    refs.append(Reference(url, date))

    def of(self, s: Node, p: Node, o: Node) -> tuple[Reference, ...]:
        return tuple(sorted(set(self.by_triple.get((s, p, o), [])), key=lambda r: r.url))

    def of_entity(self, entity: Node) -> tuple[Reference, ...]:
        """References for what an entity is (its type): the source that introduced it."""
        refs = {
            Reference(url, self.retrieved)
            for source in self.graph.objects(entity, DCTERMS.source)
            if (url := _source_url(self.graph, source)) is not None
        }
        return tuple(sorted(refs, key=lambda r: r.url))


def _date(node: Node | None) -> dt.date | None:
    if isinstance(node, RdfLiteral) and node.datatype == XSD.date:
        value = node.toPython()
        return value if isinstance(value, dt.date) else None
    return None


def _literals(graph: Graph, subject: Node, *props: URIRef) -> list[RdfLiteral]:
    found = [o for p in props for o in graph.objects(subject, p) if isinstance(o, RdfLiteral)]
    return sorted(set(found), key=lambda lit: (str(lit.language or ""), str(lit)))


def _lang(literal: RdfLiteral) -> str:
    return (literal.language or "").lower()


def _linked(graph: Graph, entity: Node) -> str | None:
    qids = sorted(q for o in graph.objects(entity, OWL.sameAs) if (q := _qid(o)))
    return qids[0] if qids else None


def credited_people(graph: Graph) -> list[URIRef]:
    """People a film, song or record credits (not the authors of the sources)."""
    people = set(graph.subjects(RDF.type, SCHEMA.Person))
    found = {o for p in _CREDIT_PREDICATES for o in graph.objects(None, p) if o in people}
    return sorted((p for p in found if isinstance(p, URIRef)), key=str)


def _names(graph: Graph, entity: URIRef, skipped: list[str]) -> Block:
    """Labels, aliases from titles (stated and generated) for a new or existing item."""
    block = Block(str(entity), None)
    titles = _literals(graph, entity, SCHEMA.name)
    others = _literals(graph, entity, SCHEMA.alternateName, DFO.generatedLabel)
    for lit in [*titles, *others]:
        text = str(lit)
        if not _writable(text, TERM_LIMIT):
            skipped.append(f"{entity}: title {text!r} cannot be written in QuickStatements v1")
            continue
        lang = _lang(lit)
        if lang in ("ko", "ko-kp") and has_hangul(text):
            slot = "ko"
        elif lang == "en" or lang.startswith("ko-latn") or (not lang and not has_hangul(text)):
            slot = "en"
        elif lang in ("zh", "zh-hans", "zh-hant") and not has_hangul(text):
            slot = lang  # a film some pages know only by its Chinese title
        else:
            continue
        if slot not in block.labels and lit in titles:
            block.labels[slot] = text
        elif text.casefold() != block.labels.get(slot, "").casefold():
            have = {a.casefold() for a in block.aliases.get(slot, [])}
            if text.casefold() not in have:
                block.aliases.setdefault(slot, []).append(text)
    # Without an English title or name, a romanization becomes the English label (Wikidata's
    # practice for Korean names): one a source prints first, else the DPRK system's, MR, RR.
    if "en" not in block.labels and block.aliases.get("en"):
        rank = {text: _label_rank(lit, titles) for lit in [*titles, *others]
                if (text := str(lit)) in block.aliases["en"]}  # fmt: skip
        best = min(block.aliases["en"], key=lambda text: rank.get(text, 9))
        block.labels["en"] = best
        block.aliases["en"].remove(best)
        if not block.aliases["en"]:
            del block.aliases["en"]
    return block


_LABEL_TAGS = ("ko-latn-x-dprk", TAG_MR.lower(), TAG_RR.lower())


def _label_rank(lit: RdfLiteral, titles: list[RdfLiteral]) -> int:
    """Lower is a better English label: printed by a source, then generated by system."""
    lang = _lang(lit)
    if lit in titles:
        return 0
    if lang.startswith("ko-latn") and lang not in _LABEL_TAGS:
        return 1
    return 2 + _LABEL_TAGS.index(lang) if lang in _LABEL_TAGS else 8


def _film_statements(
    graph: Graph, film: URIRef, sources: _Sources, skipped: list[str]
) -> list[Statement]:
    out: list[Statement] = []

    def add(prop: str, value: str, refs: tuple[Reference, ...], what: str) -> None:
        if refs:
            out.append(Statement(prop, value, refs))
        else:
            skipped.append(f"{film}: {what} left out: its source gives no URL")

    add(INSTANCE_OF, FILM, sources.of_entity(film), "P31 film")
    for country in sorted(graph.objects(film, SCHEMA.countryOfOrigin), key=str):
        if (qid := _qid(country)) is not None:
            add(COUNTRY, qid, sources.of(film, SCHEMA.countryOfOrigin, country), "P495")
    for date in sorted(graph.objects(film, SCHEMA.datePublished), key=str):
        if (value := _time_value(date)) is not None:
            add(PUBLICATION_DATE, value, sources.of(film, SCHEMA.datePublished, date), "P577")
    for predicate, prop in CREDITS.items():
        for person in sorted(graph.objects(film, predicate), key=str):
            if (qid := _linked(graph, person)) is not None:
                add(prop, qid, sources.of(film, predicate, person), f"{prop} {qid}")
            else:
                skipped.append(f"{film}: {prop} {person} left out: the person has no item yet")
    for title in _literals(graph, film, SCHEMA.name):
        if _lang(title) in ("ko", "ko-kp") and _writable(str(title)):
            refs = sources.of(film, SCHEMA.name, title)
            add(TITLE, f'{_lang(title)}:"{title}"', refs, f"P1476 {title}")
    for title in _literals(graph, film, SCHEMA.name, SCHEMA.alternateName):
        romanized = ROMANIZATION_PROPERTIES.get(_lang(title))
        if romanized is not None and _writable(str(title)):
            refs = sources.of(film, SCHEMA.name, title) or sources.of(
                film, SCHEMA.alternateName, title
            )
            add(romanized, f'"{title}"', refs, f"{romanized} {title}")
    for parts in sorted(graph.objects(film, DFO.numberOfParts), key=str):
        add(PARTS, str(parts), sources.of(film, DFO.numberOfParts, parts), "P2635")
    return out


def _film_description(graph: Graph, film: URIRef) -> str | None:
    if (film, SCHEMA.countryOfOrigin, WD[NORTH_KOREA]) not in graph:
        return None
    years = sorted({m.group(1) for d in graph.objects(film, SCHEMA.datePublished)
                    if (m := _YEAR.match(str(d)))})  # fmt: skip
    return f"{years[0]} North Korean film" if len(years) == 1 else "North Korean film"


# -- what a linked item already has ----------------------------------------------------------------


def _item_values(item: Mapping[str, Any], prop: str) -> set[str]:
    """The values of one property of a wbgetentities entity, written as v1 writes them."""
    out: set[str] = set()
    for claim in item.get("claims", {}).get(prop, []):
        value = claim.get("mainsnak", {}).get("datavalue", {}).get("value")
        if isinstance(value, dict) and "id" in value:
            out.add(str(value["id"]))
        elif isinstance(value, dict) and "time" in value:
            out.add(str(value["time"])[:5])  # "+1972": a year is compared, not the precision
        elif isinstance(value, dict) and "text" in value:
            out.add(f'{value.get("language", "")}:"{value["text"]}"')
        elif isinstance(value, dict) and "amount" in value:
            out.add(str(value["amount"]).lstrip("+"))
        elif isinstance(value, str):
            out.add(f'"{value}"')
    return out


def _has(item: Mapping[str, Any], statement: Statement) -> bool:
    have = _item_values(item, statement.prop)
    if statement.prop == INSTANCE_OF:
        return bool(have)  # any type: a subclass of film is not ours to second-guess
    if statement.prop == PUBLICATION_DATE:
        return statement.value[:5] in have
    return statement.value in have


def _missing(block: Block, item: Mapping[str, Any]) -> Block:
    """Only what the item lacks: labels in languages it has none in, aliases, statements."""
    labels = item.get("labels", {})
    known = {str(v.get("value", "")).casefold() for v in labels.values()}
    known |= {str(a.get("value", "")).casefold() for vs in item.get("aliases", {}).values()
              for a in vs}  # fmt: skip
    out = Block(block.entity, block.qid)
    for lang, text in block.labels.items():
        if lang not in labels:
            out.labels[lang] = text
        elif text.casefold() not in known:
            out.aliases.setdefault(lang, []).append(text)
    for lang, texts in block.aliases.items():
        for text in texts:
            if text.casefold() not in known and text not in out.aliases.get(lang, []):
                out.aliases.setdefault(lang, []).append(text)
    out.statements = [s for s in block.statements if not _has(item, s)]
    return out


# -- the export ----------------------------------------------------------------------------------


def linked_items(graph: Graph) -> list[str]:
    """The Q-ids the graph's films and credited people are linked to (to fetch before export)."""
    entities = [*graph.subjects(RDF.type, SCHEMA.Movie), *credited_people(graph)]
    return sorted({q for e in entities if (q := _linked(graph, e)) is not None})


def commands(
    graph: Graph,
    items: Mapping[str, Mapping[str, Any]] | None = None,
    *,
    retrieved: dt.date | None = None,
    kinds: Iterable[str] = ("film", "person"),
    unfetched: Unfetched = "skip",
) -> Export:
    """The v1 commands for every film and credited person of the built `graph`.

    `items` holds the linked entities as wbgetentities returns them; a linked entity whose item
    is not given is left out (`unfetched="skip"`: nothing is known of what it lacks) or gets the
    graph's statements alone (`"statements"`). An entity with no link is
    created only when a person decided Wikidata has none; the others are listed in
    `unreconciled`. `retrieved` is the S813 for claims whose retrieval the data does not record
    (None: no S813 for them).
    """
    items = items or {}
    wanted = set(kinds)
    export = Export()
    sources = _Sources(graph, retrieved)
    subjects: list[tuple[URIRef, str]] = []
    if "film" in wanted:
        films = sorted(set(graph.subjects(RDF.type, SCHEMA.Movie)), key=str)
        subjects += [(f, "film") for f in films if isinstance(f, URIRef)]
    decided_missing = missing_items(graph)
    if "person" in wanted:
        decided = {URIRef(m) for m in decided_missing} & set(
            graph.subjects(RDF.type, SCHEMA.Person)
        )
        people = sorted(set(credited_people(graph)) | decided, key=str)
        subjects += [(p, "person") for p in people]
    for entity, kind in subjects:
        block = _names(graph, entity, export.skipped)
        if kind == "film":
            block.statements = _film_statements(graph, entity, sources, export.skipped)
            if (description := _film_description(graph, entity)) is not None:
                block.descriptions["en"] = description
        else:
            refs = sources.of_entity(entity)
            if refs:
                block.statements = [Statement(INSTANCE_OF, HUMAN, refs)]
            else:
                export.skipped.append(f"{entity}: P31 human left out: its source gives no URL")
        qid = _linked(graph, entity)
        if qid is None and str(entity) not in decided_missing:
            label = graph.value(entity, RDFS.label) or next(iter(block.labels.values()), "")
            export.unreconciled.append((str(entity), str(label)))
            continue
        if qid is None:
            if not block.labels:
                export.skipped.append(
                    f"{entity}: not created: no title or name to create an item with"
                )
                continue
            if not any(s.prop == INSTANCE_OF for s in block.statements):
                export.skipped.append(f"{entity}: not created: no sourced statement of what it is")
                continue
            export.blocks.append(block)
            continue
        block.qid = qid
        block.descriptions = {}  # an existing item's descriptions are its editors' business
        item = items.get(qid)
        if item is None and unfetched == "skip":
            export.skipped.append(f"{entity}: linked to {qid}, whose item was not fetched")
            continue
        if item is None:
            block.labels, block.aliases = {}, {}
            block.statements = [s for s in block.statements if s.prop != INSTANCE_OF]
            export.skipped.append(
                f"{entity}: {qid} not fetched: only the graph's statements,"
                " no labels, aliases or P31"
            )
            missing = block
        else:
            missing = _missing(block, item)
        if not missing.empty:
            export.blocks.append(missing)
    return export


def build(
    graph: Graph,
    *,
    retrieved: dt.date | None = None,
    items: Mapping[str, Mapping[str, Any]] | None = None,
    separator: Separator = "tab",
    kinds: Iterable[str] = ("film", "person"),
) -> Batch:
    """The v1 batch for `graph`; `items` are linked entities as wbgetentities returns them, and
    a linked entity whose item is not among them gets the graph's sourced statements alone."""
    export = commands(graph, items, retrieved=retrieved, kinds=kinds, unfetched="statements")
    return export.batch(separator)


def quickstatements(
    graph: Graph,
    retrieved: dt.date | None = None,
    *,
    items: Mapping[str, Mapping[str, Any]] | None = None,
    separator: Separator = "tab",
) -> str:
    """The v1 commands for every film and credited person of the built `graph`, one a line."""
    return build(graph, retrieved=retrieved, items=items, separator=separator).text
