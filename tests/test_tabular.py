"""Spreadsheet import and export: round trip, idempotence, row-level refusals, merges."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from dprkfilm_graph.cli import main
from dprkfilm_graph.errors import InputError
from dprkfilm_graph.graph import build_graph
from dprkfilm_graph.load import load_data
from dprkfilm_graph.namespaces import DFO, FILM, PROV, RDF, SCHEMA, XSD
from dprkfilm_graph.paths import data_files
from dprkfilm_graph.tabular.mapping import load_mapping
from dprkfilm_graph.tabular.merge import import_sheet

ROOT = Path(__file__).resolve().parents[1]
MAPPINGS = ROOT / "mappings"
# Mappings shipped with an example sheet (mappings/examples/<name>.csv).
SHIPPED = sorted(
    p for p in MAPPINGS.glob("*.toml") if (MAPPINGS / "examples" / f"{p.stem}.csv").exists()
)


def _rows(path: Path) -> list[dict[str, str]]:
    delimiter = "\t" if path.suffix == ".tsv" else ","
    with path.open(encoding="utf-8", newline="") as f:
        return sorted(csv.DictReader(f, delimiter=delimiter), key=lambda r: sorted(r.items()))


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.ttl"))}


@pytest.mark.parametrize("mapping", SHIPPED, ids=lambda p: p.stem)
def test_each_shipped_example_round_trips(mapping: Path, tmp_path: Path) -> None:
    example = MAPPINGS / "examples" / f"{mapping.stem}.csv"
    folder = tmp_path / "empty"
    folder.mkdir()
    assert main(["import", str(example), "--mapping", str(mapping), "--data", str(folder)]) == 0
    out = tmp_path / "out.csv"
    assert main(["export", str(out), "--mapping", str(mapping), "--data", str(folder)]) == 0
    assert _rows(out) == _rows(example)


def test_importing_twice_changes_no_file(seed_copy: Path) -> None:
    mapping = load_mapping(MAPPINGS / "films.toml")
    example = MAPPINGS / "examples" / "films.csv"
    first = import_sheet(mapping, example, data_dir=seed_copy)
    assert first.written and first.claims_after > first.claims_before
    before = _snapshot(seed_copy)
    second = import_sheet(mapping, example, data_dir=seed_copy)
    assert not second.written
    assert _snapshot(seed_copy) == before


def test_imported_rows_are_sourced_claims_that_validate(seed_copy: Path) -> None:
    import_sheet(
        load_mapping(MAPPINGS / "films.toml"),
        MAPPINGS / "examples" / "films.csv",
        data_dir=seed_copy,
    )
    data = load_data(data_files(seed_copy))
    graph = build_graph(data)
    sea = FILM["sea-of-blood"]
    assert (sea, SCHEMA.name, Literal("피바다", lang="ko")) in graph
    assert (sea, SCHEMA.datePublished, Literal("1968", datatype=XSD.gYear)) in graph
    claims = list(graph.subjects(RDF.subject, sea))
    assert claims
    for claim in claims:
        assert (claim, DFO.method, DFO.SpreadsheetImport) in graph
        assert graph.value(claim, DFO.status) == DFO.Stated
        source = graph.value(claim, PROV.wasDerivedFrom)
        assert source is not None and graph.value(source, SCHEMA.url) is not None


def test_a_changed_row_replaces_its_claims(seed_copy: Path, tmp_path: Path) -> None:
    mapping = load_mapping(MAPPINGS / "films.toml")
    example = MAPPINGS / "examples" / "films.csv"
    import_sheet(mapping, example, data_dir=seed_copy)
    changed = tmp_path / "films.csv"
    changed.write_text(
        example.read_text(encoding="utf-8").replace(",1968,", ",1969,"), encoding="utf-8"
    )
    import_sheet(mapping, changed, data_dir=seed_copy)
    graph = build_graph(load_data(data_files(seed_copy)))
    commbooks = graph.value(predicate=SCHEMA.url, object=URIRef("http://commbooks.com/?p=3900"))
    years = {
        graph.value(claim, RDF.object)
        for claim in graph.subjects(RDF.subject, FILM["sea-of-blood"])
        if graph.value(claim, RDF.predicate) == SCHEMA.datePublished
        and (claim, DFO.method, DFO.SpreadsheetImport) in graph
        and (claim, PROV.wasDerivedFrom, commbooks) in graph
    }
    assert years == {Literal("1969", datatype=XSD.gYear)}


def test_a_row_for_a_known_film_is_merged_not_duplicated(seed_copy: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "films.csv"
    sheet.write_text(
        "hangul_title,english_title,alt_titles,year,studio,director,source\n"
        "첫걸음,The First Step Film,,,,,https://example.org/catalogue\n",
        encoding="utf-8",
    )
    result = import_sheet(load_mapping(MAPPINGS / "films.toml"), sheet, data_dir=seed_copy)
    assert result.merged == {str(FILM["the-first-step-film"]): str(FILM["first-steps"])}
    graph = build_graph(load_data(data_files(seed_copy)))
    assert (FILM["the-first-step-film"], RDF.type, SCHEMA.Movie) not in graph
    assert (FILM["first-steps"], SCHEMA.name, Literal("The First Step Film", lang="en")) in graph


def test_bad_rows_are_refused_with_row_and_column_and_nothing_changes(
    seed_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "bad.csv"
    sheet.write_text(
        "hangul_title,english_title,alt_titles,year,studio,director,source\n"
        "피바다,Sea of Blood,,nineteen,,,https://example.org/a\n"
        ",,,1970,,,https://example.org/b\n"
        "소금,Salt,,1985,,,not-a-url\n",
        encoding="utf-8",
    )
    before = _snapshot(seed_copy)
    argv = [
        "import",
        str(sheet),
        "--mapping",
        str(MAPPINGS / "films.toml"),
        "--data",
        str(seed_copy),
    ]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert f"{sheet}:2: column year:" in err and "four digits" in err
    assert f"{sheet}:3: column english_title:" in err
    assert f"{sheet}:4: column source:" in err
    assert "Traceback" not in err
    assert _snapshot(seed_copy) == before


def test_missing_columns_and_bad_mappings_are_clear_errors(tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("title\nx\n", encoding="utf-8")
    with pytest.raises(InputError, match="lacks the column"):
        import_sheet(load_mapping(MAPPINGS / "films.toml"), sheet, data_dir=tmp_path)
    bad = tmp_path / "m.toml"
    bad.write_text('type = "film"\nkey = ["x"]\n[[column]]\nname = "x"\nproperty = "nope:x"\n')
    with pytest.raises(InputError, match="known prefix"):
        load_mapping(bad)
    bad.write_text('type = "spaceship"\n')
    with pytest.raises(InputError, match="type must be"):
        load_mapping(bad)


def test_dry_run_writes_nothing(seed_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _snapshot(seed_copy)
    example, mapping = MAPPINGS / "examples" / "films.csv", MAPPINGS / "films.toml"
    argv = ["import", str(example), "--mapping", str(mapping), "--data", str(seed_copy)]
    argv.append("--dry-run")
    assert main(argv) == 0
    assert "would write" in capsys.readouterr().out
    assert _snapshot(seed_copy) == before
