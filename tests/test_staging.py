"""Staged imports: several steps held in memory, validated once, written whole or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from dprkfilm_graph.errors import InputError, ValidationFailed
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
        stage.files.put(seed_copy / "good.ttl", FINE)
        stage.files.put(seed_copy / "broken.ttl", BROKEN)
    assert _snapshot(seed_copy) == before


def test_nothing_is_written_when_a_step_fails(seed_copy: Path) -> None:
    before = _snapshot(seed_copy)
    with pytest.raises(RuntimeError), staged(seed_copy) as stage:
        stage.files.put(seed_copy / "good.ttl", FINE)
        raise RuntimeError("a later step failed")
    assert _snapshot(seed_copy) == before


def test_changed_files_are_written_back_and_listed(seed_copy: Path) -> None:
    with staged(seed_copy) as stage:
        stage.files.put(seed_copy / "good.ttl", FINE)
    assert stage.changed == [seed_copy / "good.ttl"]
    assert (seed_copy / "good.ttl").read_text(encoding="utf-8") == FINE
    with staged(seed_copy, dry_run=True) as again:
        again.files.put(seed_copy / "more.ttl", FINE)
    assert again.changed == [seed_copy / "more.ttl"] and not (seed_copy / "more.ttl").exists()


def test_a_staged_text_is_checked_as_a_file_would_be(seed_copy: Path) -> None:
    """A text held in memory meets the loader's checks, named by the file it is for."""
    before = _snapshot(seed_copy)
    with pytest.raises(InputError) as caught, staged(seed_copy) as stage:
        stage.files.put(seed_copy / "blank.ttl", '[] <http://schema.org/name> "x" .\n')
    assert "blank.ttl" in str(caught.value) and "blank node" in str(caught.value)
    assert _snapshot(seed_copy) == before


def test_an_ingest_goes_through_no_scratch_files(
    seed_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The film list is normalized, imported and validated in memory: no temporary folder or
    sheet is made on the way (only the final files are written, each through its own
    temporary name beside it)."""
    import tempfile

    from dprkfilm_graph.ingest import sheets_dir
    from dprkfilm_graph.ingest.filmography import import_filmography

    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("a scratch folder was made")

    monkeypatch.setattr(tempfile, "TemporaryDirectory", refused)
    monkeypatch.setattr(tempfile, "mkdtemp", refused)
    done = import_filmography(sheets_dir() / "dprk-films.tsv", data_dir=seed_copy, dry_run=True)
    assert done.films.claims_after > 0
