"""Shared fixtures: the seed graph (frozen copy under tests/fixtures/seed), the shipped data, a
guard that fails any test reaching beyond loopback, a real Oxigraph SPARQL server, and the shape
examples read with their support graph."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pytest
import requests
from rdflib import Graph

from dprkfilm_graph.graph import build_graph, query_graph
from dprkfilm_graph.load import Data, load_data, merge, parse_turtle
from dprkfilm_graph.paths import data_files

TESTS = Path(__file__).parent
SEED = TESTS / "fixtures" / "seed"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--live", action="store_true", help="run tests that use the real internet")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--live"):
        return
    skip = pytest.mark.skip(reason="live test: pass --live to run")
    for item in items:
        if "live" in item.keywords:
            item.add_marker(skip)


_LOOPBACK = ("127.", "::1", "localhost")
_real_connect = socket.socket.connect


def _guarded_connect(self: socket.socket, address: object) -> object:
    host = address[0] if isinstance(address, tuple) else str(address)
    if self.family in (socket.AF_INET, socket.AF_INET6) and not str(host).startswith(_LOOPBACK):
        raise RuntimeError(f"test tried to reach {host}: tests never touch the network")
    return _real_connect(self, address)  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def _no_network(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if "live" not in request.keywords:
        monkeypatch.setattr(socket.socket, "connect", _guarded_connect)


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """A writable copy of the seed's data (small and frozen): imports validate the whole graph,
    so the size of the data is the time a test takes."""
    folder = tmp_path / "data"
    shutil.copytree(Path(__file__).parent / "fixtures" / "seed", folder)
    return folder


@pytest.fixture(scope="session")
def seed_data() -> Data:
    return load_data(sorted(SEED.glob("*.ttl")))


@pytest.fixture(scope="session")
def seed_graph(seed_data: Data) -> Graph:
    return build_graph(seed_data)


@pytest.fixture(scope="session")
def seed_query_graph(seed_graph: Graph) -> Graph:
    return query_graph(seed_graph)


@pytest.fixture(scope="session")
def shipped_data() -> Data:
    return load_data(data_files())


@pytest.fixture(scope="session")
def shipped_graph(shipped_data: Data) -> Graph:
    return build_graph(shipped_data)


@pytest.fixture(scope="session")
def shape_example() -> Callable[[Path], Data]:
    """A shape example (tests/shapes/<Shape>/*.ttl) with the support graph it is written
    against, as Data naming the example's file; each read once a session."""
    support = parse_turtle(TESTS / "shapes" / "_support.ttl")

    @cache
    def read(path: Path) -> Data:
        return Data(graph=merge([support, parse_turtle(path)]), files=[path])

    return read


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def oxigraph_binary() -> str | None:
    """The `oxigraph` server binary: on PATH, or beside the running interpreter (a venv)."""
    beside = Path(sys.executable).parent / "oxigraph"
    return shutil.which("oxigraph") or (str(beside) if beside.exists() else None)


@contextmanager
def serving_process(
    argv: list[str], probe: str, timeout: float = 30.0
) -> Iterator[subprocess.Popen[bytes]]:
    """Run a server process until the block ends; enter only once `probe` answers over HTTP."""
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                requests.get(probe, timeout=5)
                break
            except requests.ConnectionError:
                if proc.poll() is not None:
                    err = proc.stderr.read().decode() if proc.stderr else ""
                    pytest.fail(f"{argv[0]} exited before answering: {err}")
                if time.monotonic() > deadline:
                    pytest.fail(f"{argv[0]} did not answer within {timeout} s")
                time.sleep(0.05)
        yield proc
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@contextmanager
def oxigraph_loaded(binary: str, folder: Path, ntriples: str) -> Iterator[str]:
    """A read-only `oxigraph serve` on 127.0.0.1 holding `ntriples`; yields its query URL."""
    dump = folder / "data.nt"
    dump.write_text(ntriples, encoding="utf-8")
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


@pytest.fixture(scope="session")
def oxigraph_seed(
    tmp_path_factory: pytest.TempPathFactory, seed_query_graph: Graph
) -> Iterator[str]:
    """A real `oxigraph serve` on 127.0.0.1 loaded with the seed graph; yields its query URL."""
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server (PyPI package `oxigraph`) is not installed")
    from dprkfilm_graph.serialize import to_ntriples

    folder = tmp_path_factory.mktemp("oxigraph")
    with oxigraph_loaded(binary, folder, to_ntriples(seed_query_graph)) as url:
        yield url
