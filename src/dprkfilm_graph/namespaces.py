"""IRIs and prefixes: the one place that knows the base IRI and every vocabulary in use.

IRIs under BASE never change once published; new kinds of entity get a new path segment.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SH, SKOS, VOID, XSD

BASE = "https://w3id.org/dprkfilm/"

DFO = Namespace(BASE + "ontology#")
DFS = Namespace(BASE + "shapes#")
SCHEMA = Namespace("http://schema.org/")
MO = Namespace("http://purl.org/ontology/mo/")
OA = Namespace("http://www.w3.org/ns/oa#")
WD = Namespace("http://www.wikidata.org/entity/")
SPDX = Namespace("http://spdx.org/rdf/terms#")
VANN = Namespace("http://purl.org/vocab/vann/")

# Path segments under BASE, one per kind of entity.
ENTITY_SEGMENTS = (
    "claim",
    "dataset",
    "disc",
    "film",
    "image",
    "org",
    "person",
    "recording",
    "release",
    "song",
    "source",
    "track",
)

FILM = Namespace(BASE + "film/")
PERSON = Namespace(BASE + "person/")
ORG = Namespace(BASE + "org/")
RELEASE = Namespace(BASE + "release/")
DISC = Namespace(BASE + "disc/")
TRACK = Namespace(BASE + "track/")
SONG = Namespace(BASE + "song/")
RECORDING = Namespace(BASE + "recording/")
IMAGE = Namespace(BASE + "image/")
SOURCE = Namespace(BASE + "source/")
CLAIM = Namespace(BASE + "claim/")
DATASET = Namespace(BASE + "dataset/")

# Prefixes written in every serialization and known to queries and the CLI, in a fixed order.
PREFIXES: dict[str, str] = {
    "claim": str(CLAIM),
    "dataset": str(DATASET),
    "dcat": str(DCAT),
    "dcterms": str(DCTERMS),
    "dfo": str(DFO),
    "dfs": str(DFS),
    "disc": str(DISC),
    "film": str(FILM),
    "foaf": str(FOAF),
    "image": str(IMAGE),
    "mo": str(MO),
    "oa": str(OA),
    "org": str(ORG),
    "owl": str(OWL),
    "person": str(PERSON),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "recording": str(RECORDING),
    "release": str(RELEASE),
    "schema": str(SCHEMA),
    "sh": str(SH),
    "skos": str(SKOS),
    "song": str(SONG),
    "source": str(SOURCE),
    "spdx": str(SPDX),
    "track": str(TRACK),
    "vann": str(VANN),
    "void": str(VOID),
    "wd": str(WD),
    "xsd": str(XSD),
}

# Classes whose instances are the graph's entities (as opposed to claims, sources and vocabulary).
ENTITY_CLASSES = (
    SCHEMA.Movie,
    SCHEMA.Person,
    SCHEMA.Organization,
    SCHEMA.MusicRelease,
    MO.Record,
    MO.Track,
    SCHEMA.MusicComposition,
    SCHEMA.MusicRecording,
    SCHEMA.ImageObject,
    DFO.ImageRegion,
)

# Language tags of the romanization systems (see the ontology and the dataset description).
TAG_MR = "ko-Latn-x-mr"
TAG_RR = "ko-Latn-t-ko-m0-mcst"
TAG_DPRK = "ko-Latn-x-dprk"

__all__ = [
    "BASE",
    "CLAIM",
    "DATASET",
    "DCAT",
    "DCTERMS",
    "DFO",
    "DFS",
    "DISC",
    "ENTITY_CLASSES",
    "ENTITY_SEGMENTS",
    "FILM",
    "FOAF",
    "IMAGE",
    "MO",
    "OA",
    "ORG",
    "OWL",
    "PERSON",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "RECORDING",
    "RELEASE",
    "SCHEMA",
    "SH",
    "SKOS",
    "SONG",
    "SOURCE",
    "SPDX",
    "TAG_DPRK",
    "TAG_MR",
    "TAG_RR",
    "TRACK",
    "VANN",
    "VOID",
    "WD",
    "XSD",
]
