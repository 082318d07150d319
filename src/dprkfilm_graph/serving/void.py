"""The dataset description at /.well-known/void (VoID + DCAT, from dump.describe) and the dumps
it lists, downloadable under /dumps/.

The description names this server's own endpoint and download URLs, so a client that found it
here can follow them; the dataset's IRI and the private-use language tags it documents are the
same as in the published dumps.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from flask import Blueprint, Response, abort, current_app, render_template_string, request
from rdflib import Graph, URIRef

from dprkfilm_graph import dump
from dprkfilm_graph.namespaces import DCAT, DCTERMS, RDF, VOID
from dprkfilm_graph.paths import ontology_file
from dprkfilm_graph.serialize import to_jsonld, to_ntriples, to_turtle

bp = Blueprint("void", __name__)
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Dumps:
    bodies: dict[str, bytes]
    media: dict[str, str]
    description: Graph


def dumps() -> Dumps:
    """Every dump of the served graph, made once and kept."""
    site = current_app.extensions["dprkfilm"]
    with _LOCK:
        found = site.cache.get("dumps")
        if found is None:
            made = dump.make_dumps(site.graph, ontology_file().read_bytes())
            bodies, media, description = made
            del bodies[dump.DESCRIPTION_FILE], media[dump.DESCRIPTION_FILE]  # made per server
            found = Dumps(bodies, media, description)
            site.cache["dumps"] = found
    assert isinstance(found, Dumps)
    return found


def description(root: str) -> Graph:
    """The description with download URLs on this server (`root` ends with /)."""
    made = dumps()
    out = Graph(bind_namespaces="none")
    for prefix, ns in made.description.namespaces():
        out.bind(prefix, ns)
    local = root + "dumps/"
    for s, p, o in made.description:
        if isinstance(o, URIRef) and str(o).startswith(dump.DUMPS_BASE):
            o = URIRef(local + str(o)[len(dump.DUMPS_BASE) :])
        out.add((s, p, o))
    ds = dump.DATASET_IRI
    endpoint = URIRef(root + "sparql")
    out.add((ds, VOID.sparqlEndpoint, endpoint))
    service = URIRef(root + "sparql#service")
    out.add((service, RDF.type, DCAT.DataService))
    out.add((service, DCAT.endpointURL, endpoint))
    out.add((service, DCAT.servesDataset, ds))
    out.add((service, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))
    out.add((ds, VOID.rootResource, URIRef(root)))
    return out


FORMATS: dict[str, Callable[[Graph], str]] = {
    "text/turtle": to_turtle,
    "application/ld+json": to_jsonld,
    "application/n-triples": to_ntriples,
}
_PAGE = """{% extends "base.html" %}{% block title %}Dataset · dprkfilm-graph{% endblock %}
{% block main %}<h1>Dataset description</h1>
<p>VoID and DCAT, also as <a href="?format=ttl">Turtle</a>, <a href="?format=jsonld">JSON-LD</a>,
<a href="?format=nt">N-Triples</a>. Dumps:</p>
<ul>{% for name in names %}<li><a href="/dumps/{{ name }}">{{ name }}</a></li>{% endfor %}</ul>
<pre>{{ turtle }}</pre>{% endblock %}"""
_SHORT = {"ttl": "text/turtle", "jsonld": "application/ld+json", "nt": "application/n-triples"}


@bp.route("/.well-known/void")
def void() -> Response | str:
    graph = description(request.url_root)
    forced = request.args.get("format")
    if forced in _SHORT:
        media: str | None = _SHORT[forced]
    else:
        media = request.accept_mimetypes.best_match(["text/html", *FORMATS], default="text/turtle")
        if not request.accept_mimetypes or request.accept_mimetypes.best == "*/*":
            media = "text/turtle"
    if media == "text/html":
        return render_template_string(_PAGE, names=sorted(dumps().bodies), turtle=to_turtle(graph))
    assert media is not None
    response = Response(FORMATS[media](graph), mimetype=media)
    response.headers["Vary"] = "Accept"
    return response


@bp.route("/dumps/<name>")
def download(name: str) -> Response:
    made = dumps()
    if name not in made.bodies:
        abort(404, description=f"no dump named {name}; see /.well-known/void")
    response = Response(made.bodies[name], mimetype=made.media[name])
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
