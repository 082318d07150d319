"""The published graph -> dump files and a VoID/DCAT description with counts and checksums.

Every dump holds the ontology too (statuses, methods and their labels), so a store loaded with a
dump alone answers every shipped query as `dprkfilm query` does; the dataset's size is counted
once, on that whole (`triple_count`), by build, stats, publish and the VoID description alike.

Named graphs follow provenance: a claim, the plain triple it backs and the entities a source
introduced go into the graph named after that source, so a whole source can be retracted or
compared at once; the ontology has a named graph of its own. The default graph holds everything,
as the /sparql endpoint's does, so a store loaded with the TriG dump answers queries as the CLI
does without a union-default-graph setting (a store that takes the union of its graphs as the
default graph, Oxigraph's for one, would count a triple two sources back twice).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from dprkfilm_graph import atomic, progress
from dprkfilm_graph.derive import sources_of_asserted
from dprkfilm_graph.load import new_graph, triples_of
from dprkfilm_graph.namespaces import (
    BASE,
    DATASET,
    DCAT,
    DCTERMS,
    DFO,
    ENTITY_CLASSES,
    OWL,
    PROV,
    RDF,
    RDFS,
    SPDX,
    TAG_DPRK,
    TAG_MR,
    TAG_RR,
    VOID,
    XSD,
)
from dprkfilm_graph.plain import Triple, Triples, iri, plain
from dprkfilm_graph.serialize import to_jsonld, to_ntriples, to_turtle, turtle_and_trig
from dprkfilm_graph.terms import Term


class Format(Enum):
    """Dump formats: file name, media type."""

    TURTLE = ("dprkfilm.ttl", "text/turtle")
    NTRIPLES = ("dprkfilm.nt", "application/n-triples")
    JSONLD = ("dprkfilm.jsonld", "application/ld+json")
    TRIG = ("dprkfilm.trig", "application/trig")

    @property
    def filename(self) -> str:
        return self.value[0]

    @property
    def media_type(self) -> str:
        return self.value[1]


DESCRIPTION_FILE = "void.ttl"
ONTOLOGY_FILE = "ontology.ttl"
CHECKSUM_FILE = "SHA256SUMS"
DATASET_IRI = URIRef(BASE + "dataset")
ONTOLOGY_GRAPH = URIRef(BASE + "ontology")
DUMPS_BASE = BASE + "dumps/"
_TYPE, _CLAIM = iri(str(RDF.type)), iri(str(DFO.Claim))
_DERIVED, _SOURCE = iri(str(PROV.wasDerivedFrom)), iri(str(DCTERMS.source))
_SAME_AS = iri(str(OWL.sameAs))


def named_graphs(graph: Graph | Triples) -> dict[URIRef | None, Triples]:
    """Split the graph by source (see the module docstring).

    Where a node has several sources, its claim or structural triples go with the first source
    by IRI, so the split (and every dump) is the same in every process."""
    triples = plain(graph)
    buckets: dict[Term | None, Triples] = {}

    def put(name: Term | None, triple: Triple) -> None:
        key = name if name is not None and name[0] == "u" else None
        found = buckets.get(key)
        if found is None:
            found = buckets[key] = Triples()
        found.add(triple)

    backed = sources_of_asserted(triples)
    claim_graph: dict[Term, Term | None] = {
        claim: None for claim in triples.subjects(_TYPE, _CLAIM)
    }
    for claim, source in triples.pairs(_DERIVED):
        if claim in claim_graph:
            claim_graph[claim] = _first([source, claim_graph[claim]])
    home: dict[Term, Term | None] = {}
    for s, o in triples.pairs(_SOURCE):
        home[s] = _first([o, home[s]]) if s in home else o
    for triple in triples:
        s = triple[0]
        if s in claim_graph:
            put(claim_graph[s], triple)
        elif triple in backed:
            for source in backed[triple]:
                put(source, triple)
        else:
            # An entity's own structural triples go with the source that introduced it; a
            # source's description (no dcterms:source) stays in the default graph.
            put(home.get(s), triple)
    return {(None if k is None else URIRef(k[1])): v for k, v in buckets.items()}


def _first(nodes: Iterable[Term | None]) -> Term | None:
    """The first node by its text: a choice that does not depend on set order."""
    present = [n for n in nodes if n is not None]
    return min(present, key=lambda t: t[1]) if present else None


@dataclass(frozen=True)
class BuildResult:
    out_dir: Path
    files: dict[str, str]  # file name -> sha256
    triples: int


def _ontology(ontology: Graph | Triples | None) -> Triples:
    if ontology is not None:
        return plain(ontology)
    from dprkfilm_graph.graph import ontology_triples

    return ontology_triples()


def _with_ontology(graph: Graph | Triples, ontology: Graph | Triples | None) -> Triples:
    """What every dump holds: the published graph and the ontology (the shipped one by default),
    the same triples queries run on (graph.query_graph)."""
    full = Triples(plain(graph))
    full.update(_ontology(ontology))
    return full


def dataset_graphs(
    graph: Graph | Triples, ontology: Graph | Triples | None = None, full: Triples | None = None
) -> dict[URIRef | None, Triples]:
    """The dump's graphs as the TriG dump and `publish` lay them out: one per source, the
    ontology's, and the default graph holding all of them (`full`, when already merged)."""
    chosen = _ontology(ontology)
    out = named_graphs(graph)
    out[ONTOLOGY_GRAPH] = chosen
    out[None] = full if full is not None else _with_ontology(graph, chosen)
    return out


def triple_count(graph: Graph | Triples, ontology: Graph | Triples | None = None) -> int:
    """The dataset's size: distinct triples of the graph with the ontology, the lines of the
    N-Triples dump. Build, stats, publish and the VoID description all report this number."""
    return len(_with_ontology(graph, ontology))


def serialize_all(
    graph: Graph | Triples, ontology: Graph | Triples | None = None, full: Triples | None = None
) -> dict[Format, bytes]:
    """Every dump format of the published graph (with the ontology: `full`, when already
    merged)."""
    if full is None:
        full = _with_ontology(graph, ontology)
    # Each text is encoded as soon as it is written and let go: at a million triples a dump's
    # text is hundreds of megabytes, and holding text and bytes of all four at once doubled them.
    texts = list(turtle_and_trig(dataset_graphs(graph, ontology, full)))
    out = {Format.TURTLE: texts[0].encode()}
    texts[0] = ""
    out[Format.TRIG] = texts[1].encode()
    del texts
    out[Format.NTRIPLES] = to_ntriples(full).encode()
    out[Format.JSONLD] = to_jsonld(full).encode()
    return {fmt: out[fmt] for fmt in Format}


def make_dumps(
    graph: Graph | Triples, ontology_text: bytes
) -> tuple[dict[str, bytes], dict[str, str], Graph]:
    """Every file a build writes (dumps, ontology, description) with its media type, except
    SHA256SUMS, and the description as a graph; `ontology_text` is the ontology as shipped."""
    progress.step("writing the dumps")
    # The ontology as shipped, parsed by the loader (Oxigraph, about ten times rdflib's speed).
    ontology = Triples(
        triples_of(ontology_text.decode("utf-8"), Path("ontology.ttl"), allow_bnodes=True)
    )
    triples = plain(graph)
    full = _with_ontology(triples, ontology)
    bodies = {fmt.filename: body for fmt, body in serialize_all(triples, ontology, full).items()}
    media = {fmt.filename: fmt.media_type for fmt in Format}
    bodies[ONTOLOGY_FILE] = ontology_text
    media[ONTOLOGY_FILE] = "text/turtle"
    description = describe(full, bodies, media)
    bodies[DESCRIPTION_FILE] = to_turtle(description).encode()
    media[DESCRIPTION_FILE] = "text/turtle"
    return bodies, media, description


def describe(graph: Graph | Triples, files: Mapping[str, bytes], media: Mapping[str, str]) -> Graph:
    """The VoID/DCAT description: counts, partitions, distributions with checksums, and the
    private-use language tags explained."""
    triples = plain(graph)
    types = triples.pairs(_TYPE)
    d = new_graph()
    ds = DATASET_IRI
    d.add((ds, RDF.type, VOID.Dataset))
    d.add((ds, RDF.type, DCAT.Dataset))
    d.add(
        (
            ds,
            DCTERMS.title,
            Literal("dprkfilm-graph: North Korean films and film-song records", lang="en"),
        )
    )
    d.add(
        (
            ds,
            DCTERMS.description,
            Literal(
                "Films of the DPRK, the records of their songs, the people, studios and labels "
                "involved, photos of sleeves and labels, and every fact as a claim with its "
                "source, claimant, method and status.",
                lang="en",
            ),
        )
    )
    d.add((ds, DCTERMS.license, URIRef("https://creativecommons.org/publicdomain/zero/1.0/")))
    d.add((ds, VOID.uriSpace, Literal(BASE)))
    d.add((ds, VOID.vocabulary, URIRef(str(DFO)[:-1])))
    d.add((ds, VOID.triples, Literal(len(triples), datatype=XSD.integer)))
    entity_classes = {iri(str(cls)) for cls in ENTITY_CLASSES}
    entities = {s for s, cls in types if cls in entity_classes}
    d.add((ds, VOID.entities, Literal(len(entities), datatype=XSD.integer)))
    subjects = {t[0] for t in triples}
    d.add((ds, VOID.distinctSubjects, Literal(len(subjects), datatype=XSD.integer)))
    properties = {t[1] for t in triples}
    d.add((ds, VOID.properties, Literal(len(properties), datatype=XSD.integer)))
    d.add((ds, DCTERMS.conformsTo, URIRef(BASE + "ontology")))
    d.add(
        (
            ds,
            RDFS.comment,
            Literal(
                "Language tags: ko = Hangul; ko-Hani = Hanja; ko-Latn = romanized as printed, "
                f"system not known; {TAG_MR} = McCune-Reischauer (private use); {TAG_RR} = "
                "Revised Romanization (RFC 6497 transform, CLDR mechanism mcst); "
                f"{TAG_DPRK} = the DPRK's official romanization (private use). Values of "
                "dfo:generatedLabel are generated by rule, never a source's spelling.",
                lang="en",
            ),
        )
    )
    members: dict[str, set[Term]] = {}
    for member, kind in types:
        if kind[0] == "u":
            members.setdefault(kind[1], set()).add(member)
    for name in sorted(members):
        cls = URIRef(name)
        part = URIRef(f"{DATASET}class/{_slug(cls)}")
        d.add((ds, VOID.classPartition, part))
        d.add((part, VOID["class"], cls))
        d.add(
            (
                part,
                VOID.entities,
                Literal(len(members[name]), datatype=XSD.integer),
            )
        )
    same_as = [(s, o) for s, o in triples.pairs(_SAME_AS) if "wikidata.org" in o[1]]
    if same_as:
        link = URIRef(f"{DATASET}linkset/wikidata")
        d.add((link, RDF.type, VOID.Linkset))
        d.add((link, VOID.subjectsTarget, ds))
        d.add((link, VOID.objectsTarget, URIRef("http://www.wikidata.org/")))
        d.add((link, VOID.linkPredicate, OWL.sameAs))
        d.add((link, VOID.triples, Literal(len(same_as), datatype=XSD.integer)))
    for name in sorted(files):
        body = files[name]
        dist = URIRef(f"{DATASET}distribution/{_slug(URIRef(name))}")
        checksum = URIRef(f"{dist}#sha256")
        d.add((ds, DCAT.distribution, dist))
        d.add((dist, RDF.type, DCAT.Distribution))
        d.add((dist, DCTERMS.title, Literal(name)))
        d.add((dist, DCAT.downloadURL, URIRef(DUMPS_BASE + name)))
        d.add(
            (
                dist,
                DCAT.mediaType,
                URIRef(f"https://www.iana.org/assignments/media-types/{media[name]}"),
            )
        )
        d.add((dist, DCAT.byteSize, Literal(len(body), datatype=XSD.nonNegativeInteger)))
        d.add((dist, SPDX.checksum, checksum))
        d.add((checksum, RDF.type, SPDX.Checksum))
        d.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        d.add(
            (
                checksum,
                SPDX.checksumValue,
                Literal(hashlib.sha256(body).hexdigest(), datatype=XSD.hexBinary),
            )
        )
        if name != ONTOLOGY_FILE:
            d.add((ds, VOID.dataDump, URIRef(DUMPS_BASE + name)))
    return d


def _slug(term: URIRef) -> str:
    text = str(term).rstrip("/#")
    tail = text.rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    return "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in tail)


def write_dumps(graph: Graph | Triples, ontology_text: bytes, out_dir: Path) -> BuildResult:
    """Write every dump, the ontology, the description and SHA256SUMS, as one set."""
    bodies, _, _ = make_dumps(graph, ontology_text)
    return write_made(bodies, out_dir)


def write_made(bodies: Mapping[str, bytes], out_dir: Path) -> BuildResult:
    """Write the files make_dumps made, with SHA256SUMS, as one set."""
    sums = {name: hashlib.sha256(body).hexdigest() for name, body in bodies.items()}
    files = {out_dir / name: bodies[name] for name in sorted(bodies)}
    files[out_dir / CHECKSUM_FILE] = "".join(f"{sums[n]}  {n}\n" for n in sorted(sums)).encode()
    atomic.write_set(files, out_dir)  # a stopped build leaves all the old dumps or all new
    # One triple a line in the N-Triples dump: its line count is triple_count(graph, ontology).
    triples = bodies[Format.NTRIPLES.filename].count(b"\n")
    return BuildResult(out_dir=out_dir, files=sums, triples=triples)
