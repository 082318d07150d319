"""The ontology, shapes, queries and data are found from an installed wheel, not only from a
checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    hatchling = pytest.importorskip("hatchling.builders.wheel")
    out = tmp_path_factory.mktemp("wheel")
    builder = hatchling.WheelBuilder(str(ROOT))
    built = list(builder.build(directory=str(out), versions=["standard"]))
    return Path(built[0])


def test_wheel_carries_resources(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "dprkfilm_graph/_resources/ontology/dprkfilm.ttl",
        "dprkfilm_graph/_resources/ontology/shapes.ttl",
        "dprkfilm_graph/_resources/queries/unsourced-facts.rq",
        "dprkfilm_graph/_resources/data/films.ttl",
        "dprkfilm_graph/py.typed",
        "dprkfilm_graph/wikidata/queries/film-pool.rq",
        "dprkfilm_graph/wikidata/queries/person-pool.rq",
        "dprkfilm_graph/wikidata/queries/person-names.rq",
        "dprkfilm_graph/korean/pronunciations.tsv",
    ):
        assert needed in names, needed


def test_installed_wheel_finds_its_resources(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("DPRKFILM_HOME", None)
    proc = subprocess.run(
        [sys.executable, "-c", "from dprkfilm_graph import paths; print(paths.root())"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env=env,
    )
    assert Path(proc.stdout.strip()) == site / "dprkfilm_graph" / "_resources"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "dprkfilm_graph.cli",
            "query",
            "unidentified-photos",
            "--format",
            "csv",
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    assert "vinyl-4" in proc.stdout
