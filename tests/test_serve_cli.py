"""`dprkfilm serve` as a user runs it: a real process on a free loopback port, and its flags."""

from __future__ import annotations

import sys

import pytest
import requests

from dprkfilm_graph.cli import main


def test_serve_command_answers_until_stopped() -> None:
    from conftest import free_port, serving_process

    port = free_port()
    argv = [sys.executable, "-m", "dprkfilm_graph.cli", "serve", "--port", str(port)]
    url = f"http://127.0.0.1:{port}"
    with serving_process([*argv, "--timeout", "5", "--max-results", "2"], url, timeout=60):
        got = requests.get(f"{url}/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=5)
        assert got.json() == {"head": {}, "boolean": True}
        capped = requests.get(f"{url}/sparql", params={"query": "SELECT * { ?s ?p ?o }"}, timeout=5)
        assert capped.status_code == 422 and "more than 2 results" in capped.text
        assert requests.get(f"{url}/film/first-steps", timeout=5).status_code == 200


@pytest.mark.parametrize(
    ("flags", "says"),
    [
        (["--timeout", "0"], "--timeout must be a positive"),
        (["--max-results", "-1"], "--max-results must be a positive"),
        (["--images", "no/such/folder"], "--images no/such/folder: not a folder"),
    ],
)
def test_serve_rejects_bad_limits(
    flags: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", *flags]) == 2
    assert says in capsys.readouterr().err
