"""The Wikidata Query Service queries are .rq files that parse, and the name lookup writes its
names as RDF terms into the VALUES block, never as pasted text."""

from __future__ import annotations

import pytest
from rdflib.plugins.sparql.parser import parseQuery

from dprkfilm_graph.wikidata import wdqs


@pytest.mark.parametrize("name", ["film-pool", "person-pool", "person-names"])
def test_each_query_parses_without_its_header(name: str) -> None:
    text = wdqs.load(name)
    assert not text.startswith("#") and "SELECT DISTINCT ?item ?kind ?value" in text
    parseQuery(text)


def test_names_are_written_as_terms() -> None:
    text = wdqs.names_query([('Kim "Il" Sung', "en"), ("김일성", "ko")])
    assert 'VALUES ?name { "Kim \\"Il\\" Sung"@en "김일성"@ko }' in text
    parseQuery(text)
