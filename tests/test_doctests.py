"""The examples in docstrings are documentation, so they must run: every module of the library
that has one is run through doctest, not only the ones someone remembered to list."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import dprkfilm_graph

MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(dprkfilm_graph.__path__, f"{dprkfilm_graph.__name__}.")
    if not info.name.endswith(".__main__")  # running it is the command line, not an example
)


def _examples(name: str) -> list[doctest.DocTest]:
    module = importlib.import_module(name)
    return [t for t in doctest.DocTestFinder().find(module, name) if t.examples]


def test_modules_are_found() -> None:
    assert "dprkfilm_graph.korean.hangul" in MODULES and "dprkfilm_graph.cli" in MODULES


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name: str) -> None:
    runner = doctest.DocTestRunner(verbose=False)
    for test in _examples(name):
        runner.run(test)
    failed, attempted = runner.failures, runner.tries
    assert failed == 0, f"{name}: {failed} of {attempted} examples failed (see the output above)"


def test_examples_exist_beyond_romanization() -> None:
    """A walk that silently found nothing would pass every module above."""
    with_examples = [name for name in MODULES if _examples(name)]
    assert len(with_examples) >= 10, with_examples
    assert any(not name.startswith("dprkfilm_graph.korean") for name in with_examples)
