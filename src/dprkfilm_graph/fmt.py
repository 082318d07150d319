"""Data files -> one canonical Turtle form, so that every change is a small, readable diff.

A file is rewritten only if the canonical text parses back to a graph isomorphic to the
original: formatting can never lose or change a triple.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph
from rdflib.compare import isomorphic

from dprkfilm_graph import atomic, paths
from dprkfilm_graph.errors import DprkfilmError
from dprkfilm_graph.load import new_graph, parse_turtle
from dprkfilm_graph.serialize import to_turtle


class NotIsomorphic(DprkfilmError):
    """The canonical form would not say the same as the file (a bug, never a user error)."""


@dataclass(frozen=True)
class FmtResult:
    checked: list[Path]
    changed: list[Path]  # files not in canonical form (rewritten unless check-only)


def canonical_text(path: Path) -> str:
    """The canonical Turtle text of one data file, verified to round-trip."""
    original = parse_turtle(path, allow_bnodes=False)
    text = to_turtle(original)
    again: Graph = new_graph().parse(data=text, format="turtle")
    if not isomorphic(original, again):
        raise NotIsomorphic(f"{path}: canonical form would change the graph; file left as it is")
    return text


def fmt(files: list[Path] | None = None, *, check: bool = False) -> FmtResult:
    """Rewrite data files in canonical form (or, with check=True, only report which are not)."""
    chosen = files if files is not None else paths.data_files()
    changed: list[Path] = []
    for path in chosen:
        text = canonical_text(path)
        if path.read_text(encoding="utf-8") != text:
            changed.append(path)
            if not check:
                atomic.write_text(path, text)
    return FmtResult(checked=list(chosen), changed=changed)
