"""The review round trip from the CLI, on a copy of the seed's data (never the repo's data/;
tests/test_wikidata_apply_validates.py checks links against the whole shipped data)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from wikidata.fake_wikibase import FakeWikibase
from wikidata.fixtures import *  # noqa: F403  (fake_api, wikidata_sparql)

from dprkfilm_graph.cli import main

THAEBAEK = "https://w3id.org/dprkfilm/film/spring-comes-to-mount-thaebaek"


def _args(fake: FakeWikibase, sparql: str, data: Path, tmp: Path) -> list[str]:
    return [
        "--api-url", fake.url, "--sparql-url", sparql, "--cache", str(tmp / "cache"),
        "--data", str(data),
    ]  # fmt: skip


def test_dry_run_json_writes_nothing(
    fake_api: FakeWikibase, wikidata_sparql: str, seed_copy: Path, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    before = sorted(p.name for p in seed_copy.iterdir())
    argv = [
        "reconcile",
        "--dry-run",
        "--format",
        "json",
        *_args(fake_api, wikidata_sparql, seed_copy, tmp_path),
    ]
    assert main(argv) == 0
    decisions = {d["entity"]: d for d in json.loads(capsys.readouterr().out)}
    assert decisions[THAEBAEK]["outcome"] == "accepted"
    assert decisions[THAEBAEK]["qid"] == "Q900000029"
    assert decisions[THAEBAEK]["candidates"][0]["features"]["title"] == 1.0
    assert sorted(p.name for p in seed_copy.iterdir()) == before


def test_propose_edit_apply_round_trip(
    fake_api: FakeWikibase, wikidata_sparql: str, seed_copy: Path, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    review = tmp_path / "review.tsv"
    common = _args(fake_api, wikidata_sparql, seed_copy, tmp_path)
    assert main(["reconcile", "--review", str(review), *common]) == 0
    lines = review.read_text(encoding="utf-8").splitlines()
    header = next(line for line in lines if not line.startswith("#")).split("\t")
    assert header[:6] == [
        "subject_id",
        "subject_label",
        "predicate_id",
        "object_id",
        "object_label",
        "mapping_justification",
    ]
    rows = [
        dict(zip(header, line.split("\t"), strict=True))
        for line in lines
        if not line.startswith(("#", "subject_id"))
    ]
    # a person rejects every proposal that was not accepted automatically
    edited = []
    for row in rows:
        if not row["decision"]:
            row["decision"] = "reject"
        edited.append("\t".join(row[c] for c in header))
    review.write_text(
        "\n".join([*[x for x in lines if x.startswith("#")], "\t".join(header), *edited]) + "\n",
        encoding="utf-8",
    )
    rejected = {(r["subject_id"], r["object_id"]) for r in rows if r["decision"] == "reject"}
    assert main(["reconcile", "apply", str(review), "--data", str(seed_copy)]) == 0
    links = (seed_copy / "links-wikidata.ttl").read_text(encoding="utf-8")
    assert "wd:Q900000029" in links and "dfo:Reconciliation" in links and "dfo:Confirmed" in links
    # the data with its links still validates, so build is not refused
    capsys.readouterr()
    assert main(["validate", "--data", str(seed_copy)]) == 0, capsys.readouterr().out
    # applying again writes nothing twice
    assert main(["reconcile", "apply", str(review), "--data", str(seed_copy)]) == 0
    assert (seed_copy / "links-wikidata.ttl").read_text(encoding="utf-8") == links
    assert "0 link(s) written" in capsys.readouterr().out.splitlines()[-1]
    # the link is now part of the graph and neither it nor the rejections come back
    capsys.readouterr()
    assert main(["reconcile", "--dry-run", "--format", "json", *common]) == 0
    again = json.loads(capsys.readouterr().out)
    assert THAEBAEK not in {d["entity"] for d in again}
    offered = {(d["entity"], "wd:" + c["qid"]) for d in again for c in d["candidates"]}
    assert not offered & rejected


def test_bad_decision_is_a_clear_error(
    tmp_path: Path, seed_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review = tmp_path / "review.tsv"
    review.write_text(
        "subject_id\tobject_id\tconfidence\tdecision\nfilm:x\twd:Q900000001\t0.9\tmaybe\n",
        encoding="utf-8",
    )
    assert main(["reconcile", "apply", str(review), "--data", str(seed_copy)]) == 2
    err = capsys.readouterr().err
    assert "review.tsv:2:" in err and "accept, reject" in err
    assert not (seed_copy / "links-wikidata.ttl").exists()


def test_review_subjects_may_be_curies_but_must_be_entities_of_this_graph(
    tmp_path: Path, seed_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review = tmp_path / "review.tsv"
    header = "subject_id\tobject_id\tconfidence\tdecision\n"
    review.write_text(header + "film:first-steps\twd:Q900000001\t0.9\taccept\n", encoding="utf-8")
    assert main(["reconcile", "apply", str(review), "--data", str(seed_copy)]) == 0
    links = (seed_copy / "links-wikidata.ttl").read_text(encoding="utf-8")
    assert "film:first-steps" in links and "<film:" not in links
    capsys.readouterr()
    review.write_text(
        header + "https://example.org/x\twd:Q900000001\t0.9\taccept\n", encoding="utf-8"
    )
    assert main(["reconcile", "apply", str(review), "--data", str(seed_copy)]) == 2
    assert "review.tsv:2:" in capsys.readouterr().err
