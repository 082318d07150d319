"""The cycle collector is off for bulk work and comes back as it was, whatever happens inside."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from dprkfilm_graph import validate as validate_module
from dprkfilm_graph.bulk import without_cycle_collection
from dprkfilm_graph.plain import Triples


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    (gc.enable if was else gc.disable)()


@pytest.mark.usefixtures("collector_on")
def test_off_inside_and_back_on_after_an_error() -> None:
    with pytest.raises(ValueError), without_cycle_collection():
        assert not gc.isenabled()
        raise ValueError("boom")
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_on")
def test_an_inner_block_does_not_turn_it_back_on_for_the_outer_one() -> None:
    with without_cycle_collection():
        with without_cycle_collection():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_left_off_when_it_was_off() -> None:
    was = gc.isenabled()
    gc.disable()
    try:
        with without_cycle_collection():
            pass
        assert not gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()


@pytest.mark.usefixtures("collector_on")
def test_validation_runs_without_it_and_gives_it_back(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    real = validate_module._validate_graph

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(validate_module, "_validate_graph", spy)
    report = validate_module.validate_graph(Triples())
    assert seen == [False]
    assert gc.isenabled()
    assert report.conforms
