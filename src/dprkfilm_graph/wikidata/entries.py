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


def _credited_people(graph: Graph) -> set[Node]:
    """People some work credits (director, composer, actor, …), not authors of sources."""
    works = {
        s for cls in ENTITY_CLASSES if cls != SCHEMA.Person for s in graph.subjects(RDF.type, cls)
    }
    people = set(graph.subjects(RDF.type, SCHEMA.Person))
    return {o for s in works for _, o in graph.predicate_objects(s) if o in people}


def entries_from_graph(graph: Graph, kind: Kind) -> list[Entry]:
    """Every film (schema:Movie) or credited person of the built graph, sorted by IRI."""
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
        for person in sorted(_credited_people(graph), key=str):
            titles = _titles(graph, person)
            if titles and isinstance(person, URIRef):
                born = graph.value(person, SCHEMA.birthDate)
                out.append(
                    Entry(str(person), "person", titles, _year(born), linked=_linked(graph, person))
                )
    return out
