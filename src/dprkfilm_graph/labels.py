"""Hangul titles and names -> generated romanizations, tagged by system, for search and display.

Each Hangul `schema:name` / `schema:alternateName` of an entity gets a `dfo:generatedLabel` in
McCune–Reischauer (ko-Latn-x-mr), Revised Romanization (ko-Latn-t-ko-m0-mcst) and the DPRK
system (ko-Latn-x-dprk). The property itself marks them as generated, so they are never taken
for a source's spelling; a curated title with the same tag and text makes the generated one
redundant, and it is left out.
"""

from __future__ import annotations

from functools import lru_cache

from rdflib import Graph

from dprkfilm_graph.korean.forms import forms
from dprkfilm_graph.korean.hangul import has_hangul
from dprkfilm_graph.korean.romanize import TAGS, System
from dprkfilm_graph.namespaces import DFO, RDF, SCHEMA
from dprkfilm_graph.plain import Triples, iri, plain

_TITLE_PROPERTIES = (iri(str(SCHEMA.name)), iri(str(SCHEMA.alternateName)))
_GENERATED = iri(str(DFO.generatedLabel))
_TYPE, _PERSON = iri(str(RDF.type)), iri(str(SCHEMA.Person))


@lru_cache(maxsize=65536)
def _forms(text: str, system: System, person: bool) -> tuple[str, ...]:
    return tuple(forms(text, system, person=person))


def labels_of(triples: Triples) -> Triples:
    """The dfo:generatedLabel triples for every Hangul title or name."""
    out = Triples()
    people = set(triples.subjects(_TYPE, _PERSON))
    for prop in _TITLE_PROPERTIES:
        for subject, value in triples.pairs(prop):
            if subject[0] != "u" or value[0] != "l":
                continue
            if value[2].lower() not in ("@ko", "@ko-kp") or not has_hangul(value[1]):
                continue
            person = subject in people
            for system, tag in TAGS.items():
                for form in _forms(value[1], system, person):
                    label = ("l", form, "@" + tag)
                    if form and form != value[1] and not _curated(triples, subject, label):
                        out.add((subject, _GENERATED, label))
    return out


def _curated(triples: Triples, subject: tuple[str, str, str], label: tuple[str, str, str]) -> bool:
    return any((subject, prop, label) in triples for prop in _TITLE_PROPERTIES)


def generated_labels(graph: Graph | Triples) -> Graph:
    """labels_of(), as an rdflib graph."""
    return labels_of(plain(graph)).to_rdflib()
