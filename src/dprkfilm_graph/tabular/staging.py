"""Several imports as one change: each step's new text held in memory, the data as it would then
be validated once, and the files that changed written as one set.

An import of a public table runs several mappings into data/ one after the other. Validating the
whole graph after each costs a SHACL run per step, and a step failing late would leave the earlier
ones written. Staged, the steps add their texts to one `DataFiles` change; leaving the block
validates it once and writes it (all the changed files or none); if a step or the validation
fails, data/ is untouched. Nothing goes through a scratch folder on disk.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from dprkfilm_graph.datafiles import DataFiles
from dprkfilm_graph.namespaces import DFO, RDF
from dprkfilm_graph.tabular.merge import Imported


@dataclass
class Stage:
    """The change the steps add to (`files`), and which data files changed once it is over."""

    files: DataFiles
    changed: list[Path] = field(default_factory=list)
    counted: dict[Path, int] = field(default_factory=dict)  # claims of a file written afresh

    def fresh(self, name: str) -> None:
        """Write the data file `name` afresh: it starts from nothing, its claims are counted."""
        path = self.files.folder / name
        if self.files.text(path) is not None:
            self.counted[path] = claims_in(self.files, path)
            self.files.remove(path)

    def done(self, step: Imported, dry_run: bool, last: bool = True) -> Imported:
        """A step as it ends: written only if its file changed. The last step into a file
        written afresh counts from the claims the file held before."""
        before = self.counted.get(step.path, step.claims_before) if last else step.claims_before
        written = step.path in self.changed and not dry_run
        return replace(step, written=written, claims_before=before)


def claims_in(files: DataFiles, path: Path) -> int:
    """How many claims a data file holds."""
    return len(set(files.data([path]).graph.subjects(RDF.type, DFO.Claim)))


@contextmanager
def staged(target: Path, *, dry_run: bool = False) -> Iterator[Stage]:
    """Steps add to the stage's change inside the block; leaving it validates and writes."""
    stage = Stage(DataFiles(target))
    yield stage
    stage.changed = stage.files.commit(dry_run=dry_run)
