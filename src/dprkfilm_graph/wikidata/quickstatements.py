"""QuickStatements v1 for the built graph, without the network: `quickstatements(graph, retrieved)`.

The commands are built by `dprkfilm_graph.reconcile.quickstatements` (CREATE blocks only for the
films and people a person marked as missing from Wikidata, the rest listed as not reconciled yet;
only what a linked item lacks; S854 and the recorded S813 on every statement; never a Q-id the
graph does not hold). This module adds what an offline run needs:

- a linked entity whose item data is not at hand still gets the graph's sourced statements on its
  Q-id (Wikidata merges a statement it already has, adding the reference). Labels, aliases,
  descriptions and P31 are left out for it: without the item they would overwrite its labels or
  second-guess its type (an animated film is a film already);
- a choice of separator: TAB (the design's), or `|`, which the tool accepts in place of TAB; a
  line whose values hold a `|` cannot be written that way and is left out and reported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from rdflib import Graph

from dprkfilm_graph.reconcile.quickstatements import (
    P_INSTANCE_OF,
    linked_items,
)
from dprkfilm_graph.reconcile.quickstatements import (
    quickstatements as build_export,
)

Separator = Literal["tab", "pipe"]
SEPARATORS: dict[str, str] = {"tab": "\t", "pipe": "|"}


@dataclass(frozen=True)
class Batch:
    """The batch text and what was left out of it, and why (nothing is dropped silently)."""

    text: str
    skipped: tuple[str, ...]
    created: int
    completed: int
    statements: int
    unreconciled: tuple[tuple[str, str], ...] = ()


def build(
    graph: Graph,
    *,
    retrieved: dt.date | None = None,
    items: Mapping[str, Mapping[str, Any]] | None = None,
    separator: Separator = "tab",
    kinds: Iterable[str] = ("film", "person"),
) -> Batch:
    """The v1 batch for `graph`; `items` are linked entities as wbgetentities returns them."""
    given = dict(items or {})
    unknown = [q for q in linked_items(graph) if q not in given]
    # An empty item lacks everything; what it would wrongly receive is trimmed below.
    export = build_export(
        graph, {**{q: {} for q in unknown}, **given}, retrieved=retrieved, kinds=kinds
    )
    skipped = list(export.skipped)
    blocks = []
    for block in export.blocks:
        if block.qid is not None and block.qid in unknown:
            block.labels, block.aliases, block.descriptions = {}, {}, {}
            block.statements = [s for s in block.statements if s.prop != P_INSTANCE_OF]
            skipped.append(
                f"{block.entity}: {block.qid} not fetched: only the graph's statements,"
                " no labels, aliases or P31"
            )
        if not block.empty:
            blocks.append(block)
    sep = SEPARATORS[separator]
    chunks: list[str] = []
    for block in blocks:
        lines = []
        for line in block.lines():
            if sep != "\t" and sep in line:
                skipped.append(f"{block.entity}: {line!r} holds a {sep!r}: use the TAB separator")
                continue
            lines.append(line.replace("\t", sep))
        chunks.append("\n".join(lines))
    text = "\n".join(chunks) + ("\n" if chunks else "")
    return Batch(
        text=text,
        skipped=tuple(skipped),
        created=sum(1 for b in blocks if b.qid is None),
        completed=sum(1 for b in blocks if b.qid is not None),
        statements=sum(len(b.statements) for b in blocks),
        unreconciled=tuple(export.unreconciled),
    )


def quickstatements(
    graph: Graph,
    retrieved: dt.date | None = None,
    *,
    items: Mapping[str, Mapping[str, Any]] | None = None,
    separator: Separator = "tab",
) -> str:
    """The v1 commands for every film and credited person of the built `graph`, one a line."""
    return build(graph, retrieved=retrieved, items=items, separator=separator).text
