"""What a claim rests on: whether a source's words show a value, and the kind of evidence.

A page is credited with a value only when the words kept from it (`dfo:statedAs`) show that
value; the comparison folds what a normalised value drops (case, spacing, hyphens, apostrophes,
a year inside a date), so "Jo Kyong Sun" shows "Jo Kyong-sun" and "1987년 5월" shows 1987; a
person's romanized name may be shown given name first ("Kil-in Kim" shows who Kim Kil-in is).
"""

from __future__ import annotations

import unicodedata
from datetime import timedelta

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from dprkfilm_graph.namespaces import DFO, PROV, RDF, RDFS, SCHEMA, SOURCE, XSD

# Kinds of evidence, as `dprkfilm stats` reports them.
QUOTED = "quoted from a page"
ADDRESS = "a page's address"  # a site's name, as the address of a page it publishes gives it
COMPILED = "compiled"
SEED = "from the seed post"
WIKIDATA = "from Wikidata"
OTHER = "other"
SEED_POST = SOURCE["vinyl-post"]
WIKIDATA_SOURCE = SOURCE["wikidata"]


def fold(text: str) -> str:
    """Letters and digits only, case and compatibility forms folded (Hangul kept whole)."""
    normal = unicodedata.normalize("NFKC", text).casefold()
    decomposed = unicodedata.normalize("NFKD", normal)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(c for c in unicodedata.normalize("NFC", plain) if c.isalnum())


def shows(quote: str, value: str) -> bool:
    """Do the words `quote` show `value`?"""
    wanted = fold(value)
    return bool(wanted) and wanted in fold(quote)


def person_forms(name: str) -> list[str]:
    """A romanized person's name as a page may write it: as given ("Kim Kil-in", family name
    first) or given name first ("Kil-in Kim"), as English lists often do."""
    parts = name.split()
    if len(parts) == 2 and all(p.isascii() for p in parts):
        return [name, f"{parts[1]} {parts[0]}"]
    return [name]


def duration_amount(value: Literal) -> str:
    """A literal's text; for a duration of whole minutes, the number of minutes a page prints
    ("108" for "PT108M", which rdflib writes "PT1H48M").

    >>> duration_amount(Literal("PT108M", datatype=XSD.duration)), duration_amount(Literal("x"))
    ('108', 'x')
    """
    held = value.toPython() if value.datatype == XSD.duration else None
    if isinstance(held, timedelta) and held.total_seconds() % 60 == 0:
        return str(int(held.total_seconds()) // 60)
    return str(value)


def value_words(graph: Graph, value: Node) -> list[str]:
    """The words a quote may show for a claim's value: a literal's text, an entity's names."""
    if isinstance(value, Literal):
        return [duration_amount(value)]
    names = [str(o) for o in graph.objects(value, RDFS.label)]
    names += [str(o) for o in graph.objects(value, SCHEMA.name)]
    for claim in graph.subjects(RDF.subject, value):  # names its claims give, before the build
        if graph.value(claim, RDF.predicate) == SCHEMA.name:
            names += [str(o) for o in graph.objects(claim, RDF.object)]
    if (value, RDF.type, SCHEMA.Person) in graph:
        names = [form for name in names for form in person_forms(name)]
    return names


def claim_words(graph: Graph, claim: Node) -> list[str]:
    """The words a claim's quote may show for its value: `value_words`, and a person's name
    given name first where the claim names a person ("Jong-uk Ri" names Ri Jong-uk)."""
    value = graph.value(claim, RDF.object)
    if value is None:
        return []
    words = value_words(graph, value)
    subject = graph.value(claim, RDF.subject)
    if (
        graph.value(claim, RDF.predicate) == SCHEMA.name
        and (subject, RDF.type, SCHEMA.Person) in graph
    ):
        words = [form for word in words for form in person_forms(word)]
    return words


def is_web_page(graph: Graph, source: Node) -> bool:
    """A web page source (not the seed post and its parts, which are curated by hand)."""
    return (source, None, SCHEMA.WebPage) in graph and not _in_seed(graph, source)


def _in_seed(graph: Graph, source: Node) -> bool:
    seen: set[Node] = set()
    while isinstance(source, URIRef) and source not in seen:
        if source == SEED_POST:
            return True
        seen.add(source)
        parent = graph.value(source, SCHEMA.isPartOf) or graph.value(source, SCHEMA.parentItem)
        if parent is None:
            return False
        source = parent
    return False


def kind(graph: Graph, claim: Node) -> str:
    """The kind of evidence a claim rests on."""
    method = graph.value(claim, DFO.method)
    if method == DFO.CompiledFrom:
        return COMPILED
    if method == DFO.Reconciliation:
        return WIKIDATA
    sources = list(graph.objects(claim, PROV.wasDerivedFrom))
    if any(_in_seed(graph, s) for s in sources):
        return SEED
    if any(
        s == WIKIDATA_SOURCE or "wikidata.org" in str(graph.value(s, SCHEMA.url)) for s in sources
    ):
        return WIKIDATA
    words = graph.value(claim, DFO.statedAs)
    pages = [s for s in sources if is_web_page(graph, s)]
    if words is not None and pages:
        if any(str(words) == str(graph.value(s, SCHEMA.url)) for s in pages):
            return ADDRESS
        return QUOTED
    return OTHER
