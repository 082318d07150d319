"""What a person sees in a real browser: Debian's headless Chromium opens the home page, an entity
page and the query page, runs a shipped query there, and the rendered DOM is checked."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from serving.fixtures import *  # noqa: F403  (live_url, seed_app)

CHROMIUM = next(
    (
        found
        for name in ("chromium", "chromium-browser", "google-chrome")
        if (found := shutil.which(name))
    ),
    None,
)
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary (apt-get install chromium)"),
]


def rendered(url: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The DOM after scripts ran (and their requests to the server finished)."""
    assert CHROMIUM is not None
    profile = tmp_path_factory.mktemp("chromium-profile")
    done = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",  # tests may run as root in a container
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            # Nothing beyond loopback: no updates, sync, translation or other background calls.
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-features=Translate,OptimizationHints,MediaRouter",
            f"--user-data-dir={profile}",
            "--virtual-time-budget=10000",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_home_page_lists_the_films(live_url: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    dom = rendered(f"{live_url}/", tmp_path_factory)
    assert 'href="/film/first-steps"' in dom
    assert "People (" in dom


def test_entity_page_shows_titles_and_claims(
    live_url: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    dom = rendered(f"{live_url}/film/first-steps", tmp_path_factory)
    assert "<h1>First Steps</h1>" in dom or "첫걸음" in dom
    assert "Korean in Hangul" in dom
    assert "read from the record label" in dom


def test_query_page_runs_a_shipped_query(
    live_url: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    dom = rendered(f"{live_url}/query?example=unidentified-photos&run=1", tmp_path_factory)
    assert 'id="result-table"' in dom, dom[-3000:]
    assert "Vinyl 4" in dom and "Vinyl 5" in dom
    assert "2 rows" in dom
