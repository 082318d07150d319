"""Every command and flag of `dprkfilm` through its entry point, in-process, plus the console
script itself once."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from dprkfilm_graph.cli import main

SEED = Path(__file__).parent / "fixtures" / "seed"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", "--data", str(SEED))
    assert code == 0
    assert "conforms: 0 violation(s)" in out
    assert "film/rolling-workers" in out and "no Korean (Hangul) title" in out
    assert "records.ttl" in out  # the report names the data file


def test_validate_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", "--data", str(SEED), "--format", "json")
    payload = json.loads(out)
    assert code == 0 and payload["conforms"] is True
    assert payload["counts"]["Violation"] == 0
    assert {"focus", "severity", "message", "file", "path"} <= set(payload["results"][0])


def test_validate_turtle(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", "--data", str(SEED), "--format", "turtle")
    assert code == 0
    assert len(Graph().parse(data=out, format="turtle")) > 0


def test_validate_exits_zero_on_conforming_data(capsys: pytest.CaptureFixture[str]) -> None:
    """The command on the seed (small); the shipped data's conformance is checked entity by
    entity in test_data_integrity.py, with the same validation."""
    code, out, _ = run(capsys, "validate", "--data", str(SEED))
    assert code == 0, out
    assert "conforms: 0 violation(s)" in out


def test_build_writes_every_dump(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "build", "--data", str(SEED), "--out", str(tmp_path))
    assert code == 0
    names = {p.name for p in tmp_path.iterdir()}
    assert names == {
        "dprkfilm.ttl",
        "dprkfilm.nt",
        "dprkfilm.jsonld",
        "dprkfilm.trig",
        "ontology.ttl",
        "void.ttl",
        "SHA256SUMS",
    }
    assert "built" in out


def test_query_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "query", "--list")
    assert code == 0
    assert "films-on-record" in out and "[record=…]" in out


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "xml"])
def test_query_formats(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "query", "unidentified-photos", "--data", str(SEED), "--format", fmt)
    assert code == 0 and "vinyl-4" in out


def test_query_param(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "query",
        "film-titles",
        "--data",
        str(SEED),
        "--param",
        "film=film:the-undying-soldier",
        "--format",
        "csv",
    )
    assert code == 0
    assert "영원한 전사" in out and "First Steps" not in out


def test_query_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    q = tmp_path / "count.rq"
    q.write_text(
        "# Count films\nPREFIX schema: <http://schema.org/>\n"
        "SELECT (COUNT(?f) AS ?n) WHERE { ?f a schema:Movie }\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "query", str(q), "--data", str(SEED), "--format", "csv")
    assert code == 0 and out.splitlines()[1] == "5"


def test_query_construct_turtle(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    q = tmp_path / "c.rq"
    q.write_text(
        "# Films\nPREFIX schema: <http://schema.org/>\n"
        "CONSTRUCT { ?f a schema:Movie } WHERE { ?f a schema:Movie }\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "query", str(q), "--data", str(SEED), "--format", "turtle")
    assert code == 0 and len(Graph().parse(data=out, format="turtle")) == 5


def test_query_endpoint(oxigraph_seed: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "query", "unidentified-photos", "--endpoint", oxigraph_seed, "--format", "csv"
    )
    assert code == 0 and "vinyl-5" in out


def test_query_errors(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "query", "nope")
    assert code == 2 and err.startswith("error: no query named 'nope'")
    code, _, err = run(capsys, "query", "film-titles", "--param", "film")
    assert code == 2 and "name=value" in err
    code, _, err = run(capsys, "query")
    assert code == 2 and "--list" in err
    code, _, err = run(
        capsys, "query", "unidentified-photos", "--endpoint", "http://127.0.0.1:9/sparql"
    )
    assert code == 2 and "endpoint" in err


def test_fmt_check_and_rewrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "x.ttl"
    f.write_text(
        (SEED / "people.ttl").read_text(encoding="utf-8").replace(" ;\n    ", " ; "),
        encoding="utf-8",
    )
    before = Graph().parse(f)
    code, out, _ = run(capsys, "fmt", "--check", str(f))
    assert code == 1 and "not canonical" in out and str(f) in out
    code, out, _ = run(capsys, "fmt", str(f))
    assert code == 0 and "rewrote" in out
    from rdflib.compare import isomorphic

    assert isomorphic(before, Graph().parse(f))
    code, out, _ = run(capsys, "fmt", "--check", str(f))
    assert code == 0


def test_fmt_check_shipped_data(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "fmt", "--check")
    assert code == 0, out


def test_stats(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "stats", "--data", str(SEED))
    assert code == 0 and "schema:Movie" in out and "confirmed" in out
    code, out, _ = run(capsys, "stats", "--data", str(SEED), "--format", "json")
    payload = json.loads(out)
    assert payload["classes"]["schema:Movie"] == 5
    assert payload["statuses"] == {"confirmed": 4, "proposed": 3, "stated": 53}
    assert payload["claims"] == 60


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert "dprkfilm" in capsys.readouterr().out


def test_console_script_runs() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "dprkfilm_graph.cli", "query", "--list"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0 and "unsourced-facts" in proc.stdout
