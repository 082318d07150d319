"""A listener on 127.0.0.1 that counts every connection made to it: a server or engine that
fetched a URL on a client's behalf would connect here. Import the fixtures a module uses."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest

__all__ = ["Canary", "canary", "module_canary"]


@dataclass
class Canary:
    url: str  # an address on the listener (a SPARQL endpoint's, say)
    port: int
    hits: list[bytes] = field(default_factory=list)

    def settle(self) -> list[bytes]:
        """The connections so far, once a connection already started would have come in."""
        time.sleep(0.3)
        return self.hits


@contextmanager
def listening() -> Iterator[Canary]:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    listener.settimeout(0.02)  # how soon the thread sees the stop at the end of a test
    port = listener.getsockname()[1]
    found = Canary(f"http://127.0.0.1:{port}/sparql", port)
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            conn.settimeout(1)
            try:
                found.hits.append(conn.recv(4096) or b"(connected)")
            except OSError:
                found.hits.append(b"(connected)")
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield found
    finally:
        stop.set()
        thread.join(2)
        listener.close()


@pytest.fixture
def canary() -> Iterator[Canary]:
    with listening() as found:
        yield found


@pytest.fixture(scope="module")
def module_canary() -> Iterator[Canary]:
    with listening() as found:
        yield found
