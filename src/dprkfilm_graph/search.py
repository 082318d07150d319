"""Text -> ranked entities, matched against every label in every language and romanization.

A user may type 태백산, "T'aebaek", "Taebaek" or "Thaebaek": each label of each entity (source
titles, alternative titles, generated romanizations, display labels, unattested glosses) is
compared through the Korean matching key and the English title key (`matchkey`), and the entity
takes the score of its best label. A query that is a word, or the start of a word, of a label's
key (태백산 in 태백산에 봄이 온다) also matches, below an exact match and more the more of the
label it covers.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum

from rdflib import Graph, Literal, URIRef

from dprkfilm_graph.korean.matchkey import Comparison, compact, compare, english_key, korean_keys
from dprkfilm_graph.namespaces import DFO, MO, RDF, RDFS, SCHEMA

LABEL_PROPERTIES: dict[URIRef, str] = {
    SCHEMA.name: "title",
    SCHEMA.alternateName: "alternative title",
    DFO.generatedLabel: "generated romanization",
    RDFS.label: "label",
    DFO.unattestedTranslation: "unattested translation",
}


class EntityType(StrEnum):
    """The kinds of entity a search can be narrowed to."""

    FILM = "film"
    PERSON = "person"
    SONG = "song"
    RECORD = "record"
    ORGANISATION = "organisation"


TYPE_CLASSES: dict[EntityType, tuple[URIRef, ...]] = {
    EntityType.FILM: (SCHEMA.Movie,),
    EntityType.PERSON: (SCHEMA.Person,),
    EntityType.SONG: (SCHEMA.MusicComposition, MO.MusicalWork, SCHEMA.MusicRecording),
    EntityType.RECORD: (SCHEMA.MusicRelease, MO.Release, MO.Record),
    EntityType.ORGANISATION: (SCHEMA.Organization,),
}

# A partial match never reaches an exact one: at most this, when the query covers the label.
PARTIAL_MAX = 0.9
PARTIAL_MIN = 0.6
MIN_PARTIAL_KEY = 3
# Below this a hit is noise: a fuzzy match of under 70 % of the matching key.
MIN_SCORE = 0.6


@dataclass(frozen=True)
class Hit:
    """One entity found: which label matched, in which language or system, and how."""

    iri: str
    label: str
    type: str
    matched: str
    language: str
    property: str
    how: str
    score: float

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class _Entry:
    entity: URIRef
    kind: EntityType
    label: Literal
    property: str


def partial(query: str, label: str) -> Comparison:
    """How far `query` is a word (or word start) of `label`, by either key; score 0 if not."""
    best = Comparison(0.0, "no agreement")
    q_english = english_key(query)
    l_english = english_key(label)
    if q_english and l_english and q_english != l_english:
        q_words, l_words = q_english.split(), l_english.split()
        if len(compact(q_english)) >= MIN_PARTIAL_KEY and all(w in l_words for w in q_words):
            best = Comparison(_partial_score(q_english, l_english), "words of the English title")
    for q_key in korean_keys(query):
        q_flat = compact(q_key)
        if len(q_flat) < MIN_PARTIAL_KEY:
            continue
        for l_key in korean_keys(label):
            l_flat = compact(l_key)
            if q_flat == l_flat:
                continue
            starts_word = any(w.startswith(q_flat) for w in l_key.split())
            if l_flat.startswith(q_flat) or starts_word:
                score = _partial_score(q_flat, l_flat)
                if score > best.score:
                    best = Comparison(score, "start of the Korean matching key")
    return best


def _partial_score(query_key: str, label_key: str) -> float:
    coverage = min(1.0, len(query_key) / max(1, len(label_key)))
    return round(PARTIAL_MIN + (PARTIAL_MAX - PARTIAL_MIN) * coverage, 4)


def _literal_order(node: object) -> tuple[str, str]:
    return (str(node), getattr(node, "language", None) or "")


# A person or an organisation has a name where a work has a title (schema:name is both).
_NAMED = frozenset({EntityType.PERSON, EntityType.ORGANISATION})
_AS_NAME = {"title": "name", "alternative title": "alternative name"}


def _label_kind(prop_name: str, kind: EntityType) -> str:
    """What a label is called for this kind of entity, as a search result says it."""
    return _AS_NAME.get(prop_name, prop_name) if kind in _NAMED else prop_name


class SearchIndex:
    """The labels of a graph's entities, gathered once so that many searches stay cheap."""

    def __init__(self, graph: Graph) -> None:
        self._entries: list[_Entry] = []
        self._display: dict[URIRef, str] = {}
        seen: set[URIRef] = set()
        for kind, classes in TYPE_CLASSES.items():
            for cls in classes:
                for entity in sorted(graph.subjects(RDF.type, cls), key=str):
                    if not isinstance(entity, URIRef) or entity in seen:
                        continue
                    seen.add(entity)
                    display = graph.value(entity, RDFS.label)
                    self._display[entity] = str(display) if display is not None else str(entity)
                    for prop, prop_name in LABEL_PROPERTIES.items():
                        prop_name = _label_kind(prop_name, kind)
                        for value in sorted(graph.objects(entity, prop), key=_literal_order):
                            if isinstance(value, Literal) and str(value).strip():
                                self._entries.append(_Entry(entity, kind, value, prop_name))

    def search(
        self,
        text: str,
        *,
        kind: EntityType | None = None,
        limit: int = 10,
        min_score: float = MIN_SCORE,
    ) -> list[Hit]:
        """Entities whose labels match `text`, best first (ties broken by IRI: stable output)."""
        best: dict[URIRef, Hit] = {}
        for entry in self._entries:
            if kind is not None and entry.kind is not kind:
                continue
            label = str(entry.label)
            result = compare(text, label)
            part = partial(text, label)
            if part.score > result.score:
                result = part
            if result.score < min_score:
                continue
            current = best.get(entry.entity)
            # On a tie, the label written exactly as asked explains the hit best.
            rank = (result.score, label == text.strip())
            if current is None or rank > (current.score, current.matched == text.strip()):
                best[entry.entity] = Hit(
                    iri=str(entry.entity),
                    label=self._display[entry.entity],
                    type=entry.kind.value,
                    matched=label,
                    language=entry.label.language or "",
                    property=entry.property,
                    how=result.how,
                    score=result.score,
                )
        ranked = sorted(best.values(), key=lambda h: (-h.score, h.iri))
        return ranked[:limit]


def search(
    graph: Graph,
    text: str,
    *,
    kind: EntityType | str | None = None,
    limit: int = 10,
    min_score: float = MIN_SCORE,
) -> list[Hit]:
    """Entities of `graph` whose labels match `text`, best first."""
    wanted = EntityType(kind) if kind else None
    return SearchIndex(graph).search(text, kind=wanted, limit=limit, min_score=min_score)
