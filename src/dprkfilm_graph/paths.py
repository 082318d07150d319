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
    """Every Turtle file under the data folder, in a stable order.

    A link that leads out of the folder is refused, naming the link and not what it points at
    (a data folder is shared and published; a link to /etc/passwd must neither be read nor
    have its first lines shown in a syntax error)."""
    from dprkfilm_graph.errors import InputError

    base = directory if directory is not None else data_dir()
    from dprkfilm_graph.atomic import JOURNAL, recover

    for journal in sorted(base.rglob(JOURNAL)):  # a set a stopped writer left half renamed
        recover(journal.parent)
    inside = base.resolve()
    found = []
    for path in sorted(base.rglob("*.ttl")):
        if not path.resolve().is_relative_to(inside):
            raise InputError(
                "a link to a file outside the data folder: data files live in the folder "
                "itself; copy the file in or remove the link",
                path=str(path),
            )
        if path.is_file():
            found.append(path)
    return found


def inside_data_dir(folder: Path, name: str) -> Path:
    """The data file `name` (a mapping's `file`) under `folder`; InputError when the name is
    absolute, climbs out with '..', or is not a .ttl file, so an import never writes elsewhere."""
    from dprkfilm_graph.errors import InputError

    relative = Path(name)
    if (
        not name
        or relative.is_absolute()
        or name.startswith(("/", "\\", "~"))
        or ".." in relative.parts
        or "\\" in name
        or relative.suffix != ".ttl"
    ):
        raise InputError(
            f"file = {name!r}: a mapping writes a .ttl file inside the data folder; give a "
            'plain name such as "films-imported.ttl" (no folder, no "..", no absolute path)'
        )
    target = folder / relative
    if not target.resolve().is_relative_to(folder.resolve()):
        raise InputError(f"file = {name!r} leads out of the data folder {folder}")
    return target
