"""The Wikidata (or any Wikibase) client: entities, searches and SPARQL SELECTs, cached.

Why a module of its own: every matching step asks through one object that keeps the cost of a
run (`stats`) and the on-disk cache, so a re-run or a resume after a crash costs no requests.
The HTTP itself, with the project's User-Agent, maxlag and retries, is `dprkfilm_graph.net`'s.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dprkfilm_graph.atomic import write_text
from dprkfilm_graph.net import sparql
from dprkfilm_graph.net.policy import (
    MAX_TRIES,
    MAX_WAIT,
    MAXLAG,
    TIMEOUT,
    USER_AGENT,
    Patience,
    Stats,
)
from dprkfilm_graph.net.policy import NetError as WikibaseError
from dprkfilm_graph.net.wikibase import ActionAPI, session

__all__ = ["ClientConfig", "Stats", "WikibaseClient", "WikibaseError"]

WIKIDATA_API = "https://www.wikidata.org/w/api.php"
WIKIDATA_SPARQL = "https://query.wikidata.org/sparql"

# wbgetentities takes at most this many ids per call (more needs the apihighlimits right).
BATCH = 50


@dataclass
class ClientConfig:
    """Where to ask and how politely; every endpoint is configurable (any Wikibase works)."""

    api_url: str = WIKIDATA_API
    sparql_url: str = WIKIDATA_SPARQL
    user_agent: str = USER_AGENT
    cache_dir: Path | None = None
    timeout: float = TIMEOUT
    max_tries: int = MAX_TRIES
    max_wait: float = MAX_WAIT
    maxlag: int = MAXLAG
    backoff: float = 1.0


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
        self.stats = Stats()
        self.patience = Patience(
            self.config.max_tries, self.config.max_wait, self.config.backoff, sleep, self.stats
        )
        self.session = session(self.config.user_agent, self.config.cache_dir)
        self.action = ActionAPI(
            self.config.api_url,
            self.session,
            self.patience,
            timeout=self.config.timeout,
            maxlag=self.config.maxlag,
        )

    # -- action API ----------------------------------------------------------------------------

    def api(self, params: dict[str, str], kind: str | None = None) -> dict[str, Any]:
        """One action API call (GET, JSON, maxlag), retried on 429/5xx/maxlag as told."""
        return self.action.call(params, kind)

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
        rows = sparql.select(
            self.config.sparql_url,
            query,
            self.patience,
            timeout=self.config.timeout,
            user_agent=self.config.user_agent,
        )
        if cached is not None:
            write_text(cached, json.dumps(rows, ensure_ascii=False))
        return rows
