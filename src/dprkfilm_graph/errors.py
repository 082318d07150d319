"""Errors a user can act on. Each names the file (and line) and what to fix; the CLI prints them
without a traceback."""

from __future__ import annotations


class DprkfilmError(Exception):
    """Base of every error meant for a person, not a programmer."""

    exit_code = 2


class InputError(DprkfilmError):
    """A file or argument the user gave cannot be used as it is."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(f"{where}{message}")


class ValidationFailed(DprkfilmError):
    """The graph does not conform to the shapes; nothing was written."""

    exit_code = 1
