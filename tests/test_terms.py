"""The one term writer: what it writes, parsers read back as the same term."""

from __future__ import annotations

import pyoxigraph
import pytest
from rdflib import BNode, Graph, Literal, URIRef

from dprkfilm_graph import terms
from dprkfilm_graph.namespaces import FILM, PREFIXES, RDFS, SCHEMA, XSD

NASTY = [
    "",
    "plain",
    'quote " inside',
    "back\\slash \\n not a newline",
    "new\nline",
    "carriage\rreturn",
    "tab\there",
    "bell\x07 null\x00 escape\x1b delete\x7f",
    "backspace\b formfeed\f",
    "“태백산에 봄이 온다”",
    "emoji 🎬 and combining e\u0301",
    "\u2028line separator\u2029",
    '"""triple"""',
    "ends with backslash\\",
    "@prefix x: <y> .",
]


@pytest.mark.parametrize("text", NASTY)
def test_a_literal_round_trips_through_rdflib_and_oxigraph(text: str) -> None:
    subject, predicate = FILM["a"], RDFS.label
    for literal in (
        Literal(text),
        Literal(text, lang="ko-Latn-x-mr"),
        Literal(text, datatype=URIRef("http://example.org/type")),
    ):
        line = f"{terms.write(terms.of_rdflib(subject))} {terms.write(terms.of_rdflib(predicate))} "
        line += terms.write(terms.of_rdflib(literal)) + " .\n"
        assert "\n" not in line[:-1] and "\r" not in line
        parsed = list(Graph().parse(data=line, format="nt"))
        assert parsed == [(subject, predicate, literal)]
        quads = list(pyoxigraph.parse(line.encode(), pyoxigraph.RdfFormat.N_TRIPLES))
        assert [q.object.value for q in quads] == [text]
        curies = terms.Curies()
        turtle = f"{curies.turtle(str(subject))} {curies.turtle(str(predicate))} "
        turtle += terms.write(terms.of_rdflib(literal), curies.turtle) + " .\n"
        document = curies.header() + turtle
        assert list(Graph().parse(data=document, format="turtle")) == [
            (subject, predicate, literal)
        ]
        quads = list(pyoxigraph.parse(document.encode(), pyoxigraph.RdfFormat.TURTLE))
        assert [q.object.value for q in quads] == [text]


@pytest.mark.parametrize(
    "iri",
    [
        "https://w3id.org/dprkfilm/film/a-b_c.1",
        "https://w3id.org/dprkfilm/film/with%20percent",
        "https://w3id.org/dprkfilm/film/한글",
        "http://example.org/a/b?c=d#e",
        "https://w3id.org/dprkfilm/film/ends.",
    ],
)
def test_an_iri_round_trips_as_nt_and_as_turtle(iri: str) -> None:
    curies = terms.Curies()
    for text in (terms.nt_iri(iri), curies.turtle(iri)):
        document = curies.header() + f"{text} <http://x/p> <http://x/o> .\n"
        assert next(iter(Graph().parse(data=document, format="turtle")))[0] == URIRef(iri)
        quad = next(iter(pyoxigraph.parse(document.encode(), pyoxigraph.RdfFormat.TURTLE)))
        assert quad.subject.value == iri


def test_an_iri_with_forbidden_characters_is_escaped() -> None:
    assert terms.nt_iri('http://x/a b<c>"d') == "<http://x/a\\u0020b\\u003Cc\\u003E\\u0022d>"


def test_curies_use_the_longest_namespace_and_only_valid_local_names() -> None:
    curies = terms.Curies()
    assert curies.shorten(str(FILM["sea-of-blood"])) == "film:sea-of-blood"
    assert curies.shorten(str(SCHEMA.Movie)) == "schema:Movie"
    # film/ is longer than the base namespace's other prefixes; a slash or a trailing dot is not
    # a local name that every parser reads.
    assert curies.shorten(str(FILM) + "a/b") is None
    assert curies.shorten(str(FILM) + "ends.") is None
    assert curies.used == {"film", "schema"}
    assert curies.header() == (
        f"@prefix film: <{PREFIXES['film']}> .\n@prefix schema: <{PREFIXES['schema']}> .\n"
    )


def test_plain_values_are_what_a_person_reads() -> None:
    assert terms.plain_value(terms.of_rdflib(Literal("Rolling Workers", lang="en"))) == (
        "Rolling Workers"
    )
    assert terms.plain_value(terms.of_rdflib(Literal("1972", datatype=XSD.gYear))) == "1972"
    assert terms.plain_value(terms.of_rdflib(FILM["a"])) == "film:a"
    assert terms.plain_value(terms.of_rdflib(FILM["a"]), label="A Film") == "A Film"
    assert terms.plain_value(terms.of_rdflib(URIRef("http://x/y"))) == "http://x/y"
    assert terms.plain_value(terms.of_rdflib(BNode("b1"))) == "_:b1"
    assert terms.plain_value(None) == ""


def test_an_xsd_string_literal_is_written_without_its_datatype() -> None:
    assert terms.write(terms.of_rdflib(Literal("x", datatype=XSD.string))) == '"x"'


def test_the_module_imports_no_rdflib() -> None:
    import subprocess
    import sys

    probe = "import sys, dprkfilm_graph.terms; print('rdflib' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


@pytest.mark.parametrize("text", NASTY)
def test_the_dumps_and_the_endpoint_write_a_literal_alike(text: str) -> None:
    from dprkfilm_graph.serialize import nt_term
    from dprkfilm_graph.serving import _worker

    store = pyoxigraph.Store()
    literal = Literal(text, lang="ko")
    store.add(
        pyoxigraph.Quad(
            pyoxigraph.NamedNode(str(FILM["a"])),
            pyoxigraph.NamedNode(str(RDFS.label)),
            pyoxigraph.Literal(text, language="ko"),
        )
    )
    answer = _worker.run(store, "CONSTRUCT WHERE { ?s ?p ?o }", "ntriples", 10, dict(PREFIXES))
    assert answer[0] == "ok"
    body = answer[1].decode() if isinstance(answer[1], bytes) else answer[1]
    assert body == f"<{FILM['a']}> <{RDFS.label}> {nt_term(literal)} .\n"
