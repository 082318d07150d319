"""Generated romanizations: tagged by system, marked generated, never replacing a curated title."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from dprkfilm_graph.graph import build_graph
from dprkfilm_graph.korean.romanize import TAGS, System, romanize
from dprkfilm_graph.labels import generated_labels
from dprkfilm_graph.load import Data
from dprkfilm_graph.namespaces import DFO, FILM, RDF, SCHEMA, TAG_DPRK, TAG_MR, TAG_RR
from dprkfilm_graph.validate import validate

FIRST_STEPS = FILM["first-steps"]


def test_every_hangul_title_gets_one_label_per_system(seed_graph: Graph) -> None:
    hangul = [
        (s, o)
        for s, o in seed_graph.subject_objects(SCHEMA.name)
        if isinstance(o, Literal) and o.language == "ko"
    ]
    assert hangul
    for subject, title in hangul:
        tags = {
            lab.language
            for lab in seed_graph.objects(subject, DFO.generatedLabel)
            if isinstance(lab, Literal)
        }
        assert tags == {TAG_MR, TAG_RR, TAG_DPRK}, (subject, title)


def test_generated_forms_are_the_romanizer_s_capitalised(seed_graph: Graph) -> None:
    labels = {
        lab.language: str(lab)
        for lab in seed_graph.objects(FIRST_STEPS, DFO.generatedLabel)
        if isinstance(lab, Literal)
    }
    for system, tag in TAGS.items():
        expected = romanize("첫걸음", system)
        assert labels[tag] == expected[:1].upper() + expected[1:]
    assert labels[TAG_RR] == "Cheotgeoreum"


def test_generated_labels_never_become_titles(seed_graph: Graph) -> None:
    for _, label in seed_graph.subject_objects(DFO.generatedLabel):
        assert isinstance(label, Literal)
        assert not any(seed_graph.subjects(SCHEMA.name, label))


def test_a_curated_romanization_suppresses_the_generated_duplicate() -> None:
    film = URIRef(FILM["example"])
    graph = Graph()
    graph.add((film, RDF.type, SCHEMA.Movie))
    graph.add((film, SCHEMA.name, Literal("첫걸음", lang="ko")))
    curated = Literal(romanize("첫걸음", System.RR).capitalize(), lang=TAG_RR)
    graph.add((film, SCHEMA.alternateName, curated))
    added = generated_labels(graph)
    tags = {
        lab.language for lab in added.objects(film, DFO.generatedLabel) if isinstance(lab, Literal)
    }
    assert tags == {TAG_MR, TAG_DPRK}


def test_latin_titles_get_no_generated_labels() -> None:
    film = URIRef(FILM["example"])
    graph = Graph()
    graph.add((film, SCHEMA.name, Literal("Rolling Workers", lang="en")))
    graph.add((film, SCHEMA.name, Literal("Ma Dong Hui", lang="ko")))
    assert len(generated_labels(graph)) == 0


def test_build_output_with_generated_labels_still_validates(seed_data: Data) -> None:
    graph = build_graph(seed_data)
    assert any(graph.triples((None, DFO.generatedLabel, None)))
    assert validate(seed_data).conforms
