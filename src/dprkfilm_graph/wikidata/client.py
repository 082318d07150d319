"""The one module that talks to a Wikibase: its action API and its SPARQL query service.

Why a module of its own: Wikidata blocks clients that ignore its etiquette, so every request goes
through one place that sends a User-Agent with contact, asks with `maxlag`, runs in series, waits
as long as `Retry-After` says (a bounded number of times), times out, and caches what it fetched
on disk so a re-run or a resume after a crash costs no requests.
"""

from __future__ import annotations

import hashlib
import json
import time
import urllib.error
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import EndPointInternalError

from dprkfilm_graph import __version__
from dprkfilm_graph.atomic import write_text
from dprkfilm_graph.errors import DprkfilmError

WIKIDATA_API = "https://www.wikidata.org/w/api.php"
WIKIDATA_SPARQL = "https://query.wikidata.org/sparql"
CONTACT = "https://w3id.org/dprkfilm/"
DEFAULT_USER_AGENT = (
    f"dprkfilm-graph/{__version__} ({CONTACT}) python-requests/{requests.__version__}"
)

# wbgetentities takes at most this many ids per call (more needs the apihighlimits right).
BATCH = 50
# Seconds of replication lag the API may have before it asks us to wait (Wikidata's advice).
MAXLAG = 5
# Attempts per request, and the longest single wait we accept; a server asking for longer is
# told no and the user gets a clear error instead of a hang.
MAX_TRIES = 5
MAX_WAIT = 120.0
TIMEOUT = 60.0
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


class WikibaseError(DprkfilmError):
    """The Wikibase could not be reached or kept refusing; nothing was written."""


@dataclass
class ClientConfig:
    """Where to ask and how politely; every endpoint is configurable (any Wikibase works)."""

    api_url: str = WIKIDATA_API
    sparql_url: str = WIKIDATA_SPARQL
    user_agent: str = DEFAULT_USER_AGENT
    cache_dir: Path | None = None
    timeout: float = TIMEOUT
    max_tries: int = MAX_TRIES
    max_wait: float = MAX_WAIT
    maxlag: int = MAXLAG
    backoff: float = 1.0


@dataclass
class Stats:
    """What a run cost: requests that went over the network, and those answered from the cache."""

    network: int = 0
    cached: int = 0
    retries: int = 0
    waited: float = 0.0
    by_kind: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, from_cache: bool) -> None:
        if from_cache:
            self.cached += 1
        else:
            self.network += 1
            self.by_kind[kind] = self.by_kind.get(kind, 0) + 1


def _cacheable(response: requests.Response) -> bool:
    """Keep only real answers: a maxlag or other API error comes back as HTTP 200 with `error`."""
    if response.status_code != 200:
        return False
    try:
        body = response.json()
    except ValueError:
        return False
    return not (isinstance(body, dict) and "error" in body)


def _session(config: ClientConfig) -> requests.Session:
    if config.cache_dir is None:
        session = requests.Session()
    else:
        import requests_cache

        config.cache_dir.mkdir(parents=True, exist_ok=True)
        session = requests_cache.CachedSession(
            str(config.cache_dir / "http"),
            backend="sqlite",
            expire_after=-1,
            allowable_codes=(200,),
            filter_fn=_cacheable,
        )
    session.headers["User-Agent"] = config.user_agent
    session.headers["Accept-Encoding"] = "gzip"
    return session


def _retry_after(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def _lag(value: object) -> float:
    """Seconds of lag a maxlag error reports; 5 when it gives none, or words instead."""
    try:
        seconds = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 5.0
    return seconds if 0 <= seconds < float("inf") else 5.0


def _transport_fault(exc: requests.RequestException) -> str:
    """A short, readable name for what broke."""
    if isinstance(exc, requests.exceptions.ContentDecodingError):
        return "the compressed body does not decompress"
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return "the body was cut off before its end"
    return type(exc).__name__


def chunks(items: list[str], size: int = BATCH) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class WikibaseClient:
    """Action API and query service of one Wikibase, in series, with retries and a cache."""

    def __init__(
        self,
        config: ClientConfig | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.config = config or ClientConfig()
        self.session = _session(self.config)
        self.sleep = sleep
        self.stats = Stats()

    # -- waiting -------------------------------------------------------------------------------

    def _wait(self, attempt: int, asked: float | None, what: str) -> None:
        """Wait before retry `attempt` (1-based): as long as asked, else exponential backoff."""
        if attempt >= self.config.max_tries:
            raise WikibaseError(f"{what}: gave up after {attempt} tries")
        delay = asked if asked is not None else self.config.backoff * 2 ** (attempt - 1)
        if delay > self.config.max_wait:
            raise WikibaseError(
                f"{what}: the server asks to wait {delay:.0f} s"
                f" (more than {self.config.max_wait:.0f}); try again later"
            )
        self.stats.retries += 1
        self.stats.waited += delay
        self.sleep(delay)

    # -- action API ----------------------------------------------------------------------------

    def api(self, params: dict[str, str], kind: str | None = None) -> dict[str, Any]:
        """One action API call (GET, JSON, maxlag), retried on 429/5xx/maxlag as told."""
        full = {**params, "format": "json", "maxlag": str(self.config.maxlag)}
        what = f"{self.config.api_url} action={params.get('action')}"
        attempt = 0
        while True:
            attempt += 1
            try:
                response = self.session.get(
                    self.config.api_url, params=full, timeout=self.config.timeout
                )
            except (requests.ConnectionError, requests.Timeout) as exc:
                self.stats.count(kind or params.get("action", "api"), False)
                self._wait(attempt, None, f"{what}: {type(exc).__name__}")
                continue
            except requests.RequestException as exc:
                # A body cut short or cut off mid-chunk, gzip that does not decompress: the
                # answer was damaged on the way, so it is asked for again, a bounded number
                # of times.
                self.stats.count(kind or params.get("action", "api"), False)
                self._wait(attempt, None, f"{what}: a broken answer ({_transport_fault(exc)})")
                continue
            self.stats.count(
                kind or params.get("action", "api"), bool(getattr(response, "from_cache", False))
            )
            asked = _retry_after(response.headers.get("Retry-After"))
            if response.status_code in _RETRY_STATUS:
                self._wait(attempt, asked, f"{what}: HTTP {response.status_code}")
                continue
            if response.status_code != 200:
                raise WikibaseError(f"{what}: HTTP {response.status_code}")
            try:
                body = response.json()
            except ValueError as exc:
                raise WikibaseError(f"{what}: the answer is not JSON") from exc
            error = body.get("error") if isinstance(body, dict) else None
            if isinstance(error, dict):
                if error.get("code") == "maxlag":
                    lag = asked if asked is not None else _lag(error.get("lag"))
                    self._wait(attempt, lag, f"{what}: server lagged")
                    continue
                raise WikibaseError(f"{what}: {error.get('code')}: {error.get('info', '')}")
            if not isinstance(body, dict):
                raise WikibaseError(f"{what}: unexpected answer")
            return body

    def get_entities(
        self, ids: Iterable[str], props: str = "labels|aliases|descriptions|claims"
    ) -> dict[str, dict[str, Any]]:
        """Entities by id, 50 a call, following redirects; missing ids are left out. `info`
        in `props` adds each item's revision (lastrevid) and when it was modified."""
        wanted = list(dict.fromkeys(ids))
        found: dict[str, dict[str, Any]] = {}
        for batch in chunks(wanted):
            body = self.api(
                {
                    "action": "wbgetentities",
                    "ids": "|".join(batch),
                    "props": props,
                    "redirects": "yes",
                }
            )
            for key, entity in (body.get("entities") or {}).items():
                if "missing" not in entity:
                    found[key] = entity
        return found

    def search_entities(self, text: str, language: str, limit: int = 7) -> list[dict[str, Any]]:
        """wbsearchentities: items whose label or alias starts like `text` in `language`."""
        body = self.api(
            {
                "action": "wbsearchentities",
                "search": text,
                "language": language,
                "uselang": language,
                "type": "item",
                "limit": str(limit),
            }
        )
        hits = body.get("search") or []
        return [h for h in hits if isinstance(h, dict)]

    def full_text_search(self, query: str, limit: int = 20) -> list[str]:
        """CirrusSearch (`query&list=search`): item ids, e.g. for `X haswbstatement:P495=Q423`."""
        body = self.api(
            {
                "action": "query",
                "list": "search",
                "srsearch": query,
                "srnamespace": "0",
                "srlimit": str(limit),
            }
        )
        return [h["title"] for h in (body.get("query") or {}).get("search", []) if "title" in h]

    # -- query service -------------------------------------------------------------------------

    def _sparql_cache(self, query: str) -> Path | None:
        if self.config.cache_dir is None:
            return None
        key = hashlib.sha256(f"{self.config.sparql_url}\n{query}".encode()).hexdigest()
        return self.config.cache_dir / "sparql" / f"{key}.json"

    def sparql(self, query: str) -> list[dict[str, dict[str, str]]]:
        """Bindings of one SELECT query (SPARQL 1.1 JSON results), cached on disk by query."""
        cached = self._sparql_cache(query)
        if cached is not None and cached.exists():
            self.stats.count("sparql", True)
            rows: list[dict[str, dict[str, str]]] = json.loads(cached.read_text("utf-8"))
            return rows
        wrapper = SPARQLWrapper(self.config.sparql_url, agent=self.config.user_agent)
        wrapper.setQuery(query)
        wrapper.setMethod(POST)
        wrapper.setReturnFormat(JSON)
        wrapper.setTimeout(int(self.config.timeout))
        what = f"{self.config.sparql_url}"
        attempt = 0
        while True:
            attempt += 1
            self.stats.count("sparql", False)
            try:
                result = wrapper.queryAndConvert()
                break
            except urllib.error.HTTPError as exc:
                if exc.code not in _RETRY_STATUS:
                    raise WikibaseError(f"{what}: HTTP {exc.code}") from exc
                asked = _retry_after(exc.headers.get("Retry-After") if exc.headers else None)
                self._wait(attempt, asked, f"{what}: HTTP {exc.code}")
            except EndPointInternalError:
                self._wait(attempt, None, f"{what}: HTTP 500")
            except (urllib.error.URLError, TimeoutError, OSError) as exc:
                self._wait(attempt, None, f"{what}: {exc}")
            except Exception as exc:  # SPARQLWrapper's own: bad query, not found, …
                raise WikibaseError(f"{what}: {exc}") from exc
        if not isinstance(result, dict):
            raise WikibaseError(f"{what}: the answer is not SPARQL JSON results")
        rows = list(result.get("results", {}).get("bindings", []))
        if cached is not None:
            write_text(cached, json.dumps(rows, ensure_ascii=False))
        return rows
