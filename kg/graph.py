"""Triples → RDF: the one place model values become RDF terms; reads no files, runs no NLP.

Shape of the graph (see README, "The RDF vocabulary"):

    ent:place/Russia a kg:Entity, schema:Place ; rdfs:label "Russia" ; kg:kind "place" .
    ent:place/Russia rel:collaborates ent:place/China .              # the edge itself
    kg-assertion a kg:Assertion ; rdf:subject … ; rdf:predicate … ; rdf:object … ;
        kg:evidence kg-evidence .                                     # one per edge
    kg-evidence a kg:Evidence ; prov:wasDerivedFrom doc:… ; kg:sentence "…" ;
        nif:beginIndex 0 ; nif:endIndex 52 ; kg:rule "svo" ; kg:confidence 0.9 ;
        kg:relationPhrase "seeks collaboration with" .                # one per sentence
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.model import Document, Entity, Triple
from kg.namespace import (
    KG,
    KINDS,
    NIF,
    PREFIXES,
    assertion_iri,
    content_hash,
    document_iri,
    entity_iri,
    evidence_iri,
    relation_iri,
)

__all__ = ["new_graph", "to_rdf"]


def new_graph() -> Graph:
    """Return an empty rdflib graph with kg's prefixes bound."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def _int(value: int) -> Literal:
    return Literal(value, datatype=XSD.nonNegativeInteger)


def _add_entity(graph: Graph, entity: Entity) -> URIRef:
    iri = entity_iri(entity.name, entity.kind)
    graph.add((iri, RDF.type, KG.Entity))
    graph.add((iri, RDF.type, KINDS.get(entity.kind, KG.Concept)))
    graph.add((iri, RDFS.label, Literal(entity.name)))
    graph.add((iri, KG.kind, Literal(entity.kind)))
    for label in entity.labels - {entity.name}:
        graph.add((iri, SKOS.altLabel, Literal(label)))
    return iri


def _add_document(graph: Graph, doc: Document) -> URIRef:
    digest = content_hash(doc.text)
    iri = document_iri(digest)
    graph.add((iri, RDF.type, KG.Document))
    graph.add((iri, RDF.type, PROV.Entity))
    graph.add((iri, KG.source, Literal(doc.name)))
    graph.add((iri, KG.contentHash, Literal(digest)))
    return iri


def to_rdf(
    triples: Iterable[Triple],
    documents: Iterable[Document] = (),
    entities: Iterable[Entity] = (),
    graph: Graph | None = None,
) -> Graph:
    """Add documents, entities and triples (with their evidence) to ``graph`` and return it.

    Equal triples from several sentences become one edge with one assertion node and one
    evidence node per sentence.

    >>> from kg.model import Entity, Triple
    >>> g = to_rdf([Triple(Entity("Yandex", "organization"), "partners", Entity("Baidu", "organization"))])
    >>> len(list(g.triples((None, relation_iri("partners"), None))))
    1
    """
    graph = new_graph() if graph is None else graph
    for doc in documents:
        _add_document(graph, doc)
    for entity in entities:
        _add_entity(graph, entity)
    for triple in triples:
        subject = _add_entity(graph, triple.subject)
        obj = _add_entity(graph, triple.object)
        predicate = relation_iri(triple.predicate)
        graph.add((predicate, RDF.type, OWL.ObjectProperty))
        graph.add((predicate, RDF.type, KG.Relation))
        graph.add((predicate, RDFS.label, Literal(triple.predicate)))
        graph.add((subject, predicate, obj))
        assertion = assertion_iri(subject, predicate, obj)
        graph.add((assertion, RDF.type, KG.Assertion))
        graph.add((assertion, RDF.subject, subject))
        graph.add((assertion, RDF.predicate, predicate))
        graph.add((assertion, RDF.object, obj))
        prov = triple.provenance
        if prov is None:
            continue
        evidence = evidence_iri(prov.doc_id, prov.sentence.start, prov.sentence.end, assertion, prov.rule)
        graph.add((assertion, KG.evidence, evidence))
        graph.add((evidence, RDF.type, KG.Evidence))
        graph.add((evidence, PROV.wasDerivedFrom, document_iri(prov.doc_id)))
        graph.add((evidence, KG.sentence, Literal(prov.sentence.text)))
        graph.add((evidence, NIF.beginIndex, _int(prov.sentence.start)))
        graph.add((evidence, NIF.endIndex, _int(prov.sentence.end)))
        graph.add((evidence, KG.subjectText, Literal(prov.subject.text)))
        graph.add((evidence, KG.subjectBegin, _int(prov.subject.start)))
        graph.add((evidence, KG.subjectEnd, _int(prov.subject.end)))
        graph.add((evidence, KG.objectText, Literal(prov.object.text)))
        graph.add((evidence, KG.objectBegin, _int(prov.object.start)))
        graph.add((evidence, KG.objectEnd, _int(prov.object.end)))
        graph.add((evidence, KG.rule, Literal(prov.rule)))
        graph.add((evidence, KG.confidence, Literal(Decimal(f"{prov.confidence:.3f}"))))
        graph.add((evidence, KG.relationPhrase, Literal(prov.relation)))
    return graph
