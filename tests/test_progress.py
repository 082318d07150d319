"""Long commands show progress on a terminal and nothing when stderr is piped."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
import threading
from pathlib import Path

from dprkfilm_graph import progress

SEED = Path(__file__).parent / "fixtures" / "seed"


def test_nothing_is_shown_on_a_stream_that_is_not_a_terminal() -> None:
    out = io.StringIO()
    with progress.shown("build", out):
        progress.step("writing the dumps", total=3)
        progress.advance()
    assert out.getvalue() == ""


def test_stages_are_shown_on_a_terminal() -> None:
    master, slave = pty.openpty()
    try:
        with os.fdopen(os.dup(slave), "w") as terminal, progress.shown("build", terminal):
            progress.step("writing the dumps", total=3)
            progress.advance(2)
        os.close(slave)
        written = _drain(master)
    finally:
        os.close(master)
    assert "build: writing the dumps" in written and "2/3" in written


def _drain(fd: int) -> str:
    chunks: list[bytes] = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the other end is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode("utf-8", "replace")


def _validate(stderr: int) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "dprkfilm_graph.cli", "validate", "--data", str(SEED)]
    return subprocess.run(command, stdout=subprocess.PIPE, stderr=stderr, timeout=300, check=False)


def test_validate_is_quiet_when_stderr_is_piped() -> None:
    done = _validate(subprocess.PIPE)
    assert done.returncode in (0, 1)
    assert done.stderr == b""
    assert done.stdout  # the report itself is on stdout


def test_validate_shows_its_stages_on_a_terminal() -> None:
    master, slave = pty.openpty()
    chunks: list[str] = []
    reader = threading.Thread(target=lambda: chunks.append(_drain(master)))
    reader.start()
    try:
        done = _validate(slave)
    finally:
        os.close(slave)
        reader.join(30)
        os.close(master)
    shown = "".join(chunks)
    assert done.returncode in (0, 1)
    assert "validate: checking the shapes (turbo)" in shown
    assert b"checking the shapes" not in done.stdout  # the report on stdout stays clean
