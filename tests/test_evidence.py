"""Every claim credits only what its own source says: its agent is the source's, a web page is
credited only with a value its quoted words show, a table's several pages are never all credited
with a cell, and re-importing the public tables changes no byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from dprkfilm_graph import paths
from dprkfilm_graph.errors import InputError
from dprkfilm_graph.evidence import (
    ADDRESS,
    COMPILED,
    QUOTED,
    SEED,
    claim_words,
    fold,
    is_web_page,
    kind,
    person_forms,
    shows,
    value_words,
)
from dprkfilm_graph.ingest import sheets_dir
from dprkfilm_graph.ingest.discography import import_discography
from dprkfilm_graph.ingest.filmography import import_filmography
from dprkfilm_graph.ingest.quotes import read_quotes
from dprkfilm_graph.load import Data, load_data
from dprkfilm_graph.namespaces import BASE, DCTERMS, DFO, FILM, PERSON, PROV, RDF, SCHEMA, XSD
from dprkfilm_graph.paths import data_files
from dprkfilm_graph.stats import stats
from dprkfilm_graph.tabular.convert import dataset_iri, source_iri
from dprkfilm_graph.tabular.mapping import load_mapping
from dprkfilm_graph.tabular.merge import import_sheet

CREDITED = (SCHEMA.author, SCHEMA.publisher, SCHEMA.contributor)


def _claims(graph: Graph) -> list[URIRef]:
    return sorted(c for c in graph.subjects(RDF.type, DFO.Claim) if isinstance(c, URIRef))


# --- the shipped data ----------------------------------------------------------------------------


def test_every_claims_agent_is_its_own_sources_author_publisher_or_contributor(
    shipped_data: Data,
) -> None:
    graph = shipped_data.graph
    wrong = []
    for claim in _claims(graph):
        if graph.value(claim, DFO.method) == DFO.Reconciliation:
            continue  # a link the matcher or reviewer made, not a source's statement
        for source in graph.objects(claim, PROV.wasDerivedFrom):
            credited = {a for p in CREDITED for a in graph.objects(source, p)}
            for agent in graph.objects(claim, PROV.wasAttributedTo):
                if agent not in credited:
                    wrong.append((claim, agent, source))
    assert wrong == []
    assert len(_claims(graph)) > 600  # the check ran over the whole shipped graph


def test_every_web_page_claim_quotes_the_page_and_the_quote_shows_its_value(
    shipped_data: Data,
) -> None:
    graph = shipped_data.graph
    checked = 0
    for claim in _claims(graph):
        pages = [s for s in graph.objects(claim, PROV.wasDerivedFrom) if is_web_page(graph, s)]
        if not pages:
            continue
        quote = graph.value(claim, DFO.statedAs)
        assert quote is not None, f"{claim} credits {pages[0]} without its words"
        value = graph.value(claim, RDF.object)
        if value is None:  # an inexact value: the words are what the page says of it
            continue
        if isinstance(value, URIRef) and not value.startswith(BASE):
            continue  # a vocabulary term (schema:VinylFormat): the words are what named it
        words = claim_words(graph, claim)
        assert any(shows(str(quote), w) for w in words), (claim, str(quote), words)
        checked += 1
    assert checked > 150


def test_the_public_tables_are_sources_with_their_compiler_date_and_pages(
    shipped_data: Data,
) -> None:
    graph = shipped_data.graph
    for mapping in ("dprk-films", "dprk-records"):
        dataset = load_mapping(paths.root() / "mappings" / "ingest" / f"{mapping}.toml").dataset
        assert dataset is not None
        table = dataset_iri(dataset)
        assert (table, RDF.type, SCHEMA.Dataset) in graph
        assert graph.value(table, SCHEMA.dateCreated) == Literal(dataset.date, datatype=XSD.date)
        compiler = graph.value(table, SCHEMA.author)
        assert compiler is not None and (compiler, RDF.type, PROV.Agent) in graph
        pages = set(graph.objects(table, PROV.wasDerivedFrom))
        assert len(pages) > 5 and all((p, SCHEMA.url, None) in graph for p in pages)
        compiled = list(graph.subjects(PROV.wasDerivedFrom, table))
        assert compiled and all(
            graph.value(c, DFO.method) == DFO.CompiledFrom
            and graph.value(c, PROV.wasAttributedTo) == compiler
            for c in compiled
            if (c, RDF.type, DFO.Claim) in graph
        )


def test_a_wrong_address_is_corrected_and_a_page_is_credited_only_with_its_own_film(
    shipped_data: Data,
) -> None:
    graph = shipped_data.graph
    flower_girl_page = source_iri("http://miff.com.au/festival-archive/film/24981")
    claims = set(_claims(graph)) & set(graph.subjects(PROV.wasDerivedFrom, flower_girl_page))
    films = {graph.value(c, RDF.subject) for c in claims}
    assert films & set(graph.subjects(RDF.type, SCHEMA.Movie)) == {FILM["the-flower-girl"]}


def test_competing_years_found_while_verifying_stand_with_their_quotes(
    shipped_data: Data,
) -> None:
    graph = shipped_data.graph
    years: dict[str, set[str]] = {}
    for claim in graph.subjects(RDF.subject, FILM["pulgasari"]):
        if graph.value(claim, RDF.predicate) == SCHEMA.datePublished:
            source = graph.value(claim, PROV.wasDerivedFrom)
            years.setdefault(str(graph.value(claim, RDF.object)), set()).add(str(source))
            assert kind(graph, claim) == QUOTED
    assert set(years) == {"1985", "1986"}


def test_stats_count_every_claim_once_by_its_kind_of_evidence(shipped_data: Data) -> None:
    counted = stats(shipped_data.graph)
    assert sum(counted.evidence.values()) == counted.claims
    assert counted.evidence[QUOTED] > 150 and counted.evidence[COMPILED] > 100


# --- quotes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quote", "value", "shown"),
    [
        ("‘피 묻은 약패’는 2002년 만들어진", "피묻은 약패", True),
        ("1978–1981 Unknown Heroes", "1978-1981", True),
        ("Released: 1987-05-01", "1987", True),
        ("Directed by JO KYONG SUN", "Jo Kyong-sun", True),
        ("Choe lk-gyu", "Choe Ik-gyu", False),
        ("(86년)", "1986", False),
        ("anything", "", False),
    ],
)
def test_a_quote_shows_a_value_up_to_spacing_case_and_punctuation(
    quote: str, value: str, shown: bool
) -> None:
    assert shows(quote, value) is shown
    assert fold("Ch’ŏt-kŏrŭm") == "chotkorum"


def test_a_persons_name_may_be_shown_given_name_first() -> None:
    quote = "1978 Centre Forward 중앙공격수 Kil-in Kim, Chong-Song Pak In Son Cha"
    assert any(shows(quote, form) for form in person_forms("Kim Kil-in"))
    assert any(shows(quote, form) for form in person_forms("Pak Chong-song"))
    assert not any(shows(quote, form) for form in person_forms("Pak Kil-in"))
    assert person_forms("신상옥") == ["신상옥"]


def test_every_shipped_quote_shows_its_value() -> None:
    quotes = [
        *read_quotes(sheets_dir() / "dprk-films-quotes.tsv"),
        *read_quotes(sheets_dir() / "dprk-records-quotes.tsv"),
    ]
    assert len(quotes) > 100


def test_a_quote_that_does_not_show_its_value_is_refused_with_its_line(tmp_path: Path) -> None:
    sheet = tmp_path / "quotes.tsv"
    sheet.write_text(
        "row\tcolumn\tvalue\tsource\tquote\n"
        "Salt\tyear\t1985\thttps://example.org/salt\tSalt, a film by Shin Sang-ok\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        read_quotes(sheet)
    assert ":2:" in str(caught.value) and "1985" in str(caught.value)


# --- the importer's per-cell sources --------------------------------------------------------------

QUOTED_MAPPING = """
name = "films-quoted"
type = "film"
file = "films-quoted.ttl"
key = ["english_title"]

[source]
column = "source"
separator = " | "
{dataset}
[[column]]
name = "english_title"
property = "schema:name"
language = "en"
required = true

[[column]]
name = "year"
source = "year_source"
quote = "year_quote"
property = "schema:datePublished"
datatype = "xsd:gYear"

[[column]]
name = "director"
source = "director_source"
quote = "director_quote"
property = "schema:director"
entity = "person"
entity_language = "ko-Latn"
bracketed_language = "ko"
separator = "; "
"""

DATASET = """
[dataset]
id = "a-test-table"
title = "A table compiled from pages"
sheet = "films.csv"
compiler = "A Compiler"
compiler_id = "a-compiler"
date = "2026-01-02"
"""

HEADER = "english_title,year,year_source,year_quote,director,director_source,director_quote,source"
A, B, C = "https://a.example.org/film", "https://b.example.org/list", "https://c.example.org/news"


def _import(tmp: Path, folder: Path, rows: list[str], dataset: bool) -> Graph:
    mapping = tmp / "films-quoted.toml"
    mapping.write_text(QUOTED_MAPPING.format(dataset=DATASET if dataset else ""), encoding="utf-8")
    sheet = tmp / "films.csv"
    sheet.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    import_sheet(load_mapping(mapping), sheet, data_dir=folder)
    return load_data(data_files(folder)).graph


def _claims_of(
    graph: Graph, prop: URIRef
) -> dict[str, tuple[Node | None, str | None, Node | None]]:
    """Salt's claims of `prop`: value -> (source, quote, agent)."""
    found = {}
    for claim in graph.subjects(RDF.predicate, prop):
        if graph.value(claim, RDF.subject) != FILM["salt"]:
            continue
        value = graph.value(claim, RDF.object)
        quote = graph.value(claim, DFO.statedAs)
        found[str(value)] = (
            graph.value(claim, PROV.wasDerivedFrom),
            str(quote) if quote is not None else None,
            graph.value(claim, PROV.wasAttributedTo),
        )
    return found


def test_a_cell_is_credited_to_its_own_page_and_the_rest_to_the_compiled_table(
    seed_copy: Path, tmp_path: Path
) -> None:
    row = (
        f'Salt,1985,{A},"Salt (1985), directed by Shin Sang-ok",'
        f'Shin Sang-ok (신상옥); Chong Gon-jo,{C};,"신상옥 감독이 연출한;",{A} | {B} | {C}'
    )
    graph = _import(tmp_path, seed_copy, [row], dataset=True)
    table = dataset_iri(load_mapping(tmp_path / "films-quoted.toml").dataset)  # type: ignore[arg-type]
    years = _claims_of(graph, SCHEMA.datePublished)
    assert years == {
        "1985": (source_iri(A), "Salt (1985), directed by Shin Sang-ok", years["1985"][2])
    }
    assert (source_iri(A), SCHEMA.publisher, years["1985"][2]) in graph
    directors = _claims_of(graph, SCHEMA.director)
    shin, chong = str(PERSON["shin-sang-ok"]), str(PERSON["chong-gon-jo"])
    assert directors[shin][:2] == (source_iri(C), "신상옥 감독이 연출한")
    assert directors[chong][0] == table and directors[chong][1] is None
    # The page gives the Hangul name only: the romanized name stays the table's.
    names = {
        str(graph.value(c, RDF.object)): graph.value(c, PROV.wasDerivedFrom)
        for c in graph.subjects(RDF.subject, PERSON["shin-sang-ok"])
        if graph.value(c, RDF.predicate) == SCHEMA.name
    }
    assert names == {"Shin Sang-ok": table, "신상옥": source_iri(C)}
    # No cell is fanned out: the row's pages are the table's references, not the claims' sources.
    from_b = set(graph.subjects(PROV.wasDerivedFrom, source_iri(B))) & set(_claims(graph))
    assert {graph.value(c, RDF.subject) for c in from_b} == {
        graph.value(source_iri(B), SCHEMA.publisher)
    }
    assert {source_iri(A), source_iri(B), source_iri(C)} <= set(
        graph.objects(table, PROV.wasDerivedFrom)
    )
    assert (FILM["salt"], DCTERMS.source, source_iri(B)) not in graph
    english = _claims_of(graph, SCHEMA.name)["Salt"]
    assert english[0] == table and english[2] == graph.value(table, SCHEMA.author)


def test_a_row_naming_several_pages_is_refused_without_a_table_or_a_page_per_value(
    seed_copy: Path, tmp_path: Path
) -> None:
    with pytest.raises(InputError) as caught:
        _import(tmp_path, seed_copy, [f"Salt,1985,,,,,,{A} | {B}"], dataset=False)
    assert "2 pages for the whole row" in str(caught.value) and ":2:" in str(caught.value)


def test_a_quote_that_does_not_show_the_cells_value_is_refused(
    seed_copy: Path, tmp_path: Path
) -> None:
    with pytest.raises(InputError) as caught:
        _import(tmp_path, seed_copy, [f'Salt,1985,{A},"a film by Shin",,,,{A}'], dataset=False)
    assert "column year_quote" in str(caught.value) and "does not show '1985'" in str(caught.value)


def test_a_row_with_one_page_is_that_pages_claim_attributed_to_its_site(
    seed_copy: Path, tmp_path: Path
) -> None:
    graph = _import(tmp_path, seed_copy, [f"Salt,1985,,,,,,{A}"], dataset=False)
    years = _claims_of(graph, SCHEMA.datePublished)
    assert years["1985"][0] == source_iri(A)
    assert (source_iri(A), SCHEMA.publisher, years["1985"][2]) in graph


def test_a_row_without_a_page_of_its_own_credits_no_name_its_quotes_do_not_show(
    seed_copy: Path, tmp_path: Path
) -> None:
    mapping = tmp_path / "films-quoted.toml"
    text = QUOTED_MAPPING.format(dataset="").replace(
        "required = true\n", 'required = true\nsource = "title_source"\nquote = "title_quote"\n'
    )
    mapping.write_text(text, encoding="utf-8")
    sheet = tmp_path / "films.csv"
    header = HEADER.replace("english_title,", "english_title,title_source,title_quote,")
    row = f'Salt,{A},"Salt (1985)",1985,{A},"Salt (1985)",Shin Sang-ok (신상옥),{C},신상옥 감독,'
    sheet.write_text(f"{header}\n{row}\n", encoding="utf-8")
    import_sheet(load_mapping(mapping), sheet, data_dir=seed_copy)
    graph = load_data(data_files(seed_copy)).graph
    names = {
        str(graph.value(c, RDF.object)): graph.value(c, PROV.wasDerivedFrom)
        for c in graph.subjects(RDF.subject, PERSON["shin-sang-ok"])
        if graph.value(c, RDF.predicate) == SCHEMA.name
    }
    assert names == {"신상옥": source_iri(C)}  # the romanized name no page shows is left out
    assert _claims_of(graph, SCHEMA.director)[str(PERSON["shin-sang-ok"])][0] == source_iri(C)
    sources = set(graph.objects(FILM["salt"], DCTERMS.source))
    assert sources == {source_iri(A), source_iri(C)}


# --- re-import -----------------------------------------------------------------------------------


def test_ingesting_the_public_tables_again_changes_no_byte(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(paths.data_dir(), data)
    before = {p.name: p.read_bytes() for p in sorted(data.glob("*.ttl"))}
    films = import_filmography(sheets_dir() / "dprk-films.tsv", data_dir=data)
    records = import_discography(sheets_dir() / "dprk-records.tsv", data_dir=data)
    assert not films.films.written and not films.years_written
    assert not any(step.written for step in records.steps.values())
    assert {p.name: p.read_bytes() for p in sorted(data.glob("*.ttl"))} == before


# --- sheets imported with `dprkfilm import` ------------------------------------------------------

# Sheets of mappings/sheets/ with a page and the page's words for every value, each with its
# mapping in mappings/ingest/: imported by `dprkfilm import SHEET --mapping MAPPING`.
PAGE_SHEETS = (
    ("film-songs.tsv", "film-songs.toml"),
    ("wikipedia-films.tsv", "wikipedia-films.toml"),
    ("film-facts.tsv", "film-facts.toml"),
)


@pytest.mark.parametrize(("sheet", "mapping"), PAGE_SHEETS)
def test_importing_a_page_sheet_again_changes_no_byte(
    sheet: str, mapping: str, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(paths.data_dir(), data)
    before = {p.name: p.read_bytes() for p in sorted(data.glob("*.ttl"))}
    done = import_sheet(
        load_mapping(paths.root() / "mappings" / "ingest" / mapping),
        sheets_dir() / sheet,
        data_dir=data,
    )
    assert done.rows > 0 and not done.written
    assert {p.name: p.read_bytes() for p in sorted(data.glob("*.ttl"))} == before


@pytest.mark.parametrize(("sheet", "mapping"), PAGE_SHEETS)
def test_every_claim_of_a_page_sheet_is_a_pages_and_its_quote_shows_the_value(
    sheet: str, mapping: str, shipped_data: Data
) -> None:
    """No value of such a sheet is the sheet's own: each claim in its data file comes from a
    page, with the page's words, and the words show the value (a person by a name or the
    Hangul the page gives)."""
    file = load_mapping(paths.root() / "mappings" / "ingest" / mapping).file
    graph = load_data([paths.data_dir() / file]).graph
    full = shipped_data.graph
    claims = _claims(graph)
    assert claims
    for claim in claims:
        quote = graph.value(claim, DFO.statedAs)
        assert graph.value(claim, DFO.method) == DFO.StatedInSource, claim
        assert quote is not None, claim
        value = graph.value(claim, RDF.object)
        assert value is not None
        shown = claim_words(full, claim)
        assert any(shows(str(quote), w) for w in shown), (claim, quote, shown)


def test_no_two_songs_share_a_hangul_title(shipped_data: Data) -> None:
    """A song a page names by the Hangul title the records table gives it is that song, under
    its published IRI, not a second song."""
    graph = shipped_data.graph
    titles: dict[str, set[Node]] = {}
    for claim in _claims(graph):
        value = graph.value(claim, RDF.object)
        song = graph.value(claim, RDF.subject)
        if (
            graph.value(claim, RDF.predicate) == SCHEMA.name
            and isinstance(value, Literal)
            and value.language == "ko"
            and song is not None
            and (song, RDF.type, SCHEMA.MusicComposition) in graph
        ):
            titles.setdefault(str(value), set()).add(song)
    assert titles
    assert {t: s for t, s in titles.items() if len(s) > 1} == {}


# Sheets imported with `dprkfilm import`, each value with its own page and words (no compiled
# table): mappings/sheets/<name>.tsv through mappings/ingest/<name>.toml.
QUOTED_SHEETS = ("leads-films",)


@pytest.mark.parametrize("name", QUOTED_SHEETS)
def test_a_quoted_sheet_imports_again_unchanged_and_every_claim_shows_its_pages_words(
    name: str, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(paths.data_dir(), data)
    before = {p.name: p.read_bytes() for p in sorted(data.glob("*.ttl"))}
    mapping = load_mapping(paths.root() / "mappings" / "ingest" / f"{name}.toml")
    result = import_sheet(mapping, sheets_dir() / f"{name}.tsv", data_dir=data)
    assert not result.written and result.rows > 20
    assert {p.name: p.read_bytes() for p in sorted(data.glob("*.ttl"))} == before
    graph = load_data(data_files(data)).graph
    own = Graph().parse(data / mapping.file)
    claims = _claims(own)
    kinds = {kind(graph, claim) for claim in claims}
    assert QUOTED in kinds and kinds <= {QUOTED, ADDRESS, SEED}  # never the compiler's
    for claim in claims:
        quote = graph.value(claim, DFO.statedAs)
        value = graph.value(claim, RDF.object)
        assert quote is not None, claim
        if value is not None and kind(graph, claim) != ADDRESS:
            assert any(shows(str(quote), w) for w in value_words(graph, value)), claim
