"""Dumps: every format parses back, with an independent parser (pyoxigraph) too, to the same
graph; two builds are byte-identical, also across processes; checksums and counts are right."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from dprkfilm_graph.build import build
from dprkfilm_graph.dump import triple_count
from dprkfilm_graph.graph import query_graph
from dprkfilm_graph.load import Data
from dprkfilm_graph.namespaces import DCAT, SPDX, VOID
from dprkfilm_graph.serialize import to_jsonld, to_ntriples, to_turtle

FORMATS = {
    "dprkfilm.ttl": ("turtle", ox.RdfFormat.TURTLE),
    "dprkfilm.nt": ("nt", ox.RdfFormat.N_TRIPLES),
    "dprkfilm.jsonld": ("json-ld", ox.RdfFormat.JSON_LD),
    "dprkfilm.trig": ("trig", ox.RdfFormat.TRIG),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, seed_data: Data) -> Path:
    out = tmp_path_factory.mktemp("build")
    build(out, seed_data)
    return out


def _ox_triples(path: Path, fmt: ox.RdfFormat) -> set[tuple[str, str, str]]:
    return {
        (str(q.subject), str(q.predicate), str(q.object))
        for q in ox.parse(path=str(path), format=fmt)
    }


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_dump_parses_back_with_rdflib(name: str, built: Path, seed_graph: Graph) -> None:
    rdflib_format, _ = FORMATS[name]
    if rdflib_format == "trig":
        ds = Dataset()
        ds.parse(built / name, format="trig")
        union = Graph()
        for g in ds.graphs():
            union += g
        parsed = union
    else:
        parsed = Graph().parse(built / name, format=rdflib_format)
    assert isomorphic(parsed, query_graph(seed_graph))


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_dump_parses_back_with_oxigraph(name: str, built: Path, seed_graph: Graph) -> None:
    _, fmt = FORMATS[name]
    expected = _ox_triples(built / "dprkfilm.nt", ox.RdfFormat.N_TRIPLES)
    assert _ox_triples(built / name, fmt) == expected
    assert len(expected) == triple_count(seed_graph)


def test_trig_has_one_named_graph_per_source(built: Path) -> None:
    names = {
        str(q.graph_name)
        for q in ox.parse(path=str(built / "dprkfilm.trig"), format=ox.RdfFormat.TRIG)
    }
    assert {
        "<https://w3id.org/dprkfilm/source/vinyl-post>",
        "<https://w3id.org/dprkfilm/source/vinyl-post-update-1>",
        "<https://w3id.org/dprkfilm/source/vinyl-post-update-2>",
        "<https://w3id.org/dprkfilm/source/vinyl-post-comment-1>",
        "<https://w3id.org/dprkfilm/ontology>",
        "DEFAULT",
    } == names


def test_two_builds_are_byte_identical(tmp_path: Path, seed_data: Data, built: Path) -> None:
    build(tmp_path, seed_data)
    for path in sorted(built.iterdir()):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def test_builds_in_separate_processes_are_byte_identical(tmp_path: Path) -> None:
    seed = Path(__file__).parent / "fixtures" / "seed"
    for i in (1, 2):
        subprocess.run(
            [
                sys.executable,
                "-m",
                "dprkfilm_graph.cli",
                "build",
                "--data",
                str(seed),
                "--out",
                str(tmp_path / str(i)),
            ],
            check=True,
            capture_output=True,
            env={"PYTHONHASHSEED": str(i), "PATH": ""},
        )
    for path in sorted((tmp_path / "1").iterdir()):
        assert (tmp_path / "2" / path.name).read_bytes() == path.read_bytes(), path.name


def test_shipped_data_builds_byte_identical_under_any_hash_seed(tmp_path: Path) -> None:
    """Nodes with several sources (a film two pages introduce) once went into whichever named
    graph set order gave first, so the TriG, void.ttl and SHA256SUMS changed between runs."""
    for seed in ("1", "2", "3"):
        subprocess.run(
            [sys.executable, "-m", "dprkfilm_graph.cli", "build", "--out", str(tmp_path / seed)],
            check=True,
            capture_output=True,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
        )
    for path in sorted((tmp_path / "1").iterdir()):
        for seed in ("2", "3"):
            assert (tmp_path / seed / path.name).read_bytes() == path.read_bytes(), path.name


def test_checksums_and_description(built: Path, seed_graph: Graph) -> None:
    sums = dict(line.split("  ")[::-1] for line in (built / "SHA256SUMS").read_text().splitlines())
    for name, digest in sums.items():
        assert hashlib.sha256((built / name).read_bytes()).hexdigest() == digest
    void = Graph().parse(built / "void.ttl")
    triples = next(void.objects(None, VOID.triples))
    assert isinstance(triples, Literal) and int(triples) == triple_count(seed_graph)
    values = {str(v) for v in void.objects(None, SPDX.checksumValue)}
    assert values == {sums[n] for n in sums if n != "void.ttl"}
    dumps = {str(u).rsplit("/", 1)[-1] for u in void.objects(None, VOID.dataDump)}
    assert dumps == set(FORMATS)
    assert len(list(void.objects(None, DCAT.distribution))) == 5
    assert "ko-Latn-x-mr" in built.joinpath("void.ttl").read_text()


def test_dump_files_are_readable_by_others(built: Path) -> None:
    for path in built.iterdir():
        assert path.stat().st_mode & 0o044, path.name


def test_serializers_escape_and_round_trip() -> None:
    g = Graph()
    s = URIRef("https://w3id.org/dprkfilm/film/x")
    from rdflib import BNode

    tricky = ['quote " and \\ backslash', "line\nbreak\ttab", "태백산에 봄이 온다", "emoji 🎞"]
    for i, text in enumerate(tricky):
        g.add((s, URIRef(f"https://example.org/p{i}"), Literal(text, lang="en" if i % 2 else None)))
    b = BNode()
    g.add((s, URIRef("https://example.org/node"), b))
    g.add((b, URIRef("https://example.org/v"), Literal("nested")))
    for text, fmt in ((to_turtle(g), "turtle"), (to_ntriples(g), "nt"), (to_jsonld(g), "json-ld")):
        assert isomorphic(Graph().parse(data=text, format=fmt), g), fmt
    assert to_ntriples(g) == to_ntriples(Graph() + g)


def test_json_ld_is_what_the_standard_library_writes(seed_graph: Graph) -> None:
    """The JSON-LD writer lays the text out itself (json.dumps with an indent is slow); it must
    write exactly what json.dumps writes for the same document, one graph or named graphs,
    escapes and empty graphs included."""
    import json

    from dprkfilm_graph.dump import named_graphs

    def restated(text: str) -> str:
        return json.dumps(json.loads(text), ensure_ascii=False, indent=1, sort_keys=True) + "\n"

    tricky = Graph()
    node = URIRef("https://w3id.org/dprkfilm/film/x")
    for i, text in enumerate(['q " \\ b', "line\nbreak\ttab\x01", "태백산", "🎞", ""]):
        tricky.add((node, URIRef(f"https://example.org/p{i}"), Literal(text, lang="en")))
        tricky.add((node, URIRef(f"https://example.org/p{i}"), Literal(text)))
    for graph in (seed_graph, tricky, Graph()):
        single = to_jsonld(graph)
        assert single == restated(single)
        parts = to_jsonld(named_graphs(graph))
        assert parts == restated(parts)
    assert json.loads(to_jsonld(Graph())) == []
