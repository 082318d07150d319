"""How the project behaves on the network: who it says it is, how long it waits, when it retries.

The User-Agent follows Wikimedia's policy (`<client>/<version> (<contact>) <library>/<version>`):
a client without a contact may be refused. A retry waits as long as the server's `Retry-After`
asks, else backs off exponentially, a bounded number of times; a server that asks for more than
`MAX_WAIT` seconds is told no, so the user gets a clear error instead of a hang.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import requests

from dprkfilm_graph import __version__
from dprkfilm_graph.errors import DprkfilmError

CONTACT = "https://w3id.org/dprkfilm/"
USER_AGENT = f"dprkfilm-graph/{__version__} ({CONTACT}) python-requests/{requests.__version__}"
# Seconds a single request may take (Wikidata's query service stops a query at 60 s).
TIMEOUT = 60.0
# Seconds of replication lag a Wikibase may have before it asks batch clients to wait.
MAXLAG = 5
# Attempts per request, and the longest single wait accepted.
MAX_TRIES = 5
MAX_WAIT = 120.0
# Answers worth asking again: rate limited, or the server failing for a moment.
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


class NetError(DprkfilmError):
    """A server could not be reached or kept refusing; nothing was written."""


@dataclass
class Stats:
    """What a run cost: requests that went over the network, and those answered from a cache."""

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


def retry_after(value: str | None) -> float | None:
    """Seconds a `Retry-After` header asks for; None when absent or not a number."""
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


@dataclass
class Patience:
    """How often and how long to wait before asking again; counts what waiting cost."""

    max_tries: int = MAX_TRIES
    max_wait: float = MAX_WAIT
    backoff: float = 1.0
    sleep: Callable[[float], None] = time.sleep
    stats: Stats = field(default_factory=Stats)

    def wait(self, attempt: int, asked: float | None, what: str) -> None:
        """Wait before retry `attempt` (1-based): as long as asked, else exponential backoff;
        NetError when the tries are used up or the server asks for too long."""
        if attempt >= self.max_tries:
            raise NetError(f"{what}: gave up after {attempt} tries")
        delay = asked if asked is not None else self.backoff * 2 ** (attempt - 1)
        if delay > self.max_wait:
            raise NetError(
                f"{what}: the server asks to wait {delay:.0f} s"
                f" (more than {self.max_wait:.0f}); try again later"
            )
        self.stats.retries += 1
        self.stats.waited += delay
        self.sleep(delay)
