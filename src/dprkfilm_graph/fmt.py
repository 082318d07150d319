"""Data files -> one canonical Turtle form, so that every change is a small, readable diff.

A file is rewritten only if the canonical text parses back to the same triples as the
original: formatting can never lose or change a triple. Nor a curator's words: canonical Turtle
has no place for `#` comments, so a file holding one is refused (its lines named) rather than
rewritten without them. Every file is checked before any is written, and the rewritten files
are written as one set (datafiles.DataFiles): a stopped fmt leaves all of them old or all new.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from dprkfilm_graph import paths
from dprkfilm_graph.datafiles import DataFiles
from dprkfilm_graph.errors import DprkfilmError, InputError
from dprkfilm_graph.load import read_text, triples_of
from dprkfilm_graph.plain import Triples
from dprkfilm_graph.serialize import to_turtle


class NotIsomorphic(DprkfilmError):
    """The canonical form would not say the same as the file (a bug, never a user error)."""


@dataclass(frozen=True)
class FmtResult:
    checked: list[Path]
    changed: list[Path]  # files not in canonical form (rewritten unless check-only)


# Turtle's tokens that may hold a '#' without starting a comment: strings, IRIs, escapes.
_TURTLE = re.compile(
    r'''"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\''''
    r"""|"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*'|<[^<>\s]*>|\\.|(?P<comment>#[^\r\n]*)""",
    re.DOTALL,
)


def comment_lines(text: str) -> list[int]:
    """The lines of a Turtle text that hold a `#` comment (not a '#' in a string or IRI).

    >>> comment_lines('<http://a/#b> <http://a/c> "#d" . # note\\n# more\\n')
    [1, 2]
    """
    return [
        text.count("\n", 0, m.start()) + 1
        for m in _TURTLE.finditer(text)
        if m.group("comment") is not None
    ]


def canonical_text(path: Path) -> str:
    """The canonical Turtle text of one data file, verified to round-trip: read back, it holds
    the same triples (data files have no blank nodes, so the same set is the same graph)."""
    source = read_text(path)
    original = Triples(triples_of(source, path, allow_bnodes=False))
    lines = comment_lines(source)
    if lines:
        shown = ", ".join(str(n) for n in lines[:10]) + (", …" if len(lines) > 10 else "")
        raise InputError(
            f"the file holds # comments (line {shown}), which canonical Turtle cannot keep: "
            "move what they say into an rdfs:comment (or a source's words), or remove them; "
            "the file was left as it is",
            path=str(path),
            line=lines[0],
        )
    text = to_turtle(original)
    again = triples_of(text, path, allow_bnodes=False)
    if set(again) != set(original):
        raise NotIsomorphic(f"{path}: canonical form would change the graph; file left as it is")
    return text


def fmt(files: list[Path] | None = None, *, check: bool = False) -> FmtResult:
    """Rewrite data files in canonical form (or, with check=True, only report which are not)."""
    chosen = files if files is not None else paths.data_files()
    rewrites: dict[Path, str] = {}
    for path in chosen:  # every file checked before any is written
        text = canonical_text(path)
        if path.read_text(encoding="utf-8") != text:
            rewrites[path] = text
    if not check and rewrites:
        change = DataFiles(Path(os.path.commonpath([p.resolve().parent for p in rewrites])))
        for path, text in rewrites.items():
            change.put(path.resolve(), text)
        # The same graphs in another layout (each checked isomorphic above): nothing for the
        # shapes to judge, and a curator may tidy a file that does not validate yet.
        change.commit(check=False)
    return FmtResult(checked=list(chosen), changed=list(rewrites))
