"""Pages a film historian reads: facts first (year, studio, director, songs, records, photos),
every title with who gives it, evidence grouped by property in plain words, browse lists, the
site search and photo files served only from the operator's folder."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient
from serving.fixtures import *  # noqa: F403  (facts_client, facts_app, photo_folder)


def _facts(page: str) -> str:
    """The facts table at the top of an entity page."""
    found = re.search(r'<table class="facts" id="facts">(.*?)</table>', page, re.S)
    assert found, "no facts table"
    return found.group(1)


def _row(facts: str, heading: str) -> str:
    found = re.search(rf"<th>{heading}</th><td>(.*?)</td></tr>", facts, re.S)
    assert found, f"no {heading} row"
    return found.group(1)


def test_film_page_leads_with_year_studio_director_and_songs(facts_client: FlaskClient) -> None:
    page = facts_client.get("/film/sea-of-blood").text
    facts = _facts(page)
    assert "1968" in _row(facts, "Year") and "enwikipedia.net" in _row(facts, "Year")
    assert 'href="/person/choe-ik-gyu"' in _row(facts, "Director")
    assert "Korean Feature Film Studio" in _row(facts, "Studio")
    assert 'href="/song/sea-of-blood-song"' in _row(facts, "Songs")
    assert "no item linked yet" in _row(facts, "Wikidata")
    assert page.index('id="facts"') < page.index('id="evidence"')


def test_film_page_names_the_records_that_carry_its_songs(facts_client: FlaskClient) -> None:
    page = facts_client.get("/film/sea-of-blood").text
    records = page[page.index('id="records"') :]
    assert 'href="/release/pages-record"' in records
    assert "carries its song" in records


def test_values_show_no_term_syntax(facts_client: FlaskClient) -> None:
    for path in ("/film/first-steps", "/film/sea-of-blood", "/release/vinyl-post-record"):
        page = facts_client.get(path).text
        assert "@en" not in page and "^^" not in page and "xsd:" not in page, path
        assert "dfo:" not in page and "schema:" not in page, path
    page = facts_client.get("/film/first-steps").text
    assert "The Beginning" in page
    assert "read from the record label" in page and "confirmed" in page


def test_every_title_says_its_system_and_who_gives_it(facts_client: FlaskClient) -> None:
    page = facts_client.get("/film/first-steps").text
    titles = page[page.index('id="titles"') : page.index("</table>", page.index('id="titles"'))]
    assert re.search(r"첫걸음</td><td>Hangul</td><td>[^<]*northkoreanfilms\.com", titles)
    assert "McCune–Reischauer" in titles and "generated from the Hangul by rule" in titles
    assert re.search(r"The Beginning</td><td>English</td><td>[^<]*northkoreanfilms\.com", titles)


def test_evidence_lists_each_value_once_with_all_its_sources(facts_client: FlaskClient) -> None:
    page = facts_client.get("/film/first-steps").text
    evidence = page[page.index('id="evidence"') :]
    assert evidence.count(">첫걸음<") == 1  # one row for the value, however many sources
    row = evidence[evidence.index(">첫걸음<") : evidence.index("</tr>", evidence.index(">첫걸음<"))]
    assert row.count("<li>") >= 2
    assert "<q>" in evidence  # the source's own words
    assert "stated in the source" in page or "compiled from" in page


def test_sources_are_named_by_site_and_readable_title(facts_client: FlaskClient) -> None:
    page = facts_client.get("/film/sea-of-blood").text
    assert "example.org/피바다-노래/very/long" in page  # the address decoded
    assert "%ED%94%BC" not in page.split('href="', 1)[0]  # no escaped text before the links
    shown = re.sub(r'href="[^"]*"', "", page)
    assert "%ED%94%BC" not in shown


def test_record_page_lists_discs_tracks_songs_and_films(facts_client: FlaskClient) -> None:
    page = facts_client.get("/release/pages-record").text
    facts = _facts(page)
    assert "Korea Record" in _row(facts, "Label") and "1972" in _row(facts, "Year")
    discs = page[page.index('id="discs"') :]
    assert 'href="/disc/pages-record-1"' in discs
    assert ">A1<" in discs and 'href="/song/sea-of-blood-song"' in discs
    assert 'href="/film/sea-of-blood"' in discs


def test_record_page_shows_its_photos_and_the_films_they_show(facts_client: FlaskClient) -> None:
    page = facts_client.get("/release/vinyl-post-record").text
    photos = page[page.index('id="photos"') :]
    assert 'href="/image/vinyl-1"' in photos and 'href="/image/vinyl-2-top"' in photos
    assert 'src="/photo-file/image/vinyl-1"' in photos
    films = page[page.index('id="films"') : page.index('id="photos"')]
    assert 'href="/film/spring-comes-to-mount-thaebaek"' in films
    assert 'href="/film/rolling-workers"' in films and "(proposed)" in films


def test_photo_page_shows_the_image_and_what_each_region_shows(
    facts_client: FlaskClient,
) -> None:
    page = facts_client.get("/image/vinyl-2").text
    assert '<img src="/photo-file/image/vinyl-2"' in page
    for region, film in (("top", "first-steps"), ("bottom-left", "rolling-workers")):
        card = page[page.index(f'href="/image/vinyl-2-{region}"') :]
        card = card[: card.index("</div>\n</div>")]
        assert f'href="/film/{film}"' in card
    assert "(confirmed)" in page and "(proposed)" in page
    unknown = facts_client.get("/image/vinyl-4").text
    assert "unknown value" in unknown


def test_song_and_person_pages_link_back(facts_client: FlaskClient) -> None:
    song = facts_client.get("/song/sea-of-blood-song").text
    assert 'href="/film/sea-of-blood"' in song and 'href="/release/pages-record"' in song
    person = facts_client.get("/person/choe-ik-gyu").text
    assert 'href="/film/sea-of-blood"' in _row(_facts(person), "Directed")


def test_films_browse_by_decade_and_by_studio(facts_client: FlaskClient) -> None:
    page = facts_client.get("/films").text
    sixties = page[page.index(">1960s</h2>") :]
    assert sixties.index('href="/film/sea-of-blood"') < sixties.index("</table>")
    assert "피바다" in sixties and "1968" in sixties
    assert "year not given" in page and 'href="/film/first-steps"' in page
    by_studio = facts_client.get("/films?by=studio").text
    section = by_studio[by_studio.index(">Korean Feature Film Studio</h2>") :]
    assert section.index('href="/film/sea-of-blood"') < section.index("</table>")


def test_songs_and_records_browse(facts_client: FlaskClient) -> None:
    songs = facts_client.get("/songs").text
    assert 'href="/song/sea-of-blood-song"' in songs and 'href="/film/sea-of-blood"' in songs
    records = facts_client.get("/records").text
    assert 'href="/release/pages-record"' in records and "Korea Record" in records


@pytest.mark.parametrize("spelling", ["피바다", "P'ibada", "Phibada", "Pibada", "Sea of Blod"])
def test_search_finds_the_film_from_any_spelling(spelling: str, facts_client: FlaskClient) -> None:
    got = facts_client.get("/search", query_string={"q": spelling})
    assert got.status_code == 200
    hits = got.text[got.text.index('id="hits"') :]
    first = hits[: hits.index("</tr>", hits.index("<td>"))]
    assert 'href="/film/sea-of-blood"' in first, first
    assert ">film<" in first and "1968" in first


def test_search_says_which_label_matched(facts_client: FlaskClient) -> None:
    page = facts_client.get("/search", query_string={"q": "Phibada"}).text
    assert "McCune–Reischauer" in page or "generated romanization" in page


def test_search_by_kind_and_refusals(facts_client: FlaskClient) -> None:
    songs = facts_client.get("/search", query_string={"q": "피바다", "type": "song"}).text
    assert 'href="/song/sea-of-blood-song"' in songs and 'href="/film/sea-of-blood"' not in songs
    long = facts_client.get("/search", query_string={"q": "x" * 201})
    assert long.status_code == 400 and "shorten it" in long.text
    bad = facts_client.get("/search", query_string={"q": "a", "type": "<b>x</b>"})
    assert bad.status_code == 400 and "<b>x</b>" not in bad.text
    assert 'id="hits"' not in facts_client.get("/search").text


def test_search_reflects_no_markup(facts_client: FlaskClient) -> None:
    text = '"><script>alert(1)</script>'
    page = facts_client.get("/search", query_string={"q": text}).text
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;" in page or "&#34;&gt;&lt;script" in page


def test_photo_files_come_only_from_the_folder(facts_client: FlaskClient) -> None:
    by_caption = facts_client.get("/photo-file/image/vinyl-1")
    assert by_caption.status_code == 200 and by_caption.mimetype == "image/png"
    assert by_caption.data.startswith(b"\x89PNG")
    assert facts_client.get("/photo-file/image/vinyl-2").status_code == 200  # by IRI name
    assert facts_client.get("/photo-file/image/vinyl-3").status_code == 404  # link outside
    assert facts_client.get("/photo-file/image/vinyl-5").status_code == 404  # no file
    for path in (
        "/photo-file/image/..%2f..%2fetc%2fpasswd",
        "/photo-file/image/../../etc/passwd",
        "/photo-file/image/notes",
        "/photo-file/film/first-steps",
        "/photo-file/image/%2fetc%2fpasswd",
    ):
        assert facts_client.get(path).status_code == 404, path


def test_no_photo_file_without_a_folder(client: FlaskClient) -> None:
    assert client.get("/photo-file/image/vinyl-1").status_code == 404
    assert "/photo-file/" not in client.get("/image/vinyl-1").text
