"""The SPARQL the Wikidata Query Service is asked, read from `queries/*.rq` beside this module.

Why files: the project keeps its queries in .rq files, where they can be read, linted and run
on their own. Each file starts with comment lines saying what it answers; they are left out of
the text sent, so the query (and its cache key) is the query alone. The name lookup's names are
written into its empty `VALUES ?name { }` by the N-Triples serializer, never pasted as text.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources

from rdflib import Literal

from dprkfilm_graph.serialize import nt_term

_EMPTY_NAMES = "VALUES ?name {  }"


@cache
def load(name: str) -> str:
    """The text of `queries/NAME.rq` without its leading comment lines."""
    text = resources.files(__package__).joinpath("queries", f"{name}.rq").read_text("utf-8")
    lines = text.splitlines()
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    return "\n".join(lines)


def film_pool() -> str:
    """Every North Korean film with what matching needs of it."""
    return load("film-pool")


def person_pool() -> str:
    """Every human credited on a North Korean film with what matching needs of them."""
    return load("person-pool")


def names_query(names: Iterable[tuple[str, str]]) -> str:
    """Humans whose label or alias is exactly one of `names` ((text, language) pairs), with
    what matching needs; the P31 = human test makes the lookup type-checked on the server."""
    values = " ".join(nt_term(Literal(text, lang=lang)) for text, lang in names)
    return load("person-names").replace(_EMPTY_NAMES, f"VALUES ?name {{ {values} }}")
