"""Candidate items for each entry: the domain pool (one SPARQL query), then wbsearchentities for
the few entries the pool cannot answer, then wbgetentities (50 ids a call) for what was found.

Why a pool: North Korean films on Wikidata are a bounded set, so fetching them once with their
labels, aliases, years and directors and matching locally costs one request instead of several
per entry. Searching is the fallback for items the pool misses (e.g. one lacking P495 = Q423).

People reach beyond any pool (a scholar a source names), so for a person the pool cannot answer
every spelling the name may have on Wikidata — Hangul derived from a romanized name included
(`hangulnames`) — is looked up at once in one exact-label query of humans before searching.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from dprkfilm_graph.korean.hangul import has_hangul
from dprkfilm_graph.korean.hangulnames import hangul_candidates, spellings
from dprkfilm_graph.korean.matchkey import similarity
from dprkfilm_graph.korean.romanize import romanize_all
from dprkfilm_graph.wikidata import ids, wdqs
from dprkfilm_graph.wikidata.client import WikibaseClient
from dprkfilm_graph.wikidata.entries import Entry, Kind

WD = "http://www.wikidata.org/entity/"
# Names sent in one name-lookup query (exact labels are looked up in an index: cheap).
NAMES_PER_QUERY = 1500
# An entry whose best pool title agrees less than this is searched for.
SEARCH_BELOW = 0.9
# wbsearchentities calls per searched entry, most promising query first.
SEARCHES_PER_ENTRY = 1


@dataclass
class Candidate:
    """What matching needs to know about one item, from the pool or from wbgetentities."""

    qid: str
    names: list[tuple[str, str]] = field(default_factory=list)
    years: list[tuple[int, int]] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    parts: int | None = None
    types: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    occupations: set[str] = field(default_factory=set)
    in_pool: bool = False
    found_by: str = "pool"

    @property
    def label(self) -> str:
        for lang in ("ko", "en"):
            for text, tag in self.names:
                if tag == lang:
                    return text
        return self.names[0][0] if self.names else self.qid


def _qid(iri: str) -> str:
    return iri[len(WD) :] if iri.startswith(WD) else iri


def _year(value: str) -> int | None:
    text = value.lstrip("+")
    negative = text.startswith("-")
    digits = text.lstrip("-").split("-", 1)[0]
    return (-1 if negative else 1) * int(digits) if digits.isdigit() else None


def pool_from_rows(
    rows: Iterable[dict[str, dict[str, str]]], in_pool: bool = True
) -> dict[str, Candidate]:
    """Fold the pool query's rows (one fact a row) into candidates keyed by Q-id."""
    pool: dict[str, Candidate] = {}
    for row in rows:
        qid = _qid(row["item"]["value"])
        cand = pool.setdefault(qid, Candidate(qid, in_pool=in_pool))
        kind, value = row["kind"]["value"], row["value"]
        text = value["value"]
        if kind == "title":
            pair = (text, value.get("xml:lang", ""))
            if pair not in cand.names:
                cand.names.append(pair)
        elif kind == "date":
            year = _year(text)
            precision = int(row.get("precision", {}).get("value", "9"))
            if year is not None and (year, precision) not in cand.years:
                cand.years.append((year, precision))
        elif kind == "personName":
            if text not in cand.people:
                cand.people.append(text)
        elif kind == "parts":
            cand.parts = int(float(text))
        elif kind == "type":
            cand.types.add(_qid(text))
        elif kind == "country":
            cand.countries.add(_qid(text))
        elif kind == "occupation":
            cand.occupations.add(_qid(text))
    return pool


def _values(entity: dict[str, Any], prop: str) -> list[Any]:
    out = []
    for statement in entity.get("claims", {}).get(prop, []):
        if statement.get("rank") == "deprecated":
            continue
        snak = statement.get("mainsnak", {})
        if snak.get("snaktype") == "value":
            out.append(snak.get("datavalue", {}).get("value"))
    return out


def candidate_from_entity(entity: dict[str, Any], found_by: str = "search") -> Candidate:
    """A candidate from wbgetentities JSON (its directors' names are added by `gather`)."""
    cand = Candidate(entity["id"], found_by=found_by)
    for label in entity.get("labels", {}).values():
        cand.names.append((label["value"], label["language"]))
    for aliases in entity.get("aliases", {}).values():
        cand.names.extend((a["value"], a["language"]) for a in aliases)
    for prop in ids.TITLE_PROPERTIES:
        for value in _values(entity, prop):
            if isinstance(value, dict):
                cand.names.append((value.get("text", ""), value.get("language", "")))
            elif isinstance(value, str):
                cand.names.append((value, ""))
    for prop in (ids.PUBLICATION_DATE, ids.BIRTH_DATE):
        for value in _values(entity, prop):
            year = _year(value.get("time", "")) if isinstance(value, dict) else None
            if year is not None:
                cand.years.append((year, int(value.get("precision", 9))))
    for value in _values(entity, ids.PARTS):
        cand.parts = int(float(value["amount"]))
    cand.types = {v["id"] for v in _values(entity, ids.INSTANCE_OF) if isinstance(v, dict)}
    cand.countries = {
        v["id"]
        for p in (ids.COUNTRY, ids.CITIZENSHIP)
        for v in _values(entity, p)
        if isinstance(v, dict)
    }
    cand.occupations = {v["id"] for v in _values(entity, ids.OCCUPATION) if isinstance(v, dict)}
    return cand


def _name_directors(
    client: WikibaseClient, entities: dict[str, dict[str, Any]], fetched: dict[str, Candidate]
) -> None:
    """The names of the directors of films found by search (one request per 50 directors), so
    that a director agreeing counts for them as it does for films of the pool."""
    directed = {
        qid: [v["id"] for v in _values(entity, ids.DIRECTOR) if isinstance(v, dict) and "id" in v]
        for qid, entity in entities.items()
    }
    wanted = sorted({d for found in directed.values() for d in found})
    people = client.get_entities(wanted) if wanted else {}
    for qid, directors in directed.items():
        for director in directors:
            person = people.get(director, {})
            names = [label["value"] for label in person.get("labels", {}).values()]
            names += [a["value"] for aliases in person.get("aliases", {}).values() for a in aliases]
            for name in names:
                if name not in fetched[qid].people:
                    fetched[qid].people.append(name)


def person_names(entry: Entry) -> list[tuple[str, str]]:
    """(text, language) under which Wikidata may label a person: the names the graph has, the
    Hangul a romanized Korean name can stand for, and the usual spellings of every Hangul form."""
    korean = [t for t, _ in entry.titles if has_hangul(t)]
    latin = [t for t, _ in entry.titles if not has_hangul(t)]
    derived = [h for name in latin for h in hangul_candidates(name)]
    hangul = list(dict.fromkeys([*korean, *derived]))
    names = [(t, "ko") for t in hangul] + [(t, "en") for t in latin]
    names += [(form, "en") for h in hangul for form in spellings(h)]
    return list(dict.fromkeys(n for n in names if n[0].strip()))


def search_queries(entry: Entry) -> list[tuple[str, str]]:
    """(text, language) for wbsearchentities, most promising first: Korean titles in ko, other
    titles in en, then romanizations of the Korean titles in en (for a person: Hangul names,
    those derived from a romanized name included, then the Latin ones)."""
    if entry.kind == "person":
        return person_names(entry)
    korean = [t for t, _ in entry.titles if has_hangul(t)]
    latin = [t for t, _ in entry.titles if not has_hangul(t)]
    queries = [(t, "ko") for t in korean] + [(t, "en") for t in latin]
    for title in korean:
        queries.extend((form, "en") for form in romanize_all(title).values())
    return list(dict.fromkeys(q for q in queries if q[0].strip()))


def look_up_names(client: WikibaseClient, entries: list[Entry]) -> dict[str, Candidate]:
    """Humans labelled exactly as any of the entries' names could be spelled (a few queries
    for every entry together, NAMES_PER_QUERY names each)."""
    names = list(dict.fromkeys(n for entry in entries for n in person_names(entry)))
    # Wikidata keeps a name written alike in every Latin-script language as a "mul" label.
    names += [(text, "mul") for text, lang in names if lang == "en"]
    found: dict[str, Candidate] = {}
    for start in range(0, len(names), NAMES_PER_QUERY):
        rows = client.sparql(wdqs.names_query(names[start : start + NAMES_PER_QUERY]))
        for qid, cand in pool_from_rows(rows, in_pool=False).items():
            cand.found_by = "name lookup"
            found.setdefault(qid, cand)
    return found


def best_title(entry: Entry, cand: Candidate) -> float:
    return max(
        (similarity(ours, theirs) for ours, _ in entry.titles for theirs, _ in cand.names),
        default=0.0,
    )


def _answered(entry: Entry, pool: dict[str, Candidate]) -> bool:
    return any(best_title(entry, c) >= SEARCH_BELOW for c in pool.values())


def gather(
    client: WikibaseClient,
    entries: list[Entry],
    kind: Kind,
    searches_per_entry: int = SEARCHES_PER_ENTRY,
) -> dict[str, list[Candidate]]:
    """Candidates per entry IRI: the pool's, plus search hits for entries the pool cannot answer."""
    pool = pool_from_rows(client.sparql(wdqs.film_pool() if kind == "film" else wdqs.person_pool()))
    if kind == "person":
        unanswered = [e for e in entries if not _answered(e, pool)]
        if unanswered:
            for qid, cand in look_up_names(client, unanswered).items():
                pool.setdefault(qid, cand)
    found: dict[str, list[str]] = {}
    for entry in entries:
        if searches_per_entry <= 0 or _answered(entry, pool):
            continue
        for text, language in search_queries(entry)[:searches_per_entry]:
            hits = [h["id"] for h in client.search_entities(text, language)]
            if hits:
                found[entry.iri] = hits
                break
    extra_ids = sorted({q for qids in found.values() for q in qids if q not in pool})
    entities = client.get_entities(extra_ids) if extra_ids else {}
    fetched = {qid: candidate_from_entity(entity) for qid, entity in entities.items()}
    if kind == "film":
        _name_directors(client, entities, fetched)
    out: dict[str, list[Candidate]] = {}
    for entry in entries:
        cands = list(pool.values())
        cands += [fetched[q] for q in found.get(entry.iri, []) if q in fetched]
        out[entry.iri] = cands
    return out
