"""No duplicate items: QuickStatements creates only what a person marked as missing from Wikidata
in the review file, lists the rest as not reconciled yet, and dates each reference (S813) as the
data records its retrieval, never with the day of the run."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from reconcile.qs_grammar import check
from wikidata.fake_wikibase import FakeWikibase
from wikidata.fixtures import *  # noqa: F403  (fake_api, wikidata_sparql)

from dprkfilm_graph.cli import main

HERE = Path(__file__).parent
SEED = HERE / "fixtures" / "seed"
FIXTURE = HERE / "reconcile" / "quickstatements.ttl"
FIRST_STEPS = "https://w3id.org/dprkfilm/film/first-steps"


def _rows(path: Path) -> tuple[list[str], list[str], list[dict[str, str]]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    comments = [x for x in lines if x.startswith("#")]
    header = next(x for x in lines if not x.startswith("#")).split("\t")
    body = [x for x in lines if not x.startswith("#")][1:]
    return comments, header, [dict(zip(header, x.split("\t"), strict=True)) for x in body]


def _write(path: Path, comments: list[str], header: list[str], rows: list[dict[str, str]]) -> None:
    body = ["\t".join(r[c] for c in header) for r in rows]
    path.write_text("\n".join([*comments, "\t".join(header), *body]) + "\n", encoding="utf-8")


def test_create_only_what_a_person_marked_missing(
    fake_api: FakeWikibase, wikidata_sparql: str, seed_copy: Path, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    common = ["--api-url", fake_api.url, "--sparql-url", wikidata_sparql,
              "--cache", str(tmp_path / "cache"), "--data", str(seed_copy)]  # fmt: skip
    review = tmp_path / "review.tsv"
    assert main(["reconcile", "--review", str(review), *common]) == 0
    comments, header, rows = _rows(review)
    assert any("create" in c for c in comments)
    # every entity gets a row, one without candidates too (object sssom:NoTermFound)
    mine = [r for r in rows if r["subject_id"] == FIRST_STEPS]
    assert mine and all(r["decision"] == "" for r in mine)
    for row in mine:
        row["decision"] = "create"
    _write(review, comments, header, rows)
    capsys.readouterr()
    assert main(["reconcile", "apply", str(review), "--data", str(seed_copy)]) == 0
    assert "1 marked as missing from Wikidata" in capsys.readouterr().out
    links = (seed_copy / "links-wikidata.ttl").read_text(encoding="utf-8")
    assert "dfo:NoValue" in links and "film:first-steps" in links
    assert main(["validate", "--data", str(seed_copy)]) == 0, capsys.readouterr().out
    capsys.readouterr()
    # the batch: one CREATE, for the film a person marked; the others listed, not created
    assert main(["quickstatements", "--offline", "--data", str(seed_copy)]) == 0
    captured = capsys.readouterr()
    assert captured.out.count("CREATE") == 1 and check(captured.out) > 0
    assert 'LAST\tLen\t"First Steps"' in captured.out
    listed = re.findall(r"^not reconciled yet: (\S+)", captured.err, re.M)
    assert listed and FIRST_STEPS not in listed
    assert "https://w3id.org/dprkfilm/film/spring-comes-to-mount-thaebaek" not in listed  # linked
    # a film marked missing is not proposed for linking again
    assert main(["reconcile", "--dry-run", "--format", "json", *common]) == 0
    proposed = {d["entity"] for d in json.loads(capsys.readouterr().out)}
    assert FIRST_STEPS not in proposed


def test_without_a_decision_nothing_is_created(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["quickstatements", "--offline", "--data", str(SEED)]) == 0
    captured = capsys.readouterr()
    assert "CREATE" not in captured.out
    assert "0 new item(s)" in captured.err
    assert "not reconciled yet: https://w3id.org/dprkfilm/film/first-steps" in captured.err


def test_s813_is_the_retrieval_the_data_records_never_today(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["quickstatements", "--offline", "--data", str(SEED), "--data", str(FIXTURE)]) == 0
    out = capsys.readouterr().out
    dates = set(re.findall(r"\tS813\t\+(\d{4}-\d\d-\d\d)T", out))
    assert dates == {"2025-03-04"}  # the one claim of the fixture that records its retrieval
    assert dt.date.today().isoformat() not in out
    # a reference whose retrieval is not recorded keeps its URL and no date
    assert re.search(r'\tS854\t"https://example.org/catalogue"(\t!S854|$)', out, re.M)


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (["film:first-steps\tsssom:NoTermFound\t0\taccept"], "cannot be accepted"),
        (
            ["film:first-steps\twd:Q900000001\t0.9\taccept",
             "film:first-steps\tsssom:NoTermFound\t0\tcreate"],
            "marked create",
        ),
    ],
)  # fmt: skip
def test_contradictory_decisions_are_refused(
    rows: list[str], message: str, seed_copy: Path, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    review = tmp_path / "review.tsv"
    review.write_text(
        "subject_id\tobject_id\tconfidence\tdecision\n" + "\n".join(rows) + "\n", "utf-8"
    )
    assert main(["reconcile", "apply", str(review), "--data", str(seed_copy)]) == 2
    err = capsys.readouterr().err
    assert "review.tsv:" in err and message in err and "Traceback" not in err
    assert not (seed_copy / "links-wikidata.ttl").exists()
