"""Propose links: entries of the graph -> candidates -> decisions, minus what was judged before."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from dprkfilm_graph.namespaces import DFO
from dprkfilm_graph.wikidata.apply import LINKS_FILE, judged, load_links, missing_items
from dprkfilm_graph.wikidata.candidates import SEARCHES_PER_ENTRY, gather
from dprkfilm_graph.wikidata.client import WikibaseClient
from dprkfilm_graph.wikidata.decide import Decision, decide
from dprkfilm_graph.wikidata.entries import Entry, Kind, entries_from_graph


def propose(
    client: WikibaseClient,
    entries: list[Entry],
    kind: Kind,
    links: Graph | None = None,
    searches_per_entry: int = SEARCHES_PER_ENTRY,
) -> list[Decision]:
    """A decision per entry not yet linked nor decided to have no item; rejected Q-ids are
    never proposed again."""
    known = judged(links) if links is not None else {}
    missing = missing_items(links) if links is not None else set()
    todo = [
        e
        for e in entries
        if not e.linked
        and e.iri not in missing
        and DFO.Confirmed not in known.get(e.iri, {}).values()
    ]
    if not todo:
        return []
    candidates = gather(client, todo, kind, searches_per_entry)
    out = []
    for entry in todo:
        rejected = frozenset(q for q, s in known.get(entry.iri, {}).items() if s == DFO.Rejected)
        out.append(decide(entry, candidates[entry.iri], rejected))
    return out


def reconcile(client: WikibaseClient, graph: Graph, kind: Kind, data_dir: Path) -> list[Decision]:
    """Decisions for every film or person of `graph`, given the links already in `data_dir`."""
    return propose(client, entries_from_graph(graph, kind), kind, load_links(data_dir / LINKS_FILE))
