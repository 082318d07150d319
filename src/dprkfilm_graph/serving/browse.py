"""Lists to browse: films by decade or studio, people, records, songs; built once per graph.

Each row carries what a reader scans for: the English and Hangul titles, the years the sources
give, the studio and director, the film a song comes from.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from dprkfilm_graph.namespaces import DFO, MO, RDF, SCHEMA
from dprkfilm_graph.serving.views import Link, hangul_title, link, values_of, years_of
from dprkfilm_graph.serving.words import label_of

UNKNOWN = "year not given"
NO_STUDIO = "studio not given"


@dataclass
class Item:
    link: Link
    hangul: str
    years: list[str]
    details: list[tuple[str, list[Link]]] = field(default_factory=list)


@dataclass
class Section:
    heading: str
    items: list[Item]


def _links(graph: Graph, node: Node, props: Iterable[tuple[URIRef, bool]]) -> list[Link]:
    return [x for v in values_of(graph, node, props) if (x := v.link) is not None]


def _entities(graph: Graph, *classes: URIRef) -> list[URIRef]:
    found = {s for c in classes for s in graph.subjects(RDF.type, c) if isinstance(s, URIRef)}
    return sorted(found, key=lambda s: (label_of(graph, s).casefold(), str(s)))


def _item(graph: Graph, node: URIRef, details: list[tuple[str, list[Link]]]) -> Item:
    own = link(graph, node)
    assert own is not None
    return Item(own, hangul_title(graph, node), years_of(graph, node), details)


def film_items(graph: Graph) -> list[Item]:
    return [
        _item(
            graph,
            film,
            [
                ("studio", _links(graph, film, [(SCHEMA.productionCompany, False)])),
                ("director", _links(graph, film, [(SCHEMA.director, False)])),
            ],
        )
        for film in _entities(graph, SCHEMA.Movie)
    ]


def films_by_decade(items: list[Item]) -> list[Section]:
    """Films under the decade of the earliest year a source gives (a film with no year last)."""
    sections: dict[str, list[Item]] = {}
    for item in items:
        key = f"{item.years[0][:3]}0s" if item.years else UNKNOWN
        sections.setdefault(key, []).append(item)
    order = sorted(sections, key=lambda k: (k == UNKNOWN, k))
    return [Section(k, sorted(sections[k], key=_by_year)) for k in order]


def films_by_studio(items: list[Item]) -> list[Section]:
    sections: dict[str, list[Item]] = {}
    for item in items:
        studios = dict(item.details).get("studio") or []
        for name in [s.text for s in studios] or [NO_STUDIO]:
            sections.setdefault(name, []).append(item)
    order = sorted(sections, key=lambda k: (k == NO_STUDIO, k.casefold()))
    return [Section(k, sorted(sections[k], key=_by_year)) for k in order]


def _by_year(item: Item) -> tuple[str, str]:
    return (item.years[0] if item.years else "9999", item.link.text.casefold())


def people(graph: Graph) -> list[Item]:
    roles = (
        ("directed", SCHEMA.director),
        ("screenplays", DFO.screenwriter),
        ("acted in", SCHEMA.actor),
        ("music for", SCHEMA.musicBy),
        ("performed", SCHEMA.byArtist),
    )
    return [
        _item(
            graph,
            person,
            [
                (word, found)
                for word, prop in roles
                if (found := _links(graph, person, [(prop, True)]))
            ],
        )
        for person in _entities(graph, SCHEMA.Person)
    ]


def records(graph: Graph) -> list[Item]:
    return [
        _item(
            graph,
            release,
            [
                ("label", _links(graph, release, [(SCHEMA.recordLabel, False)])),
                ("performer", _links(graph, release, [(SCHEMA.byArtist, False)])),
                ("discs", _links(graph, release, [(MO.record, False)])),
            ],
        )
        for release in _entities(graph, SCHEMA.MusicRelease, MO.Release)
    ]


def songs(graph: Graph) -> list[Item]:
    return [
        _item(graph, song, [("from the film", _links(graph, song, [(DFO.songFromFilm, False)]))])
        for song in _entities(graph, SCHEMA.MusicComposition, MO.MusicalWork)
    ]


def catalogue_numbers(graph: Graph, node: Node) -> list[str]:
    return sorted(
        str(o) for o in graph.objects(node, SCHEMA.catalogNumber) if isinstance(o, Literal)
    )
