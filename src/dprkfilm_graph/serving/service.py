"""The SPARQL 1.1 Service Description of /sparql: what a client may send and which graphs exist.

Returned for a GET of the endpoint without a query when RDF is asked for, so that tools (and
people) can find the named graphs, one per source, without reading the documentation.
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef

from dprkfilm_graph.dump import named_graphs
from dprkfilm_graph.load import new_graph
from dprkfilm_graph.namespaces import RDF, RDFS, VOID

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "JSON-LD",
    "RDF_XML",
)


def describe(endpoint: str, graph: Graph, queried: Graph) -> Graph:
    """The service at `endpoint`: its language and formats, the default graph (`queried`, the
    whole graph with the ontology) and one named graph per source of `graph`."""
    out = new_graph()
    out.bind("sd", SD)
    service = URIRef(endpoint)
    out.add((service, RDF.type, SD.Service))
    out.add((service, SD.endpoint, service))
    out.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    for fmt in RESULT_FORMATS:
        out.add((service, SD.resultFormat, FORMATS[fmt]))
    dataset, default = BNode(), BNode()
    out.add((service, SD.defaultDataset, dataset))
    out.add((dataset, RDF.type, SD.Dataset))
    out.add((dataset, SD.defaultGraph, default))
    out.add((default, RDF.type, SD.Graph))
    out.add((default, VOID.triples, Literal(len(queried))))
    for name, part in sorted(named_graphs(graph).items(), key=lambda item: str(item[0])):
        if name is None:
            continue
        named, described = BNode(), BNode()
        out.add((dataset, SD.namedGraph, named))
        out.add((named, RDF.type, SD.NamedGraph))
        out.add((named, SD.name, name))
        out.add((named, SD.graph, described))
        out.add((described, RDF.type, SD.Graph))
        out.add((described, VOID.triples, Literal(len(part))))
        label = graph.value(name, RDFS.label)
        if label is not None:
            out.add((named, RDFS.label, label))
    return out
