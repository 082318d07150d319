"""The one module that talks to a Wikibase: its action API (requests) and its query service
(SPARQLWrapper).

Why one place: Wikidata blocks clients that ignore its etiquette. Every request therefore goes
through here, in series, with a User-Agent naming the client and a contact, `maxlag` on API calls,
gzip, a timeout, and a bounded number of retries that wait as long as `Retry-After` asks (429,
503, maxlag errors) or back off (other 5xx, timeouts). What was fetched is kept on disk, so a
re-run, or a resume after a crash, costs no requests. Every endpoint is configurable: any Wikibase
(FactGrid, a local test server) works.
"""

from __future__ import annotations

import hashlib
import json
import time
import urllib.error
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import requests
import requests_cache
from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from dprkfilm_graph import __version__
from dprkfilm_graph.atomic import write_text
from dprkfilm_graph.errors import DprkfilmError

WIKIDATA_API = "https://www.wikidata.org/w/api.php"
WIKIDATA_SPARQL = "https://query.wikidata.org/sparql"
WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"
CONTACT = "https://w3id.org/dprkfilm/"
DEFAULT_USER_AGENT = (
    f"dprkfilm-graph/{__version__} ({CONTACT}; reconcile) python-requests/{requests.__version__}"
)

# wbgetentities accepts at most 50 ids per call without the apihighlimits right.
BATCH = 50
# Seconds of replication lag we tolerate before the API asks us to wait (Wikidata's advice).
MAXLAG = 5
# Attempts per request, and the longest single wait we accept. A server asking for more gets a
# clear error instead of a silent hang (a client must never block for an hour on retries).
MAX_TRIES = 5
MAX_WAIT = 120.0
TIMEOUT = 60.0
BACKOFF = 2.0
_WAIT_STATUS = frozenset({429, 503})
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


class WikibaseError(DprkfilmError):
    """The Wikibase could not be reached, kept refusing, or answered something unusable."""

    exit_code = 3


@dataclass
class ClientConfig:
    """Where to ask and how politely."""

    api_url: str = WIKIDATA_API
    sparql_url: str = WIKIDATA_SPARQL
    entity_base: str = WIKIDATA_ENTITY
    user_agent: str = DEFAULT_USER_AGENT
    cache_dir: Path | None = None
    timeout: float = TIMEOUT
    max_tries: int = MAX_TRIES
    max_wait: float = MAX_WAIT
    maxlag: int = MAXLAG


@dataclass
class Stats:
    """What a run cost: requests that reached the network, answers from the cache, waits."""

    requests: int = 0
    cached: int = 0
    retries: int = 0
    waited: float = 0.0
    by_kind: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str) -> None:
        self.requests += 1
        self.by_kind[kind] = self.by_kind.get(kind, 0) + 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "requests": self.requests,
            "cached": self.cached,
            "retries": self.retries,
            "waited_seconds": round(self.waited, 3),
            "by_kind": dict(sorted(self.by_kind.items())),
        }


class _Retry(Exception):
    """One failed attempt that may be retried after `wait` seconds (None: back off)."""

    def __init__(self, reason: str, wait: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.wait = wait


def retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date); None when absent/bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _cacheable(response: requests.Response) -> bool:
    """Keep only real answers: an API error (maxlag is HTTP 200) must be asked again."""
    if response.status_code != 200:
        return False
    try:
        body = response.json()
    except ValueError:
        return False
    return not (isinstance(body, dict) and "error" in body)


def chunked(items: Iterable[str], size: int = BATCH) -> Iterator[list[str]]:
    """Consecutive lists of at most `size` items."""
    batch: list[str] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class WikibaseClient:
    """A polite, caching client of one Wikibase's action API and query service."""

    def __init__(
        self,
        config: ClientConfig | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.config = config or ClientConfig()
        self.stats = Stats()
        self._sleep = sleep
        headers = {
            "User-Agent": self.config.user_agent,
            "Accept-Encoding": "gzip",
            "Accept": "application/json",
        }
        if self.config.cache_dir is not None:
            self.config.cache_dir.mkdir(parents=True, exist_ok=True)
            self._session: requests.Session = requests_cache.CachedSession(
                str(self.config.cache_dir / "http"),
                backend="sqlite",
                expire_after=-1,
                allowable_methods=("GET", "POST"),
                allowable_codes=(200,),
                filter_fn=_cacheable,
            )
        else:
            self._session = requests.Session()
        self._session.headers.update(headers)

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> WikibaseClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the action API -----------------------------------------------------------------------

    def api(self, params: Mapping[str, str], *, kind: str | None = None) -> dict[str, Any]:
        """One action-API call (GET, JSON, maxlag), retried within bounds; the decoded answer."""
        full = {"format": "json", "maxlag": str(self.config.maxlag), **params}
        label = kind or full.get("action", "api")
        return self._with_retries(label, lambda: self._api_once(full, label))

    def _api_once(self, params: Mapping[str, str], kind: str) -> dict[str, Any]:
        try:
            response = self._session.get(
                self.config.api_url, params=params, timeout=self.config.timeout
            )
        except requests.Timeout as exc:
            raise _Retry(f"no answer within {self.config.timeout:g} s") from exc
        except requests.ConnectionError as exc:
            raise _Retry(f"cannot connect: {exc.__class__.__name__}") from exc
        self._tally(response, kind)
        if response.status_code in _RETRY_STATUS:
            wait = retry_after(response.headers.get("Retry-After"))
            raise _Retry(
                f"HTTP {response.status_code}",
                wait if response.status_code in _WAIT_STATUS else None,
            )
        if response.status_code != 200:
            raise WikibaseError(
                f"{self.config.api_url} answered HTTP {response.status_code} to {kind}"
            )
        try:
            body = response.json()
        except ValueError as exc:
            raise WikibaseError(f"{self.config.api_url} did not answer JSON to {kind}") from exc
        if not isinstance(body, dict):
            raise WikibaseError(f"{self.config.api_url} answered an unexpected shape to {kind}")
        error = body.get("error")
        if isinstance(error, dict):
            code = str(error.get("code", ""))
            if code == "maxlag":
                wait = retry_after(response.headers.get("Retry-After"))
                lag = error.get("lag")
                raise _Retry(f"server lagged ({lag} s)", wait if wait is not None else 5.0)
            info = error.get("info", "")
            raise WikibaseError(f"{self.config.api_url} refused {kind}: {code}: {info}")
        return body

    def _tally(self, response: requests.Response, kind: str) -> None:
        if getattr(response, "from_cache", False):
            self.stats.cached += 1
        else:
            self.stats.count(kind)

    def _with_retries(self, kind: str, attempt: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        reasons: list[str] = []
        for tries in range(1, self.config.max_tries + 1):
            try:
                return attempt()
            except _Retry as retry:
                reasons.append(retry.reason)
                if tries == self.config.max_tries:
                    break
                wait = retry.wait if retry.wait is not None else BACKOFF ** (tries - 1)
                if wait > self.config.max_wait:
                    raise WikibaseError(
                        f"{kind}: the server asks to wait {wait:g} s (more than the "
                        f"{self.config.max_wait:g} s allowed); try again later"
                    ) from None
                self.stats.retries += 1
                self.stats.waited += wait
                self._sleep(wait)
        raise WikibaseError(
            f"{kind}: gave up after {self.config.max_tries} tries ({'; '.join(reasons)})"
        )

    def get_entities(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Entities by id (wbgetentities, 50 a request); redirects followed, missing dropped."""
        wanted = list(dict.fromkeys(ids))
        found: dict[str, dict[str, Any]] = {}
        for batch in chunked(wanted):
            body = self.api(
                {
                    "action": "wbgetentities",
                    "ids": "|".join(batch),
                    "props": "labels|aliases|descriptions|claims",
                    "redirects": "yes",
                }
            )
            entities = body.get("entities")
            if not isinstance(entities, dict):
                raise WikibaseError("wbgetentities answered without 'entities'")
            for key, entity in entities.items():
                if isinstance(entity, dict) and "missing" not in entity:
                    found[str(entity.get("id", key))] = entity
        return found

    def search_entities(
        self, text: str, language: str, *, limit: int = 7, type_: str = "item"
    ) -> list[dict[str, Any]]:
        """wbsearchentities: items whose label or alias in `language` starts like `text`."""
        body = self.api(
            {
                "action": "wbsearchentities",
                "search": text,
                "language": language,
                "uselang": language,
                "type": type_,
                "limit": str(min(limit, 50)),
            }
        )
        hits = body.get("search", [])
        return [h for h in hits if isinstance(h, dict)] if isinstance(hits, list) else []

    def full_text_search(self, query: str, *, limit: int = 50) -> list[str]:
        """CirrusSearch (`list=search`) in the item namespace: the ids of the hits, best first."""
        body = self.api(
            {
                "action": "query",
                "list": "search",
                "srsearch": query,
                "srnamespace": "0",
                "srlimit": str(min(limit, 50)),
                "srprop": "",
            },
            kind="search",
        )
        hits = body.get("query", {}).get("search", [])
        return [str(h["title"]) for h in hits if isinstance(h, dict) and "title" in h]

    # -- the query service --------------------------------------------------------------------

    def sparql(self, query: str) -> list[dict[str, Any]]:
        """SELECT on the query service: the JSON result bindings, cached on disk by query text."""
        cache_file = self._sparql_cache_file(query)
        if cache_file is not None and cache_file.is_file():
            self.stats.cached += 1
            rows: list[dict[str, Any]] = json.loads(cache_file.read_text(encoding="utf-8"))
            return rows
        body = self._with_retries("sparql", lambda: self._sparql_once(query))
        bindings = body.get("results", {}).get("bindings")
        if not isinstance(bindings, list):
            raise WikibaseError(f"{self.config.sparql_url} answered without result bindings")
        if cache_file is not None:
            write_text(cache_file, json.dumps(bindings, ensure_ascii=False))
        return bindings

    def _sparql_cache_file(self, query: str) -> Path | None:
        if self.config.cache_dir is None:
            return None
        key = hashlib.sha256(f"{self.config.sparql_url}\n{query}".encode()).hexdigest()
        return self.config.cache_dir / "sparql" / f"{key}.json"

    def _sparql_once(self, query: str) -> dict[str, Any]:
        wrapper = SPARQLWrapper(self.config.sparql_url, agent=self.config.user_agent)
        wrapper.setMethod(POST)
        wrapper.setReturnFormat(JSON)
        wrapper.setTimeout(int(max(1, self.config.timeout)))
        wrapper.setQuery(query)
        self.stats.count("sparql")
        try:
            result = wrapper.queryAndConvert()
        except urllib.error.HTTPError as exc:
            if exc.code in _RETRY_STATUS:
                wait = retry_after(exc.headers.get("Retry-After") if exc.headers else None)
                wait = wait if exc.code in _WAIT_STATUS else None
                raise _Retry(f"HTTP {exc.code}", wait) from exc
            raise WikibaseError(f"{self.config.sparql_url} answered HTTP {exc.code}") from exc
        except SPARQLWrapperException as exc:
            text = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
            if "EndPointInternalError" in exc.__class__.__name__:
                raise _Retry(text) from exc
            raise WikibaseError(f"{self.config.sparql_url}: {text}") from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise _Retry(f"cannot reach the query service: {exc}") from exc
        except ValueError as exc:
            raise WikibaseError(f"{self.config.sparql_url} did not answer SPARQL JSON") from exc
        if not isinstance(result, dict):
            raise WikibaseError(f"{self.config.sparql_url} did not answer SPARQL JSON")
        return result
