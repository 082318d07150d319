"""The web app factory: SPARQL endpoint, entity pages, dataset description, reconciliation API.

Flask, because it is well kept, small, already a dependency of the toolchain around rdflib, and
its test client lets every route be tested in-process; `dprkfilm serve` runs it under waitress, a
production-grade, pure-Python, multi-threaded WSGI server that needs no compiler and works the
same on every platform. Queries run in worker processes (see engine), so the web threads only
route, negotiate and render.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask, Response, g
from rdflib import Graph, Literal
from werkzeug.exceptions import RequestEntityTooLarge

from dprkfilm_graph.dump import named_graphs
from dprkfilm_graph.graph import build_graph, query_graph
from dprkfilm_graph.namespaces import PREFIXES
from dprkfilm_graph.serialize import to_ntriples
from dprkfilm_graph.serving.engine import Engine, Limits
from dprkfilm_graph.serving.limits import MAX_BODY

# Pages run only the scripts the server wrote into them (each response's own nonce), load
# nothing from elsewhere and send form data only here; the reconciliation preview may be framed
# by any client (OpenRefine shows it in an iframe), so frame-ancestors is left open.
CSP = (
    "default-src 'none'; script-src 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'"
)


@dataclass(frozen=True)
class Settings:
    """What the operator chooses; the CLI fills it from flags."""

    limits: Limits = field(default_factory=Limits)
    workers: int = max(1, min(4, os.cpu_count() or 1))
    base_url: str | None = None  # public URL of the server, if different from the request's
    max_body: int = MAX_BODY  # bytes; larger request bodies are refused with 413
    images: Path | None = None  # folder of photo files the pages may show (see photofiles)


@dataclass
class Site:
    """Everything a request may read; built once, never changed while serving."""

    graph: Graph  # the published graph
    full: Graph  # the published graph with the ontology (what queries see)
    engine: Engine
    settings: Settings
    cache: dict[str, Any] = field(default_factory=dict)
    photos: dict[str, Path] = field(default_factory=dict)  # photo entity path -> its file

    def close(self) -> None:
        self.engine.close()


def create_app(graph: Graph | None = None, settings: Settings | None = None) -> Flask:
    """A Flask app serving `graph` (default: the published graph built from data/)."""
    from dprkfilm_graph.serving import pages, reconcile, sparql, void
    from dprkfilm_graph.serving.photofiles import photo_files

    chosen = settings or Settings()
    published = graph if graph is not None else build_graph()
    full = query_graph(published)
    photos = photo_files(published, chosen.images)
    engine = Engine(
        to_ntriples(full).encode("utf-8"),
        chosen.limits,
        workers=chosen.workers,
        prefixes=PREFIXES,
        tags=sorted({o.language for o in full.objects() if isinstance(o, Literal) and o.language}),
        named=source_graphs(published),
    )
    app = Flask(__name__)
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.config["MAX_CONTENT_LENGTH"] = chosen.max_body
    app.config["MAX_FORM_MEMORY_SIZE"] = chosen.max_body
    app.extensions["dprkfilm"] = Site(published, full, engine, chosen, photos=photos)
    for blueprint in (sparql.bp, pages.bp, void.bp, reconcile.bp):
        app.register_blueprint(blueprint)
    app.before_request(_nonce)
    app.context_processor(lambda: {"csp_nonce": g.csp_nonce})
    app.after_request(_cors)
    app.after_request(_security_headers)
    app.register_error_handler(RequestEntityTooLarge, _too_large)
    app.register_error_handler(RecursionError, _too_deep)
    return app


def source_graphs(graph: Graph) -> list[tuple[str, bytes]]:
    """Each source's statements as a named graph (the source's IRI), as in the TriG dump."""
    return [
        (str(name), to_ntriples(part).encode("utf-8"))
        for name, part in sorted(named_graphs(graph).items(), key=lambda item: str(item[0]))
        if name is not None
    ]


def site_of(app: Flask) -> Site:
    found: Site = app.extensions["dprkfilm"]
    return found


def _cors(response: Response) -> Response:
    """Every resource is public and read-only, so any origin may read it."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
    response.headers["Access-Control-Allow-Headers"] = "Accept, Content-Type"
    return response


def _nonce() -> None:
    g.csp_nonce = secrets.token_urlsafe(16)


def _security_headers(response: Response) -> Response:
    """No page runs markup it did not write: no type sniffing, a Content-Security-Policy."""
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = CSP.format(nonce=g.get("csp_nonce", ""))
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _too_large(exc: RequestEntityTooLarge) -> Response:
    limit = site_of_current().settings.max_body
    return Response(
        f"error: the request body is larger than the server's limit of {limit} bytes: "
        "send a shorter query or smaller batches\n",
        status=413,
        mimetype="text/plain",
    )


def _too_deep(exc: RecursionError) -> Response:
    return Response(
        "error: the request nests too deeply to be read: flatten it\n",
        status=400,
        mimetype="text/plain",
    )


def site_of_current() -> Site:
    from flask import current_app

    return site_of(current_app)
