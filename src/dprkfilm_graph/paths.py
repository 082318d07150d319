"""Where the ontology, shapes, queries and curated data live, from a checkout or an installed wheel.

An installed wheel carries them under `dprkfilm_graph/_resources/`; a checkout (editable install)
has them at the repository root, found by looking for `pyproject.toml` above the package. The
environment variable DPRKFILM_HOME points at another root (a fork's data, a test fixture).
"""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from pathlib import Path

_RESOURCE_DIRS = ("ontology", "queries", "data")


@cache
def root() -> Path:
    """The folder that holds ontology/, queries/ and data/."""
    override = os.environ.get("DPRKFILM_HOME")
    if override:
        return Path(override)
    packaged = Path(str(resources.files("dprkfilm_graph"))) / "_resources"
    if (packaged / "ontology").is_dir():
        return packaged
    for parent in Path(__file__).resolve().parents:
        if (parent / "pyproject.toml").is_file() and (parent / "ontology").is_dir():
            return parent
    raise FileNotFoundError(
        "cannot find the ontology/, queries/ and data/ folders: set DPRKFILM_HOME to the "
        "repository root"
    )


def ontology_file() -> Path:
    return root() / "ontology" / "dprkfilm.ttl"


def shapes_file() -> Path:
    return root() / "ontology" / "shapes.ttl"


def queries_dir() -> Path:
    return root() / "queries"


def data_dir() -> Path:
    return root() / "data"


def data_files(directory: Path | None = None) -> list[Path]:
    """Every Turtle file under the data folder, in a stable order."""
    base = directory if directory is not None else data_dir()
    return sorted(p for p in base.rglob("*.ttl") if p.is_file())
