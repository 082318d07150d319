"""Writing files so that a crash or a full disk never leaves one half-written, nor a set of
files half old and half new.

One file: written to a temporary file beside it, flushed, renamed over it. A set (the dumps of a
build, the data files fmt rewrites): every new file is written to a temporary file first; then
a journal naming each rename is written (atomically) in the set's folder; then the renames run,
and the journal goes. A kill before the journal exists leaves the old set (its temporary files
are removed by the next `recover`); a kill after leaves a journal, and `recover`, which every
writer and the data loader run first, finishes the renames: the set is all new.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

JOURNAL = ".dprkfilm-journal.json"
_SET_SUFFIX = ".dprkfilm-set.tmp"
# A test seam: called between two renames of a set, so a test can stop the writer there.
between_files: Callable[[], None] | None = None


def write_bytes(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, flush it to disk, then rename over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def recover(folder: Path, *, clear_temporaries: bool = False) -> bool:
    """Finish a set whose writer was stopped after its journal was written; True when one was.
    A writer also clears the temporary files of a set stopped before its journal existed
    (readers leave them: they may belong to a writer still at work)."""
    journal = folder / JOURNAL
    if journal.is_file():
        renames = json.loads(journal.read_text(encoding="utf-8"))["renames"]
        for tmp, final in renames:
            with contextlib.suppress(FileNotFoundError):  # renamed already
                os.replace(tmp, final)
        for parent in {Path(final).parent for _, final in renames}:
            _fsync_dir(parent)
        journal.unlink()
        _fsync_dir(folder)
        return True
    if clear_temporaries and folder.is_dir():
        for stray in folder.rglob(f".*{_SET_SUFFIX}"):
            stray.unlink(missing_ok=True)
    return False


def write_set(files: Mapping[Path, bytes], folder: Path) -> None:
    """Write every file of `files` (all under `folder`) so that a reader sees all of them old or
    all of them new, whatever moment the writer is stopped at (see the module's note)."""
    folder.mkdir(parents=True, exist_ok=True)
    recover(folder, clear_temporaries=True)
    mode = 0o666 & ~_umask()
    renames: list[tuple[str, str]] = []
    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=_SET_SUFFIX, dir=path.parent)
            renames.append((tmp, str(path)))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, mode)
        write_text(folder / JOURNAL, json.dumps({"renames": renames}))
        _fsync_dir(folder)
    except BaseException:
        for tmp, _ in renames:
            Path(tmp).unlink(missing_ok=True)
        raise
    for tmp, final in renames:
        os.replace(tmp, final)
        if between_files is not None:
            between_files()
    for parent in {Path(final).parent for _, final in renames}:
        _fsync_dir(parent)
    (folder / JOURNAL).unlink()
    _fsync_dir(folder)
