"""Pages for people and for linked-data clients: the home page, browse lists, the site search,
the query editor, photo files, and every entity IRI under the base, as HTML for browsers or
Turtle / JSON-LD / N-Triples for clients (by Accept, or by a .ttl / .jsonld / .nt suffix).

The view functions only gather values (views, browse); the templates decide how they look and
escape everything they print.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, Response, abort, current_app, render_template, request, send_file
from rdflib import Graph, URIRef

from dprkfilm_graph.load import new_graph
from dprkfilm_graph.namespaces import (
    BASE,
    ENTITY_SEGMENTS,
    MO,
    RDF,
    RDFS,
    SCHEMA,
    TAG_DPRK,
    TAG_MR,
    TAG_RR,
)
from dprkfilm_graph.query import list_queries
from dprkfilm_graph.search import EntityType, Hit, SearchIndex
from dprkfilm_graph.serialize import to_jsonld, to_ntriples, to_rdfxml, to_turtle
from dprkfilm_graph.serving import browse
from dprkfilm_graph.serving.photofiles import media_type
from dprkfilm_graph.serving.views import entity_page, hangul_title, years_of
from dprkfilm_graph.serving.words import script_note

bp = Blueprint("pages", __name__)

# What each language tag in the graph means, for readers who do not know BCP 47.
TAG_NOTES = {
    "ko": "Korean in Hangul",
    "ko-KP": "Korean in Hangul, DPRK spelling",
    "ko-Hani": "Korean in Hanja",
    "ko-Latn": "Korean romanized as printed (system not known)",
    TAG_MR: "McCune–Reischauer romanization (private-use tag)",
    TAG_RR: "Revised Romanization (RFC 6497 transform, mechanism mcst)",
    TAG_DPRK: "the DPRK's official romanization (private-use tag)",
    "en": "English",
}
Writer = Callable[[Graph], str]
RDF_TYPES: dict[str, tuple[str, Writer]] = {
    "text/turtle": ("ttl", to_turtle),
    "application/ld+json": ("jsonld", to_jsonld),
    "application/n-triples": ("nt", to_ntriples),
    "application/rdf+xml": ("rdf", to_rdfxml),
}
SUFFIXES = {suffix: media for media, (suffix, _) in RDF_TYPES.items()}
# A search reads at most this much text and lists at most this many hits: bounded work.
MAX_SEARCH = 200
SEARCH_LIMIT = 50


def _site() -> Any:
    return current_app.extensions["dprkfilm"]


def _graph() -> Graph:
    full: Graph = _site().full
    return full


def _cached(name: str, make: Callable[[], Any]) -> Any:
    """A value computed once per app (the graph never changes while serving)."""
    cache: dict[str, Any] = _site().cache
    if name not in cache:
        cache[name] = make()
    return cache[name]


def describe(graph: Graph, iri: URIRef) -> Graph:
    """What a client gets for an entity: its triples, the claims about it, labels of neighbours."""
    out = new_graph()
    nodes = {iri, *graph.subjects(RDF.subject, iri)}
    for node in nodes:
        for p, o in graph.predicate_objects(node):
            out.add((node, p, o))
            for lab in graph.objects(o, RDFS.label):
                out.add((o, RDFS.label, lab))
    return out


def _counts() -> dict[str, int]:
    graph = _graph()

    def count(*classes: URIRef) -> int:
        return len({s for c in classes for s in graph.subjects(RDF.type, c)})

    return {
        "films": count(SCHEMA.Movie),
        "people": count(SCHEMA.Person),
        "records": count(SCHEMA.MusicRelease, MO.Release),
        "songs": count(SCHEMA.MusicComposition, MO.MusicalWork),
        "photos": count(SCHEMA.ImageObject),
    }


@bp.route("/")
def home() -> str:
    graph = _graph()
    photos = sorted(
        (p for p in graph.subjects(RDF.type, SCHEMA.ImageObject) if isinstance(p, URIRef)),
        key=str,
    )
    shown = [entity_page(graph, p, []) for p in photos[:12]]
    return render_template(
        "home.html",
        counts=_cached("counts", _counts),
        photos=[card for page in shown for card in page.photos[:1]],
        files=_site().photos,
        triples=len(_site().graph),
    )


@bp.route("/films")
def films() -> str:
    items = _cached("films", lambda: browse.film_items(_graph()))
    by = "studio" if request.args.get("by") == "studio" else "decade"
    sections = browse.films_by_studio(items) if by == "studio" else browse.films_by_decade(items)
    return render_template("browse.html", title="Films", by=by, sections=sections, total=len(items))


@bp.route("/people")
def people() -> str:
    items = _cached("people", lambda: browse.people(_graph()))
    return render_template(
        "browse.html", title="People", sections=[browse.Section("", items)], total=len(items)
    )


@bp.route("/records")
def records() -> str:
    items = _cached("records", lambda: browse.records(_graph()))
    return render_template(
        "browse.html", title="Records", sections=[browse.Section("", items)], total=len(items)
    )


@bp.route("/songs")
def songs() -> str:
    items = _cached("songs", lambda: browse.songs(_graph()))
    return render_template(
        "browse.html", title="Songs", sections=[browse.Section("", items)], total=len(items)
    )


def _hit_row(graph: Graph, hit: Hit) -> dict[str, Any]:
    iri = URIRef(hit.iri)
    return {
        "href": "/" + hit.iri[len(BASE) :] if hit.iri.startswith(BASE) else hit.iri,
        "label": hit.label,
        "hangul": hangul_title(graph, iri),
        "kind": hit.type,
        "years": years_of(graph, iri),
        "matched": hit.matched,
        "lang": hit.language,
        "system": script_note(hit.language) or "no language given",
        "property": hit.property,
        "how": hit.how,
        "score": hit.score,
    }


@bp.route("/search")
def search() -> tuple[str, int] | str:
    """The CLI's search (every label, every spelling, typos) over the served graph."""
    text = request.args.get("q", "")
    wanted = request.args.get("type", "")
    kinds = [t.value for t in EntityType]
    if len(text) > MAX_SEARCH:
        message = f"the search text is longer than {MAX_SEARCH} characters: shorten it"
        return render_template("search.html", error=message, kinds=kinds, hits=[]), 400
    if wanted and wanted not in kinds:
        message = f"unknown type: choose one of {', '.join(kinds)}"
        return render_template("search.html", error=message, kinds=kinds, hits=[]), 400
    graph = _graph()
    hits = []
    if text.strip():
        index: SearchIndex = _cached("search", lambda: SearchIndex(graph))
        kind = EntityType(wanted) if wanted else None
        hits = [_hit_row(graph, h) for h in index.search(text, kind=kind, limit=SEARCH_LIMIT)]
    return render_template(
        "search.html", search_text=text, wanted=wanted, kinds=kinds, hits=hits, error=""
    )


@bp.route("/photo-file/<any(image):segment>/<local>")
def photo_file(segment: str, local: str) -> Response:
    """A photo's file, if the operator gave a folder holding it; looked up by the photo's
    entity path in the listing made at start, so no request can name a path."""
    found = _site().photos.get(f"{segment}/{local}")
    if found is None:
        abort(404, description="no file for this photo")
    response = send_file(found, mimetype=media_type(found), max_age=3600, conditional=True)
    response.headers["Content-Disposition"] = "inline"
    return response


@bp.route("/query")
def query_page() -> str:
    return render_template(
        "query.html", examples=list_queries(), initial=request.args.get("query"), base=BASE
    )


@bp.route("/<any(" + ", ".join(ENTITY_SEGMENTS) + "):segment>/<path:local>")
def entity(segment: str, local: str) -> Response | str:
    graph = _graph()
    media: str | None = None
    stem, dot, suffix = local.rpartition(".")
    if dot and suffix in SUFFIXES:
        candidate = URIRef(f"{BASE}{segment}/{stem}")
        if (candidate, None, None) in graph:
            local, media = stem, SUFFIXES[suffix]
    iri = URIRef(f"{BASE}{segment}/{local}")
    if (iri, None, None) not in graph:
        abort(404, description=f"{iri} is not in the graph")
    if media is None:
        offers = ["text/html", *RDF_TYPES]
        accept = request.accept_mimetypes
        media = accept.best_match(offers) if accept else "text/html"
        if media is None:  # an RDF type (or anything else) this server does not write
            listed = ", ".join(offers)
            return Response(f"error: not offered; offered: {listed}\n", 406, mimetype="text/plain")
    if media == "text/html":
        path = str(iri)[len(BASE) :]
        formats = [(suffix.upper(), f"/{path}.{suffix}") for suffix, _ in RDF_TYPES.values()]
        return render_template(
            "entity.html",
            e=entity_page(graph, iri, formats),
            notes=TAG_NOTES,
            files=_site().photos,
        )
    _, writer = RDF_TYPES[media]
    response = Response(writer(describe(graph, iri)), mimetype=media)
    response.headers["Vary"] = "Accept"
    return response
