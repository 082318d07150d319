"""Fixtures for the server tests: one app on the frozen seed graph, its in-process client, and
the same app behind waitress on a free loopback port. Import the ones a test module uses."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from rdflib import Graph

from dprkfilm_graph.graph import build_graph
from dprkfilm_graph.load import load_data
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


def _serve(app: Flask) -> Iterator[str]:
    from waitress.server import create_server

    server = create_server(app, host="127.0.0.1", port=0, threads=8)
    port = server.effective_port  # type: ignore[union-attr]
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    server.close()
    thread.join(5)


@pytest.fixture(scope="session")
def live_url(seed_app: Flask) -> Iterator[str]:
    """The seed app over real HTTP on 127.0.0.1 (waitress in a thread); yields its base URL."""
    yield from _serve(seed_app)


FACTS = Path(__file__).parent / "data" / "film-facts.ttl"
SEED = Path(__file__).parent.parent / "fixtures" / "seed"


@pytest.fixture(scope="session")
def photo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Photo files for three of the seed's photos, by caption and by IRI, plus files that must
    never be served (not an image, outside the folder through a link)."""
    folder = tmp_path_factory.mktemp("photos")
    (folder / "Vinyl 1.png").write_bytes(png(64, 48, (180, 40, 40)))
    (folder / "vinyl-2.png").write_bytes(png(64, 48, (40, 120, 180)))
    (folder / "Vinyl 4.png").write_bytes(png(64, 48, (60, 140, 60)))
    (folder / "notes.txt").write_text("not a photo")
    outside = tmp_path_factory.mktemp("outside") / "Vinyl 3.png"
    outside.write_bytes(png(8, 8, (0, 0, 0)))
    (folder / "Vinyl 3.png").symlink_to(outside)
    return folder


@pytest.fixture(scope="session")
def facts_app(photo_folder: Path) -> Iterator[Flask]:
    """The seed plus a film with year, studio, director, a song and a record, with photo files."""
    graph = build_graph(load_data([*sorted(SEED.glob("*.ttl")), FACTS]))
    settings = Settings(limits=Limits(timeout=5.0, max_results=500), workers=1, images=photo_folder)
    app = create_app(graph, settings)
    app.testing = True
    yield app
    site_of(app).close()


@pytest.fixture()
def facts_client(facts_app: Flask) -> FlaskClient:
    return facts_app.test_client()


@pytest.fixture(scope="session")
def facts_url(facts_app: Flask) -> Iterator[str]:
    yield from _serve(facts_app)


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A plain PNG of one colour, for photo folders in tests (no imaging library needed)."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )
