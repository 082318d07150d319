"""What the CLI prints: tables hold values a person reads; csv and json keep the exact terms in
the SPARQL 1.1 results formats."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rdflib import Literal, URIRef
from rdflib.query import Result

from dprkfilm_graph.cli import main
from dprkfilm_graph.query import format_result, load_query, rows, run_query


@pytest.fixture(scope="module")
def result() -> Result:
    return run_query(load_query("films-on-record"))


def _names(result: Result) -> list[str]:
    """The SELECT's variable names, in order."""
    assert result.vars is not None
    return [str(v) for v in result.vars]


def test_a_table_prints_values_not_terms(
    result: Result, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["query", "films-on-record"]) == 0
    table = capsys.readouterr().out
    found = rows(result)
    assert found, "the shipped data has films on a record"
    for row in found:
        title, status = row["title"], row["status"]
        assert isinstance(title, Literal) and title.language
        assert str(title) in table and str(status) in table
    assert "@en" not in table and '"' not in table and "^^" not in table
    assert "release:" in table and "https://" not in table


def test_json_is_sparql_results_json_with_exact_terms(result: Result) -> None:
    doc = json.loads(format_result(result, "json"))
    assert doc["head"]["vars"] == _names(result)
    first = doc["results"]["bindings"][0]
    expected = rows(result)[0]
    assert first["title"] == {
        "type": "literal",
        "value": str(expected["title"]),
        "xml:lang": expected["title"].language,  # type: ignore[union-attr]
    }
    assert first["record"] == {"type": "uri", "value": str(expected["record"])}


def test_csv_is_sparql_results_csv(result: Result) -> None:
    text = format_result(result, "csv")
    table = list(csv.reader(io.StringIO(text)))
    assert table[0] == _names(result)
    for line, row in zip(table[1:], rows(result), strict=True):
        assert line == ["" if row[v] is None else str(row[v]) for v in _names(result)]
    assert isinstance(rows(result)[0]["record"], URIRef)


def test_search_prints_plain_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "태백산", "--limit", "1"]) == 0
    out = capsys.readouterr().out
    assert "@ko" not in out and "“" not in out and "<https://" not in out
    assert "film:" in out and "in Korean" in out
