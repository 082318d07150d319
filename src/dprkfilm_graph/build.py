"""Curated data -> validated, published dumps. Refuses to write anything if validation fails.

The shapes are checked while the dumps are made in memory: the SHACL engine's native code lets
go of the interpreter for much of its run, so on two cores the build takes about as long as the
longer of the two rather than their sum. Nothing is written until the report says the graph
conforms.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from dprkfilm_graph import paths, progress
from dprkfilm_graph.bulk import without_cycle_collection
from dprkfilm_graph.dump import BuildResult, make_dumps, write_made
from dprkfilm_graph.errors import ValidationFailed
from dprkfilm_graph.graph import build_triples
from dprkfilm_graph.load import Data, load_data
from dprkfilm_graph.validate import Report, Severity, validate_graph


class BuildRefused(ValidationFailed):
    """Raised instead of writing dumps of a graph that does not conform."""

    def __init__(self, report: Report) -> None:
        self.report = report
        super().__init__(
            f"the graph does not conform ({report.count(Severity.VIOLATION)} violation(s)); "
            "nothing was written"
        )


def build(out_dir: Path, data: Data | None = None) -> tuple[BuildResult, Report]:
    """Validate, then write every dump into out_dir (without the cycle collector: see `bulk`)."""
    with without_cycle_collection():
        return _build(out_dir, data)


def _build(out_dir: Path, data: Data | None) -> tuple[BuildResult, Report]:
    loaded = data if data is not None else load_data()
    triples = build_triples(loaded)
    ontology = paths.ontology_file().read_bytes()
    progress.step("checking the shapes and making the dumps")
    with ThreadPoolExecutor(max_workers=1) as pool:
        checking = pool.submit(validate_graph, triples, loaded, split=False)
        bodies, _, _ = make_dumps(triples, ontology)
        report = checking.result()
    if not report.conforms:
        raise BuildRefused(report)
    return write_made(bodies, out_dir), report
