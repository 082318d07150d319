"""Accepted and rejected links -> data/links-wikidata.ttl, each as a claim with its provenance;
and a person's decision that Wikidata has no item for an entity (create), as a confirmed
owl:sameAs claim whose value is dfo:NoValue (Wikibase's "no value").

An accepted link is a confirmed claim (owl:sameAs, method dfo:Reconciliation, score, date, who
accepted), so the build derives the plain owl:sameAs triple from it; a rejection is the same claim
with status dfo:Rejected, which the proposer reads to never offer that item again. Claim IRIs are
derived from entity and Q-id, so applying twice (or after a crash) writes nothing twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from dprkfilm_graph.datafiles import DataFiles
from dprkfilm_graph.errors import InputError
from dprkfilm_graph.load import new_graph
from dprkfilm_graph.namespaces import (
    BASE,
    CLAIM,
    DCTERMS,
    DFO,
    OWL,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SOURCE,
    WD,
    XSD,
)
from dprkfilm_graph.serialize import to_turtle
from dprkfilm_graph.wikidata.review import Row, read_tsv

LINKS_FILE = "links-wikidata.ttl"
WIKIDATA_SOURCE = SOURCE["wikidata"]
DEFAULT_AGENT = URIRef(BASE + "dataset/reconciler")


@dataclass(frozen=True)
class Applied:
    written: int
    rejected: int
    unchanged: int
    path: Path
    missing: int = 0


def claim_iri(subject: str, qid: str) -> URIRef:
    """The link claim of (entity, Q-id); with no Q-id, the claim that there is no item."""
    tail = subject.removeprefix(BASE).replace("/", "-")
    return CLAIM[f"{tail}-sameas-{qid.lower() or 'novalue'}"]


def missing_items(graph: Graph) -> set[str]:
    """Entities a person decided Wikidata has no item for (a confirmed owl:sameAs no-value
    claim): the only ones QuickStatements may create, and no longer proposed for linking."""
    out: set[str] = set()
    for claim in graph.subjects(RDF.predicate, OWL.sameAs):
        if (
            graph.value(claim, DFO.valueStatus) == DFO.NoValue
            and graph.value(claim, DFO.status) == DFO.Confirmed
            and (subject := graph.value(claim, RDF.subject)) is not None
        ):
            out.add(str(subject))
    return out


def load_links(path: Path, files: DataFiles | None = None) -> Graph:
    """The links file as the loader reads every data file (same checks, same messages)."""
    change = files if files is not None else DataFiles(path.parent)
    if change.text(path) is None:
        return new_graph()
    return change.data([path]).graph


def judged(graph: Graph) -> dict[str, dict[str, URIRef]]:
    """subject IRI -> {Q-id: status} for every link claim already in the file."""
    out: dict[str, dict[str, URIRef]] = {}
    for claim in graph.subjects(RDF.predicate, OWL.sameAs):
        subject, obj = graph.value(claim, RDF.subject), graph.value(claim, RDF.object)
        status = graph.value(claim, DFO.status)
        if subject is not None and obj is not None and isinstance(status, URIRef):
            out.setdefault(str(subject), {})[str(obj).removeprefix(str(WD))] = status
    return out


def _source(graph: Graph) -> None:
    graph.add((WIKIDATA_SOURCE, RDF.type, SCHEMA.Dataset))
    graph.add((WIKIDATA_SOURCE, RDF.type, PROV.Entity))
    graph.add((WIKIDATA_SOURCE, RDFS.label, Literal("Wikidata", lang="en")))
    graph.add((WIKIDATA_SOURCE, SCHEMA.url, URIRef("https://www.wikidata.org/")))


def _describe_reconciler(graph: Graph) -> None:
    """The default agent is this software: described, so the links file validates on its own."""
    graph.add((DEFAULT_AGENT, RDF.type, PROV.SoftwareAgent))
    graph.add((DEFAULT_AGENT, RDFS.label, Literal("dprkfilm reconcile", lang="en")))


def apply(
    review: Path, data_dir: Path, *, agent: URIRef = DEFAULT_AGENT, today: dt.date | None = None
) -> Applied:
    """Write the decisions of an edited review file into `data_dir`/links-wikidata.ttl."""
    rows: list[Row] = read_tsv(review)
    path = data_dir / LINKS_FILE
    change = DataFiles(data_dir)
    graph = load_links(path, change)
    before = judged(graph)
    date = Literal((today or dt.date.today()).isoformat(), datatype=XSD.date)
    accepted_for: dict[str, Row] = {}
    created = {row.subject: row for row in rows if row.decision == "create"}
    for row in rows:
        if row.decision == "accept" and row.subject in created:
            raise InputError(
                f"{row.subject} is accepted as {row.qid} here and marked create (Wikidata has no"
                f" item) on line {created[row.subject].line}: keep one",
                path=str(review),
                line=row.line,
            )
        if row.decision == "accept":
            other = accepted_for.get(row.subject)
            if other is not None and other.qid != row.qid:
                raise InputError(
                    f"{row.subject} is accepted as both {other.qid} (line {other.line}) and"
                    f" {row.qid}: accept one",
                    path=str(review),
                    line=row.line,
                )
            accepted_for[row.subject] = row
    written = rejected = unchanged = missing = 0
    already_missing = missing_items(graph)
    for subject in sorted(created):
        if subject in already_missing:
            unchanged += 1
            continue
        claim = claim_iri(subject, "")
        graph.remove((claim, None, None))
        graph.add((claim, RDF.type, DFO.Claim))
        graph.add((claim, RDF.subject, URIRef(subject)))
        graph.add((claim, RDF.predicate, OWL.sameAs))
        graph.add((claim, DFO.valueStatus, DFO.NoValue))
        graph.add((claim, DFO.method, DFO.Reconciliation))
        graph.add((claim, DFO.status, DFO.Confirmed))
        graph.add((claim, DFO.confirmedBy, agent))
        graph.add((claim, DCTERMS.date, date))
        graph.add((claim, PROV.wasAttributedTo, agent))
        graph.add((claim, PROV.wasDerivedFrom, WIKIDATA_SOURCE))
        missing += 1
    for row in rows:
        if row.decision not in ("accept", "reject") or not row.qid:
            continue
        status = DFO.Confirmed if row.decision == "accept" else DFO.Rejected
        if before.get(row.subject, {}).get(row.qid) == status:
            unchanged += 1
            continue
        claim = claim_iri(row.subject, row.qid)
        graph.remove((claim, None, None))
        graph.add((claim, RDF.type, DFO.Claim))
        graph.add((claim, RDF.subject, URIRef(row.subject)))
        graph.add((claim, RDF.predicate, OWL.sameAs))
        graph.add((claim, RDF.object, WD[row.qid]))
        graph.add((claim, DFO.method, DFO.Reconciliation))
        graph.add((claim, DFO.status, status))
        graph.add((claim, DFO.score, Literal(f"{row.confidence:.4f}", datatype=XSD.decimal)))
        graph.add((claim, DCTERMS.date, date))
        graph.add((claim, DFO.retrieved, date))
        graph.add((claim, PROV.wasAttributedTo, agent))
        if status == DFO.Confirmed:  # a person's accept in the review file confirms the link
            graph.add((claim, DFO.confirmedBy, agent))
        graph.add((claim, PROV.wasDerivedFrom, WIKIDATA_SOURCE))
        if status == DFO.Confirmed:
            written += 1
        else:
            rejected += 1
    if written or rejected or missing:
        _source(graph)
        if agent == DEFAULT_AGENT:
            _describe_reconciler(graph)
        change.put(path, to_turtle(graph))
        change.commit()  # the data with the links must validate; else nothing is written
    return Applied(written, rejected, unchanged, path, missing)
