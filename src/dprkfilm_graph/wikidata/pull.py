"""Statements of linked Wikidata items -> claims of the graph, each derived from the item.

Why: a linked film's year, director, studio, music and cast on Wikidata are facts with a source
like any other. Each becomes a stated claim (method dfo:WikidataImport) derived from a source of
its own per item, which records the item's revision and when it was retrieved, so the graph can
say "Wikidata, revision N, says 1969" beside "the catalogue says 1968" (`conflicting-facts`
shows both). Nothing the graph holds is overwritten.

The network is touched only through the client, in few requests: wbgetentities (50 ids a call)
for the linked items, then once more for the items their statements point to that the graph
has no link for, and with `new` the reconciler's pool query of North Korean films.

A value pointing to an item (a director) becomes a link to the graph's entity linked to that
item; a person the graph lacks is added, linked to their item, unless the graph has an unlinked
person of that name (who may be them: reconcile people first); an organisation must be linked.
An item pulled before at the same revision keeps the retrieval date it had, so a second run
changes no byte. A linked item of the wrong kind (a film linked to a human) is not pulled.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from dprkfilm_graph.datafiles import DataFiles
from dprkfilm_graph.korean.hangul import has_hangul
from dprkfilm_graph.korean.matchkey import match_keys
from dprkfilm_graph.namespaces import (
    BASE,
    CLAIM,
    DATASET,
    DCTERMS,
    DFO,
    FILM,
    OWL,
    PERSON,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SOURCE,
    WD,
    XSD,
)
from dprkfilm_graph.serialize import to_turtle
from dprkfilm_graph.wikidata import ids, wdqs
from dprkfilm_graph.wikidata.apply import WIKIDATA_SOURCE, load_links
from dprkfilm_graph.wikidata.candidates import pool_from_rows
from dprkfilm_graph.wikidata.client import WikibaseClient

PULL_FILE = "wikidata-pull.ttl"
AGENT = DATASET["wikidata"]
PAGE = "https://www.wikidata.org/w/index.php?oldid="
LANGUAGES = ("ko", "en")

# Item-valued properties: Wikidata property -> the graph's predicate and the kind of its value.
ITEM_PROPERTIES: dict[str, tuple[URIRef, str]] = {
    ids.DIRECTOR: (SCHEMA.director, "person"),
    ids.SCREENWRITER: (DFO.screenwriter, "person"),
    ids.COMPOSER: (SCHEMA.musicBy, "person"),
    ids.CAST_MEMBER: (SCHEMA.actor, "person"),
    ids.PRODUCTION_COMPANY: (SCHEMA.productionCompany, "org"),
}
# Time-valued: film publication date, a person's birth and death.
TIME_PROPERTIES: dict[str, URIRef] = {
    ids.PUBLICATION_DATE: SCHEMA.datePublished,
    ids.BIRTH_DATE: SCHEMA.birthDate,
    ids.DEATH_DATE: SCHEMA.deathDate,
}
_TAIL = re.compile(r"[^a-z0-9]+")


@dataclass
class Pulled:
    """What a pull did: claims written per item, entities added, what was left out and why."""

    items: int = 0
    kept: int = 0
    claims: int = 0
    added: list[tuple[str, str, str]] = field(default_factory=list)  # (iri, qid, label)
    skipped: list[str] = field(default_factory=list)
    changed: bool = False
    path: Path | None = None
    requests: int = 0


# -- reading items -------------------------------------------------------------------------------


def _values(entity: Mapping[str, Any], prop: str) -> list[Any]:
    """Values of the best-ranked statements: preferred if any, else normal; never deprecated."""
    statements = [s for s in entity.get("claims", {}).get(prop, []) if isinstance(s, dict)]
    preferred = [s for s in statements if s.get("rank") == "preferred"]
    chosen = preferred or [s for s in statements if s.get("rank", "normal") == "normal"]
    out = []
    for statement in chosen:
        snak = statement.get("mainsnak", {})
        if snak.get("snaktype") == "value":
            out.append(snak.get("datavalue", {}).get("value"))
    return out


def time_literal(value: Mapping[str, Any]) -> Literal | None:
    """A Wikibase time as xsd:gYear (precision 9), gYearMonth (10) or date (11)."""
    match = re.match(r"^\+(\d{4,})-(\d\d)-(\d\d)T", str(value.get("time", "")))
    precision = int(value.get("precision", 0))
    if match is None or precision < 9:
        return None
    year, month, day = match.groups()
    if precision == 9 or month == "00":
        return Literal(year, datatype=XSD.gYear)
    if precision == 10 or day == "00":
        return Literal(f"{year}-{month}", datatype=XSD.gYearMonth)
    return Literal(f"{year}-{month}-{day}", datatype=XSD.date)


def duration_literal(value: Mapping[str, Any]) -> Literal | None:
    """A P2047 quantity as xsd:duration in its canonical form ("PT1H42M"), when its unit is
    known (rdflib reads "PT102M" back as that form, so writing it keeps the file stable)."""
    unit = str(value.get("unit", "")).rsplit("/", 1)[-1]
    try:
        amount = float(str(value.get("amount", "")).lstrip("+"))
    except ValueError:
        return None
    if unit not in ids.UNITS or amount <= 0:
        return None
    seconds = round(amount * ids.UNITS[unit])
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    text = "PT" + "".join(f"{n}{u}" for n, u in ((hours, "H"), (minutes, "M"), (seconds, "S")) if n)
    return Literal(text, datatype=XSD.duration)


def names(entity: Mapping[str, Any]) -> list[tuple[URIRef, Literal]]:
    """Labels (schema:name) and aliases (schema:alternateName) in Korean and English, and a
    "mul" label (a name written alike in every Latin-script language) untagged, as the data
    keeps a foreign name."""
    out: list[tuple[URIRef, Literal]] = []
    for lang in (*LANGUAGES, "mul"):
        tag = None if lang == "mul" else lang
        label = entity.get("labels", {}).get(lang)
        if isinstance(label, dict) and label.get("value"):
            out.append((SCHEMA.name, Literal(label["value"], lang=tag)))
        for alias in entity.get("aliases", {}).get(lang, []):
            if isinstance(alias, dict) and alias.get("value"):
                out.append((SCHEMA.alternateName, Literal(alias["value"], lang=tag)))
    return out


def _item_ids(entity: Mapping[str, Any], prop: str) -> list[str]:
    return [v["id"] for v in _values(entity, prop) if isinstance(v, dict) and "id" in v]


def referenced(entities: Iterable[Mapping[str, Any]]) -> list[str]:
    """The items the entities' item-valued statements point to."""
    wanted = {q for e in entities for p in ITEM_PROPERTIES for q in _item_ids(e, p)}
    return sorted(wanted)


def facts(
    entity: Mapping[str, Any], kind: str, resolve: Mapping[str, tuple[URIRef, str]]
) -> tuple[list[tuple[URIRef, Node]], list[str]]:
    """(predicate, object) pairs the model covers, and the values left out with the reason.
    `resolve` gives the graph's entity (and its kind) for an item; a value is taken only when
    that entity is of the kind the property wants (a director is a person, never a film)."""
    out: list[tuple[URIRef, Node]] = list(names(entity))
    left: list[str] = []
    for prop, predicate in TIME_PROPERTIES.items():
        if (kind == "film") != (prop == ids.PUBLICATION_DATE):
            continue
        for value in _values(entity, prop):
            lit = time_literal(value) if isinstance(value, dict) else None
            if lit is not None:
                out.append((predicate, lit))
    if kind == "film":
        for value in _values(entity, ids.TITLE):
            if isinstance(value, dict) and value.get("language") in ("ko", "ko-kp"):
                out.append((SCHEMA.name, Literal(value["text"], lang=value["language"])))
        for qid in _item_ids(entity, ids.COUNTRY):
            out.append((SCHEMA.countryOfOrigin, WD[qid]))
        for value in _values(entity, ids.DURATION):
            lit = duration_literal(value) if isinstance(value, dict) else None
            if lit is not None:
                out.append((SCHEMA.duration, lit))
        for value in _values(entity, ids.PARTS):
            amount = str(value.get("amount", "")).lstrip("+") if isinstance(value, dict) else ""
            if amount.isdigit() and int(amount) > 0:
                out.append((DFO.numberOfParts, Literal(amount, datatype=XSD.positiveInteger)))
        for prop, (predicate, wanted) in ITEM_PROPERTIES.items():
            for qid in _item_ids(entity, prop):
                target = resolve.get(qid)
                if target is None:
                    left.append(f"{prop} {qid} left out: no entity of the graph is linked to it")
                elif target[1] != wanted:
                    left.append(f"{prop} {qid} left out: it is linked to {target[0]}, no {wanted}")
                else:
                    out.append((predicate, target[0]))
    return list(dict.fromkeys(out)), left


# -- writing claims --------------------------------------------------------------------------------


def item_source(qid: str) -> URIRef:
    return SOURCE[f"wikidata-{qid.lower()}"]


def _tail(iri: str) -> str:
    return iri.removeprefix(BASE).replace("/", "-")


def claim_iri(subject: str, predicate: str, obj: Node, qid: str) -> URIRef:
    """Stable per (entity, property, value, item): a re-run names the same claim."""
    local = predicate.rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    digest = hashlib.sha256(f"{obj.n3()}".encode()).hexdigest()[:10]
    return CLAIM[f"{_tail(subject)}-{_TAIL.sub('-', local.lower())}-{qid.lower()}-{digest}"]


def _describe_source(
    graph: Graph, qid: str, entity: Mapping[str, Any], retrieved: dt.date, label: str
) -> URIRef:
    source = item_source(qid)
    graph.add((source, RDF.type, SCHEMA.CreativeWork))
    graph.add((source, RDF.type, PROV.Entity))
    graph.add((source, RDFS.label, Literal(f"Wikidata item {qid} ({label})", lang="en")))
    graph.add((source, SCHEMA.isPartOf, WIKIDATA_SOURCE))
    graph.add((source, SCHEMA.publisher, AGENT))
    graph.add((source, SCHEMA.identifier, Literal(qid)))
    revision = entity.get("lastrevid")
    if revision is not None:
        graph.add((source, SCHEMA.version, Literal(str(revision))))
        graph.add((source, SCHEMA.url, URIRef(f"{PAGE}{revision}")))
    else:
        graph.add((source, SCHEMA.url, URIRef(f"https://www.wikidata.org/wiki/{qid}")))
    modified = str(entity.get("modified", ""))
    if re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", modified):
        graph.add((source, SCHEMA.dateModified, Literal(modified, datatype=XSD.dateTime)))
    graph.add((source, DCTERMS.date, Literal(retrieved.isoformat(), datatype=XSD.date)))
    return source


def _claim(
    graph: Graph, subject: URIRef, predicate: URIRef, obj: Node, qid: str, retrieved: dt.date
) -> None:
    claim = claim_iri(str(subject), str(predicate), obj, qid)
    graph.add((claim, RDF.type, DFO.Claim))
    graph.add((claim, RDF.subject, subject))
    graph.add((claim, RDF.predicate, predicate))
    graph.add((claim, RDF.object, obj))
    graph.add((claim, DFO.method, DFO.WikidataImport))
    graph.add((claim, DFO.status, DFO.Stated))
    graph.add((claim, DFO.retrieved, Literal(retrieved.isoformat(), datatype=XSD.date)))
    graph.add((claim, PROV.wasAttributedTo, AGENT))
    graph.add((claim, PROV.wasDerivedFrom, item_source(qid)))


def _describe_common(graph: Graph) -> None:
    graph.add((WIKIDATA_SOURCE, RDF.type, SCHEMA.Dataset))
    graph.add((WIKIDATA_SOURCE, RDF.type, PROV.Entity))
    graph.add((WIKIDATA_SOURCE, RDFS.label, Literal("Wikidata", lang="en")))
    graph.add((WIKIDATA_SOURCE, SCHEMA.url, URIRef("https://www.wikidata.org/")))
    graph.add((WIKIDATA_SOURCE, SCHEMA.publisher, AGENT))
    graph.add((AGENT, RDF.type, PROV.SoftwareAgent))
    graph.add((AGENT, RDFS.label, Literal("Wikidata, as its items state", lang="en")))


def _display_label(entity: Mapping[str, Any]) -> Literal | None:
    for lang in ("en", "mul", "ko"):
        label = entity.get("labels", {}).get(lang)
        if isinstance(label, dict) and label.get("value"):
            return Literal(str(label["value"]), lang=None if lang == "mul" else lang)
    return None


def _label(entity: Mapping[str, Any], qid: str) -> str:
    for lang in ("en", "mul", "ko"):
        label = entity.get("labels", {}).get(lang)
        if isinstance(label, dict) and label.get("value"):
            return str(label["value"])
    return qid


# -- what the graph holds --------------------------------------------------------------------------


def linked(graph: Graph) -> dict[str, tuple[URIRef, str]]:
    """Q-id -> (entity, kind) for the films, people and organisations linked to an item."""
    kinds = {SCHEMA.Movie: "film", SCHEMA.Person: "person", SCHEMA.Organization: "org"}
    out: dict[str, tuple[URIRef, str]] = {}
    for cls, kind in kinds.items():
        for entity in sorted(set(graph.subjects(RDF.type, cls)), key=str):
            for obj in sorted(graph.objects(entity, OWL.sameAs), key=str):
                if isinstance(entity, URIRef) and str(obj).startswith(str(WD)):
                    out.setdefault(str(obj).removeprefix(str(WD)), (entity, kind))
    return out


def _names_of(graph: Graph, entity: Node) -> list[str]:
    props = (SCHEMA.name, SCHEMA.alternateName, DFO.generatedLabel, RDFS.label)
    return [str(o) for p in props for o in graph.objects(entity, p)]


def _keys(text: str) -> set[str]:
    """What two names agreeing at 0.9 or more share: the text, a Korean or English key."""
    return {"t:" + text.casefold(), *match_keys(text)}


class _Namesakes:
    """Unlinked entities of one class by the keys of their names, to find one that may be the
    item about to be added (any name agreeing as `matchkey.similarity` >= 0.9 does)."""

    def __init__(self, graph: Graph, cls: URIRef) -> None:
        self.by_key: dict[str, URIRef] = {}
        for entity in sorted(set(graph.subjects(RDF.type, cls)), key=str, reverse=True):
            if not isinstance(entity, URIRef) or any(
                str(o).startswith(str(WD)) for o in graph.objects(entity, OWL.sameAs)
            ):
                continue
            for name in _names_of(graph, entity):
                for key in _keys(name):
                    self.by_key[key] = entity

    def find(self, texts: Iterable[str]) -> URIRef | None:
        found = {self.by_key[k] for t in texts for k in _keys(t) if k in self.by_key}
        return min(found, key=str) if found else None


def _slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return _TAIL.sub("-", folded).strip("-")


def _new_iri(namespace: Any, texts: list[str], qid: str, taken: set[str], graph: Graph) -> URIRef:
    """A new entity's IRI from its English or romanized name; the Q-id where that is taken."""
    latin = [t for t in texts if not has_hangul(t) and _slug(t)]
    base = _slug(latin[0]) if latin else qid.lower()
    iri = URIRef(namespace[base])
    if str(iri) in taken or (iri, None, None) in graph:
        iri = URIRef(namespace[f"{base}-{qid.lower()}"])
    taken.add(str(iri))
    return iri


# -- the run ---------------------------------------------------------------------------------------


def _revision(graph: Graph, qid: str) -> str | None:
    value = graph.value(item_source(qid), SCHEMA.version)
    return str(value) if value is not None else None


def _retrieved_before(previous: Graph, qid: str) -> dt.date | None:
    """When an earlier pull retrieved item `qid`, as its source records it."""
    value = previous.value(item_source(qid), DCTERMS.date)
    parsed = value.toPython() if isinstance(value, Literal) else None
    return parsed if isinstance(parsed, dt.date) else None


def _wrong_kind(entity: Mapping[str, Any], kind: str) -> bool:
    """A film linked to a human, or a person linked to an item that says it is no human."""
    types = set(_item_ids(entity, ids.INSTANCE_OF))
    return ids.HUMAN in types if kind == "film" else bool(types) and ids.HUMAN not in types


def new_films(
    client: WikibaseClient, graph: Graph, known: Mapping[str, tuple[URIRef, str]]
) -> tuple[list[str], list[str]]:
    """Films of the reconciler's pool the graph lacks (not linked, no unlinked film of that
    title), and notes on pool films left out because an unlinked film may be them."""
    pool = pool_from_rows(client.sparql(wdqs.film_pool()))
    films = _Namesakes(graph, SCHEMA.Movie)
    wanted: list[str] = []
    notes: list[str] = []
    for qid in sorted(pool, key=lambda q: (len(q), q)):
        if qid in known:
            continue
        texts = [text for text, _ in pool[qid].names]
        namesake = films.find(texts)
        if namesake is not None:
            notes.append(f"{qid} ({pool[qid].label}) not added: it may be {namesake}; reconcile")
            continue
        wanted.append(qid)
    return wanted, notes


def _introduced(previous: Graph, iri: URIRef, qid: str) -> bool:
    """Did an earlier pull add this entity (from item `qid`)?"""
    return (iri, DCTERMS.source, item_source(qid)) in previous


def pull(
    client: WikibaseClient,
    graph: Graph,
    data_dir: Path,
    *,
    new: bool = False,
    dry_run: bool = False,
    today: dt.date | None = None,
) -> Pulled:
    """Pull the linked items' statements into `data_dir`/wikidata-pull.ttl (atomically)."""
    retrieved = today or dt.date.today()
    path = data_dir / PULL_FILE
    change = DataFiles(data_dir)
    previous = load_links(path, change)  # what the last pull wrote (its revisions and dates)
    result = Pulled(path=path)
    known = linked(graph)
    # Q-id -> (the graph's entity or None for one to add, kind)
    targets: dict[str, tuple[URIRef | None, str]] = {
        q: (iri, kind) for q, (iri, kind) in known.items() if kind in ("film", "person")
    }
    if new:
        wanted, notes = new_films(client, graph, known)
        result.skipped += notes
        for qid in wanted:
            targets.setdefault(qid, (None, "film"))
    props = "info|labels|aliases|claims"
    entities = client.get_entities(sorted(targets), props=props)
    for qid in sorted(set(targets) - set(entities)):
        result.skipped.append(f"{qid}: no such item (deleted or merged away)")
        del targets[qid]
    # the people the statements name whom the graph lacks: fetched once, added, linked
    pointed = [q for q in referenced(entities.values()) if q not in known]
    others = client.get_entities(pointed, props=props) if pointed else {}
    taken: set[str] = set()
    resolve: dict[str, tuple[URIRef, str]] = dict(known)
    people = _Namesakes(graph, SCHEMA.Person)
    for qid, entity in sorted(others.items()):
        if ids.HUMAN not in set(_item_ids(entity, ids.INSTANCE_OF)):
            continue  # a studio or another item: only a linked one is used
        texts = [str(lit) for _, lit in names(entity)]
        if not texts:
            continue
        namesake = people.find(texts)
        if namesake is not None:
            result.skipped.append(
                f"{qid} ({_label(entity, qid)}) not added: it may be {namesake}; reconcile people"
            )
            continue
        resolve[qid] = (_new_iri(PERSON, texts, qid, taken, graph), "person")
        targets[qid] = (None, "person")
        entities[qid] = entity
    subjects: dict[str, URIRef] = {}
    for qid in sorted(targets, key=lambda q: (len(q), q)):
        iri, kind = targets[qid]
        if iri is None:
            if qid not in resolve:
                texts = [str(lit) for _, lit in names(entities[qid])]
                resolve[qid] = (_new_iri(FILM, texts, qid, taken, graph), "film")
            subjects[qid] = resolve[qid][0]
        else:
            subjects[qid] = iri
    out = Graph(bind_namespaces="none")
    for qid in sorted(targets, key=lambda q: (len(q), q)):
        iri, kind = targets[qid]
        entity, subject = entities[qid], subjects[qid]
        result.items += 1
        adding = iri is None or _introduced(previous, subject, qid)
        if iri is None:
            result.added.append((str(subject), qid, _label(entity, qid)))
        if _wrong_kind(entity, kind):
            result.skipped.append(
                f"{subject}: linked to {qid}, which is not a {kind} item: nothing pulled; check"
                " the link"
            )
            continue
        # The same revision as last time: the same claims, retrieved when they were then, so
        # a re-run changes no byte; what changed in the graph's links is still taken up.
        when = retrieved
        if str(entity.get("lastrevid", "")) == (_revision(previous, qid) or "-"):
            when = _retrieved_before(previous, qid) or retrieved
            result.kept += 1
        _describe_source(out, qid, entity, when, _label(entity, qid))
        pairs, left = facts(entity, kind, resolve)
        for note in left:
            result.skipped.append(f"{subject}: {note}")
        if adding:
            cls = SCHEMA.Movie if kind == "film" else SCHEMA.Person
            out.add((subject, RDF.type, cls))
            out.add((subject, DCTERMS.source, item_source(qid)))
            display = _display_label(entity)
            if display is not None:  # a display label, as every entity of the data has
                out.add((subject, RDFS.label, display))
            pairs.append((OWL.sameAs, WD[qid]))
        for predicate, obj in pairs:
            _claim(out, subject, predicate, obj, qid, when)
            result.claims += 1
    if len(out):
        _describe_common(out)
    text = to_turtle(out) if len(out) else ""
    before = path.read_text(encoding="utf-8") if path.exists() else ""
    result.changed = text != before
    result.requests = client.stats.network
    if result.changed:
        change.put(path, text)
        change.commit(dry_run=dry_run)  # the data with the pulled claims must validate
    return result
