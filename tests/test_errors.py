"""Broken data fails clearly: file, line, entity, what to fix; exit codes; nothing written."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from dprkfilm_graph.cli import main

SEED = Path(__file__).parent / "fixtures" / "seed"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(SEED, target)
    return target


def _drop_block(path: Path, subject: str) -> None:
    """Remove one subject's Turtle block (the canonical layout splits blocks by blank lines)."""
    text = path.read_text(encoding="utf-8")
    blocks = text.split("\n\n")
    kept = [b for b in blocks if not b.startswith(subject + "\n")]
    assert len(kept) == len(blocks) - 1, f"{subject} not found in {path}"
    path.write_text("\n\n".join(kept), encoding="utf-8")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_removing_a_films_title_fails_naming_the_film(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _drop_block(data / "films.ttl", "claim:rolling-workers-name-en-post")
    code, out, _ = run(capsys, "validate", "--data", str(data))
    assert code == 1
    assert re.search(r"film/rolling-workers.*\n.*films.ttl\n.*Violation.*Film has no title", out)


def test_removing_a_claims_source_fails_naming_the_claim(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = data / "records.ttl"
    text = path.read_text(encoding="utf-8")
    block = "claim:vinyl-3-depicts-undying-soldier-post\n"
    start = text.index(block)
    end = text.index("\n\n", start)
    chunk = text[start:end]
    fixed = chunk.replace(" ;\n    prov:wasDerivedFrom source:vinyl-post .", " .")
    assert fixed != chunk
    path.write_text(text[:start] + fixed + text[end:], encoding="utf-8")
    code, out, _ = run(capsys, "validate", "--data", str(data), "--format", "json")
    assert code == 1
    assert "claim/vinyl-3-depicts-undying-soldier-post" in out
    assert "Claim has no source" in out


def test_build_refuses_and_writes_nothing(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _drop_block(data / "films.ttl", "claim:rolling-workers-name-en-post")
    out_dir = tmp_path / "out"
    code, _, err = run(capsys, "build", "--data", str(data), "--out", str(out_dir))
    assert code == 1
    assert "film/rolling-workers" in err and "nothing was written" in err
    assert not out_dir.exists()


def test_syntax_error_names_file_and_line(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = data / "people.ttl"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[14] = lines[14] + " ;;; oops"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, err = run(capsys, "validate", "--data", str(data))
    assert code == 2
    assert f"{path}:" in err and "Turtle syntax error" in err
    assert "Traceback" not in err


def test_ill_typed_literal_is_refused(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = data / "films.ttl"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('"2"^^xsd:positiveInteger', '"two"^^xsd:positiveInteger', 1), encoding="utf-8"
    )
    code, _, err = run(capsys, "validate", "--data", str(data))
    assert code == 2
    assert re.search(r"films\.ttl:\d+: ill-typed literal \"two\"", err)


def test_blank_nodes_are_refused(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = data / "people.ttl"
    path.write_text(
        path.read_text(encoding="utf-8") + '\nperson:x schema:knows [ schema:name "Y" ] .\n',
        encoding="utf-8",
    )
    code, _, err = run(capsys, "validate", "--data", str(data))
    assert code == 2 and "blank node" in err and "people.ttl" in err


def test_missing_data_path(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "validate", "--data", str(tmp_path / "nope"))
    assert code == 2 and "no such file" in err


def test_fmt_leaves_a_broken_file_alone(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = data / "people.ttl"
    broken = path.read_text(encoding="utf-8") + "\nthis is not turtle\n"
    path.write_text(broken, encoding="utf-8")
    code, _, err = run(capsys, "fmt", str(path))
    assert code == 2 and "people.ttl" in err
    assert path.read_text(encoding="utf-8") == broken


def test_a_wrong_language_tag_is_a_violation(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = data / "films.ttl"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('"Rolling Workers"@en', '"Rolling Workers"@ko-Latn-MR', 1), encoding="utf-8"
    )
    code, out, _ = run(capsys, "validate", "--data", str(data))
    assert code == 1 and "ko-latn-mr" in out.lower() and "does not allow" in out
