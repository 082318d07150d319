"""Fixtures for the Wikidata tests: the fake action API and a real SPARQL server (oxigraph)
loaded with the Wikidata-shaped items. Import with `from wikidata.fixtures import *`."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import oxigraph_binary, oxigraph_loaded

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
    with oxigraph_loaded(binary, folder, items.ntriples()) as url:
        yield url
