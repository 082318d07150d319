"""A dump alone answers every shipped query as `dprkfilm query` does: loaded into a fresh
pyoxigraph Store or rdflib Dataset, with no setting, each queries/*.rq gives the CLI's rows.

Oxigraph answers on the dumps of the shipped data; rdflib on the dumps of the seed post's data,
which hold every kind of node the queries read (rdflib's engine takes close to a minute per dump
of the shipped data, and what is being tested, that a dump holds what the queries need, does not
depend on its size)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal
from rdflib.query import Result

from dprkfilm_graph.build import build
from dprkfilm_graph.graph import query_graph
from dprkfilm_graph.load import Data
from dprkfilm_graph.query import list_queries, rows, run_query

QUERIES = list_queries()
# The queries the ontology's labels answer: before the dumps held the ontology, these gave no row.
NEED_ONTOLOGY = {"films-on-record", "photo-depictions", "identifications", "proposed-claims"}

Row = tuple[tuple[str, str, str] | None, ...]
# The data's language tags in lower case: Oxigraph's LANG() gives them so, the CLI as written.
TAGS: set[str] = set()
XSD = "http://www.w3.org/2001/XMLSchema#"
# Oxigraph keeps a value of a type derived from xsd:integer as an xsd:integer; rdflib keeps the
# type the data writes. Both are the same number.
INTEGERS = {XSD + t: XSD + "integer" for t in ("positiveInteger", "nonNegativeInteger", "int")}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, shipped_data: Data) -> Path:
    out = tmp_path_factory.mktemp("build")
    build(out, shipped_data)
    return out


@pytest.fixture(scope="module")
def built_seed(tmp_path_factory: pytest.TempPathFactory, seed_data: Data) -> Path:
    out = tmp_path_factory.mktemp("build-seed")
    build(out, seed_data)
    return out


def _expected(built: Graph) -> dict[str, Counter[Row]]:
    graph = query_graph(built)
    TAGS.update(
        o.language.lower() for o in graph.objects() if isinstance(o, Literal) and o.language
    )
    return {q.name: _rdflib_rows(run_query(q, graph=graph)) for q in QUERIES}


@pytest.fixture(scope="module")
def expected(shipped_graph: Graph) -> dict[str, Counter[Row]]:
    return _expected(shipped_graph)


@pytest.fixture(scope="module")
def expected_seed(seed_graph: Graph) -> dict[str, Counter[Row]]:
    return _expected(seed_graph)


def _key(term: object) -> tuple[str, str, str] | None:
    """A term compared without regard to a language tag's case (Oxigraph lowercases tags)."""
    found = _exact(term)
    if found is None or found[0] != "l" or found[2]:
        return found
    if found[1].lower() in TAGS:
        return ("l", found[1].lower(), "")
    # GROUP_CONCAT's order is the engine's (SPARQL leaves it open): compare the parts as a set.
    return ("l", " | ".join(sorted(found[1].split(" | "))), "")


def _exact(term: object) -> tuple[str, str, str] | None:
    if term is None:
        return None
    if isinstance(term, Literal):
        extra = f"@{term.language.lower()}" if term.language else str(term.datatype or "")
        return ("l", str(term), INTEGERS.get(extra, extra))
    if isinstance(term, ox.Literal):
        extra = f"@{term.language.lower()}" if term.language else term.datatype.value
        if extra == XSD + "string":
            extra = ""
        return ("l", term.value, INTEGERS.get(extra, extra))
    if isinstance(term, ox.NamedNode | ox.BlankNode):
        return ("u" if isinstance(term, ox.NamedNode) else "b", term.value, "")
    return ("u" if type(term).__name__ == "URIRef" else "b", str(term), "")


def _rdflib_rows(result: Result) -> Counter[Row]:
    return Counter(tuple(_key(v) for v in row.values()) for row in rows(result))


def _ox_rows(store: ox.Store, text: str) -> Counter[Row]:
    solutions = store.query(text)
    assert isinstance(solutions, ox.QuerySolutions)
    count = len(solutions.variables)
    return Counter(tuple(_key(s[i]) for i in range(count)) for s in solutions)


def test_the_queries_that_need_the_ontology_answer_something(
    expected: dict[str, Counter[Row]], expected_seed: dict[str, Counter[Row]]
) -> None:
    for name in NEED_ONTOLOGY:
        assert expected[name], f"{name} gives no row on the shipped data"
        assert expected_seed[name], f"{name} gives no row on the seed data"


@pytest.mark.parametrize("name", ["dprkfilm.trig", "dprkfilm.ttl", "dprkfilm.nt"])
def test_every_query_on_a_dump_in_oxigraph(
    name: str, built: Path, expected: dict[str, Counter[Row]]
) -> None:
    store = ox.Store()
    formats = {"trig": ox.RdfFormat.TRIG, "ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES}
    store.load(path=str(built / name), format=formats[name.rsplit(".", 1)[1]])
    for query in QUERIES:
        got = _ox_rows(store, query.text)
        assert got == expected[query.name], f"{query.name} on {name}"


@pytest.mark.parametrize("name", ["dprkfilm.trig", "dprkfilm.ttl"])
def test_every_query_on_a_dump_in_rdflib(
    name: str, built_seed: Path, expected_seed: dict[str, Counter[Row]]
) -> None:
    dataset = Dataset()
    dataset.parse(built_seed / name, format="trig" if name.endswith(".trig") else "turtle")
    for query in QUERIES:
        got = _rdflib_rows(dataset.query(query.text))
        assert got == expected_seed[query.name], f"{query.name} on {name}"
