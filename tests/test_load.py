"""The loader parses with Oxigraph and hands rdflib terms on: what the curator wrote survives
(language tags in their case, typed literals), and what is not RDF is refused with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from dprkfilm_graph.errors import InputError
from dprkfilm_graph.load import parse_turtle

HEAD = "@prefix film: <https://w3id.org/dprkfilm/film/> .\n@prefix schema: <http://schema.org/> .\n"
HEAD += "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
FILM = URIRef("https://w3id.org/dprkfilm/film/x")
NAME = URIRef("http://schema.org/name")


def _file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "x.ttl"
    path.write_text(HEAD + body, encoding="utf-8")
    return path


def test_language_tags_keep_the_case_the_file_writes(tmp_path: Path) -> None:
    graph = parse_turtle(
        _file(tmp_path, 'film:x schema:name "Chʻŏt kŏrŭm"@ko-Latn-x-mr, "첫걸음"@ko .\n')
    )
    assert set(graph.objects(FILM, NAME)) == {
        Literal("Chʻŏt kŏrŭm", lang="ko-Latn-x-mr"),
        Literal("첫걸음", lang="ko"),
    }
    assert {o.language for o in graph.objects(FILM, NAME) if isinstance(o, Literal)} == {
        "ko-Latn-x-mr",
        "ko",
    }


def test_typed_literals_keep_their_datatype(tmp_path: Path) -> None:
    graph = parse_turtle(_file(tmp_path, 'film:x schema:datePublished "1972"^^xsd:gYear .\n'))
    (value,) = graph.objects(FILM, URIRef("http://schema.org/datePublished"))
    assert value == Literal("1972", datatype=URIRef("http://www.w3.org/2001/XMLSchema#gYear"))


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ('\nfilm:x schema:name "never closed .\n', 5, "Turtle syntax error"),
        ('\n\nfilm:x schema:name "\\uD800" .\n', 6, "Turtle syntax error"),
        ("film:x schema:url <http://a b> .\n", 4, "Turtle syntax error"),
        ('\nfilm:x schema:datePublished "19x9"^^xsd:gYear .\n', 5, "ill-typed literal"),
        ('film:x schema:director [ schema:name "A" ] .\n', 4, "blank node"),
    ],
)
def test_bad_input_names_file_and_line(tmp_path: Path, body: str, line: int, words: str) -> None:
    path = _file(tmp_path, body)
    with pytest.raises(InputError) as caught:
        parse_turtle(path, allow_bnodes=False)
    message = str(caught.value)
    assert words in message and f"{path}:{line}" in message, message
