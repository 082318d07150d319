"""A small pool of query workers (see _worker) with a hard time limit and a result-size cap.

Each worker is a child process holding the graph in its own Oxigraph store. A request borrows an
idle worker, sends the query and waits at most `timeout` seconds; a worker that overruns is ended
and replaced, so a runaway query costs one process start, never a stuck thread.
"""

from __future__ import annotations

import multiprocessing
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
    fast_lane: float = 1.0  # seconds a query gets on the reserved worker while the rest are busy


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
        self.isolated = False

    def wait_ready(self, timeout: float) -> None:
        if not self.ready:
            if not self.conn.poll(timeout):
                raise RuntimeError("the query worker did not start")
            _, note = self.conn.recv()
            self.isolated = note == b"isolated"
            self.ready = True

    def stop(self) -> None:
        self.conn.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)


class Engine:
    """Runs read-only queries on a fixed graph, given as N-Triples, with named graphs beside it
    (one per source) for GRAPH patterns and the protocol's dataset parameters.

    Admission: `workers` general workers take queries up to the time limit; one more worker, the
    fast lane, takes a query only when every general worker is busy, and gives it at most
    `Limits.fast_lane` seconds. Slow queries can fill the general workers, yet a small query
    still answers at once; a slow query that spills into the fast lane is stopped after that
    budget and answered 503, so it holds the lane no longer than that.
    """

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
        self._cond = threading.Condition()
        self._general: list[_Worker] = []  # idle general workers
        self._fast: list[_Worker] = []  # the fast lane, when idle
        self._started = False
        self._closed = False
        self._all: set[_Worker] = set()

    def _start(self) -> None:
        with self._cond:
            if self._started:
                return
            self._general = [self._spawn() for _ in range(self._size)]
            self._fast = [self._spawn()] if self.limits.fast_lane > 0 else []
            self._started = True

    def warm(self, timeout: float = 60.0) -> None:
        """Start every worker and wait until each has loaded the graph, so that the first
        queries do not pay for it."""
        self._start()
        with self._cond:
            idle = [*self._general, *self._fast]
        for worker in idle:
            worker.wait_ready(timeout)

    def _spawn(self) -> _Worker:
        worker = _Worker(self._ntriples, self._tags, self._named)
        self._all.add(worker)
        return worker

    def _acquire(self, deadline: float) -> tuple[_Worker, bool]:
        """An idle worker (general first, then the fast lane) and whether it is the fast lane;
        waits until the deadline."""
        with self._cond:
            while True:
                if self._closed:
                    raise Refused("the server is shutting down", status=503)
                if self._general:
                    return self._general.pop(), False
                if self._fast:
                    return self._fast.pop(), True
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise self._too_slow()
                self._cond.wait(remaining)

    def _release(self, worker: _Worker, fast: bool) -> None:
        with self._cond:
            if self._closed:
                worker.stop()
                return
            (self._fast if fast else self._general).append(worker)
            self._cond.notify()

    @property
    def isolated(self) -> bool:
        """Whether every started worker has left the host's network (see _worker.isolate)."""
        with self._cond:
            ready = [w for w in self._all if w.ready]
        return bool(ready) and all(w.isolated for w in ready)

    def run(self, text: str, fmt: str, dataset: _worker.Dataset = None) -> bytes:
        """The answer in format `fmt` (json, xml, csv, tsv, turtle, ntriples, jsonld, rdfxml);
        `dataset`
        (default graphs, named graphs) replaces the service's own, as the protocol says."""
        self._start()
        deadline = time.monotonic() + self.limits.timeout
        worker, fast = self._acquire(deadline)
        budget_end = deadline
        if fast:
            budget_end = min(deadline, time.monotonic() + self.limits.fast_lane)
        current: _Worker | None = worker
        try:
            worker.wait_ready(max(1.0, deadline - time.monotonic()) + 30)
            if fast:  # the lane's budget starts when its worker can take the query
                budget_end = min(deadline, time.monotonic() + self.limits.fast_lane)
            worker.conn.send((text, fmt, self.limits.max_results, self._prefixes, dataset))
            if not worker.conn.poll(max(0.0, budget_end - time.monotonic())):
                current = None
                self._replace(worker, fast)
                if fast and budget_end < deadline:
                    raise self._busy()
                raise self._too_slow()
            kind, body = worker.conn.recv()
        except (EOFError, OSError, RuntimeError):
            if current is not None:
                current = None
                self._replace(worker, fast)
            raise Refused("the query worker failed; try again", status=500) from None
        finally:
            if current is not None:
                self._release(current, fast)
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
        if kind == "unwritable":  # the answer has no form in the format asked for
            raise Refused(f"{body}", status=406)
        raise Refused(f"the query failed: {body}", status=500)

    def _too_slow(self) -> Refused:
        return Refused(
            f"the query took longer than the limit of {self.limits.timeout:g} s and was stopped: "
            "narrow it (a LIMIT, a more specific pattern) or run it on the dumps",
            status=503,
        )

    def _busy(self) -> Refused:
        return Refused(
            "the server is busy with other long queries, and this one needed more than the "
            f"{self.limits.fast_lane:g} s a query gets while they run: try again shortly, "
            "or narrow it",
            status=503,
        )

    def _replace(self, worker: _Worker, fast: bool) -> None:
        worker.stop()
        with self._cond:
            self._all.discard(worker)
            if self._closed:
                return
            fresh = self._spawn()
        self._release(fresh, fast)

    def close(self) -> None:
        """End every worker; later queries are refused."""
        with self._cond:
            workers, self._all = self._all, set()
            self._general, self._fast = [], []
            self._started = True
            self._closed = True
            self._cond.notify_all()
        for w in workers:
            w.stop()
