"""Files written as a set: a writer killed (SIGKILL) at any moment of its write phase leaves,
once the next reader or writer has run `recover`, every file of the set old or every file new.

The kill tests fork a child that runs fmt (on a copy of the seed data whose files are all out of
canonical form) or writes a build's dumps over an older build; a seam in atomic.write_set
(between_files) lets the child say where it is and wait a little between two renames; the
parent kills it at a random moment inside the write phase, then looks at the files."""

from __future__ import annotations

import gc
import json
import os
import random
import shutil
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from dprkfilm_graph import atomic, paths
from dprkfilm_graph.dump import write_dumps
from dprkfilm_graph.fmt import canonical_text, fmt
from dprkfilm_graph.graph import build_triples
from dprkfilm_graph.load import load_data

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


def _kill_inside_writes(
    write: Callable[[], object],
    folder: Path,
    old: dict[str, bytes],
    new: dict[str, bytes],
    snapshot: Callable[[Path], dict[str, bytes]],
    recover: Callable[[Path], object],
    kills: int,
    seed: int,
) -> dict[str, int]:
    """Fork a child running `write` into a fresh copy of `folder` (holding `old`), kill it at
    a random moment of its write phase, recover as the next run would, count the outcomes."""
    rng = random.Random(seed)
    outcomes = {"old": 0, "new": 0, "torn before recovery": 0}
    template = folder.with_name(folder.name + "-template")
    shutil.copytree(folder, template)
    for n in range(kills):
        shutil.rmtree(folder)
        shutil.copytree(template, folder)
        read, ready = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            # A cycle collection in the child would walk, and so copy, the whole heap of the
            # test process it was forked from: up to 30 s over the hundred kills, not the write.
            gc.disable()
            os.close(read)
            said = False

            def between(fd: int = ready) -> None:
                nonlocal said
                if not said:
                    os.write(fd, b"r")
                    said = True
                time.sleep(0.004)

            atomic.between_files = between
            try:
                write()
            finally:
                os._exit(0)
        os.close(ready)
        # Kill while the temporary files or the journal are written (a quarter of the time),
        # or between two renames, or just after the last.
        if rng.random() < 0.25:
            time.sleep(rng.uniform(0.0, 0.02))
        else:
            assert os.read(read, 1) == b"r"
            time.sleep(rng.uniform(0.0, 0.004 * len(new)))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(read)
        if snapshot(folder) not in (old, new):
            outcomes["torn before recovery"] += 1
        recover(folder)
        after = snapshot(folder)
        assert after in (old, new), f"kill {n}: a mix of old and new files"
        outcomes["new" if after == new else "old"] += 1
    print(f"\n{kills} kills: {outcomes}")
    assert outcomes["old"] + outcomes["new"] == kills
    assert outcomes["old"] > 0 and outcomes["new"] > 0  # the kills landed on both sides
    assert outcomes["torn before recovery"] > 0  # and between the renames
    return outcomes


def test_a_killed_fmt_leaves_all_old_or_all_new(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    old, new = _prepare(folder)
    assert len(old) >= 3
    files = sorted(folder.glob("*.ttl"))
    _kill_inside_writes(
        lambda: fmt(files), folder, old, new, _snapshot, paths.data_files, KILLS, seed=15
    )


def test_a_killed_build_leaves_all_old_or_all_new_dumps(tmp_path: Path) -> None:
    data = load_data(sorted(SEED.glob("*.ttl")))
    graph = build_triples(data)
    smaller = build_triples(load_data(sorted(SEED.glob("*.ttl"))[1:]))  # a different graph
    ontology = paths.ontology_file().read_bytes()
    out = tmp_path / "build"
    write_dumps(smaller, ontology, out)
    old = _all(out)
    fresh = tmp_path / "fresh"
    write_dumps(graph, ontology, fresh)
    new = _all(fresh)
    assert len(new) >= 5 and all(old[n] != new[n] for n in new if n != "ontology.ttl")
    _kill_inside_writes(
        lambda: write_dumps(graph, ontology, out), out, old, new, _all, atomic.recover, 100, 16
    )


def _all(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}
