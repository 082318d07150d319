"""Staged imports: several steps validated once, written back whole or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from dprkfilm_graph.errors import ValidationFailed
from dprkfilm_graph.tabular.staging import staged

BROKEN = """@prefix schema: <http://schema.org/> .
<https://w3id.org/dprkfilm/film/nameless> a schema:Movie .
"""
FINE = """@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/dprkfilm/source/extra> rdfs:comment "a note" .
"""


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.ttl"))}


def test_nothing_is_written_when_the_staged_data_does_not_validate(seed_copy: Path) -> None:
    before = _snapshot(seed_copy)
    with pytest.raises(ValidationFailed, match="nothing written"), staged(seed_copy) as stage:
        (stage.folder / "good.ttl").write_text(FINE, encoding="utf-8")
        (stage.folder / "broken.ttl").write_text(BROKEN, encoding="utf-8")
    assert _snapshot(seed_copy) == before


def test_nothing_is_written_when_a_step_fails(seed_copy: Path) -> None:
    before = _snapshot(seed_copy)
    with pytest.raises(RuntimeError), staged(seed_copy) as stage:
        (stage.folder / "good.ttl").write_text(FINE, encoding="utf-8")
        raise RuntimeError("a later step failed")
    assert _snapshot(seed_copy) == before


def test_changed_files_are_written_back_and_listed(seed_copy: Path) -> None:
    with staged(seed_copy) as stage:
        (stage.folder / "good.ttl").write_text(FINE, encoding="utf-8")
    assert stage.changed == [seed_copy / "good.ttl"]
    assert (seed_copy / "good.ttl").read_text(encoding="utf-8") == FINE
    with staged(seed_copy, dry_run=True) as again:
        (again.folder / "more.ttl").write_text(FINE, encoding="utf-8")
    assert again.changed == [seed_copy / "more.ttl"] and not (seed_copy / "more.ttl").exists()
