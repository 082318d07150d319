"""The one way data files are changed: new texts held in memory, the data as it would then be
validated once, and the changed files written as one set.

Import, ingest, the Wikidata apply step and fmt all change data/. Each used to write in its own
way (a file at a time, or a scratch copy of the whole folder read back from disk); here a change
is a set of texts over the files on disk. `data()` loads the folder as it would be, through the
loader's checks, without writing anything; `commit()` refuses a change the shapes reject and
otherwise writes the files whose text changed, all of them or none (`atomic.write_set`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from dprkfilm_graph import paths
from dprkfilm_graph.atomic import write_set
from dprkfilm_graph.errors import InputError, ValidationFailed
from dprkfilm_graph.load import Data, data_triples, load_parsed, read_text
from dprkfilm_graph.plain import Triple
from dprkfilm_graph.validate import Report, Severity, validate


@dataclass
class DataFiles:
    """A data folder with pending texts over its files (None: the file is to be removed)."""

    folder: Path
    pending: dict[Path, str | None] = field(default_factory=dict)
    _disk: dict[Path, str | None] = field(default_factory=dict, repr=False)
    _parsed: dict[Path, tuple[str, list[Triple]]] = field(default_factory=dict, repr=False)

    def on_disk(self, path: Path) -> str | None:
        """What `path` holds on disk now (None when there is no such file); read once."""
        if path not in self._disk:
            self._disk[path] = read_text(path) if path.is_file() else None
        return self._disk[path]

    def text(self, path: Path) -> str | None:
        """What `path` holds once the change is written (None: no such file)."""
        return self.pending[path] if path in self.pending else self.on_disk(path)

    def put(self, path: Path, text: str) -> None:
        """Give `path` (a .ttl file under the folder) a new text."""
        self.pending[self._inside(path)] = text

    def remove(self, path: Path) -> None:
        """Leave `path` out of the data (a file written afresh starts from nothing)."""
        self.pending[self._inside(path)] = None

    def files(self) -> list[Path]:
        """Every data file once the change is written, in the loader's order."""
        present = set(paths.data_files(self.folder)) if self.folder.is_dir() else set()
        present |= {p for p, text in self.pending.items() if text is not None}
        present -= {p for p, text in self.pending.items() if text is None}
        return sorted(present)

    def data(self, files: list[Path] | None = None) -> Data:
        """The data as it would be (or only `files` of it), loaded and checked from memory.

        Each text is parsed once: the steps of an ingest load the other files again and again,
        and the final validation loads them all."""
        chosen = self.files() if files is None else files
        return load_parsed(
            {path: partial(self._triples, path) for path in chosen if self.text(path) is not None}
        )

    def _triples(self, path: Path) -> list[Triple]:
        text = self.text(path)
        assert text is not None
        found = self._parsed.get(path)
        if found is None or found[0] != text:
            found = self._parsed[path] = (text, data_triples(text, path))
        return found[1]

    def changed(self) -> dict[Path, str]:
        """The files whose text the change alters (new files included), by path."""
        return {
            path: text
            for path, text in sorted(self.pending.items())
            if text is not None and text != self.on_disk(path)
        }

    def validate(self) -> Report:
        """The shapes' report on the data as it would be."""
        return validate(self.data())

    def commit(
        self, *, dry_run: bool = False, check: bool = True, places: dict[str, str] | None = None
    ) -> list[Path]:
        """Validate the data as it would be (unless `check` is False: a change of layout only),
        then write the changed files as one set; the paths that changed (written, or that would
        be on a dry run). Nothing is written when the shapes find a violation."""
        changed = self.changed()
        if not changed:
            return []
        if check:
            refuse_violations(self.validate(), places)
        if not dry_run:
            write_set({path: text.encode("utf-8") for path, text in changed.items()}, self.folder)
            self._disk.update(changed)
        return list(changed)

    def _inside(self, path: Path) -> Path:
        try:
            path.resolve().relative_to(self.folder.resolve())
        except ValueError:
            raise InputError(f"not under the data folder {self.folder}", path=str(path)) from None
        return path


def refuse_violations(report: Report, places: dict[str, str] | None = None) -> None:
    """Raise ValidationFailed, naming the first violations (and the sheet row each comes
    from, where `places` knows it), if `report` has any."""
    violations = [r for r in report.results if r.severity is Severity.VIOLATION]
    if violations:
        known = places or {}
        lines = [
            (f"{known[r.focus]}: " if r.focus in known else "") + f"{r.focus}: {r.message}"
            for r in violations[:20]
        ]
        raise ValidationFailed(
            f"the imported data would not validate ({len(violations)} violation(s)), "
            "nothing written:\n" + "\n".join(lines)
        )
