"""Records with tracks through a mapping: entities per row, links, unknowns, films looked up."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from dprkfilm_graph.errors import InputError
from dprkfilm_graph.graph import build_graph
from dprkfilm_graph.load import load_data
from dprkfilm_graph.namespaces import DFO, FILM, MO, RDF, SCHEMA
from dprkfilm_graph.paths import data_files
from dprkfilm_graph.tabular.mapping import load_mapping
from dprkfilm_graph.tabular.merge import import_sheet

ROOT = Path(__file__).resolve().parents[1]
RECORDS = ROOT / "mappings" / "records.toml"
HEADER = (
    "release_title,label,catalog_number,year,disc,position,track_title,matrix,performer,"
    "performing_group,song_title,song_title_ko,film,source\n"
)


def _sheet(tmp_path: Path, *rows: str) -> Path:
    sheet = tmp_path / "records.csv"
    sheet.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return sheet


def test_a_track_row_makes_release_disc_track_recording_and_song_linked_by_claims(
    seed_copy: Path, tmp_path: Path
) -> None:
    sheet = _sheet(
        tmp_path,
        "Film Songs,Korean Record,KR-1,1980,1,A1,Song of Steps,Mx 1-2,Ri Ok-hui,,"
        "Song of Steps,첫걸음의 노래,첫걸음,https://example.org/catalogue",
    )
    result = import_sheet(load_mapping(RECORDS), sheet, data_dir=seed_copy)
    assert result.written
    graph = build_graph(load_data(data_files(seed_copy)))
    release = URIRef("https://w3id.org/dprkfilm/release/film-songs-korean-record-kr-1-1980")
    disc = URIRef(str(release).replace("/release/", "/disc/") + "-1")
    track = URIRef(str(disc).replace("/disc/", "/track/") + "-a1-song-of-steps")
    recording = URIRef(str(track).replace("/track/", "/recording/"))
    song = URIRef("https://w3id.org/dprkfilm/song/첫걸음의-노래-song-of-steps")
    assert (release, MO.record, disc) in graph
    assert (disc, MO.track, track) in graph
    assert (track, MO.publication_of, recording) in graph
    assert (recording, SCHEMA.recordingOf, song) in graph
    assert (track, DFO.matrixNumber, Literal("Mx 1-2")) in graph
    assert (song, DFO.songFromFilm, FILM["first-steps"]) in graph  # found by its Hangul title
    assert (release, RDF.type, MO.Release) in graph
    label = graph.value(release, SCHEMA.recordLabel)
    assert label is not None and (label, RDF.type, MO.Label) in graph


def test_an_empty_release_title_is_stated_unknown(seed_copy: Path) -> None:
    example = ROOT / "mappings" / "examples" / "records.csv"
    import_sheet(load_mapping(RECORDS), example, data_dir=seed_copy)
    graph = load_data(data_files(seed_copy)).graph
    release = URIRef("https://w3id.org/dprkfilm/release/korean-record-1973")
    unknown = [
        c
        for c in graph.subjects(RDF.subject, release)
        if graph.value(c, RDF.predicate) == SCHEMA.name
    ]
    assert unknown and all(graph.value(c, DFO.valueStatus) == DFO.UnknownValue for c in unknown)
    assert len(list(graph.objects(release, MO.record))) == 0  # links are claims, not triples
    discs = {
        graph.value(c, RDF.object)
        for c in graph.subjects(RDF.predicate, MO.record)
        if graph.value(c, RDF.subject) == release
    }
    assert discs == {URIRef("https://w3id.org/dprkfilm/disc/korean-record-1973")}


def test_a_film_not_in_the_graph_is_a_row_error_and_nothing_is_written(
    seed_copy: Path, tmp_path: Path
) -> None:
    sheet = _sheet(
        tmp_path,
        "Film Songs,Korean Record,KR-1,1980,1,A1,X,,,,X,,없는 영화,https://example.org/c",
    )
    before = {p.name: p.read_bytes() for p in seed_copy.iterdir()}
    with pytest.raises(InputError, match=r":2: column film: no film titled '없는 영화'"):
        import_sheet(load_mapping(RECORDS), sheet, data_dir=seed_copy)
    assert {p.name: p.read_bytes() for p in seed_copy.iterdir()} == before


def test_importing_the_records_example_twice_changes_nothing(seed_copy: Path) -> None:
    example = ROOT / "mappings" / "examples" / "records.csv"
    assert import_sheet(load_mapping(RECORDS), example, data_dir=seed_copy).written
    before = {p.name: p.read_bytes() for p in seed_copy.iterdir()}
    assert not import_sheet(load_mapping(RECORDS), example, data_dir=seed_copy).written
    assert {p.name: p.read_bytes() for p in seed_copy.iterdir()} == before


def test_a_child_entity_needs_a_parent_and_a_link(tmp_path: Path) -> None:
    bad = tmp_path / "m.toml"
    bad.write_text(
        '[[entity]]\nid = "release"\ntype = "release"\nkey = ["t"]\n'
        '[[entity]]\nid = "disc"\ntype = "disc"\nkey = ["t", "d"]\n'
        '[[column]]\nname = "t"\nproperty = "schema:name"\n'
        '[[column]]\nname = "d"\nof = "disc"\nproperty = "mo:record_number"\n'
    )
    with pytest.raises(InputError, match="names its parent"):
        load_mapping(bad)
