"""Fixtures for the server tests: one app on the frozen seed graph, its in-process client, and
the same app behind waitress on a free loopback port. Import the ones a test module uses."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from rdflib import Graph

from dprkfilm_graph.serving.app import Settings, create_app, site_of
from dprkfilm_graph.serving.engine import Limits

# Small limits so the refusal tests are quick; the seed's answers fit easily.
SETTINGS = Settings(limits=Limits(timeout=5.0, max_results=500), workers=2)


@pytest.fixture(scope="session")
def seed_app(seed_graph: Graph) -> Iterator[Flask]:
    app = create_app(seed_graph, SETTINGS)
    app.testing = True
    yield app
    site_of(app).close()


@pytest.fixture()
def client(seed_app: Flask) -> FlaskClient:
    return seed_app.test_client()


@pytest.fixture(scope="session")
def live_url(seed_app: Flask) -> Iterator[str]:
    """The seed app over real HTTP on 127.0.0.1 (waitress in a thread); yields its base URL."""
    from waitress.server import create_server

    server = create_server(seed_app, host="127.0.0.1", port=0, threads=8)
    port = server.effective_port  # type: ignore[union-attr]
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    server.close()
    thread.join(5)
