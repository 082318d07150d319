"""A careless curator's input: refused with a message naming the file and line, exit 2, no
traceback, nothing written. The corpus under tests/bad_inputs/ runs in test_bad_inputs.py;
these are the regressions one by one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from dprkfilm_graph import checks, paths
from dprkfilm_graph.cli import main
from dprkfilm_graph.errors import InputError
from dprkfilm_graph.fmt import comment_lines
from dprkfilm_graph.namespaces import PREFIXES
from dprkfilm_graph.tabular.rows import MAX_CELL, is_formula, neutralise

TESTS = Path(__file__).parent
SEED = TESTS / "fixtures" / "seed"
MAPPINGS = TESTS.parent / "mappings"
FILM = "https://w3id.org/dprkfilm/film/"
NAME = URIRef("http://schema.org/name")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


# --- terms -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("triple", "says"),
    [
        ((URIRef(FILM + "a"), NAME, Literal("\ud800")), "lone surrogate"),
        ((Literal("lit"), NAME, Literal("x")), "stands as a subject"),
        ((URIRef(FILM + "a b"), NAME, Literal("x")), "holds a space"),
        ((URIRef(FILM + 'a"b'), NAME, Literal("x")), "QUOTATION MARK"),
        ((URIRef("javascript:alert(1)"), NAME, Literal("x")), "scheme 'javascript:'"),
        ((URIRef("file:///home/curator/data/rel"), NAME, Literal("x")), "relative IRI"),
        ((URIRef(FILM + "a\x00"), NAME, Literal("x")), "U+0000"),
        ((URIRef(FILM + "a\u202eb"), NAME, Literal("x")), "RIGHT-TO-LEFT OVERRIDE"),
        ((URIRef(FILM + "a"), NAME, Literal("a\u2066b")), "LEFT-TO-RIGHT ISOLATE"),
        ((URIRef(FILM + "a"), NAME, Literal("a\x07b")), "control character"),
        ((URIRef(FILM + "a"), NAME, URIRef("data:text/html,x")), "scheme 'data:'"),
        ((URIRef(FILM + "a"), NAME, URIRef("rel")), "not an absolute IRI"),
    ],
)
def test_each_bad_term_is_named(triple: tuple[URIRef, URIRef, Literal], says: str) -> None:
    found = checks.problem_of_triple(*triple)
    assert found is not None
    assert says in found[1]
    assert "\x00" not in found[1] and "\u202e" not in found[1]  # safe to print


def test_good_terms_pass() -> None:
    for triple in (
        (URIRef(FILM + "first-steps"), NAME, Literal("첫걸음", lang="ko")),
        (URIRef(FILM + "a"), NAME, URIRef("urn:isbn:9780000000000")),
        (URIRef(FILM + "a"), NAME, Literal("line\nbreak and\ttab")),
        (URIRef(FILM + "a"), NAME, URIRef("https://www.wikidata.org/wiki/Q1")),
    ):
        assert checks.problem_of_triple(*triple) is None


def test_the_line_of_a_bad_term_is_found(tmp_path: Path) -> None:
    path = tmp_path / "films.ttl"
    text = (
        "@prefix schema: <http://schema.org/> .\n"
        f'<{FILM}ok> schema:name "x" .\n'
        '<rel> schema:name "y" .\n'
        f'<{FILM}z> schema:name "\\u0000" .\n'
    )
    relative = URIRef(tmp_path.resolve().as_uri() + "/rel")
    assert checks.line_of(text, relative, path) == 3
    assert checks.line_of(text, Literal("\x00"), path) == 4
    with pytest.raises(InputError, match=r"films\.ttl:3: .*relative IRI"):
        checks.check_triples([(relative, NAME, Literal("y"))], path, text)


# --- query parameters ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ('"\\x"', "cannot read"),
        ('"abc"^^xsd:integer', "not a valid value"),
        ("hello", "not an RDF term"),
        ("javascript:alert(1)", "not an RDF term"),
        ("<https://x.org/a b>", "holds a space"),
        ('"a"^^"b"', "must be an IRI"),
        ('"\\uD800"', "lone surrogate"),
        ("nosuchprefix:x", "not an RDF term"),
        ('"unterminated', "cannot read"),
    ],
)
def test_a_bad_param_is_refused(value: str, says: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(InputError, match=says):
        checks.parse_param(value, PREFIXES)
    code, _, err = run(
        capsys, "query", "film-titles", "--data", str(SEED), "--param", f"film={value}"
    )
    assert code == 2
    assert err.startswith("error: --param film:")


def test_good_params_are_terms() -> None:
    assert checks.parse_param("film:first-steps", PREFIXES) == URIRef(FILM + "first-steps")
    year = checks.parse_param('"1972"^^xsd:gYear', PREFIXES)
    assert isinstance(year, Literal) and year.datatype is not None
    assert checks.parse_param('"첫\\"걸음"@ko', PREFIXES) == Literal('첫"걸음', lang="ko")
    assert checks.parse_param(f"<{FILM}x>", PREFIXES) == URIRef(FILM + "x")


# --- fmt -------------------------------------------------------------------------------------


def test_fmt_refuses_a_file_with_comments_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data"
    shutil.copytree(SEED, folder)
    first = sorted(folder.glob("*.ttl"))[0]
    noted = sorted(folder.glob("*.ttl"))[-1]
    first.write_text(first.read_text(encoding="utf-8") + "\n\n", encoding="utf-8")  # not canonical
    lines = noted.read_text(encoding="utf-8").splitlines()
    lines.insert(3, "# checked against the sleeve, 2024")
    noted.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = _snapshot(folder)
    code, _, err = run(capsys, "fmt", *map(str, sorted(folder.glob("*.ttl"))))
    assert code == 2
    assert f"{noted}:4:" in err and "comments" in err
    assert _snapshot(folder) == before  # the other file was not rewritten either
    code, _, err = run(capsys, "fmt", "--check", str(noted))
    assert code == 2 and "comments" in err


def test_a_hash_in_a_string_or_iri_is_not_a_comment() -> None:
    text = '<http://schema.org/#a> <http://a/b> "C# and #1" , """x\n# y""" , \'#\' .\n'
    assert comment_lines(text) == []
    assert comment_lines(text + "# a note\n") == [3]  # the long string spans lines 1-2


# --- links and mapping targets ---------------------------------------------------------------


def test_a_link_out_of_the_data_folder_is_refused_without_its_content(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data"
    shutil.copytree(SEED, folder)
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:secret-content\n", encoding="utf-8")
    (folder / "passwd.ttl").symlink_to(secret)
    code, out, err = run(capsys, "validate", "--data", str(folder))
    assert code == 2
    assert "passwd.ttl" in err and "outside the data folder" in err
    assert "secret-content" not in out + err
    (folder / "passwd.ttl").unlink()
    inner = folder / "again.ttl"
    inner.symlink_to(sorted(SEED.glob("*.ttl"))[0].name)  # a link inside the folder is fine
    assert (folder / "again.ttl") in paths.data_files(folder)


@pytest.mark.parametrize(
    "name", ["../../x.ttl", "/etc/x.ttl", "sub/../../x.ttl", "x.txt", "", "~/x.ttl", "..\\x.ttl"]
)
def test_a_mapping_file_outside_the_data_folder_is_refused(name: str, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file ="):
        paths.inside_data_dir(tmp_path, name)


def test_a_plain_mapping_file_name_is_kept(tmp_path: Path) -> None:
    assert paths.inside_data_dir(tmp_path, "films-imported.ttl") == tmp_path / "films-imported.ttl"


# --- sheets ----------------------------------------------------------------------------------

HEADER = "hangul_title,english_title,alt_titles,year,studio,director,source\n"
GOOD_SOURCE = "http://commbooks.com/?p=3900"


@pytest.mark.parametrize(
    "cell",
    [
        '"=HYPERLINK(""http://evil.example/"",""x"")"',
        "+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd",
        "-2+3+cmd|' /C calc'!A0",
        "=1+1",
    ],
)
def test_formula_cells_are_refused_on_import(
    cell: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "films.csv"
    sheet.write_text(HEADER + f"피바다,{cell},,1968,,,{GOOD_SOURCE}\n", encoding="utf-8")
    folder = tmp_path / "data"
    folder.mkdir()
    code, _, err = run(
        capsys,
        "import",
        str(sheet),
        "--mapping",
        str(MAPPINGS / "films.toml"),
        "--data",
        str(folder),
    )
    assert code == 2
    assert f"{sheet}:2:" in err and "formula" in err
    assert list(folder.iterdir()) == []


def test_formulas_are_neutralised_on_export_and_read_back(tmp_path: Path) -> None:
    assert is_formula("=1+1") and is_formula("@x") and is_formula("+x") and is_formula("-x")
    assert not is_formula("-12") and not is_formula("+3.5") and not is_formula("Sea of Blood")
    assert neutralise("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert neutralise("'=x") == "''=x"  # a text that itself starts with the mark keeps it
    sheet = tmp_path / "films.csv"
    sheet.write_text(HEADER + f"피바다,'=Sea of Blood,,1968,,,{GOOD_SOURCE}\n", encoding="utf-8")
    folder = tmp_path / "data"
    folder.mkdir()
    mapping = str(MAPPINGS / "films.toml")
    assert main(["import", str(sheet), "--mapping", mapping, "--data", str(folder)]) == 0
    assert "=Sea of Blood" in (folder / "films-imported.ttl").read_text(encoding="utf-8")
    assert "'=Sea of Blood" not in (folder / "films-imported.ttl").read_text(encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["export", str(out), "--mapping", mapping, "--data", str(folder)]) == 0
    exported = out.read_text(encoding="utf-8")
    assert "'=Sea of Blood" in exported
    assert ",=Sea" not in exported


def test_a_huge_cell_and_an_unreadable_sheet_are_clear_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mapping = str(MAPPINGS / "films.toml")
    folder = tmp_path / "data"
    folder.mkdir()
    for size in (MAX_CELL + 1, 10 * 1024 * 1024):
        sheet = tmp_path / f"big{size}.csv"
        sheet.write_text(HEADER + f"피바다,{'x' * size},,1968,,,{GOOD_SOURCE}\n", encoding="utf-8")
        code, _, err = run(
            capsys, "import", str(sheet), "--mapping", mapping, "--data", str(folder)
        )
        assert code == 2
        assert f"{sheet}:2:" in err
    directory = tmp_path / "folder.csv"
    directory.mkdir()
    code, _, err = run(
        capsys, "import", str(directory), "--mapping", mapping, "--data", str(folder)
    )
    assert code == 2 and str(directory) in err
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\xff\xfe\x00bad")
    code, _, err = run(capsys, "import", str(binary), "--mapping", mapping, "--data", str(folder))
    assert code == 2 and "UTF-8" in err
    assert list(folder.iterdir()) == []
