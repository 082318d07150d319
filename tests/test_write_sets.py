"""Files written as a set: a writer killed (SIGKILL) at any moment of its write phase leaves,
once the next reader or writer has run `recover`, every file of the set old or every file new.

The kill test forks a child that runs `dprkfilm fmt` on a copy of the seed data whose files are
all out of canonical form; a seam in atomic.write_set (between_files) lets the child say where
it is and wait a little between two renames; the parent kills it at a random moment inside the
write phase, then looks at the files."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sys
import time
from pathlib import Path

import pytest

from dprkfilm_graph import atomic, paths
from dprkfilm_graph.fmt import canonical_text, fmt

SEED = Path(__file__).parent / "fixtures" / "seed"
KILLS = 120

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fork and SIGKILL")


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.ttl"))}


def test_write_set_writes_every_file_and_leaves_nothing_behind(tmp_path: Path) -> None:
    files = {tmp_path / "a.txt": b"A", tmp_path / "sub" / "b.txt": b"B"}
    atomic.write_set(files, tmp_path)
    assert (tmp_path / "a.txt").read_bytes() == b"A"
    assert (tmp_path / "sub" / "b.txt").read_bytes() == b"B"
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a.txt", "b.txt", "sub"]


def test_a_journal_left_behind_is_finished_by_the_next_reader(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(SEED, folder)
    names = sorted(p.name for p in folder.glob("*.ttl"))[:2]
    renames = []
    for name in names:
        tmp = folder / f".{name}.x{atomic._SET_SUFFIX}"
        tmp.write_text("# new\n", encoding="utf-8")
        renames.append((str(tmp), str(folder / name)))
    os.replace(*renames[0])  # the writer died after its first rename
    (folder / atomic.JOURNAL).write_text(json.dumps({"renames": renames}), encoding="utf-8")
    paths.data_files(folder)  # any reader of data/
    assert all((folder / n).read_text(encoding="utf-8") == "# new\n" for n in names)
    assert not (folder / atomic.JOURNAL).exists()


def _prepare(folder: Path) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The seed with every file out of canonical form: (old bytes, new bytes) by name."""
    shutil.copytree(SEED, folder)
    for path in folder.glob("*.ttl"):
        path.write_text("\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    old = _snapshot(folder)
    new = {p.name: canonical_text(p).encode("utf-8") for p in sorted(folder.glob("*.ttl"))}
    assert all(old[n] != new[n] for n in old)
    return old, new


def _child(folder: Path, ready: int, pause: float) -> None:
    """In the forked child: fmt the folder, saying when the renames begin."""
    said = False

    def between() -> None:
        nonlocal said
        if not said:
            os.write(ready, b"r")
            said = True
        time.sleep(pause)

    atomic.between_files = between
    try:
        fmt(sorted(folder.glob("*.ttl")))
    finally:
        os._exit(0)


def test_a_killed_fmt_leaves_all_old_or_all_new(tmp_path: Path) -> None:
    rng = random.Random(15)
    template = tmp_path / "template"
    old, new = _prepare(template)
    assert len(old) >= 3
    outcomes = {"old": 0, "new": 0, "torn before recovery": 0}
    for n in range(KILLS):
        folder = tmp_path / f"run{n}"
        shutil.copytree(template, folder)
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            os.close(read)
            _child(folder, write, pause=0.004)
        os.close(write)
        # Kill at a random moment of the write phase: while the temporary files are written,
        # while the journal is, between two renames, or just after the last.
        if rng.random() < 0.25:
            time.sleep(rng.uniform(0.0, 0.05))  # often before the renames begin
        else:
            assert os.read(read, 1) == b"r"
            time.sleep(rng.uniform(0.0, 0.004 * len(old)))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(read)
        seen = _snapshot(folder)
        if seen not in (old, new):
            outcomes["torn before recovery"] += 1
        paths.data_files(folder)  # what the next reader does first
        after = _snapshot(folder)
        assert after in (old, new), f"kill {n}: a mix of old and new files"
        outcomes["new" if after == new else "old"] += 1
        assert not list(folder.glob(f"*{atomic._SET_SUFFIX}")) or after == old
        shutil.rmtree(folder)
    print(f"\n{KILLS} kills: {outcomes}")
    assert outcomes["old"] + outcomes["new"] == KILLS
    assert outcomes["old"] > 0 and outcomes["new"] > 0  # the kills landed on both sides
    assert outcomes["torn before recovery"] > 0  # and inside the renames
