"""What an entity page shows, gathered from the graph: the facts a reader wants first, then the
evidence for each, grouped by property, each value once with every source that gives it.

Facts come from the claims (a value is "given by" the sites whose claims state it) and from plain
triples that no claim backs; a value that only rejected claims give is left out of the summary
but stays in the evidence. Values are plain words (see words.plain_value), never term syntax.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from dprkfilm_graph.namespaces import (
    BASE,
    DCTERMS,
    DFO,
    ENTITY_SEGMENTS,
    FOAF,
    MO,
    OA,
    OWL,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
)
from dprkfilm_graph.serving.words import (
    label_of,
    plain_value,
    property_words,
    readable_url,
    script_note,
)

TITLE_PROPERTIES = (
    SCHEMA.name,
    SCHEMA.alternateName,
    DFO.generatedLabel,
    DFO.unattestedTranslation,
)
# Triples shown elsewhere on the page (titles, claim bookkeeping), not as other statements.
_SHOWN_ELSEWHERE = {RDF.type, RDF.subject, RDF.predicate, RDF.object, RDFS.label, *TITLE_PROPERTIES}
_LINK_PROPERTIES = (OWL.sameAs, SCHEMA.sameAs, SKOS.closeMatch, SKOS.exactMatch)
_WIKIDATA = "http://www.wikidata.org/entity/"
_REJECTED = DFO.Rejected

# The kinds of page, by class (first match wins), with a word for each.
KINDS: tuple[tuple[str, tuple[URIRef, ...]], ...] = (
    ("claim", (DFO.Claim,)),
    ("film", (SCHEMA.Movie,)),
    ("person", (SCHEMA.Person,)),
    ("record", (SCHEMA.MusicRelease, MO.Release)),
    ("disc", (MO.Record,)),
    ("track", (MO.Track,)),
    ("song", (SCHEMA.MusicComposition, MO.MusicalWork)),
    ("recording", (SCHEMA.MusicRecording,)),
    ("region", (DFO.ImageRegion,)),
    ("photo", (SCHEMA.ImageObject, FOAF.Image)),
    ("label", (MO.Label,)),
    ("source", (PROV.Entity,)),
    ("organisation", (SCHEMA.Organization,)),
)

# The facts each kind of page leads with: a heading and the (property, inverse) pairs whose
# values it lists. Inverse means "entities that point here by this property".
Spec = tuple[tuple[str, tuple[tuple[URIRef, bool], ...]], ...]
SUMMARY: dict[str, Spec] = {
    "film": (
        ("Year", ((SCHEMA.datePublished, False),)),
        ("Studio", ((SCHEMA.productionCompany, False),)),
        ("Director", ((SCHEMA.director, False),)),
        ("Screenplay", ((DFO.screenwriter, False),)),
        ("Cast", ((SCHEMA.actor, False),)),
        ("Music", ((SCHEMA.musicBy, False),)),
        ("Parts", ((DFO.numberOfParts, False),)),
        ("Country", ((SCHEMA.countryOfOrigin, False),)),
        ("Based on", ((SCHEMA.isBasedOn, False),)),
        ("Songs", ((DFO.songFromFilm, True),)),
    ),
    "person": (
        ("Directed", ((SCHEMA.director, True),)),
        ("Screenplays", ((DFO.screenwriter, True),)),
        ("Acted in", ((SCHEMA.actor, True),)),
        ("Music for", ((SCHEMA.musicBy, True),)),
        ("Composed", ((SCHEMA.composer, True),)),
        ("Lyrics for", ((SCHEMA.lyricist, True),)),
        ("Performed", ((SCHEMA.byArtist, True),)),
        ("Languages", ((SCHEMA.knowsLanguage, False),)),
        ("Photos sent", ((SCHEMA.provider, True),)),
    ),
    "organisation": (
        ("Films made", ((SCHEMA.productionCompany, True),)),
        ("Records issued", ((SCHEMA.recordLabel, True),)),
        ("Performed", ((SCHEMA.byArtist, True),)),
    ),
    "record": (
        ("Label", ((SCHEMA.recordLabel, False),)),
        ("Catalogue number", ((SCHEMA.catalogNumber, False),)),
        ("Year", ((SCHEMA.datePublished, False),)),
        ("Format", ((SCHEMA.musicReleaseFormat, False),)),
        ("Performer", ((SCHEMA.byArtist, False),)),
        ("Description", ((SCHEMA.description, False),)),
    ),
    "disc": (
        ("Release", ((MO.record, True),)),
        ("Matrix number", ((DFO.matrixNumber, False),)),
    ),
    "track": (
        ("Disc", ((MO.track, True),)),
        ("Side / position", ((MO.record_side, False), (SCHEMA.position, False))),
        ("Track number", ((MO.track_number, False),)),
        ("Recording", ((MO.publication_of, False),)),
    ),
    "song": (
        ("From the film", ((DFO.songFromFilm, False),)),
        ("Composer", ((SCHEMA.composer, False),)),
        ("Lyricist", ((SCHEMA.lyricist, False),)),
        ("Recordings", ((SCHEMA.recordingOf, True),)),
    ),
    "recording": (
        ("Song", ((SCHEMA.recordingOf, False),)),
        ("Performer", ((SCHEMA.byArtist, False),)),
        ("On the record", ((SCHEMA.track, True),)),
        ("As the track", ((MO.publication_of, True),)),
    ),
    "photo": (
        ("Kind", ((DFO.imageKind, False),)),
        ("Photo of", ((SCHEMA.about, False),)),
        ("Shows", ((FOAF.depicts, False),)),
        ("Sent by", ((SCHEMA.provider, False),)),
        ("Caption or file name", ((DFO.imageFile, False),)),
    ),
    "region": (
        ("Part of the photo", ((OA.hasSource, False),)),
        ("Where", ((DFO.regionName, False),)),
        ("Shows", ((FOAF.depicts, False),)),
    ),
    "source": (
        ("Site", ((SCHEMA.publisher, False), (SCHEMA.isPartOf, False))),
        ("Author", ((SCHEMA.author, False),)),
        ("Web address", ((SCHEMA.url, False),)),
        ("Text", ((SCHEMA.text, False),)),
    ),
}
SUMMARY["label"] = SUMMARY["organisation"]


@dataclass(frozen=True)
class Link:
    href: str
    text: str
    external: bool = False


@dataclass(frozen=True)
class SourceRef:
    """A source as a reader names it: the site, the page's title (or readable address)."""

    page: Link
    site: str
    title: str
    url: str


@dataclass
class Citation:
    """One claim for a value: where it was read, in which words, how sure."""

    claim: Link
    source: SourceRef | None
    stated_as: str
    status: str
    method: str
    claimant: Link | None
    confirmed: list[Link] = field(default_factory=list)
    comment: str = ""


@dataclass
class Value:
    """One value of a property, once, with every claim that gives it."""

    node: Node
    text: str
    link: Link | None
    note: str  # the script or system of a title, or what the value is (film, photo, ...)
    lang: str
    citations: list[Citation] = field(default_factory=list)
    asserted: bool = False  # a plain triple states it

    @property
    def statuses(self) -> list[str]:
        return sorted({c.status for c in self.citations if c.status})

    @property
    def sites(self) -> list[str]:
        seen: dict[str, None] = {}
        for c in self.citations:
            if c.source is not None:
                seen.setdefault(c.source.site)
        return list(seen)

    @property
    def rejected(self) -> bool:
        return bool(self.citations) and all(c.status == "rejected" for c in self.citations)


@dataclass
class Row:
    heading: str
    values: list[Value]


@dataclass
class Group:
    """The evidence for one property: each value once, with its citations."""

    property: str
    values: list[Value]


@dataclass
class Track:
    position: str
    link: Link
    recording: Link | None
    songs: list[Value]
    films: list[Value]


@dataclass
class Disc:
    link: Link
    tracks: list[Track]


@dataclass
class Photo:
    """A photo (or a region of one) and what it shows, with the claim's status."""

    link: Link
    image: Link  # the whole photo's page
    image_path: str  # the photo's entity path (its file is served under /photo-file/<path>)
    where: str  # the region's name, "" for the whole photo
    shows: list[Value]


@dataclass
class EntityPage:
    iri: str
    path: str
    kind: str
    label: str
    hangul: str
    titles: list[Value]
    summary: list[Row]
    wikidata: list[Link]
    photos: list[Photo]
    records: list[Value]
    discs: list[Disc]
    films: list[Value]
    evidence: list[Group]
    pointing: list[Group]
    others: list[tuple[str, Value]]
    comment: str
    formats: list[tuple[str, str]]


def kind_of(graph: Graph, iri: Node) -> str:
    types = set(graph.objects(iri, RDF.type))
    for kind, classes in KINDS:
        if types.intersection(classes):
            return kind
    return "entity"


def link(graph: Graph, node: Node) -> Link | None:
    """A link to an IRI: our own as a local path, others as they are; None for a literal."""
    if not isinstance(node, URIRef):
        return None
    text = str(node)
    if text.startswith(BASE):
        local = text[len(BASE) :]
        if local.split("/", 1)[0] not in ENTITY_SEGMENTS:
            return None  # the ontology's terms: shown by name, not as pages
        return Link("/" + local, label_of(graph, node))
    return Link(text, label_of(graph, node), external=True)


def _must_link(graph: Graph, node: Node) -> Link:
    found = link(graph, node)
    return found if found is not None else Link("", plain_value(graph, node))


def site_of(graph: Graph, source: Node, depth: int = 0) -> str:
    """The site a source is on: its publisher, or the site of the post it is part of or
    comments on, else its address's host."""
    for prop in (SCHEMA.publisher, SCHEMA.isPartOf, SCHEMA.parentItem):
        parent = graph.value(source, prop)
        if parent is None:
            continue
        if depth < 3 and (parent, RDF.type, PROV.Entity) in graph:
            return site_of(graph, parent, depth + 1)
        return label_of(graph, parent).split("/", 1)[0]
    url = graph.value(source, SCHEMA.url)
    if url is not None:
        return readable_url(str(url)).split("/", 1)[0]
    if graph.value(source, DCTERMS.identifier) is not None:
        return "this project's compiled list"
    return ""


def source_ref(graph: Graph, source: Node) -> SourceRef:
    """The site and the page's title (a headline, a label that is not an address, else the
    readable address) of a source."""
    url_node = graph.value(source, SCHEMA.url)
    url = str(url_node) if url_node is not None else ""
    title = ""
    for prop in (SCHEMA.headline, SCHEMA.name, RDFS.label):
        found = graph.value(source, prop)
        if found is not None and not str(found).startswith(("http://", "https://")):
            title = str(found)
            break
    if not title:
        title = readable_url(url) if url else label_of(graph, source)
    site = site_of(graph, source) or title
    return SourceRef(_must_link(graph, source), site, title, url)


def citation(graph: Graph, claim: Node) -> Citation:
    status = graph.value(claim, DFO.status)
    method = graph.value(claim, DFO.method)
    stated = graph.value(claim, DFO.statedAs)
    comment = graph.value(claim, RDFS.comment)
    source = graph.value(claim, PROV.wasDerivedFrom)
    claimant = graph.value(claim, PROV.wasAttributedTo)
    confirmed = [*graph.objects(claim, DFO.confirmedIn), *graph.objects(claim, DFO.confirmedBy)]
    own = _must_link(graph, claim)
    return Citation(
        claim=Link(own.href, "claim"),
        source=source_ref(graph, source) if source is not None else None,
        stated_as=str(stated) if stated is not None else "",
        status=label_of(graph, status) if status is not None else "",
        method=label_of(graph, method) if method is not None else "",
        claimant=link(graph, claimant) if claimant is not None else None,
        confirmed=[x for n in confirmed if (x := link(graph, n)) is not None],
        comment=str(comment) if comment is not None else "",
    )


def _value(graph: Graph, node: Node) -> Value:
    lang = node.language or "" if isinstance(node, Literal) else ""
    note = script_note(lang) if isinstance(node, Literal) else ""
    own = link(graph, node)
    if own is not None and not own.external:
        note = kind_of(graph, node)
    return Value(node, plain_value(graph, node), own, note, lang)


def _sort_key(value: Value) -> tuple[str, str]:
    return (value.text.casefold(), value.lang)


def values_of(
    graph: Graph,
    iri: Node,
    props: Iterable[tuple[URIRef, bool]],
    *,
    rejected: bool = False,
) -> list[Value]:
    """The values of `props` for `iri` (or, inverse, the entities pointing at it), each once,
    with the claims that give it; values only rejected claims give are left out unless asked."""
    found: dict[Node, Value] = {}
    for prop, inverse in props:
        claims = graph.subjects(RDF.object if inverse else RDF.subject, iri)
        for claim in claims:
            if graph.value(claim, RDF.predicate) != prop:
                continue
            node = graph.value(claim, RDF.subject if inverse else RDF.object)
            if node is None:
                node = graph.value(claim, DFO.valueStatus)
                if node is None:
                    continue
            value = found.get(node) or found.setdefault(node, _value(graph, node))
            value.citations.append(citation(graph, claim))
        plain = graph.subjects(prop, iri) if inverse else graph.objects(iri, prop)
        for node in plain:
            value = found.get(node) or found.setdefault(node, _value(graph, node))
            value.asserted = True
    out = [v for v in found.values() if rejected or not v.rejected]
    for v in out:
        v.citations.sort(key=lambda c: (c.status != "confirmed", c.claim.href))
    return sorted(out, key=_sort_key)


def hangul_title(graph: Graph, iri: Node) -> str:
    names = sorted(
        str(o)
        for p in (SCHEMA.name, SCHEMA.alternateName)
        for o in graph.objects(iri, p)
        if isinstance(o, Literal) and o.language in ("ko", "ko-KP")
    )
    return names[0] if names else ""


def years_of(graph: Graph, iri: Node) -> list[str]:
    return sorted(
        {str(o)[:4] for o in graph.objects(iri, SCHEMA.datePublished) if str(o)[:4].isdigit()}
    )


def titles(graph: Graph, iri: Node) -> list[Value]:
    """Every title or name, each once, Hangul first, then romanizations, then English."""
    out = []
    for prop in TITLE_PROPERTIES:
        for value in values_of(graph, iri, [(prop, False)]):
            if prop == DFO.generatedLabel:
                value.note += " · generated by rule, no source's spelling"
            elif prop == DFO.unattestedTranslation:
                value.note += " · translation no source gives"
            out.append(value)
    order = {"ko": 0, "ko-KP": 0, "ko-Hani": 1, "en": 9}
    seen: set[Node] = set()
    unique = []
    for v in sorted(out, key=lambda v: (order.get(v.lang, 5), v.lang, v.text)):
        if v.node not in seen:
            seen.add(v.node)
            unique.append(v)
    return unique


def _group(graph: Graph, claims: Sequence[Node], *, inverse: bool) -> list[Group]:
    by_prop: dict[str, dict[Node, Value]] = {}
    for claim in claims:
        prop = graph.value(claim, RDF.predicate)
        if prop is None:
            continue
        node = graph.value(claim, RDF.subject if inverse else RDF.object)
        if node is None:
            node = graph.value(claim, DFO.valueStatus)
        if node is None:
            continue
        words = property_words(graph, prop)
        values = by_prop.setdefault(words, {})
        value = values.get(node) or values.setdefault(node, _value(graph, node))
        value.citations.append(citation(graph, claim))
    return [
        Group(words, sorted(values.values(), key=_sort_key))
        for words, values in sorted(by_prop.items(), key=lambda kv: (_rank(kv[0]), kv[0]))
    ]


# The evidence table follows the summary's order: titles, year, studio, people, then the rest.
_FIRST = ("title", "other title", "year", "studio", "director", "screenwriter", "cast", "music")


def _rank(words: str) -> int:
    return _FIRST.index(words) if words in _FIRST else len(_FIRST)


def _regions_and_photos(graph: Graph, iri: Node) -> list[Photo]:
    """Photos (or regions of photos) that show `iri`, with the status of each claim."""
    photos = []
    shown = values_of(graph, iri, [(FOAF.depicts, True)])
    for value in shown:
        photos.append(_photo(graph, value.node, [value]))
    return photos


def _photo(graph: Graph, node: Node, shows: list[Value]) -> Photo:
    whole = graph.value(node, OA.hasSource) or node
    where = graph.value(node, DFO.regionName)
    image = _must_link(graph, whole)
    return Photo(
        link=_must_link(graph, node),
        image=image,
        image_path=image.href.lstrip("/"),
        where=str(where) if where is not None else "",
        shows=shows,
    )


def photos_of_image(graph: Graph, image: Node) -> list[Photo]:
    """The whole photo and each of its regions, with what each shows."""
    out = [_photo(graph, image, values_of(graph, image, [(FOAF.depicts, False)]))]
    for region in sorted(graph.subjects(OA.hasSource, image), key=str):
        out.append(_photo(graph, region, values_of(graph, region, [(FOAF.depicts, False)])))
    return out


def photos_about(graph: Graph, record: Node) -> list[Photo]:
    """Photos of a record (or of its discs), each with what it and its regions show."""
    targets = [record, *(v.node for v in values_of(graph, record, [(MO.record, False)]))]
    images: set[Node] = set()
    for target in targets:
        images.update(v.node for v in values_of(graph, target, [(SCHEMA.about, True)]))
    out: list[Photo] = []
    for image in sorted(images, key=lambda n: label_of(graph, n)):
        out.extend(photos_of_image(graph, image))
    return out


def records_of_film(graph: Graph, film: Node) -> list[Value]:
    """Records that show the film (a photo of them shows it) or carry one of its songs."""
    found: dict[Node, Value] = {}
    for photo_value in values_of(graph, film, [(FOAF.depicts, True)]):
        image = graph.value(photo_value.node, OA.hasSource) or photo_value.node
        for record in values_of(graph, image, [(SCHEMA.about, False)]):
            node = _release_of(graph, record.node)
            value = found.setdefault(node, _value(graph, node))
            value.note = "a photo of it shows the film"
            value.citations.extend(photo_value.citations)
    for song in values_of(graph, film, [(DFO.songFromFilm, True)]):
        for node in _records_of_song(graph, song.node):
            if node not in found:
                found[node] = _value(graph, node)
                found[node].note = f"carries its song {song.text}"
    return sorted(found.values(), key=_sort_key)


def _release_of(graph: Graph, node: Node) -> Node:
    """The release a disc belongs to (a release is its own)."""
    for value in values_of(graph, node, [(MO.record, True)]):
        return value.node
    return node


def _records_of_song(graph: Graph, song: Node) -> list[Node]:
    out: list[Node] = []
    for recording in values_of(graph, song, [(SCHEMA.recordingOf, True)]):
        for release in values_of(graph, recording.node, [(SCHEMA.track, True)]):
            out.append(release.node)
        for track in values_of(graph, recording.node, [(MO.publication_of, True)]):
            for disc in values_of(graph, track.node, [(MO.track, True)]):
                out.append(_release_of(graph, disc.node))
    return out


def songs_of_recording(graph: Graph, recording: Node) -> list[Value]:
    return values_of(graph, recording, [(SCHEMA.recordingOf, False)])


def films_of_songs(graph: Graph, songs: Iterable[Value]) -> list[Value]:
    out: list[Value] = []
    for song in songs:
        out.extend(values_of(graph, song.node, [(DFO.songFromFilm, False)]))
    return out


def discs_of(graph: Graph, release: Node) -> list[Disc]:
    """The release's discs and tracks: disc → track (side/position) → recording → song → film;
    a release listed only with schema:track gets one disc-less list."""
    discs = []
    for disc in values_of(graph, release, [(MO.record, False)]):
        tracks = [
            _track(graph, t.node, values_of(graph, t.node, [(MO.publication_of, False)]))
            for t in values_of(graph, disc.node, [(MO.track, False)])
        ]
        discs.append(Disc(_must_link(graph, disc.node), tracks))
    listed = values_of(graph, release, [(SCHEMA.track, False)])
    if listed:
        tracks = [_track(graph, None, [r]) for r in listed]
        discs.append(Disc(Link("", "tracks listed on the release"), tracks))
    return discs


def _track(graph: Graph, track: Node | None, recordings: list[Value]) -> Track:
    position = ""
    if track is not None:
        parts = [
            plain_value(graph, o)
            for p in (MO.record_side, SCHEMA.position, MO.track_number)
            for o in graph.objects(track, p)
        ]
        position = " ".join(parts)
    recording = recordings[0].node if recordings else None
    songs = songs_of_recording(graph, recording) if recording is not None else []
    return Track(
        position=position,
        link=_must_link(graph, track if track is not None else recording or URIRef(BASE)),
        recording=link(graph, recording) if recording is not None else None,
        songs=songs,
        films=films_of_songs(graph, songs),
    )


def _others(graph: Graph, iri: URIRef, claimed: set[Node]) -> list[tuple[str, Value]]:
    """Plain statements no claim gives (links out, notes, sources), in words."""
    out = []
    for p, o in graph.predicate_objects(iri):
        if p in _SHOWN_ELSEWHERE or p in claimed or p == RDFS.comment:
            continue
        out.append((property_words(graph, p), _value(graph, o)))
    return sorted(out, key=lambda pv: (pv[0], pv[1].text))


def entity_page(graph: Graph, iri: URIRef, formats: list[tuple[str, str]]) -> EntityPage:
    kind = kind_of(graph, iri)
    summary = [
        Row(heading, found)
        for heading, props in SUMMARY.get(kind, ())
        if (found := values_of(graph, iri, props))
    ]
    about = list(graph.subjects(RDF.subject, iri))
    pointing = [c for c in graph.subjects(RDF.object, iri)]
    claimed = {p for c in about if (p := graph.value(c, RDF.predicate)) is not None}
    summarised = {p for _, props in SUMMARY.get(kind, ()) for p, inv in props if not inv}
    wikidata = [
        x
        for p in _LINK_PROPERTIES
        for o in graph.objects(iri, p)
        if str(o).startswith(_WIKIDATA) and (x := link(graph, o)) is not None
    ]
    photos: list[Photo] = []
    records: list[Value] = []
    discs: list[Disc] = []
    films: list[Value] = []
    if kind == "film":
        photos = _regions_and_photos(graph, iri)
        records = records_of_film(graph, iri)
    elif kind == "record":
        discs = discs_of(graph, iri)
        photos = photos_about(graph, iri)
        films = _films_shown(photos) + [f for d in discs for t in d.tracks for f in t.films]
    elif kind == "disc":
        photos = photos_about(graph, iri)
        films = _films_shown(photos)
    elif kind == "photo":
        photos = photos_of_image(graph, iri)
    elif kind == "region":
        whole = graph.value(iri, OA.hasSource)
        photos = photos_of_image(graph, whole) if whole is not None else []
    elif kind == "song":
        films = values_of(graph, iri, [(DFO.songFromFilm, False)])
        records = [_value(graph, r) for r in dict.fromkeys(_records_of_song(graph, iri))]
    comment = graph.value(iri, RDFS.comment)
    path = str(iri)[len(BASE) :]
    return EntityPage(
        iri=str(iri),
        path=path,
        kind=kind,
        label=label_of(graph, iri),
        hangul=hangul_title(graph, iri),
        titles=titles(graph, iri),
        summary=summary,
        wikidata=wikidata,
        photos=photos,
        records=records,
        discs=discs,
        films=_unique(films),
        evidence=_group(graph, about, inverse=False),
        pointing=_group(graph, pointing, inverse=True),
        others=_others(graph, iri, claimed | summarised | set(_LINK_PROPERTIES)),
        comment=str(comment) if comment is not None else "",
        formats=formats,
    )


def _films_shown(photos: Iterable[Photo]) -> list[Value]:
    return [v for p in photos for v in p.shows if v.note == "film"]


def _unique(values: Iterable[Value]) -> list[Value]:
    seen: dict[Node, Value] = {}
    for v in values:
        if v.node in seen:
            seen[v.node].citations.extend(c for c in v.citations if c not in seen[v.node].citations)
        else:
            seen[v.node] = v
    return sorted(seen.values(), key=_sort_key)
