"""One number for the dataset's size: build, stats, publish and the VoID description agree, and
it is the line count of the N-Triples dump."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph

from dprkfilm_graph.cli import main
from dprkfilm_graph.dump import triple_count
from dprkfilm_graph.serving.publish import graphs_to_publish

SEED = Path(__file__).parent / "fixtures" / "seed"


def test_build_stats_and_publish_report_one_triple_count(
    tmp_path: Path, seed_graph: Graph, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "--data", str(SEED), "--out", str(tmp_path)]) == 0
    built = capsys.readouterr().out.splitlines()[-1]
    assert main(["stats", "--data", str(SEED), "--format", "json"]) == 0
    counted = json.loads(capsys.readouterr().out)["triples"]
    lines = (tmp_path / "dprkfilm.nt").read_text(encoding="utf-8").count("\n")
    assert built.startswith(f"built {lines} triples ")
    assert counted == lines == triple_count(seed_graph)
    assert len(graphs_to_publish(seed_graph)[None]) == lines
    assert lines > len(seed_graph), "the dumps hold the ontology's triples too"
