"""Serving the graph over HTTP: SPARQL endpoint, entity pages, dataset description,
reconciliation API (app factory in `app`), and publishing to external stores (`publish`)."""
