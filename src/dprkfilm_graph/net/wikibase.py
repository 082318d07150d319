"""A Wikibase action API over HTTP: GET, JSON, `maxlag`, in series, retried as the server asks.

Why here and not in the Wikidata client: this is the part that speaks HTTP, with the project's
User-Agent and an optional on-disk cache (requests-cache) so a re-run or a resume costs no
requests; what to ask for (entities, searches) is `dprkfilm_graph.wikidata.client`'s business.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import requests

from dprkfilm_graph.net.policy import (
    MAXLAG,
    RETRY_STATUS,
    TIMEOUT,
    NetError,
    Patience,
    retry_after,
)


def _cacheable(response: requests.Response) -> bool:
    """Keep only real answers: a maxlag or other API error comes back as HTTP 200 with `error`."""
    if response.status_code != 200:
        return False
    try:
        body = response.json()
    except ValueError:
        return False
    return not (isinstance(body, dict) and "error" in body)


def session(user_agent: str, cache_dir: Path | None = None) -> requests.Session:
    """A session that names its client, asks for gzip and, given a folder, caches answers."""
    if cache_dir is None:
        out = requests.Session()
    else:
        import requests_cache

        cache_dir.mkdir(parents=True, exist_ok=True)
        out = requests_cache.CachedSession(
            str(cache_dir / "http"),
            backend="sqlite",
            expire_after=-1,
            allowable_codes=(200,),
            filter_fn=_cacheable,
        )
    out.headers["User-Agent"] = user_agent
    out.headers["Accept-Encoding"] = "gzip"
    return out


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


class ActionAPI:
    """One Wikibase's `api.php`, called in series through one session."""

    def __init__(
        self,
        url: str,
        http: requests.Session,
        patience: Patience,
        *,
        timeout: float = TIMEOUT,
        maxlag: int = MAXLAG,
    ) -> None:
        self.url = url
        self.http = http
        self.patience = patience
        self.timeout = timeout
        self.maxlag = maxlag

    def call(self, params: dict[str, str], kind: str | None = None) -> dict[str, Any]:
        """One action API call (GET, JSON, maxlag), retried on 429/5xx/maxlag as told."""
        full = {**params, "format": "json", "maxlag": str(self.maxlag)}
        what = f"{self.url} action={params.get('action')}"
        stats = self.patience.stats
        counted = kind or params.get("action", "api")
        attempt = 0
        while True:
            attempt += 1
            try:
                response = self.http.get(self.url, params=full, timeout=self.timeout)
            except (requests.ConnectionError, requests.Timeout) as exc:
                stats.count(counted, False)
                self.patience.wait(attempt, None, f"{what}: {type(exc).__name__}")
                continue
            except requests.RequestException as exc:
                # A body cut short or cut off mid-chunk, gzip that does not decompress: the
                # answer was damaged on the way, so it is asked for again, a bounded number
                # of times.
                stats.count(counted, False)
                fault = _transport_fault(exc)
                self.patience.wait(attempt, None, f"{what}: a broken answer ({fault})")
                continue
            stats.count(counted, bool(getattr(response, "from_cache", False)))
            asked = retry_after(response.headers.get("Retry-After"))
            if response.status_code in RETRY_STATUS:
                self.patience.wait(attempt, asked, f"{what}: HTTP {response.status_code}")
                continue
            if response.status_code != 200:
                raise NetError(f"{what}: HTTP {response.status_code}")
            try:
                body = response.json()
            except ValueError as exc:
                raise NetError(f"{what}: the answer is not JSON") from exc
            error = body.get("error") if isinstance(body, dict) else None
            if isinstance(error, dict):
                if error.get("code") == "maxlag":
                    lag = asked if asked is not None else _lag(error.get("lag"))
                    self.patience.wait(attempt, lag, f"{what}: server lagged")
                    continue
                raise NetError(f"{what}: {error.get('code')}: {error.get('info', '')}")
            if not isinstance(body, dict):
                raise NetError(f"{what}: unexpected answer")
            return body
