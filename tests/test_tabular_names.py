"""Names in cells (Hangul in brackets, foreign names), a source's inexact words, and sources
already described in data/."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from dprkfilm_graph import paths
from dprkfilm_graph.errors import InputError
from dprkfilm_graph.graph import build_graph
from dprkfilm_graph.korean.surnames import is_korean_name
from dprkfilm_graph.load import load_data
from dprkfilm_graph.namespaces import DCTERMS, DFO, PERSON, PROV, RDF, RDFS, SCHEMA, SOURCE
from dprkfilm_graph.tabular.convert import source_iri, split_bracketed
from dprkfilm_graph.tabular.export import export_sheet
from dprkfilm_graph.tabular.mapping import load_mapping
from dprkfilm_graph.tabular.merge import import_sheet

ROOT = Path(__file__).resolve().parents[1]
FILMS = load_mapping(ROOT / "mappings" / "films.toml")
HEADER = "hangul_title,english_title,alt_titles,year,studio,director,source\n"
POST = "https://northkoreanfilms.com/page/2/"  # the seed's source:vinyl-post


def _sheet(tmp_path: Path, *rows: str) -> Path:
    sheet = tmp_path / "films.csv"
    sheet.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return sheet


def _imported(folder: Path) -> Graph:
    return Graph().parse(folder / FILMS.file, format="turtle")


def _names(graph: Graph, entity: URIRef) -> set[Literal]:
    return {
        o
        for c in graph.subjects(RDF.subject, entity)
        if graph.value(c, RDF.predicate) == SCHEMA.name
        and isinstance(o := graph.value(c, RDF.object), Literal)
    }


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Jo Kyong-sun (조경순)", ("Jo Kyong-sun", ["조경순"])),
        ("Yun Ryong-gyu (윤용규/윤룡규)", ("Yun Ryong-gyu", ["윤용규", "윤룡규"])),
        ("Shin Sang-ok", ("Shin Sang-ok", [])),
        ("  Phyo Kwang ( 표광 ) ", ("Phyo Kwang", ["표광"])),
    ],
)
def test_a_bracket_after_a_name_gives_its_other_forms(
    cell: str, expected: tuple[str, list[str]]
) -> None:
    assert split_bracketed(cell) == expected


@pytest.mark.parametrize(
    "name",
    ["Kim Gwang-hun", "Phyo Kwang", "Ryom Song-guk", "Om Gil-son", "Choe Ik-gyu", "Lee Yeon-ok"],
)
def test_korean_names_in_latin_letters_are_told_by_their_surname(name: str) -> None:
    assert is_korean_name(name)


@pytest.mark.parametrize("name", ["Nicholas Bonner", "Anja Daelemans", "Eldor Urazbayev", ""])
def test_foreign_names_are_not_korean(name: str) -> None:
    assert not is_korean_name(name)


def test_a_director_is_named_in_latin_letters_and_in_hangul_and_a_foreigner_untagged(
    seed_copy: Path, tmp_path: Path
) -> None:
    sheet = _sheet(
        tmp_path,
        "월미도,Wolmi Island,,1982,2.8 Film Studio (조선2.8예술영화촬영소),"
        "Jo Kyong-sun (조경순); Nicholas Bonner,https://example.org/wolmi",
    )
    import_sheet(FILMS, sheet, data_dir=seed_copy)
    g = _imported(seed_copy)
    jo = PERSON["jo-kyong-sun"]  # the IRI comes from the name, never from the bracket
    assert _names(g, jo) == {Literal("Jo Kyong-sun", lang="ko-Latn"), Literal("조경순", lang="ko")}
    assert _names(g, PERSON["nicholas-bonner"]) == {Literal("Nicholas Bonner")}
    studios = {g.value(c, RDF.object) for c in g.subjects(RDF.predicate, SCHEMA.productionCompany)}
    (studio,) = studios
    assert isinstance(studio, URIRef)
    assert Literal("조선2.8예술영화촬영소", lang="ko") in _names(g, studio)


def test_a_changed_name_cell_replaces_the_names_the_row_gave(
    seed_copy: Path, tmp_path: Path
) -> None:
    first = _sheet(tmp_path, "월미도,Wolmi Island,,1982,,Jo Kyong-sun,https://example.org/wolmi")
    import_sheet(FILMS, first, data_dir=seed_copy)
    second = _sheet(
        tmp_path, "월미도,Wolmi Island,,1982,,Jo Kyong-sun (조경순),https://example.org/wolmi"
    )
    result = import_sheet(FILMS, second, data_dir=seed_copy)
    assert result.written
    names = _names(_imported(seed_copy), PERSON["jo-kyong-sun"])
    assert names == {Literal("Jo Kyong-sun", lang="ko-Latn"), Literal("조경순", lang="ko")}


def test_a_page_the_data_already_describes_is_cited_as_that_source(
    seed_copy: Path, tmp_path: Path
) -> None:
    sheet = _sheet(tmp_path, f"첫걸음,First Steps,,,,,{POST}")
    import_sheet(FILMS, sheet, data_dir=seed_copy)
    g = _imported(seed_copy)
    cited = set(g.objects(None, PROV.wasDerivedFrom))
    assert cited == {SOURCE["vinyl-post"]}
    assert (source_iri(POST), None, None) not in g
    assert not list(g.subjects(SCHEMA.url, URIRef(POST)))


def test_a_web_page_source_gives_way_to_a_source_described_later(
    seed_copy: Path, tmp_path: Path
) -> None:
    url = "https://example.org/wolmi"
    sheet = _sheet(tmp_path, f"월미도,Wolmi Island,,1982,,Jo Kyong-sun,{url}")
    import_sheet(FILMS, sheet, data_dir=seed_copy)
    minted = source_iri(url)
    assert (minted, SCHEMA.url, URIRef(url)) in _imported(seed_copy)
    curated = SOURCE["wolmi-review"]
    (seed_copy / "more-sources.ttl").write_text(
        f"<{curated}> a <{SCHEMA.Review}>, <{PROV.Entity}> ;\n"
        f"    <{SCHEMA.url}> <{url}> ;\n"
        f'    <{RDFS.label}> "A review" ;\n'
        f"    <{SCHEMA.author}> <{PERSON['vinyl-post-author']}> .\n",
        encoding="utf-8",
    )
    result = import_sheet(FILMS, sheet, data_dir=seed_copy)
    assert result.written
    g = _imported(seed_copy)
    assert set(g.objects(None, PROV.wasDerivedFrom)) == {curated}
    assert set(g.objects(None, DCTERMS.source)) == {curated}
    assert (minted, None, None) not in g
    again = import_sheet(FILMS, sheet, data_dir=seed_copy)
    assert not again.written


STATED_MAPPING = """
name = "films-stated"
type = "film"
file = "films-stated.ttl"
key = ["english_title"]

[source]
column = "source"

[[column]]
name = "english_title"
property = "schema:name"
language = "en"
required = true

[[column]]
name = "year"
property = "schema:datePublished"
datatype = "xsd:gYear"

[[column]]
name = "year_stated"
property = "schema:datePublished"
unknown_stated_as = true
"""


def test_a_rough_year_is_kept_as_an_unknown_value_in_its_words_and_exported_back(
    tmp_path: Path,
) -> None:
    mapping_path = tmp_path / "stated.toml"
    mapping_path.write_text(STATED_MAPPING, encoding="utf-8")
    mapping = load_mapping(mapping_path)
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "english_title,year,year_stated,source\n"
        "Rolling Workers,,1980s,https://example.org/a\n"
        "Wolmi Island,1982,,https://example.org/b\n",
        encoding="utf-8",
    )
    folder = tmp_path / "data"
    folder.mkdir()
    import_sheet(mapping, sheet, data_dir=folder)
    g = Graph().parse(folder / "films-stated.ttl", format="turtle")
    (claim,) = [
        c
        for c in g.subjects(RDF.predicate, SCHEMA.datePublished)
        if g.value(c, DFO.valueStatus) == DFO.UnknownValue
    ]
    assert g.value(claim, DFO.statedAs) == Literal("1980s")
    assert g.value(claim, RDF.object) is None  # never a made-up year
    out = tmp_path / "out.csv"
    export_sheet(mapping, build_graph(load_data(paths.data_files(folder))), out)
    assert sorted(out.read_text(encoding="utf-8").splitlines()[1:]) == sorted(
        sheet.read_text(encoding="utf-8").splitlines()[1:]
    )


def test_unknown_stated_as_with_a_datatype_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        STATED_MAPPING.replace(
            "unknown_stated_as = true", 'unknown_stated_as = true\ndatatype = "xsd:gYear"'
        ),
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="unknown_stated_as"):
        load_mapping(bad)


def test_a_term_in_the_sheets_words_is_kept_with_them_and_exported_back(tmp_path: Path) -> None:
    mapping_path = tmp_path / "formats.toml"
    mapping_path.write_text(
        STATED_MAPPING + '\n[[column]]\nname = "format"\nproperty = "schema:musicReleaseFormat"\n'
        'terms = { LP = "schema:VinylFormat", CD = "schema:CDFormat" }\n',
        encoding="utf-8",
    )
    mapping = load_mapping(mapping_path)
    sheet = tmp_path / "sheet.csv"
    good = [
        "english_title,year,year_stated,format,source",
        "Wolmi Island,1982,,LP (red vinyl),https://example.org/b",
        "Salt,1985,,cd,https://example.org/d",
    ]
    sheet.write_text("\n".join([*good, "Sea of Blood,1969,,cassette,https://example.org/c"]) + "\n")
    folder = tmp_path / "data"
    folder.mkdir()
    with pytest.raises(InputError, match=r":4: column format: 'cassette' names none of: LP, CD"):
        import_sheet(mapping, sheet, data_dir=folder)
    assert list(folder.iterdir()) == []
    sheet.write_text("\n".join(good) + "\n", encoding="utf-8")
    import_sheet(mapping, sheet, data_dir=folder)
    g = Graph().parse(folder / "films-stated.ttl", format="turtle")
    said = {
        (g.value(c, RDF.object), str(g.value(c, DFO.statedAs)))
        for c in g.subjects(RDF.predicate, SCHEMA.musicReleaseFormat)
    }
    assert said == {(SCHEMA.VinylFormat, "LP (red vinyl)"), (SCHEMA.CDFormat, "cd")}
    out = tmp_path / "out.csv"
    export_sheet(mapping, build_graph(load_data(paths.data_files(folder))), out)
    assert sorted(out.read_text(encoding="utf-8").splitlines()[1:]) == sorted(good[1:])


def test_terms_must_map_words_to_curies(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        STATED_MAPPING + '\n[[column]]\nname = "f"\nproperty = "schema:musicReleaseFormat"\n'
        'terms = { LP = "VinylFormat" }\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="not a CURIE"):
        load_mapping(bad)


def test_an_entity_described_in_another_file_keeps_its_one_display_label(
    seed_copy: Path, tmp_path: Path
) -> None:
    from dprkfilm_graph.namespaces import FILM

    sheet = _sheet(tmp_path, "첫걸음,First Steps,,,,,https://example.org/first-steps")
    import_sheet(FILMS, sheet, data_dir=seed_copy)
    graph = load_data(paths.data_files(seed_copy)).graph
    assert len(list(graph.objects(FILM["first-steps"], RDFS.label))) == 1
