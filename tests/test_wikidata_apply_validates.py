"""Data with the links `reconcile apply` writes still validates: the default agent (the
reconciler) is described in the written file, as the shapes' AgentShape requires."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from dprkfilm_graph import paths
from dprkfilm_graph.errors import ValidationFailed
from dprkfilm_graph.load import load_data
from dprkfilm_graph.namespaces import PROV, RDF, RDFS
from dprkfilm_graph.validate import validate
from dprkfilm_graph.wikidata.apply import DEFAULT_AGENT, LINKS_FILE, apply

# Fictional Q-ids (test-only range): written only into a temporary copy of data/.
REVIEW = "".join(
    "\t".join(row) + "\n"
    for row in [
        ("subject_id", "subject_label", "object_id", "confidence", "decision"),
        ("film:first-steps", "First Steps", "wd:Q900000901", "0.97", "accept"),
        ("film:rolling-workers", "Rolling Workers", "wd:Q900000902", "0.41", "reject"),
    ]
)
# The hand-curated files (every kind of entity, source and agent), not the large imported
# filmography: validating all of data/ takes half a minute, these a few seconds.
CURATED = ("films.ttl", "people.ttl", "records.ttl", "sources.ttl")


def _apply(tmp_path: Path, agent: URIRef = DEFAULT_AGENT) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    for name in CURATED:
        shutil.copy(paths.data_dir() / name, data / name)
    review = tmp_path / "review.tsv"
    review.write_text(REVIEW, encoding="utf-8")
    result = apply(review, data, agent=agent, today=dt.date(2026, 1, 2))
    assert (result.written, result.rejected) == (1, 1)
    return data


def test_applied_links_validate_with_the_shipped_data(tmp_path: Path) -> None:
    data = _apply(tmp_path)
    links = Graph().parse(data / LINKS_FILE, format="turtle")
    assert (DEFAULT_AGENT, RDF.type, PROV.SoftwareAgent) in links
    assert any(isinstance(o, Literal) for o in links.objects(DEFAULT_AGENT, RDFS.label))
    report = validate(load_data(paths.data_files(data)))
    assert report.conforms, report


@pytest.mark.parametrize("agent", [URIRef("https://w3id.org/dprkfilm/person/nobody-described")])
def test_an_undescribed_agent_does_not_validate(tmp_path: Path, agent: URIRef) -> None:
    """The control: the check above could fail, and fails for an agent the data does not know;
    apply validates before it writes, so such links are refused and nothing is written."""
    with pytest.raises(ValidationFailed) as refused:
        _apply(tmp_path, agent)
    assert "nothing written" in str(refused.value)
    assert str(agent) in str(refused.value) and "software agent" in str(refused.value)
    assert not (tmp_path / "data" / LINKS_FILE).exists()
