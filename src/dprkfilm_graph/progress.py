"""Progress of long commands (validate, build, import, ingest) on stderr: a spinner with the
current stage, a count where there is one, and the time taken, so a person at a terminal sees
the work move. Nothing at all when stderr is not a terminal (a pipe, a log, CI), so scripts read
only what the command prints.

Library code marks its stages with `step` (and `advance` in a counted loop); they cost nothing
unless a command opened a display with `shown`. rich is imported only then.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TextIO

# (rich Progress, [its current task id], the command's title) while a display is open.
_current: ContextVar[tuple[Any, list[Any], str] | None] = ContextVar("progress", default=None)


@contextmanager
def shown(title: str, stream: TextIO | None = None) -> Iterator[None]:
    """Show progress of the work inside on `stream` (default stderr) if it is a terminal."""
    out = stream if stream is not None else sys.stderr
    if _current.get() is not None or not _is_terminal(out):
        yield
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    display = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(file=out, force_terminal=True),
        transient=True,  # gone when the work ends: what the command prints stays clean
        redirect_stdout=False,  # the command's output stays on stdout, never moved to stderr
        redirect_stderr=False,
    )
    with display:
        token = _current.set((display, [display.add_task(title, total=None)], title))
        try:
            yield
        finally:
            _current.reset(token)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed or not a real stream
        return False


def step(what: str, total: int | None = None) -> None:
    """The work moves on to `what` (with `total` items to count through `advance`, if known)."""
    live = _current.get()
    if live is None:
        return
    display, task, title = live
    # A new task per step: rich keeps a task's total once set, and a step without one must not
    # show the previous step's count.
    display.remove_task(task[0])
    task[0] = display.add_task(f"{title}: {what}", total=total)


def advance(count: int = 1) -> None:
    """`count` more items of the current step are done."""
    live = _current.get()
    if live is not None:
        live[0].advance(live[1][0], count)
