"""SPARQL 1.1 Protocol at /sparql: query via GET, POST form and POST application/sparql-query;
answers by content negotiation; read-only; CORS for browser clients (YASGUI and the like)."""

from __future__ import annotations

import re

from flask import Blueprint, Response, current_app, redirect, request, url_for
from werkzeug.datastructures import MIMEAccept

from dprkfilm_graph.serving.engine import Engine
from dprkfilm_graph.serving.pages import RDF_TYPES
from dprkfilm_graph.serving.querytext import QueryKind, Refused, check
from dprkfilm_graph.serving.service import describe

bp = Blueprint("sparql", __name__)

_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")

# Media type -> format name understood by the worker; the first of each list is the default.
RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "ntriples",
    "text/plain": "ntriples",
    "application/ld+json": "jsonld",
    "application/json": "jsonld",
    "application/rdf+xml": "rdfxml",
    "application/xml": "rdfxml",
}
# ?format=… (also accepted by many endpoints) for links people can paste.
SHORT_NAMES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
}
# For CONSTRUCT and DESCRIBE the same names ask for a graph format: xml (SPARQLWrapper's default
# sends format=xml) is RDF/XML and json is JSON-LD.
GRAPH_SHORT_NAMES = {
    **{k: v for k, v in SHORT_NAMES.items() if v in GRAPH_TYPES},
    "json": "application/ld+json",
    "json-ld": "application/ld+json",
    "xml": "application/rdf+xml",
    "rdf": "application/rdf+xml",
    "rdfxml": "application/rdf+xml",
    "rdf+xml": "application/rdf+xml",
}
CHARSET = "; charset=utf-8"


def engine() -> Engine:
    found: Engine = current_app.extensions["dprkfilm"].engine
    return found


def negotiate(kind: QueryKind, accept: MIMEAccept, forced: str | None) -> tuple[str, str]:
    """(media type, format name) for the answer; Refused(406) if nothing acceptable is offered."""
    offers = GRAPH_TYPES if kind.gives_graph else RESULT_TYPES
    names = GRAPH_SHORT_NAMES if kind.gives_graph else SHORT_NAMES
    if forced:
        media = names.get(forced.lower(), forced)
        if media not in offers:
            known = ", ".join(sorted(k for k, v in names.items() if v in offers))
            raise Refused(f"format '{forced}' is not offered for a {kind} query (use {known})")
        return media, offers[media]
    if not accept or accept.best in ("*/*", None):
        media = next(iter(offers))
        return media, offers[media]
    best = accept.best_match(list(offers))
    if best is None:
        # Browsers ask for text/html first; let them see something useful rather than a 406.
        if accept.best_match(["text/html"]) is not None:
            media = next(iter(offers))
            return media, offers[media]
        listed = ", ".join(offers)
        raise Refused(f"none of the requested media types is offered; offered: {listed}", 406)
    return best, offers[best]


def _query_text() -> str | None:
    if request.method == "GET":
        if "update" in request.args:
            raise Refused(
                "SPARQL Update is never accepted over GET (and this endpoint is read-only)",
                status=405,
            )
        return request.args.get("query")
    mimetype = request.mimetype
    if mimetype == "application/sparql-update" or "update" in request.form:
        raise Refused(
            "SPARQL Update is refused: this endpoint is read-only; send a SELECT, ASK, "
            "CONSTRUCT or DESCRIBE query"
        )
    if mimetype == "application/sparql-query":
        return request.get_data(as_text=True)
    if mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return request.form.get("query")
    raise Refused(
        f"unsupported content type '{mimetype}': POST a form with query=… or a body of type "
        "application/sparql-query",
        status=415,
    )


def _error(exc: Refused) -> Response:
    response = Response(f"error: {exc}\n", status=exc.status, mimetype="text/plain")
    if exc.status == 405:
        response.headers["Allow"] = "GET, POST, OPTIONS"
    return response


def _service_description(media: str) -> Response:
    site = current_app.extensions["dprkfilm"]
    if "service" not in site.cache:
        site.cache["service"] = describe(request.base_url, site.graph, site.full)
    _, writer = RDF_TYPES[media]  # the entity pages' writers: the same Turtle, JSON-LD, N-Triples
    body = writer(site.cache["service"])
    return Response(body, mimetype=media, headers={"Vary": "Accept"})


def _dataset() -> tuple[list[str], list[str]] | None:
    """The protocol's default-graph-uri and named-graph-uri (either replaces the service's
    dataset: the whole graph as default graph, each source a named graph), or None."""
    defaults = request.values.getlist("default-graph-uri")
    names = request.values.getlist("named-graph-uri")
    for iri in (*defaults, *names):
        if not _ABSOLUTE_IRI.match(iri):
            raise Refused(f"{iri!r} is not an absolute IRI: name a graph, e.g. a source's IRI")
    return (defaults, names) if defaults or names else None


@bp.route("/sparql", methods=["GET", "POST", "OPTIONS"])
def sparql() -> Response:
    if request.method == "OPTIONS":
        return Response(status=204, headers={"Allow": "GET, POST, OPTIONS"})
    try:
        text = _query_text()
        if text is None:
            if request.method == "GET":
                wanted = request.accept_mimetypes.best_match(["text/html", *RDF_TYPES])
                if wanted == "text/html":
                    return redirect(url_for("pages.query_page"), code=303)  # type: ignore[return-value]
                if wanted in RDF_TYPES:
                    return _service_description(wanted)
            raise Refused("missing the query parameter: send query=… (SPARQL 1.1 Protocol)")
        checked = check(text)
        media, fmt = negotiate(checked.kind, request.accept_mimetypes, request.values.get("format"))
        body = engine().run(checked.text, fmt, _dataset())
    except Refused as exc:
        return _error(exc)
    response = Response(body, mimetype=media)
    if media.startswith("text/") or media.endswith("json") or media.endswith("xml"):
        response.headers["Content-Type"] = media + CHARSET
    response.headers["Vary"] = "Accept"
    return response
