"""Fixtures for the Wikidata tests: the fake action API and a real SPARQL server (oxigraph)
loaded with the Wikidata-shaped items. Import with `from wikidata.fixtures import *`."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator

import pytest
from conftest import free_port, oxigraph_binary, serving_process

from wikidata import items
from wikidata.fake_wikibase import FakeWikibase, serve

__all__ = ["fake_api", "wikidata_sparql"]


@pytest.fixture
def fake_api() -> Iterator[FakeWikibase]:
    with serve(items.entities()) as fake:
        yield fake


@pytest.fixture(scope="session")
def wikidata_sparql(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `oxigraph serve-read-only` holding the fixture items; yields its query URL."""
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server (PyPI package `oxigraph`) is not installed")
    folder = tmp_path_factory.mktemp("wikidata-oxigraph")
    dump = folder / "items.nt"
    dump.write_text(items.ntriples(), encoding="utf-8")
    store = folder / "store"
    subprocess.run(
        [binary, "load", "--location", str(store), "--file", str(dump)],
        check=True,
        capture_output=True,
    )
    port = free_port()
    argv = [binary, "serve-read-only", "--location", str(store), "--bind", f"127.0.0.1:{port}"]
    url = f"http://127.0.0.1:{port}/query"
    with serving_process(argv, url + "?query=ASK%20%7B%7D"):
        yield url
