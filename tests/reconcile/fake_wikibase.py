"""A fake Wikibase action API on 127.0.0.1 for the reconciler's tests and benchmark.

It serves only what the client uses (wbgetentities, wbsearchentities, query&list=search) in the
real JSON shapes, records every request (so tests assert batching, User-Agent, maxlag), and can be
told to misbehave for the next requests: 429 with Retry-After, maxlag errors (HTTP 200, as
Wikidata answers them), 5xx, or slow answers.
"""

from __future__ import annotations

import gzip
import json
import re
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass(frozen=True)
class Recorded:
    """One request as the server saw it."""

    method: str
    path: str
    params: dict[str, str]
    headers: dict[str, str]

    @property
    def action(self) -> str:
        return self.params.get("action", "")


@dataclass(frozen=True)
class Fault:
    """What to do instead of answering: `kind` is 429, 503, 500, "maxlag" or "slow"."""

    kind: str
    retry_after: str | None = "1"
    seconds: float = 0.0


@dataclass
class FakeWikibase:
    """The server's state: entities by id, recorded requests, queued faults."""

    entities: dict[str, dict[str, Any]]
    requests: list[Recorded] = field(default_factory=list)
    faults: deque[Fault] = field(default_factory=deque)
    url: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def inject(self, *faults: Fault) -> None:
        self.faults.extend(faults)

    def actions(self) -> list[str]:
        return [r.action if r.action != "query" else "search" for r in self.requests]

    # -- answers --------------------------------------------------------------------------------

    def answer(self, params: dict[str, str]) -> dict[str, Any]:
        action = params.get("action")
        if action == "wbgetentities":
            return self._get(params)
        if action == "wbsearchentities":
            return self._search_entities(params)
        if action == "query" and params.get("list") == "search":
            return self._full_text(params)
        return _error("unknown_action", f'Unrecognized value for parameter "action": {action}.')

    def _get(self, params: dict[str, str]) -> dict[str, Any]:
        ids = [i for i in params.get("ids", "").split("|") if i]
        if len(ids) > 50:
            return _error(
                "toomanyvalues", 'Too many values supplied for parameter "ids". The limit is 50.'
            )
        out: dict[str, Any] = {}
        for qid in ids:
            entity = self.entities.get(qid)
            out[qid] = entity if entity is not None else {"id": qid, "missing": ""}
        return {"entities": out, "success": 1}

    def _search_entities(self, params: dict[str, str]) -> dict[str, Any]:
        text = params.get("search", "").casefold().strip()
        language = params.get("language", "en")
        limit = int(params.get("limit", "7"))
        hits: list[dict[str, Any]] = []
        for qid, entity in sorted(self.entities.items()):
            found = _prefix_match(entity, text, language)
            if found is None:
                continue
            kind, value = found
            label = entity.get("labels", {}).get(language, {}).get("value") or value
            hit: dict[str, Any] = {
                "id": qid,
                "title": qid,
                "pageid": int(qid[1:]),
                "display": {"label": {"value": label, "language": language}},
                "repository": "wikidata",
                "url": f"//fake.wikibase.invalid/wiki/{qid}",
                "concepturi": f"http://www.wikidata.org/entity/{qid}",
                "label": label,
                "match": {"type": kind, "language": language, "text": value},
            }
            if kind == "alias":
                hit["aliases"] = [value]
            hits.append(hit)
        return {
            "searchinfo": {"search": params.get("search", "")},
            "search": hits[:limit],
            "success": 1,
        }

    def _full_text(self, params: dict[str, str]) -> dict[str, Any]:
        query = params.get("srsearch", "")
        statements = re.findall(r"haswbstatement:(P\d+)=(Q\d+)", query)
        phrases = [p.casefold() for p in re.findall(r'"([^"]+)"', query)]
        limit = int(params.get("srlimit", "10"))
        hits = []
        for qid, entity in sorted(self.entities.items()):
            if not all(_has_statement(entity, p, q) for p, q in statements):
                continue
            texts = [t.casefold() for t in _texts(entity)]
            if phrases and not any(p in t for p in phrases for t in texts):
                continue
            hits.append(
                {
                    "ns": 0,
                    "title": qid,
                    "pageid": int(qid[1:]),
                    "size": 1000,
                    "wordcount": 10,
                    "snippet": "",
                    "timestamp": "2026-01-01T00:00:00Z",
                }
            )
        return {
            "batchcomplete": "",
            "query": {"searchinfo": {"totalhits": len(hits)}, "search": hits[:limit]},
        }


def _error(code: str, info: str) -> dict[str, Any]:
    return {"error": {"code": code, "info": info, "*": "See the API help."}, "servedby": "fake"}


def _texts(entity: dict[str, Any]) -> list[str]:
    texts = [v["value"] for v in entity.get("labels", {}).values()]
    texts += [a["value"] for values in entity.get("aliases", {}).values() for a in values]
    return texts


def _prefix_match(entity: dict[str, Any], text: str, language: str) -> tuple[str, str] | None:
    label = entity.get("labels", {}).get(language, {}).get("value")
    if label and label.casefold().startswith(text):
        return ("label", label)
    for alias in entity.get("aliases", {}).get(language, []):
        if alias["value"].casefold().startswith(text):
            return ("alias", alias["value"])
    return None


def _has_statement(entity: dict[str, Any], prop: str, qid: str) -> bool:
    for claim in entity.get("claims", {}).get(prop, []):
        value = claim.get("mainsnak", {}).get("datavalue", {}).get("value")
        if isinstance(value, dict) and value.get("id") == qid:
            return True
    return False


def _handler(state: FakeWikibase) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            return

        def do_GET(self) -> None:
            self._serve(parse_qs(urlsplit(self.path).query))

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            self._serve(parse_qs(self.rfile.read(length).decode("utf-8")))

        def _serve(self, raw: dict[str, list[str]]) -> None:
            params = {k: v[-1] for k, v in raw.items()}
            with state.lock:
                state.requests.append(
                    Recorded(self.command, urlsplit(self.path).path, params, dict(self.headers))
                )
                fault = state.faults.popleft() if state.faults else None
            status, headers, body = 200, {}, None
            if fault is not None:
                if fault.kind == "slow":
                    time.sleep(fault.seconds)
                elif fault.kind == "maxlag":
                    headers = {"Retry-After": fault.retry_after or "5", "X-Database-Lag": "7"}
                    body = {
                        "error": {
                            "code": "maxlag",
                            "info": "Waiting for a replica: 7 seconds lagged.",
                            "host": "10.0.0.1",
                            "lag": 7,
                            "type": "db",
                            "*": "",
                        },
                        "servedby": "fake",
                    }
                else:
                    status = int(fault.kind)
                    if fault.retry_after is not None:
                        headers = {"Retry-After": fault.retry_after}
                    body = {"error": {"code": "http", "info": f"HTTP {status}"}}
            if body is None:
                body = state.answer(params)
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
            gzipped = "gzip" in self.headers.get("Accept-Encoding", "")
            if gzipped:
                data = gzip.compress(data)
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            if gzipped:
                self.send_header("Content-Encoding", "gzip")
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            try:
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                return

    return Handler


@contextmanager
def running(entities: dict[str, dict[str, Any]]) -> Iterator[FakeWikibase]:
    """Serve `entities` on a free loopback port until the block ends."""
    state = FakeWikibase(entities)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    state.url = f"http://127.0.0.1:{server.server_address[1]}/w/api.php"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
