"""What the graph says about each film or person, reduced to what matching needs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from rdflib import Graph, URIRef
from rdflib.term import Node

from dprkfilm_graph.namespaces import DFO, ENTITY_CLASSES, OWL, RDF, RDFS, SCHEMA, WD

Kind = Literal["film", "person"]
_YEAR = re.compile(r"^(\d{4})")
_TITLE_PROPERTIES = (SCHEMA.name, SCHEMA.alternateName, DFO.generatedLabel)


@dataclass(frozen=True)
class Entry:
    """One thing to reconcile: its titles (or names) with language tags, year, people, parts."""

    iri: str
    kind: Kind
    titles: tuple[tuple[str, str], ...]
    year: int | None = None
    people: tuple[str, ...] = ()
    parts: int | None = None
    linked: tuple[str, ...] = field(default=())
    # What a person is credited with ("film", "music"); none for a source's author or reader.
    roles: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.titles[0][0] if self.titles else self.iri.rsplit("/", 1)[-1]


def _year(value: Node | None) -> int | None:
    match = _YEAR.match(str(value)) if value is not None else None
    return int(match.group(1)) if match else None


def _titles(graph: Graph, subject: Node) -> tuple[tuple[str, str], ...]:
    seen: dict[tuple[str, str], None] = {}
    for prop in _TITLE_PROPERTIES:
        for value in sorted(graph.objects(subject, prop), key=str):
            lang = getattr(value, "language", None) or ""
            seen[(str(value), lang)] = None
    return tuple(seen)


def _names(graph: Graph, person: Node) -> list[str]:
    names = [str(n) for n in graph.objects(person, SCHEMA.name)]
    return names or [str(n) for n in graph.objects(person, RDFS.label)]


def _linked(graph: Graph, subject: Node) -> tuple[str, ...]:
    return tuple(
        str(o)[len(str(WD)) :]
        for o in graph.objects(subject, OWL.sameAs)
        if str(o).startswith(str(WD))
    )


_MUSIC_CLASSES = (SCHEMA.MusicComposition, SCHEMA.MusicRecording, SCHEMA.MusicRelease)


def _roles(graph: Graph) -> dict[Node, set[str]]:
    """Person -> what works credit them with: "film" (a film credits them), "music" (a song,
    recording or record does). People only a source names (its author, a reader) have none."""
    out: dict[Node, set[str]] = {}
    people = set(graph.subjects(RDF.type, SCHEMA.Person))
    for cls in ENTITY_CLASSES:
        if cls == SCHEMA.Person:
            continue
        role = "film" if cls == SCHEMA.Movie else "music" if cls in _MUSIC_CLASSES else ""
        for work in graph.subjects(RDF.type, cls):
            for _, o in graph.predicate_objects(work):
                if o in people and role:
                    out.setdefault(o, set()).add(role)
    return out


def _name_unknown(graph: Graph, person: Node) -> bool:
    """A source says the person has a name but not what it is: the label only describes them."""
    return any(
        graph.value(claim, DFO.valueStatus) is not None
        for claim in graph.subjects(RDF.subject, person)
        if graph.value(claim, RDF.predicate) == SCHEMA.name
    )


def _person_titles(graph: Graph, person: Node) -> tuple[tuple[str, str], ...]:
    """Names (schema:name and the others), else rdfs:label unless it only describes them."""
    titles = _titles(graph, person)
    if titles or _name_unknown(graph, person):
        return titles
    return tuple(
        (str(n), getattr(n, "language", None) or "") for n in graph.objects(person, RDFS.label)
    )


def entries_from_graph(graph: Graph, kind: Kind) -> list[Entry]:
    """Every film (schema:Movie) or person of the built graph, sorted by IRI: the people works
    credit, and those only a source names (its author, the reader of a label, a commenter)."""
    out: list[Entry] = []
    if kind == "film":
        for film in sorted(set(graph.subjects(RDF.type, SCHEMA.Movie)), key=str):
            titles = _titles(graph, film)
            if not titles:
                continue
            people = tuple(
                n for d in graph.objects(film, SCHEMA.director) for n in _names(graph, d)
            )
            parts = graph.value(film, DFO.numberOfParts)
            out.append(
                Entry(
                    iri=str(film),
                    kind="film",
                    titles=titles,
                    year=_year(graph.value(film, SCHEMA.datePublished)),
                    people=people,
                    parts=int(str(parts)) if parts is not None else None,
                    linked=_linked(graph, film),
                )
            )
    else:
        roles = _roles(graph)
        for person in sorted(set(graph.subjects(RDF.type, SCHEMA.Person)), key=str):
            titles = _person_titles(graph, person)
            if titles and isinstance(person, URIRef):
                born = graph.value(person, SCHEMA.birthDate)
                out.append(
                    Entry(
                        str(person),
                        "person",
                        titles,
                        _year(born),
                        linked=_linked(graph, person),
                        roles=tuple(sorted(roles.get(person, ()))),
                    )
                )
    return out
