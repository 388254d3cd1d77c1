"""Triples → RDF: the one place model values become RDF terms; reads no files, runs no NLP.

Shape of the graph (see README, "The RDF vocabulary"):

    place:Russia a kg:Entity, schema:Place ; rdfs:label "Russia" ; kg:kind "place" .
    place:Russia rel:collaborates place:China .                      # the edge itself
    assertion:… a kg:Assertion ; rdf:subject … ; rdf:predicate … ; rdf:object … ;
        kg:evidence evidence:… .                                      # one per edge
    evidence:… a kg:Evidence ; prov:wasDerivedFrom doc:… ; kg:sentence "…" ;
        nif:beginIndex 0 ; nif:endIndex 52 ; kg:rule "svo" ; kg:confidence 0.9 ;
        kg:relationPhrase "seeks collaboration with" ;                # one per sentence
        kg:pointInTime "2019"^^xsd:gYear .                            # when the sentence dates it

An edge one document states more often than it keeps evidence of (``kg.link.MAX_EVIDENCE``)
has that many evidence nodes from it, each with ``kg:evidenceCount``, how many there were.

A date fact has the same shape with a typed literal as its object and a ``kg:DateStatement``:

    ent:person/Ada_Byron rel:dateOfBirth "1815-12-10"^^xsd:date .

In a store each statement lives in exactly one named graph (so the union default graph has
no duplicates): what every document may share (entities, edges, statement nodes, relation
properties) in ``FACTS_GRAPH``; what one document says (its description, ``kg:evidence``
links, evidence nodes, alternative labels) in the document's own graph, named by its IRI.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import TypeAlias

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SDO, SKOS, XSD
from rdflib.term import Node

from kg.model import Date, DateFact, Document, Entity, Provenance, Triple
from kg.namespace import (
    FACTS_GRAPH,
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

__all__ = ["DocumentGraph", "date_literal", "document_graph", "new_graph", "to_rdf"]

# A statement and whether it belongs to its document's own graph (else to the shared facts).
_Statement: TypeAlias = tuple[bool, tuple[Node, Node, Node]]


def new_graph() -> Graph:
    """Return an empty rdflib graph with kg's prefixes bound."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def _decimal(value: float) -> Literal:
    # Three places, written in the canonical form Oxigraph stores ("0.9", not "0.900").
    return Literal(Decimal(format(Decimal(f"{value:.3f}").normalize(), "f")))


# Offsets and counts repeat from document to document, and rdflib's Literal is slow to make
# (it casts and normalises the value), so recent ones are kept; the cache's size is fixed.
@lru_cache(maxsize=8192, typed=True)
def _int(value: int) -> Literal:
    # xsd:integer, not NIF's xsd:nonNegativeInteger: Oxigraph stores integer subtypes as
    # xsd:integer, and a graph should read back from the store as it was written. The SHACL
    # shapes check offsets are not negative.
    return Literal(value, datatype=XSD.integer)


def _entity(entity: Entity) -> tuple[_Statement, ...]:
    # Not keyed by the Entity: its labels and evidence are not part of its equality.
    return _described(entity.name, entity.kind, entity.labels, entity.evidence, entity.roles)


# An entity is described again for every edge it is in: made once while it is recent.
@lru_cache(maxsize=4096)
def _described(
    name: str, kind: str, labels: frozenset[str], evidence: str, roles: tuple[str, ...] = ()
) -> tuple[_Statement, ...]:
    return tuple(_describe(name, kind, labels, evidence, roles))


def _describe(
    name: str, kind: str, labels: frozenset[str], evidence: str, roles: tuple[str, ...] = ()
) -> Iterator[_Statement]:
    iri = entity_iri(name, kind)
    yield False, (iri, RDF.type, KG.Entity)
    yield False, (iri, RDF.type, KINDS.get(kind, KG.Concept))
    yield False, (iri, RDFS.label, Literal(name))
    yield False, (iri, KG.kind, Literal(kind))
    # Other names are what one document called the entity: they leave with that document.
    for label in labels - {name}:
        yield True, (iri, SKOS.altLabel, Literal(label))
    if evidence:
        # Why its kind, as this document's build weighed it: it leaves with the document.
        yield True, (iri, KG.kindEvidence, Literal(evidence))
    # What the document calls a person ("drummer", "chief executive"): a role, not a node.
    for role in roles:
        yield True, (iri, SDO.jobTitle, Literal(role))


def _document(doc: Document, date: Date | None = None) -> Iterator[_Statement]:
    digest = content_hash(doc.text)
    iri = document_iri(digest)
    yield True, (iri, RDF.type, KG.Document)
    yield True, (iri, RDF.type, PROV.Entity)
    yield True, (iri, KG.source, Literal(doc.name))
    yield True, (iri, KG.contentHash, Literal(digest))
    if date is not None:
        yield True, (iri, KG.documentDate, date_literal(date))


def date_literal(value: Date | str) -> Literal:
    """Return the literal of a date: typed at its precision, or the phrase as written.

    >>> date_literal(Date(2005, 5)).n3()
    '"2005-05"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>'
    """
    if isinstance(value, Date):
        return Literal(value.lexical, datatype=XSD[value.datatype])
    return Literal(value)


def _date_fact(fact: DateFact) -> Iterator[_Statement]:
    subject = entity_iri(fact.subject.name, fact.subject.kind)
    yield from _entity(fact.subject)
    predicate = relation_iri(fact.predicate)
    yield False, (predicate, RDF.type, OWL.DatatypeProperty)
    yield False, (predicate, RDF.type, KG.DateRelation)
    yield False, (predicate, RDFS.label, Literal(fact.predicate))
    value = date_literal(fact.value)
    yield False, (subject, predicate, value)
    assertion = assertion_iri(subject, predicate, value)
    yield False, (assertion, RDF.type, KG.DateStatement)
    yield False, (assertion, RDF.subject, subject)
    yield False, (assertion, RDF.predicate, predicate)
    yield False, (assertion, RDF.object, value)
    if fact.provenance is not None:
        yield from _evidence(assertion, fact.provenance)


def _triple(triple: Triple, properties: Mapping[str, str]) -> Iterator[_Statement]:
    subject = entity_iri(triple.subject.name, triple.subject.kind)
    obj = entity_iri(triple.object.name, triple.object.kind)
    yield from _entity(triple.subject)
    yield from _entity(triple.object)
    predicate = relation_iri(triple.predicate)
    yield False, (predicate, RDF.type, OWL.ObjectProperty)
    yield False, (predicate, RDF.type, KG.Relation)
    yield False, (predicate, RDFS.label, Literal(triple.predicate))
    if triple.predicate in properties:  # a user's relation, mapped to their own property
        yield False, (predicate, RDFS.subPropertyOf, URIRef(properties[triple.predicate]))
    yield False, (subject, predicate, obj)
    assertion = assertion_iri(subject, predicate, obj)
    yield False, (assertion, RDF.type, KG.Assertion)
    yield False, (assertion, RDF.subject, subject)
    yield False, (assertion, RDF.predicate, predicate)
    yield False, (assertion, RDF.object, obj)
    if triple.provenance is not None:
        yield from _evidence(assertion, triple.provenance)


def _evidence(assertion: URIRef, prov: Provenance) -> Iterator[_Statement]:
    evidence = evidence_iri(
        prov.doc_id, prov.sentence.start, prov.sentence.end, assertion, prov.rule
    )
    for statement in (
        (assertion, KG.evidence, evidence),
        (evidence, RDF.type, KG.Evidence),
        (evidence, PROV.wasDerivedFrom, document_iri(prov.doc_id)),
        (evidence, KG.sentence, Literal(prov.sentence.text)),
        (evidence, NIF.beginIndex, _int(prov.sentence.start)),
        (evidence, NIF.endIndex, _int(prov.sentence.end)),
        (evidence, KG.subjectText, Literal(prov.subject.text)),
        (evidence, KG.subjectBegin, _int(prov.subject.start)),
        (evidence, KG.subjectEnd, _int(prov.subject.end)),
        (evidence, KG.objectText, Literal(prov.object.text)),
        (evidence, KG.objectBegin, _int(prov.object.start)),
        (evidence, KG.objectEnd, _int(prov.object.end)),
        (evidence, KG.rule, Literal(prov.rule)),
        (evidence, KG.confidence, _decimal(prov.confidence)),
        (evidence, KG.relationPhrase, Literal(prov.relation)),
    ):
        yield True, statement
    for premise in prov.premises:
        premise_iri = assertion_iri(
            entity_iri(premise.subject.name, premise.subject.kind),
            relation_iri(premise.predicate),
            entity_iri(premise.object.name, premise.object.kind),
        )
        yield True, (evidence, KG.inferredFrom, premise_iri)
    if prov.citation:
        yield True, (evidence, KG.citation, Literal(prov.citation))
    if prov.count:
        # The document states the edge more often than it keeps evidence of (kg.link).
        yield True, (evidence, KG.evidenceCount, _int(prov.count))
    for term, when in (
        (KG.pointInTime, prov.time),
        (KG.startTime, prov.start),
        (KG.endTime, prov.end),
    ):
        if when is not None:
            yield True, (evidence, term, date_literal(when))


def _statements(
    triples: Iterable[Triple],
    documents: Iterable[Document],
    entities: Iterable[Entity],
    properties: Mapping[str, str],
    dates: Iterable[DateFact] = (),
    date: Date | None = None,
) -> Iterator[_Statement]:
    for doc in documents:
        yield from _document(doc, date)
    for entity in entities:
        yield from _entity(entity)
    for triple in triples:
        yield from _triple(triple, properties)
    for fact in dates:
        yield from _date_fact(fact)


def to_rdf(
    triples: Iterable[Triple],
    documents: Iterable[Document] = (),
    entities: Iterable[Entity] = (),
    graph: Graph | None = None,
    properties: Mapping[str, str] | None = None,
    dates: Iterable[DateFact] = (),
) -> Graph:
    """Add documents, entities, triples and date facts (with their evidence) to ``graph`` and
    return it.

    Equal triples from several sentences become one edge with one assertion node and one
    evidence node per sentence. ``properties`` maps a relation label to a property IRI its
    relation is a sub-property of (users' relations, ``kg.relation_table``).

    >>> from kg.model import Entity, Triple
    >>> yandex, baidu = Entity("Yandex", "organization"), Entity("Baidu", "organization")
    >>> g = to_rdf([Triple(yandex, "partners", baidu)])
    >>> len(list(g.triples((None, relation_iri("partners"), None))))
    1
    """
    graph = new_graph() if graph is None else graph
    for _, statement in _statements(triples, documents, entities, properties or {}, dates):
        graph.add(statement)
    return graph


@dataclass(frozen=True, slots=True)
class DocumentGraph:
    """What one document adds to a store: its IRI, content hash, source name and statements.

    ``facts`` go to the shared ``FACTS_GRAPH``, ``own`` to the graph named ``iri``. Plain
    rdflib terms, so the value pickles (for worker processes) and suits any store.
    """

    iri: URIRef
    content_hash: str
    source: str
    facts: tuple[tuple[Node, Node, Node], ...]
    own: tuple[tuple[Node, Node, Node], ...]

    def quads(self) -> Iterator[tuple[Node, Node, Node, URIRef]]:
        """Yield every statement with the name of the graph it belongs in."""
        for triple in self.facts:
            yield (*triple, FACTS_GRAPH)
        for triple in self.own:
            yield (*triple, self.iri)


def document_graph(
    document: Document,
    triples: Iterable[Triple],
    entities: Iterable[Entity] = (),
    sentences: int | None = None,
    properties: Mapping[str, str] | None = None,
    dates: Iterable[DateFact] = (),
    date: Date | None = None,
) -> DocumentGraph:
    """Return the statements ``document`` adds to a store, split into shared facts and its own;
    ``properties`` as for :func:`to_rdf`, ``dates`` its date facts, ``date`` the date its
    relative dates were counted from.

    >>> from kg.model import Date, DateFact, Document, Entity, Provenance, Triple
    >>> dg = document_graph(Document("a.txt", "Yandex partners Baidu."),
    ...     [Triple(Entity("Yandex", "organization"), "partners", Entity("Baidu", "organization"))])
    >>> dg.source, len(dg.facts), len(dg.own)
    ('a.txt', 16, 4)
    """
    digest = content_hash(document.text)
    facts: dict[tuple[Node, Node, Node], None] = {}
    own: dict[tuple[Node, Node, Node], None] = {}
    for in_document, statement in _statements(
        triples, [document], entities, properties or {}, dates, date
    ):
        (own if in_document else facts)[statement] = None
    if sentences is not None:
        own[(document_iri(digest), KG.sentenceCount, _int(sentences))] = None
    return DocumentGraph(document_iri(digest), digest, document.name, tuple(facts), tuple(own))
