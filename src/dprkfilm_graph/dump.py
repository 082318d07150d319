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
from rdflib.term import Node

from dprkfilm_graph import atomic, progress
from dprkfilm_graph.derive import claim_sources
from dprkfilm_graph.load import merge, new_graph, parse_text
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
from dprkfilm_graph.serialize import to_jsonld, to_ntriples, to_trig, to_turtle


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


def named_graphs(graph: Graph) -> dict[URIRef | None, Graph]:
    """Split the graph by source (see the module docstring).

    Where a node has several sources, its claim or structural triples go with the first source
    by IRI, so the split (and every dump) is the same in every process."""
    buckets: dict[URIRef | None, list[tuple[Node, Node, Node]]] = {}

    def put(name: Node | None, triple: tuple[Node, Node, Node]) -> None:
        key = name if isinstance(name, URIRef) else None
        buckets.setdefault(key, []).append(triple)

    backed = claim_sources(graph)
    claims = set(graph.subjects(RDF.type, DFO.Claim))
    claim_graph = {claim: _first(graph.objects(claim, PROV.wasDerivedFrom)) for claim in claims}
    home: dict[Node, Node | None] = {}
    for s, o in graph.subject_objects(DCTERMS.source):
        home[s] = _first([o, home[s]]) if s in home else o
    for s, p, o in graph:
        if s in claim_graph:
            put(claim_graph[s], (s, p, o))
        elif (s, p, o) in backed:
            for source in backed[(s, p, o)]:
                put(source, (s, p, o))
        else:
            # An entity's own structural triples go with the source that introduced it; a
            # source's description (no dcterms:source) stays in the default graph.
            put(home.get(s), (s, p, o))
    out: dict[URIRef | None, Graph] = {}
    for key, triples in buckets.items():
        part = Graph(bind_namespaces="none")
        for triple in triples:
            part.add(triple)
        out[key] = part
    return out


def _first(nodes: Iterable[Node | None]) -> Node | None:
    """The first node by its text: a choice that does not depend on set order."""
    present = [n for n in nodes if n is not None]
    return min(present, key=str) if present else None


@dataclass(frozen=True)
class BuildResult:
    out_dir: Path
    files: dict[str, str]  # file name -> sha256
    triples: int


def _ontology(ontology: Graph | None) -> Graph:
    if ontology is not None:
        return ontology
    from dprkfilm_graph.load import load_ontology

    return load_ontology()


def with_ontology(graph: Graph, ontology: Graph | None = None) -> Graph:
    """What every dump holds: the published graph and the ontology (the shipped one by default),
    which is also the graph queries run on (graph.query_graph)."""
    if ontology is None:
        from dprkfilm_graph.graph import query_graph

        return query_graph(graph)
    return merge([graph, ontology])


def dataset_graphs(
    graph: Graph, ontology: Graph | None = None, full: Graph | None = None
) -> dict[URIRef | None, Graph]:
    """The dump's graphs as the TriG dump and `publish` lay them out: one per source, the
    ontology's, and the default graph holding all of them (`full`, when already merged)."""
    chosen = _ontology(ontology)
    out = named_graphs(graph)
    out[ONTOLOGY_GRAPH] = chosen
    out[None] = full if full is not None else with_ontology(graph, chosen)
    return out


def triple_count(graph: Graph, ontology: Graph | None = None) -> int:
    """The dataset's size: distinct triples of the graph with the ontology, the lines of the
    N-Triples dump. Build, stats, publish and the VoID description all report this number."""
    return len(with_ontology(graph, ontology))


def serialize_all(
    graph: Graph, ontology: Graph | None = None, full: Graph | None = None
) -> dict[Format, bytes]:
    """Every dump format of the published graph (with the ontology: `full`, when already
    merged; the merge is the costliest step after writing)."""
    if full is None:
        full = with_ontology(graph, ontology)
    return {
        Format.TURTLE: to_turtle(full).encode(),
        Format.NTRIPLES: to_ntriples(full).encode(),
        Format.JSONLD: to_jsonld(full).encode(),
        Format.TRIG: to_trig(dataset_graphs(graph, ontology, full)).encode(),
    }


def make_dumps(
    graph: Graph, ontology_text: bytes
) -> tuple[dict[str, bytes], dict[str, str], Graph]:
    """Every file a build writes (dumps, ontology, description) with its media type, except
    SHA256SUMS, and the description as a graph; `ontology_text` is the ontology as shipped."""
    progress.step("writing the dumps")
    # The ontology as shipped, parsed by the loader (Oxigraph, about ten times rdflib's speed).
    ontology = parse_text(ontology_text.decode("utf-8"), Path("ontology.ttl"))
    full = with_ontology(graph, ontology)
    bodies = {fmt.filename: body for fmt, body in serialize_all(graph, ontology, full).items()}
    media = {fmt.filename: fmt.media_type for fmt in Format}
    bodies[ONTOLOGY_FILE] = ontology_text
    media[ONTOLOGY_FILE] = "text/turtle"
    description = describe(full, bodies, media)
    bodies[DESCRIPTION_FILE] = to_turtle(description).encode()
    media[DESCRIPTION_FILE] = "text/turtle"
    return bodies, media, description


def describe(graph: Graph, files: Mapping[str, bytes], media: Mapping[str, str]) -> Graph:
    """The VoID/DCAT description: counts, partitions, distributions with checksums, and the
    private-use language tags explained."""
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
    d.add((ds, VOID.triples, Literal(len(graph), datatype=XSD.integer)))
    entities = {s for cls in ENTITY_CLASSES for s in graph.subjects(RDF.type, cls)}
    d.add((ds, VOID.entities, Literal(len(entities), datatype=XSD.integer)))
    d.add((ds, VOID.distinctSubjects, Literal(len(set(graph.subjects())), datatype=XSD.integer)))
    d.add((ds, VOID.properties, Literal(len(set(graph.predicates())), datatype=XSD.integer)))
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
    classes = sorted({o for o in graph.objects(None, RDF.type) if isinstance(o, URIRef)}, key=str)
    for cls in classes:
        part = URIRef(f"{DATASET}class/{_slug(cls)}")
        d.add((ds, VOID.classPartition, part))
        d.add((part, VOID["class"], cls))
        d.add(
            (
                part,
                VOID.entities,
                Literal(len(set(graph.subjects(RDF.type, cls))), datatype=XSD.integer),
            )
        )
    same_as = [(s, o) for s, o in graph.subject_objects(OWL.sameAs) if "wikidata.org" in str(o)]
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


def write_dumps(graph: Graph, ontology_text: bytes, out_dir: Path) -> BuildResult:
    """Write every dump, the ontology, the description and SHA256SUMS, as one set."""
    bodies, _, _ = make_dumps(graph, ontology_text)
    sums = {name: hashlib.sha256(body).hexdigest() for name, body in bodies.items()}
    files = {out_dir / name: bodies[name] for name in sorted(bodies)}
    files[out_dir / CHECKSUM_FILE] = "".join(f"{sums[n]}  {n}\n" for n in sorted(sums)).encode()
    atomic.write_set(files, out_dir)  # a stopped build leaves all the old dumps or all new
    # One triple a line in the N-Triples dump: its line count is triple_count(graph, ontology).
    triples = bodies[Format.NTRIPLES.filename].count(b"\n")
    return BuildResult(out_dir=out_dir, files=sums, triples=triples)
