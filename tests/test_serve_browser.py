"""What a person sees in a real browser: Debian's headless Chromium opens the home page, entity
pages, the site search and the query page, runs a shipped query there, and the rendered DOM is
checked; at 1200 px wide no page is wider than the window (a screenshot's right margin is blank)."""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from serving.fixtures import *  # noqa: F403  (live_url, seed_app, facts_url, facts_app)

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


def rendered(url: str, tmp_path_factory: pytest.TempPathFactory, *extra: str) -> str:
    """The DOM after scripts ran (and their requests to the server finished)."""
    return _chromium(url, tmp_path_factory, "--dump-dom", *extra).stdout


def _chromium(
    url: str, tmp_path_factory: pytest.TempPathFactory, *extra: str
) -> subprocess.CompletedProcess[str]:
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
            *extra,
            url,
        ],
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def screenshot(url: str, out: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 1200x900 screenshot of the page, scroll bars hidden, as Chromium renders it."""
    _chromium(
        url,
        tmp_path_factory,
        "--hide-scrollbars",
        "--window-size=1200,900",
        f"--screenshot={out}",
    )
    assert out.exists(), f"no screenshot of {url}"
    return out


def png_rows(path: Path) -> tuple[int, int, list[bytes]]:
    """Width, height and raw RGB(A) rows of an 8-bit, non-interlaced PNG (Chromium's output)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and colour in (2, 6), "expected 8-bit RGB or RGBA"
    step = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * step
    rows: list[bytes] = []
    previous = bytes(stride)
    for y in range(height):
        line = raw[y * (stride + 1) : (y + 1) * (stride + 1)]
        cur = _unfilter(line[0], bytearray(line[1:]), previous, step)
        previous = bytes(cur)
        rgb = bytearray(width * 3)
        for channel in range(3):  # drop the alpha channel, if any, by slices
            rgb[channel::3] = cur[channel::step]
        rows.append(bytes(rgb))
    return width, height, rows


def _unfilter(method: int, cur: bytearray, up: bytes, step: int) -> bytearray:
    """One row with its PNG filter undone (PNG spec, section 9); the filter is chosen once per
    row, not per byte."""
    if method == 2:
        return bytearray((a + b) & 0xFF for a, b in zip(cur, up, strict=True))
    for i in range(len(cur)):
        left = cur[i - step] if i >= step else 0
        if method == 1:
            cur[i] = (cur[i] + left) & 0xFF
        elif method == 3:
            cur[i] = (cur[i] + (left + up[i]) // 2) & 0xFF
        elif method == 4:
            corner = up[i - step] if i >= step else 0
            p = left + up[i] - corner
            pa, pb, pc = abs(p - left), abs(p - up[i]), abs(p - corner)
            pred = left if pa <= pb and pa <= pc else up[i] if pb <= pc else corner
            cur[i] = (cur[i] + pred) & 0xFF
        else:
            break  # method 0: the row as stored
    return cur


def right_margin_is_blank(width: int, rows: list[bytes], margin: int = 8) -> bool:
    """Whether the last `margin` pixel columns are white on every row: nothing runs off the
    right edge (the page is centred with padding, so its content never touches the edge)."""
    return all(set(row[(width - margin) * 3 :]) <= {255} for row in rows)


def test_home_page_leads_to_films_and_search(
    live_url: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    dom = rendered(f"{live_url}/", tmp_path_factory)
    assert 'href="/films"' in dom and 'action="/search"' in dom
    films = rendered(f"{live_url}/films", tmp_path_factory)
    assert 'href="/film/first-steps"' in films and "첫걸음" in films


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


@pytest.mark.parametrize("spelling", ["피바다", "P'ibada"])
def test_search_from_hangul_and_romanized_spelling_finds_the_film(
    spelling: str, facts_url: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from urllib.parse import quote

    dom = rendered(f"{facts_url}/search?q={quote(spelling)}", tmp_path_factory)
    hits = dom[dom.index('id="hits"') :]
    first = hits[: hits.index("</tr>", hits.index("<td>"))]
    assert 'href="/film/sea-of-blood"' in first and "1968" in first


def test_film_page_shows_year_and_director_up_front(
    facts_url: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    dom = rendered(f"{facts_url}/film/sea-of-blood", tmp_path_factory)
    facts = dom[dom.index('id="facts"') : dom.index("</table>", dom.index('id="facts"'))]
    assert "<th>Year</th>" in facts and "1968" in facts
    assert "<th>Director</th>" in facts and "Choe Ik-gyu" in facts
    assert dom.index('id="facts"') < dom.index('id="titles"') < dom.index('id="evidence"')


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("home", "/"),
        ("film", "/film/sea-of-blood"),
        ("record", "/release/vinyl-post-record"),
        ("photo", "/image/vinyl-2"),
        ("search", "/search?q=%ED%94%BC%EB%B0%94%EB%8B%A4"),
        ("long-address", "/source/web-pages-test"),
        ("films", "/films"),
    ],
)
def test_nothing_is_wider_than_1200_px(
    name: str, path: str, facts_url: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("shots")
    shot = screenshot(f"{facts_url}{path}", folder / f"{name}.png", tmp_path_factory)
    width, height, rows = png_rows(shot)
    assert (width, height) == (1200, 900)
    assert right_margin_is_blank(width, rows), f"{path} runs past the right edge at 1200 px"


def test_the_width_check_sees_a_page_that_runs_off_the_edge(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """The check above can fail: a 3000 px wide line reaches the right edge of the shot."""
    folder = tmp_path_factory.mktemp("shots")
    wide = "data:text/html,<body style='margin:0'><p style='width:3000px;background:%23c00'>x</p>"
    shot = screenshot(wide, folder / "wide.png", tmp_path_factory)
    width, _, rows = png_rows(shot)
    assert not right_margin_is_blank(width, rows)
