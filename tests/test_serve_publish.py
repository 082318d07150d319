"""`publish` into a real Oxigraph server through the Graph Store Protocol, then the shipped
queries through `dprkfilm query --endpoint` there: the same rows as the embedded graph."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import pytest
import requests
from rdflib import Graph

from dprkfilm_graph.cli import main
from dprkfilm_graph.errors import InputError
from dprkfilm_graph.paths import queries_dir
from dprkfilm_graph.query import load_query, rows, run_query
from dprkfilm_graph.serving.publish import ONTOLOGY_GRAPH, graphs_to_publish, publish

QUERIES = sorted(p.stem for p in queries_dir().glob("*.rq"))


@pytest.fixture(scope="module")
def empty_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An empty, writable `oxigraph serve` on loopback, with no union-default-graph setting: the
    published default graph holds everything."""
    from conftest import free_port, oxigraph_binary, serving_process

    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server (PyPI package `oxigraph`) is not installed")
    folder: Path = tmp_path_factory.mktemp("store")
    port = free_port()
    argv = [binary, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}"]
    base = f"http://127.0.0.1:{port}"
    with serving_process(argv, f"{base}/query?query=ASK%20%7B%7D"):
        yield base


@pytest.fixture(scope="module")
def published(empty_store: str, seed_graph: Graph) -> str:
    report = publish(f"{empty_store}/store", seed_graph)
    assert len(report.graphs) == len(graphs_to_publish(seed_graph))
    return empty_store


def _count(base: str, graph: str | None = None) -> int:
    where = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    got = requests.get(
        f"{base}/query",
        params={"query": f"SELECT (COUNT(*) AS ?n) {{ {where} }}"},
        headers={"Accept": "application/sparql-results+json"},
        timeout=10,
    )
    return int(got.json()["results"]["bindings"][0]["n"]["value"])


def _as_set(result_rows: Sequence[Mapping[str, object]]) -> set[tuple[tuple[str, str], ...]]:
    """Rows as comparable values; language tags (and LANG() values) compare without case, as
    BCP 47 says, because Oxigraph lowercases them."""
    return {
        tuple(sorted((k, str(v).casefold()) for k, v in r.items() if v is not None))
        for r in result_rows
    }


@pytest.mark.parametrize("name", QUERIES)
def test_shipped_queries_give_the_same_rows_on_the_store(
    name: str, published: str, seed_query_graph: Graph
) -> None:
    q = load_query(name)
    local = rows(run_query(q, graph=seed_query_graph))
    remote = rows(run_query(q, endpoint=f"{published}/query"))
    assert _as_set(remote) == _as_set(local)


def test_one_named_graph_per_source_and_the_ontology(published: str, seed_graph: Graph) -> None:
    parts = graphs_to_publish(seed_graph)
    for name, part in parts.items():
        if name is not None:
            assert _count(published, str(name)) == len(part), name
    assert ONTOLOGY_GRAPH in parts


def test_publishing_again_replaces_instead_of_adding(published: str, seed_graph: Graph) -> None:
    before = _count(published)
    publish(f"{published}/store", seed_graph)
    assert _count(published) == before


def test_query_command_with_endpoint(published: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["query", "unidentified-photos", "--endpoint", f"{published}/query", "--format", "json"]
    )
    out = capsys.readouterr().out
    assert code == 0
    photos = {b["photo"]["value"] for b in json.loads(out)["results"]["bindings"]}
    assert photos == {
        "https://w3id.org/dprkfilm/image/vinyl-4",
        "https://w3id.org/dprkfilm/image/vinyl-5",
    }


def test_publish_command_reports_what_it_sent(
    published: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    seed_graph: Graph,
) -> None:
    monkeypatch.setattr("dprkfilm_graph.graph.build_graph", lambda *a, **k: seed_graph)
    assert main(["publish", "--to", f"{published}/store"]) == 0
    out = capsys.readouterr().out
    assert "default graph" in out and f"to {published}/store" in out


def test_unreachable_store_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    from conftest import free_port

    url = f"http://127.0.0.1:{free_port()}/store"
    with pytest.raises(InputError, match="cannot reach the store"):
        publish(url, Graph(), timeout=2)
    assert main(["publish", "--to", "ftp://example.org/store"]) == 2
    assert "http(s) URL" in capsys.readouterr().err


def test_store_refusal_names_the_graph(published: str) -> None:
    with pytest.raises(InputError, match=r"refused PUT of .*HTTP 4\d\d"):
        publish(f"{published}/query", Graph())  # the query URL takes no PUT


def test_prune_deletes_our_stale_graphs_and_no_one_elses(published: str, seed_graph: Graph) -> None:
    from rdflib import URIRef

    from dprkfilm_graph.namespaces import BASE

    stale, foreign = BASE + "source/removed-since-the-last-publish", "http://example.org/theirs"
    triple = "<http://example.org/s> <http://example.org/p> <http://example.org/o> .\n"
    for name in (stale, foreign):
        put = requests.put(
            f"{published}/store",
            params={"graph": name},
            data=triple.encode(),
            headers={"Content-Type": "application/n-triples"},
            timeout=10,
        )
        assert put.ok
    try:
        report = publish(f"{published}/store", seed_graph, prune=f"{published}/query")
        assert report.deleted == [URIRef(stale)]
        assert any("DELETE stale graph" in line for line in report.lines())
        assert _count(published, stale) == 0 and _count(published, foreign) == 1
        for graph_name, size in report.graphs:
            if graph_name is not None:
                assert _count(published, str(graph_name)) == size
        again = publish(f"{published}/store", seed_graph, prune=f"{published}/query")
        assert again.deleted == []
    finally:
        requests.delete(f"{published}/store", params={"graph": foreign}, timeout=10)


def test_prune_with_a_wrong_query_url_is_a_clear_error(published: str, seed_graph: Graph) -> None:
    with pytest.raises(InputError, match="cannot list the store's graphs"):
        publish(f"{published}/store", seed_graph, prune=f"{published}/nowhere")
