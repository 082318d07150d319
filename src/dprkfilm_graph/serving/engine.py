"""A small pool of query workers (see _worker) with a hard time limit and a result-size cap.

Each worker is a child process holding the graph in its own Oxigraph store. A request borrows an
idle worker, sends the query and waits at most `timeout` seconds; a worker that overruns is ended
and replaced, so a runaway query costs one process start, never a stuck thread.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
import time
from dataclasses import dataclass
from multiprocessing.process import BaseProcess

from dprkfilm_graph.serving import _worker
from dprkfilm_graph.serving.querytext import Refused

_CONTEXT = multiprocessing.get_context("spawn")  # no fork of a threaded web server


@dataclass(frozen=True)
class Limits:
    """Per-query limits; the CLI's --timeout and --max-results set them."""

    timeout: float = 10.0
    max_results: int = 10_000


class _Worker:
    def __init__(self, ntriples: bytes, tags: list[str], named: list[tuple[str, bytes]]) -> None:
        self.conn, child = _CONTEXT.Pipe()
        self.process: BaseProcess = _CONTEXT.Process(
            target=_worker.serve,
            args=(child, ntriples, tags, named),
            daemon=True,
            name="dprkfilm-query",
        )
        self.process.start()
        child.close()
        self.ready = False

    def wait_ready(self, timeout: float) -> None:
        if not self.ready:
            if not self.conn.poll(timeout):
                raise RuntimeError("the query worker did not start")
            self.conn.recv()
            self.ready = True

    def stop(self) -> None:
        self.conn.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)


class Engine:
    """Runs read-only queries on a fixed graph, given as N-Triples, with named graphs beside it
    (one per source) for GRAPH patterns and the protocol's dataset parameters."""

    def __init__(
        self,
        ntriples: bytes,
        limits: Limits | None = None,
        *,
        workers: int = 2,
        prefixes: dict[str, str] | None = None,
        tags: list[str] | None = None,
        named: list[tuple[str, bytes]] | None = None,
    ) -> None:
        self.limits = limits or Limits()
        self._ntriples = ntriples
        self._named = list(named or [])
        self._prefixes = dict(prefixes or {})
        self._tags = list(tags or [])
        self._size = max(1, workers)
        self._idle: queue.Queue[_Worker | None] = queue.Queue()
        self._lock = threading.Lock()
        self._started = False
        self._all: set[_Worker] = set()

    def _start(self) -> None:
        with self._lock:
            if self._started:
                return
            for _ in range(self._size):
                self._idle.put(self._spawn())
            self._started = True

    def _spawn(self) -> _Worker:
        worker = _Worker(self._ntriples, self._tags, self._named)
        self._all.add(worker)
        return worker

    def run(self, text: str, fmt: str, dataset: _worker.Dataset = None) -> bytes:
        """The answer in format `fmt` (json, xml, csv, tsv, turtle, ntriples, jsonld); `dataset`
        (default graphs, named graphs) replaces the service's own, as the protocol says."""
        self._start()
        deadline = time.monotonic() + self.limits.timeout
        try:
            worker = self._idle.get(timeout=self.limits.timeout)
        except queue.Empty:
            raise self._too_slow() from None
        if worker is None:
            self._idle.put(None)
            raise Refused("the server is shutting down", status=503)
        try:
            worker.wait_ready(max(1.0, deadline - time.monotonic()) + 30)
            worker.conn.send((text, fmt, self.limits.max_results, self._prefixes, dataset))
            if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
                self._replace(worker)
                worker = None
                raise self._too_slow()
            kind, body = worker.conn.recv()
        except (EOFError, OSError, RuntimeError):
            if worker is not None:
                self._replace(worker)
                worker = None
            raise Refused("the query worker failed; try again", status=500) from None
        finally:
            if worker is not None:
                self._idle.put(worker)
        if kind == "ok":
            assert isinstance(body, bytes)
            return body
        if kind == "too-many":
            raise Refused(
                f"the answer has more than {self.limits.max_results} results (the server's "
                "limit): add LIMIT/OFFSET to page through it, or download the dumps",
                status=422,
            )
        if kind == "syntax":
            raise Refused(f"SPARQL syntax error: {body}")
        raise Refused(f"the query failed: {body}", status=500)

    def _too_slow(self) -> Refused:
        return Refused(
            f"the query took longer than the limit of {self.limits.timeout:g} s and was stopped: "
            "narrow it (a LIMIT, a more specific pattern) or run it on the dumps",
            status=503,
        )

    def _replace(self, worker: _Worker) -> None:
        worker.stop()
        with self._lock:
            self._all.discard(worker)
            self._idle.put(self._spawn())

    def close(self) -> None:
        """End every worker; later queries are refused."""
        with self._lock:
            workers, self._all = self._all, set()
            self._started = True
        for w in workers:
            w.stop()
        self._idle.put(None)
