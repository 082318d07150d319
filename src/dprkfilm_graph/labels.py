"""Hangul titles and names -> generated romanizations, tagged by system, for search and display.

Each Hangul `schema:name` / `schema:alternateName` of an entity gets a `dfo:generatedLabel` in
McCune–Reischauer (ko-Latn-x-mr), Revised Romanization (ko-Latn-t-ko-m0-mcst) and the DPRK
system (ko-Latn-x-dprk). The property itself marks them as generated, so they are never taken
for a source's spelling; a curated title with the same tag and text makes the generated one
redundant, and it is left out.
"""

from __future__ import annotations

from functools import lru_cache

from rdflib import Graph, Literal, URIRef

from dprkfilm_graph.korean.forms import forms
from dprkfilm_graph.korean.hangul import has_hangul
from dprkfilm_graph.korean.romanize import TAGS, System
from dprkfilm_graph.load import new_graph
from dprkfilm_graph.namespaces import DFO, RDF, SCHEMA

_TITLE_PROPERTIES = (SCHEMA.name, SCHEMA.alternateName)


@lru_cache(maxsize=65536)
def _forms(text: str, system: System, person: bool) -> tuple[str, ...]:
    return tuple(forms(text, system, person=person))


def generated_labels(graph: Graph) -> Graph:
    """The dfo:generatedLabel triples for every Hangul title or name in `graph`."""
    out = new_graph()
    for prop in _TITLE_PROPERTIES:
        for subject, value in graph.subject_objects(prop):
            if not isinstance(subject, URIRef) or not isinstance(value, Literal):
                continue
            if (value.language or "").lower() not in ("ko", "ko-kp") or not has_hangul(str(value)):
                continue
            person = (subject, RDF.type, SCHEMA.Person) in graph
            for system, tag in TAGS.items():
                for form in _forms(str(value), system, person):
                    label = Literal(form, lang=tag)
                    if form and form != str(value) and not _curated(graph, subject, label):
                        out.add((subject, DFO.generatedLabel, label))
    return out


def _curated(graph: Graph, subject: URIRef, label: Literal) -> bool:
    return any((subject, prop, label) in graph for prop in _TITLE_PROPERTIES)
