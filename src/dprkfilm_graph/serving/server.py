"""Running the app under waitress (the only place that opens a listening socket)."""

from __future__ import annotations

import sys

from rdflib import Graph

from dprkfilm_graph.serving.app import Settings, create_app, site_of


def serve(
    graph: Graph | None = None,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    settings: Settings | None = None,
) -> None:
    """Serve `graph` (default: the published graph of data/) until interrupted; waitress threads
    handle requests, worker processes run queries."""
    import waitress

    app = create_app(graph, settings=settings)
    engine = site_of(app).engine
    engine.warm()  # the workers load the graph now, not on the first queries
    walled = "have no network" if engine.isolated else "share the host's network"
    print(f"query workers {walled}; SERVICE, LOAD and updates are refused", file=sys.stderr)
    print(f"serving on http://{host}:{port}/ (SPARQL at /sparql)", file=sys.stderr)
    try:
        waitress.serve(
            app,
            host=host,
            port=port,
            threads=16,
            ident="dprkfilm",
            max_request_body_size=site_of(app).settings.max_body,
            _quiet=True,
        )
    finally:
        site_of(app).close()
