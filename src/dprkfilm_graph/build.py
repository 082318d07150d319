"""Curated data -> validated, published dumps. Refuses to write anything if validation fails."""

from __future__ import annotations

from pathlib import Path

from dprkfilm_graph import paths
from dprkfilm_graph.dump import BuildResult, write_dumps
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
    """Validate, then write every dump into out_dir."""
    loaded = data if data is not None else load_data()
    graph = build_triples(loaded)
    report = validate_graph(graph, loaded)
    if not report.conforms:
        raise BuildRefused(report)
    result = write_dumps(graph, paths.ontology_file().read_bytes(), out_dir)
    return result, report
