"""A reconcile run killed with SIGKILL half way, then run again with the same cache: the second
run repeats no request the first finished (the on-disk cache holds every answer the moment it
arrives), and ends with the same decisions as an uninterrupted run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from wikidata.fake_wikibase import FakeWikibase
from wikidata.fixtures import *  # noqa: F403  (fake_api, wikidata_sparql)


def _argv(fake: FakeWikibase, sparql: str, data: Path, cache: Path) -> list[str]:
    return [
        sys.executable, "-m", "dprkfilm_graph.cli", "reconcile", "--dry-run", "--format", "json",
        "--api-url", fake.url, "--sparql-url", sparql, "--cache", str(cache), "--data", str(data),
    ]  # fmt: skip


def _decided(decisions: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """What a run decided: each entity's outcome and item, and its candidates' scores (which
    of two equally close labels a feature names may differ between processes)."""
    return [
        (d["entity"], d["outcome"], d["qid"], [(c["qid"], c["score"]) for c in d["candidates"]])
        for d in decisions
    ]


def _key(params: dict[str, str]) -> str:
    return json.dumps(params, sort_keys=True)


@pytest.mark.parametrize("kill_at", [2, 3])
def test_a_killed_reconcile_resumes_without_repeating_a_request(
    fake_api: FakeWikibase,
    wikidata_sparql: str,
    seed_copy: Path,
    tmp_path: Path,
    kill_at: int,
) -> None:
    """Killed when request `kill_at` has arrived and is being answered: the ones before it are
    finished (the client sends one request at a time), that one is cut off."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    # An uninterrupted run: how many action API requests a full run makes, and its decisions.
    whole = subprocess.run(
        _argv(fake_api, wikidata_sparql, seed_copy, tmp_path / "cache-whole"),
        capture_output=True, text=True, timeout=300, env=env, check=False,
    )  # fmt: skip
    assert whole.returncode == 0, whole.stderr
    total = len(fake_api.requests)
    assert total >= 3, "too few requests to kill a run half way"
    expected = json.loads(whole.stdout)

    fake_api.requests.clear()
    fake_api.delay = 0.2  # each answer takes a while, so the kill lands between two of them
    cache = tmp_path / "cache"
    child = subprocess.Popen(
        _argv(fake_api, wikidata_sparql, seed_copy, cache),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while len(fake_api.requests) < kill_at and child.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.005)
    child.send_signal(signal.SIGKILL)
    child.wait(10)
    first = [_key(r.params) for r in fake_api.requests]
    assert len(first) == kill_at <= total, "the kill did not land inside the run"

    fake_api.requests.clear()
    fake_api.delay = 0.0
    again = subprocess.run(
        _argv(fake_api, wikidata_sparql, seed_copy, cache),
        capture_output=True, text=True, timeout=300, env=env, check=False,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    second = [_key(r.params) for r in fake_api.requests]
    finished = set(first[:-1])  # the last was cut off by the kill
    assert finished and not finished & set(second), "the resumed run repeated a request"
    assert len(second) == total - len(finished)  # the cut-off one again, and the rest
    assert _decided(json.loads(again.stdout)) == _decided(expected)
