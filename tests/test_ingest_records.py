"""The public records table: cell rules, the import into a small data copy, and the shipped rows."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from dprkfilm_graph import paths
from dprkfilm_graph.cli import main
from dprkfilm_graph.ingest.discography import import_discography
from dprkfilm_graph.ingest.records import listed_songs, normalize_records
from dprkfilm_graph.load import load_data
from dprkfilm_graph.namespaces import DCTERMS, DFO, FILM, MO, PROV, RDF, SCHEMA
from dprkfilm_graph.validate import Severity, validate

ROOT = Path(__file__).resolve().parents[1]
SMALL = ROOT / "tests" / "fixtures" / "importing" / "records-small.tsv"
TABLE = ROOT / "mappings" / "sheets" / "dprk-records.tsv"


def _table_rows() -> list[dict[str, str]]:
    with TABLE.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_cells_become_plain_columns_and_remarks_are_left_out() -> None:
    sheets = normalize_records(SMALL)
    assert [r["name"] for r in sheets.labels] == ["National Record Production Center, Pyongyang"]
    moranbong, sancheonga, compilation = sheets.releases
    # A Latin title standing for the Hangul beside it is Korean in Latin letters, not English.
    assert moranbong["track_title_latn"] == "Moranbong" and moranbong["track_title"] == ""
    assert moranbong["song_title_ko"] == "모란봉"
    assert moranbong["matrix"] == "Mx 60127-56129"
    # "(voice)" is a remark on a part, not part of a name.
    assert moranbong["performer"] == "Jang Ok-nyeo; Kim Gil-nyeo; Park Hee-seon"
    # Hangul the compiler reconstructed is never a source's title.
    assert sancheonga["song_title_ko"] == ""
    assert sancheonga["song_title_reconstructed"] == "산천가"
    assert compilation["catalog_number"] == "SF023" and compilation["year"] == "2005"
    assert compilation["performer"] == ""
    (song,) = sheets.songs
    assert (song["title"], song["gloss"]) == ("", "Song of the First Steps")
    assert song["film"] == "첫걸음"
    assert moranbong["year"] == "" and moranbong["year_stated"] == "1950s-early 1960s"
    assert any(
        "'various (compiled by Christiaan Virant)' names nobody" in d for d in sheets.dropped
    )


def test_songs_listed_in_a_note_are_read_with_their_apostrophes_and_gloss() -> None:
    note = (
        "Some discs are on Discogs. Tracks incl. 'Going Rice Harvesting', 'I'll Live a Meaningful"
        " Life', 'My Country Overflows With The Leader's Love', '수령님이 주신 새교복' (New School"
        " Uniform Given by the Leader; Hangul recovered from mojibake)."
    )
    assert listed_songs(note) == [
        ("Going Rice Harvesting", ""),
        ("I'll Live a Meaningful Life", ""),
        ("My Country Overflows With The Leader's Love", ""),
        ("수령님이 주신 새교복", "New School Uniform Given by the Leader"),
    ]
    assert listed_songs("Western release; tracks incl. 'The General'.") == [("The General", "")]
    # "incl." without quoted titles names no song; a remark after a Latin title is no gloss
    assert listed_songs("Western compilation incl. TV drama sound; not vinyl.") == []
    assert listed_songs("Songs incl. 'Toraji' (a folk song).") == [("Toraji", "")]


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("records") / "data"
    shutil.copytree(ROOT / "tests" / "fixtures" / "seed", folder)
    import_discography(SMALL, data_dir=folder)
    return folder


def _graph(folder: Path) -> Graph:
    return Graph().parse(folder / "dprk-records.ttl", format="turtle")


def _claimed(graph: Graph, subject: Node | None, predicate: URIRef) -> set[Node | None]:
    return {
        graph.value(c, RDF.object)
        for c in graph.subjects(RDF.subject, subject)
        if graph.value(c, RDF.predicate) == predicate
    }


def _claiming(graph: Graph, predicate: URIRef, obj: Node | None) -> set[Node | None]:
    """The subjects claimed to have `predicate` `obj` (links are claims, like any fact)."""
    return {
        graph.value(c, RDF.subject)
        for c in graph.subjects(RDF.object, obj)
        if graph.value(c, RDF.predicate) == predicate
    }


def _one(graph: Graph, kind: URIRef, predicate: URIRef, value: Literal) -> URIRef:
    found = {
        s
        for s in graph.subjects(RDF.type, kind)
        if isinstance(s, URIRef) and value in _claimed(graph, s, predicate)
    }
    assert len(found) == 1, (kind, value, found)
    return found.pop()


def test_a_disc_side_is_a_track_on_a_disc_of_a_release_with_its_recording_and_song(
    imported: Path,
) -> None:
    g = _graph(imported)
    track = _one(g, MO.Track, DFO.matrixNumber, Literal("Mx 60127-56129"))
    (disc,) = _claiming(g, MO.track, track)
    (release,) = _claiming(g, MO.record, disc)
    assert (release, RDF.type, MO.Release) in g
    label = _one(
        g,
        SCHEMA.Organization,
        SCHEMA.name,
        Literal("National Record Production Center, Pyongyang", lang="en"),
    )
    assert _claimed(g, release, SCHEMA.recordLabel) == {label}
    (recording,) = _claimed(g, track, MO.publication_of)
    (song,) = _claimed(g, recording, SCHEMA.recordingOf)
    assert Literal("모란봉", lang="ko") in _claimed(g, song, SCHEMA.name)
    assert len(_claimed(g, recording, SCHEMA.byArtist)) == 3
    # The source gives no title for the record: stated unknown, not missing.
    unknown = [
        c for c in g.subjects(RDF.subject, release) if g.value(c, RDF.predicate) == SCHEMA.name
    ]
    assert unknown and all(g.value(c, DFO.valueStatus) == DFO.UnknownValue for c in unknown)


def test_an_inexact_year_is_an_unknown_value_in_the_sources_words(imported: Path) -> None:
    g = _graph(imported)
    track = _one(g, MO.Track, DFO.matrixNumber, Literal("Mx 60127-56129"))
    (disc,) = _claiming(g, MO.track, track)
    (release,) = _claiming(g, MO.record, disc)
    dates = [
        c
        for c in g.subjects(RDF.subject, release)
        if g.value(c, RDF.predicate) == SCHEMA.datePublished
    ]
    assert len(dates) == 1
    assert g.value(dates[0], DFO.valueStatus) == DFO.UnknownValue
    assert g.value(dates[0], DFO.statedAs) == Literal("1950s-early 1960s")


def test_a_release_format_is_a_schema_term_with_the_sources_words(imported: Path) -> None:
    g = _graph(imported)
    release = _one(g, MO.Release, SCHEMA.catalogNumber, Literal("SF023"))
    formats = [
        c
        for c in g.subjects(RDF.subject, release)
        if g.value(c, RDF.predicate) == SCHEMA.musicReleaseFormat
    ]
    assert [g.value(c, RDF.object) for c in formats] == [SCHEMA.CDFormat]
    assert g.value(formats[0], DFO.statedAs) == Literal("CD")


def test_a_reconstructed_title_and_a_gloss_are_only_unattested(imported: Path) -> None:
    g = _graph(imported)
    for value, lang in (("산천가", "ko"), ("Song of the First Steps", "en")):
        claims = list(g.subjects(RDF.object, Literal(value, lang=lang)))
        assert claims, value
        assert {g.value(c, RDF.predicate) for c in claims} == {DFO.unattestedTranslation}


def test_a_film_song_is_linked_to_the_existing_film_not_a_new_one(imported: Path) -> None:
    g = _graph(imported)
    song = _one(g, SCHEMA.MusicComposition, SCHEMA.name, Literal("첫걸음의 노래", lang="ko"))
    assert _claimed(g, song, DFO.songFromFilm) == {FILM["first-steps"]}
    assert (FILM["first-steps"], RDF.type, SCHEMA.Movie) not in g


def test_every_claim_has_a_source_and_the_copy_validates(imported: Path) -> None:
    g = _graph(imported)
    claims = set(g.subjects(RDF.type, DFO.Claim))
    assert claims
    for claim in claims:
        source = g.value(claim, PROV.wasDerivedFrom)
        assert source is not None, claim
    report = validate(load_data(paths.data_files(imported)))
    assert not [r for r in report.results if r.severity is Severity.VIOLATION]


def test_importing_again_changes_no_byte_and_a_dry_run_writes_nothing(
    imported: Path, tmp_path: Path
) -> None:
    before = {p.name: p.read_bytes() for p in imported.glob("*.ttl")}
    again = import_discography(SMALL, data_dir=imported)
    assert not any(step.written for step in again.steps.values())
    assert {p.name: p.read_bytes() for p in imported.glob("*.ttl")} == before
    fresh = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "fixtures" / "seed", fresh)
    listing = sorted(p.name for p in fresh.iterdir())
    import_discography(SMALL, data_dir=fresh, dry_run=True)
    assert sorted(p.name for p in fresh.iterdir()) == listing


def test_ingest_records_refuses_a_missing_column_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("type\ttitle_english\nlabel\tX\n", encoding="utf-8")
    data = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "fixtures" / "seed", data)
    before = {p.name: p.read_bytes() for p in data.glob("*.ttl")}
    code = main(["ingest", "records", str(bad), "--data", str(data)])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert "bad.tsv" in err and "source" in err
    assert {p.name: p.read_bytes() for p in data.glob("*.ttl")} == before


# The shipped data: every row of the public table is in data/ or reported as left out.


@pytest.fixture(scope="module")
def shipped() -> Graph:
    return Graph().parse(paths.data_dir() / "dprk-records.ttl", format="turtle")


def test_every_label_and_matrix_number_of_the_table_is_shipped(shipped: Graph) -> None:
    rows = _table_rows()
    labels = {
        str(o)
        for c in shipped.subjects(RDF.predicate, SCHEMA.name)
        if (o := shipped.value(c, RDF.object)) is not None
    }
    for row in rows:
        if row["type"] == "label":
            assert row["label_or_issuer"] in labels, row["label_or_issuer"]
    matrices = {str(o) for o in _objects_of_claims(shipped, DFO.matrixNumber)}
    expected = {r["catalog_or_matrix"] for r in rows if r["type"] == "track"}
    assert expected and expected == matrices
    catalogue = {str(o) for o in _objects_of_claims(shipped, SCHEMA.catalogNumber)}
    assert "SF023" in catalogue


def _objects_of_claims(graph: Graph, predicate: URIRef) -> list[object]:
    return [graph.value(c, RDF.object) for c in graph.subjects(RDF.predicate, predicate)]


def test_every_film_song_is_shipped_with_its_hangul_title_and_film(shipped: Graph) -> None:
    everything = load_data(paths.data_files()).graph
    for row in _table_rows():
        if row["type"] != "song" or not row["title_hangul"]:
            continue
        song = _one(
            shipped, SCHEMA.MusicComposition, SCHEMA.name, Literal(row["title_hangul"], lang="ko")
        )
        films = _claimed(shipped, song, DFO.songFromFilm)
        assert len(films) == 1, row["title_hangul"]
        (film,) = films
        assert (film, RDF.type, SCHEMA.Movie) in everything
        assert shipped.value(song, DCTERMS.source) is not None


def test_songs_a_record_lists_are_recordings_on_it_without_disc_or_side(shipped: Graph) -> None:
    """The box set's note lists nine songs: each is a recording on the release (schema:track, a
    stated claim with the note's source) of a song with the listed title; none invents a disc."""
    row = next(r for r in _table_rows() if r["title_english"].startswith("Box set"))
    listed = listed_songs(row["note"])
    assert len(listed) == 9
    (release,) = {
        s
        for c in shipped.subjects(RDF.predicate, SCHEMA.description)
        if str(shipped.value(c, RDF.object)) == row["title_english"]
        and (s := shipped.value(c, RDF.subject)) is not None
    }
    recordings = _claimed(shipped, release, SCHEMA.track)
    assert len(recordings) == len(listed)
    titles = set()
    for recording in recordings:
        assert (recording, RDF.type, SCHEMA.MusicRecording) in shipped
        (song,) = _claimed(shipped, recording, SCHEMA.recordingOf)
        titles |= {str(t) for t in _claimed(shipped, song, SCHEMA.name)}
    assert titles == {title for title, _ in listed}
    assert not _claimed(shipped, release, MO.record)
    hangul = _one(
        shipped, SCHEMA.MusicComposition, SCHEMA.name, Literal("수령님이 주신 새교복", lang="ko")
    )
    gloss = _claimed(shipped, hangul, DFO.unattestedTranslation)
    assert gloss == {Literal("New School Uniform Given by the Leader", lang="en")}
