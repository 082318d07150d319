"""Several imports as one: staged in a scratch copy of data/, validated once, written back whole.

An import of a public table runs several mappings into data/ one after the other. Validating the
whole graph after each costs a full SHACL run per step, and a step failing late would leave the
earlier ones written. Staged, the steps import into a copy without validating, the copy is
validated once, and only then are the files that changed written back, as one set (a stopped
import leaves them all old or all new); if the steps or the validation fail, data/ is untouched.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from dprkfilm_graph import paths
from dprkfilm_graph.atomic import write_set
from dprkfilm_graph.load import load_data, parse_turtle
from dprkfilm_graph.namespaces import DFO, RDF
from dprkfilm_graph.tabular.merge import Imported, refuse_violations
from dprkfilm_graph.validate import validate


@dataclass
class Stage:
    """Where the steps import (`folder`), and which files of data/ changed once it is over."""

    target: Path
    folder: Path
    changed: list[Path] = field(default_factory=list)
    counted: dict[Path, int] = field(default_factory=dict)  # claims of a file written afresh

    def fresh(self, name: str) -> None:
        """Write the data file `name` afresh: its staged copy goes, its claims are counted."""
        staged_file = self.folder / name
        if staged_file.exists():
            self.counted[self.real(staged_file)] = claims_in(staged_file)
            staged_file.unlink()

    def real(self, staged: Path) -> Path:
        """The data/ file a staged file stands for."""
        return self.target / staged.relative_to(self.folder)

    def done(self, step: Imported, dry_run: bool, last: bool = True) -> Imported:
        """A staged step as it ends in data/: its real file, written only if that file changed.
        The last step into a file written afresh counts from the claims the file held before."""
        real = self.real(step.path)
        before = self.counted.get(real, step.claims_before) if last else step.claims_before
        written = real in self.changed and not dry_run
        return replace(step, path=real, written=written, claims_before=before)


def claims_in(path: Path) -> int:
    """How many claims a data file holds."""
    return len(set(parse_turtle(path).subjects(RDF.type, DFO.Claim)))


@contextmanager
def staged(target: Path, *, dry_run: bool = False) -> Iterator[Stage]:
    """Import into the stage's folder inside the block; leaving it validates and writes back."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        if target.exists():
            shutil.copytree(target, folder)
        else:
            folder.mkdir()
        stage = Stage(target, folder)
        yield stage
        files = paths.data_files(folder)
        refuse_violations(validate(load_data(files)))
        writes: dict[Path, bytes] = {}
        for staged_file in files:
            real = stage.real(staged_file)
            text = staged_file.read_text(encoding="utf-8")
            if not real.exists() or real.read_text(encoding="utf-8") != text:
                stage.changed.append(real)
                writes[real] = text.encode("utf-8")
        if writes and not dry_run:
            write_set(writes, target)  # all the changed files, or none
