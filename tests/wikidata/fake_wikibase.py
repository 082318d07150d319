"""A fake Wikibase action API on 127.0.0.1: wbsearchentities, wbgetentities (honouring `props`:
info gives the revision, `lastrevid`, and `modified`) and query&list=search in the real JSON
shapes, recording every request, with faults to inject (429 + Retry-After, maxlag errors, 5xx,
slow answers, and broken transports: a body cut short of its Content-Length, a chunked body cut
off, a gzip body that does not decompress, a maxlag error whose `lag` is not a number)."""

from __future__ import annotations

import json
import threading
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse


@dataclass
class Recorded:
    params: dict[str, str]
    headers: dict[str, str]


@dataclass
class Fault:
    """One injected answer: kind is '429', '503', '500', 'maxlag', 'slow', 'truncated',
    'chunked-cut', 'bad-gzip' or 'lag-text'."""

    kind: str
    retry_after: str | None = None
    delay: float = 0.0


@dataclass
class FakeWikibase:
    entities: dict[str, dict[str, Any]]
    requests: list[Recorded] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    url: str = ""
    delay: float = 0.0  # seconds before every answer (a slow server, for kill tests)

    def actions(self) -> list[str]:
        return [r.params.get("action", "") for r in self.requests]


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def _terms(entity: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    for lang, label in entity.get("labels", {}).items():
        yield "label", lang, label["value"]
    for lang, values in entity.get("aliases", {}).items():
        for alias in values:
            yield "alias", lang, alias["value"]


def _search(fake: FakeWikibase, params: dict[str, str]) -> dict[str, Any]:
    text = _fold(params.get("search", ""))
    limit = min(int(params.get("limit", "7")), 50)
    hits: list[dict[str, Any]] = []
    for qid, entity in fake.entities.items():
        for kind, lang, value in _terms(entity):
            if text and _fold(value).startswith(text):
                label = entity["labels"].get(params.get("language", "en")) or next(
                    iter(entity["labels"].values()), {"value": qid, "language": "en"}
                )
                hit: dict[str, Any] = {
                    "id": qid,
                    "title": qid,
                    "pageid": int(qid[1:]) % 100000,
                    "display": {"label": {"value": label["value"], "language": label["language"]}},
                    "repository": "wikidata",
                    "url": f"//www.wikidata.org/wiki/{qid}",
                    "concepturi": f"http://www.wikidata.org/entity/{qid}",
                    "label": label["value"],
                    "match": {"type": kind, "language": lang, "text": value},
                }
                desc = entity.get("descriptions", {}).get("en")
                if desc:
                    hit["description"] = desc["value"]
                if kind == "alias":
                    hit["aliases"] = [value]
                hits.append(hit)
                break
    body: dict[str, Any] = {
        "searchinfo": {"search": params.get("search", "")},
        "search": hits[:limit],
    }
    if len(hits) > limit:
        body["search-continue"] = limit
    body["success"] = 1
    return body


def _get(fake: FakeWikibase, params: dict[str, str]) -> dict[str, Any]:
    ids = [i for i in params.get("ids", "").split("|") if i]
    if len(ids) > 50:
        return {
            "error": {
                "code": "toomanyvalues",
                "info": 'Too many values supplied for parameter "ids". The limit is 50.',
            }
        }
    props = set(params.get("props", "info|sitelinks|aliases|labels|descriptions|claims").split("|"))
    out = {}
    for i in ids:
        entity = fake.entities.get(i)
        if entity is None:
            out[i] = {"id": i, "missing": ""}
            continue
        shown = {k: v for k, v in entity.items() if k not in _PROP_KEYS}
        for prop, keys in _PROP_KEYS_BY_PROP.items():
            if prop in props:
                shown.update({k: entity[k] for k in keys if k in entity})
        out[i] = shown
    return {"entities": out, "success": 1}


# What each `props` value of wbgetentities adds to an entity (`type` and `id` always come).
_PROP_KEYS_BY_PROP = {
    "info": ("pageid", "ns", "title", "lastrevid", "modified"),
    "labels": ("labels",),
    "aliases": ("aliases",),
    "descriptions": ("descriptions",),
    "claims": ("claims",),
    "sitelinks": ("sitelinks",),
}
_PROP_KEYS = frozenset(k for keys in _PROP_KEYS_BY_PROP.values() for k in keys)


def _fulltext(fake: FakeWikibase, params: dict[str, str]) -> dict[str, Any]:
    words = params.get("srsearch", "").split()
    filters = [w.split(":", 1)[1] for w in words if w.startswith("haswbstatement:")]
    terms = [_fold(w) for w in words if not w.startswith("haswbstatement:")]
    hits = []
    for qid, entity in fake.entities.items():
        text = " ".join(_fold(v) for _, _, v in _terms(entity))
        if not all(t in text for t in terms):
            continue
        ok = True
        for f in filters:
            prop, _, value = f.partition("=")
            values = [
                c["mainsnak"].get("datavalue", {}).get("value", {}).get("id")
                for c in entity.get("claims", {}).get(prop, [])
            ]
            ok = ok and value in values
        if ok:
            hits.append({"ns": 0, "title": qid, "pageid": int(qid[1:]) % 100000, "snippet": ""})
    return {"batchcomplete": "", "query": {"searchinfo": {"totalhits": len(hits)}, "search": hits}}


def _truncated(handler: BaseHTTPRequestHandler) -> None:
    """Promise 4,000 bytes, send 20 and hang up."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json; charset=utf-8")
    handler.send_header("Content-Length", "4000")
    handler.end_headers()
    handler.wfile.write(b'{"entities": {"Q1": ')
    handler.wfile.flush()
    handler.close_connection = True


def _chunked_cut(handler: BaseHTTPRequestHandler) -> None:
    """Send one chunk of a chunked body, then hang up without the last (zero) chunk."""
    handler.protocol_version = "HTTP/1.1"
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json; charset=utf-8")
    handler.send_header("Transfer-Encoding", "chunked")
    handler.send_header("Connection", "close")
    handler.end_headers()
    part = b'{"entities": {"Q1": {'
    handler.wfile.write(f"{len(part):x}\r\n".encode() + part + b"\r\n")
    handler.wfile.flush()
    handler.close_connection = True


def _bad_gzip(handler: BaseHTTPRequestHandler) -> None:
    """Say gzip, send bytes that are not."""
    data = b"\x1f\x8b\x08\x00garbage that is not deflate data at all"
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json; charset=utf-8")
    handler.send_header("Content-Encoding", "gzip")
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data)


def _lag_text(handler: BaseHTTPRequestHandler) -> None:
    """A maxlag error whose lag is words, not seconds."""
    data = json.dumps(
        {"error": {"code": "maxlag", "info": "lagged", "lag": "a lot", "type": "db"}}
    ).encode()
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json; charset=utf-8")
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data)


_BROKEN = {
    "truncated": _truncated,
    "chunked-cut": _chunked_cut,
    "bad-gzip": _bad_gzip,
    "lag-text": _lag_text,
}


def _handler(fake: FakeWikibase) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _send(
            self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None
        ) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            query = parse_qs(urlparse(self.path).query)
            params = {k: v[-1] for k, v in query.items()}
            fake.requests.append(Recorded(params, {k: v for k, v in self.headers.items()}))
            if fake.delay:
                time.sleep(fake.delay)
            if fake.faults:
                fault = fake.faults.pop(0)
                headers = {"Retry-After": fault.retry_after} if fault.retry_after else {}
                if fault.kind == "slow":
                    time.sleep(fault.delay)
                elif fault.kind in _BROKEN:
                    _BROKEN[fault.kind](self)
                    return
                elif fault.kind == "maxlag":
                    err = {
                        "error": {
                            "code": "maxlag",
                            "info": "Waiting for 10.64.48.35: 6 seconds lagged.",
                            "host": "db",
                            "lag": 6,
                            "type": "db",
                        }
                    }
                    self._send(200, err, {**headers, "X-Database-Lag": "6"})
                    return
                else:
                    self._send(int(fault.kind), {"error": "injected"}, headers)
                    return
            action = params.get("action")
            if action == "wbsearchentities":
                self._send(200, _search(fake, params))
            elif action == "wbgetentities":
                self._send(200, _get(fake, params))
            elif action == "query" and params.get("list") == "search":
                self._send(200, _fulltext(fake, params))
            else:
                self._send(
                    200,
                    {
                        "error": {
                            "code": "badvalue",
                            "info": f'Unrecognized value for parameter "action": {action}.',
                        }
                    },
                )

    return Handler


class _Server(ThreadingHTTPServer):
    """The fake's server: a client that gave up (a test of timeouts and retries) leaves the
    handler writing to a closed socket, which is the test's point, not an error to print."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            super().handle_error(request, client_address)


@contextmanager
def serve(entities: dict[str, dict[str, Any]]) -> Iterator[FakeWikibase]:
    """Run the fake API in a thread for the block; `fake.url` is its api.php."""
    fake = FakeWikibase(entities=entities)
    server = _Server(("127.0.0.1", 0), _handler(fake))
    fake.url = f"http://127.0.0.1:{server.server_address[1]}/w/api.php"
    # A short poll, so that shutdown() at the end of a test returns at once (the default waits
    # up to half a second).
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
