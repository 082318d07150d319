"""Hangul titles and names -> generated romanizations, tagged by system, for search and display.

Each Hangul `schema:name` / `schema:alternateName` of an entity gets a `dfo:generatedLabel` in
McCune–Reischauer (ko-Latn-x-mr), Revised Romanization (ko-Latn-t-ko-m0-mcst) and the DPRK
system (ko-Latn-x-dprk). The property itself marks them as generated, so they are never taken
for a source's spelling; a curated title with the same tag and text makes the generated one
redundant, and it is left out.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rdflib import Graph, Literal, URIRef

from dprkfilm_graph.korean.romanize import System, romanize, romanize_name
from dprkfilm_graph.load import new_graph
from dprkfilm_graph.namespaces import DFO, RDF, SCHEMA, TAG_DPRK, TAG_MR, TAG_RR

_HANGUL = re.compile(r"[\u1100-\u11FF\u3130-\u318F\uAC00-\uD7A3]")
SYSTEM_TAGS: dict[System, str] = {System.MR: TAG_MR, System.RR: TAG_RR, System.DPRK: TAG_DPRK}
_TITLE_PROPERTIES = (SCHEMA.name, SCHEMA.alternateName)


def is_hangul(text: str) -> bool:
    return bool(_HANGUL.search(text))


@lru_cache(maxsize=65536)
def _forms(text: str, system: System, person: bool) -> tuple[str, ...]:
    return tuple(forms(text, system, person=person))


def forms(text: str, system: System, *, person: bool) -> list[str]:
    """The generated form(s) of one Hangul string in one system (names: the usual name order)."""
    if person and " " not in text.strip() and 2 <= len(text.strip()) <= 5:
        names = romanize_name(text.strip(), system)
        return names[:1] if names else [_capitalised(romanize(text, system))]
    return [_capitalised(romanize(text, system))]


def _capitalised(form: str) -> str:
    """Titles are written with a capital, as every system's publications write them."""
    return form[:1].upper() + form[1:]


def generated_labels(graph: Graph) -> Graph:
    """The dfo:generatedLabel triples for every Hangul title or name in `graph`."""
    out = new_graph()
    for prop in _TITLE_PROPERTIES:
        for subject, value in graph.subject_objects(prop):
            if not isinstance(subject, URIRef) or not isinstance(value, Literal):
                continue
            if (value.language or "").lower() not in ("ko", "ko-kp") or not is_hangul(str(value)):
                continue
            person = (subject, RDF.type, SCHEMA.Person) in graph
            for system, tag in SYSTEM_TAGS.items():
                for form in _forms(str(value), system, person):
                    label = Literal(form, lang=tag)
                    if form and form != str(value) and not _curated(graph, subject, label):
                        out.add((subject, DFO.generatedLabel, label))
    return out


def _curated(graph: Graph, subject: URIRef, label: Literal) -> bool:
    return any((subject, prop, label) in graph for prop in _TITLE_PROPERTIES)
