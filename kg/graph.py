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
from typing import Final, TypeAlias

import pyoxigraph as ox
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

# Statements are made as Oxigraph terms, which the store takes as they are: made as rdflib
# terms and converted, they cost a build more than writing them did. rdflib Graphs
# (``to_rdf``, ``DocumentGraph.quads``) get theirs converted (``kg.store.terms``).
_Term: TypeAlias = ox.NamedNode | ox.Literal
# A statement and whether it belongs to its document's own graph (else to the shared facts).
_Statement: TypeAlias = tuple[bool, tuple[ox.NamedNode, ox.NamedNode, _Term]]


def _iri(term: str) -> ox.NamedNode:
    return ox.NamedNode(str(term))


_FACTS: Final = _iri(FACTS_GRAPH)
_TYPE: Final = _iri(RDF.type)
_SUBJECT: Final = _iri(RDF.subject)
_PREDICATE: Final = _iri(RDF.predicate)
_OBJECT: Final = _iri(RDF.object)
_LABEL: Final = _iri(RDFS.label)
_SUB_PROPERTY: Final = _iri(RDFS.subPropertyOf)
_ALT_LABEL: Final = _iri(SKOS.altLabel)
_JOB_TITLE: Final = _iri(SDO.jobTitle)
_OBJECT_PROPERTY: Final = _iri(OWL.ObjectProperty)
_DATATYPE_PROPERTY: Final = _iri(OWL.DatatypeProperty)
_PROV_ENTITY: Final = _iri(PROV.Entity)
_DERIVED_FROM: Final = _iri(PROV.wasDerivedFrom)
_BEGIN: Final = _iri(NIF.beginIndex)
_END: Final = _iri(NIF.endIndex)
_INTEGER: Final = _iri(XSD.integer)
_DECIMAL: Final = _iri(XSD.decimal)
_KINDS: Final = {kind: _iri(iri) for kind, iri in KINDS.items()}
# kg's own terms, by local name.
_KG: Final = {
    name: _iri(KG[name])
    for name in (
        "Assertion",
        "Concept",
        "DateRelation",
        "DateStatement",
        "Document",
        "Entity",
        "Evidence",
        "Relation",
        "citation",
        "confidence",
        "contentHash",
        "documentDate",
        "endTime",
        "evidence",
        "evidenceCount",
        "inferredFrom",
        "kind",
        "kindEvidence",
        "objectBegin",
        "objectEnd",
        "objectText",
        "pointInTime",
        "relationPhrase",
        "rule",
        "sentence",
        "sentenceCount",
        "source",
        "startTime",
        "subjectBegin",
        "subjectEnd",
        "subjectText",
    )
}


def new_graph() -> Graph:
    """Return an empty rdflib graph with kg's prefixes bound."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def _decimal(value: float) -> ox.Literal:
    # Three places, written in the canonical form Oxigraph stores ("0.9", not "0.900").
    return ox.Literal(format(Decimal(f"{value:.3f}").normalize(), "f"), datatype=_DECIMAL)


# Offsets and counts repeat from document to document, so recent ones are kept; the cache's
# size is fixed.
@lru_cache(maxsize=8192, typed=True)
def _int(value: int) -> ox.Literal:
    # xsd:integer, not NIF's xsd:nonNegativeInteger: Oxigraph stores integer subtypes as
    # xsd:integer, and a graph should read back from the store as it was written. The SHACL
    # shapes check offsets are not negative.
    return ox.Literal(str(value), datatype=_INTEGER)


# An entity's IRI is made again for every edge it is in: made once while it is recent.
@lru_cache(maxsize=4096)
def _entity_iri(name: str, kind: str) -> ox.NamedNode:
    return _iri(entity_iri(name, kind))


@lru_cache(maxsize=1024)
def _relation_iri(label: str) -> ox.NamedNode:
    return _iri(relation_iri(label))


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
    iri = _entity_iri(name, kind)
    yield False, (iri, _TYPE, _KG["Entity"])
    yield False, (iri, _TYPE, _KINDS.get(kind, _KG["Concept"]))
    yield False, (iri, _LABEL, ox.Literal(name))
    yield False, (iri, _KG["kind"], ox.Literal(kind))
    # Other names are what one document called the entity: they leave with that document.
    for label in labels - {name}:
        yield True, (iri, _ALT_LABEL, ox.Literal(label))
    if evidence:
        # Why its kind, as this document's build weighed it: it leaves with the document.
        yield True, (iri, _KG["kindEvidence"], ox.Literal(evidence))
    # What the document calls a person ("drummer", "chief executive"): a role, not a node.
    for role in roles:
        yield True, (iri, _JOB_TITLE, ox.Literal(role))


def _document(doc: Document, date: Date | None = None) -> Iterator[_Statement]:
    digest = content_hash(doc.text)
    iri = _iri(document_iri(digest))
    yield True, (iri, _TYPE, _KG["Document"])
    yield True, (iri, _TYPE, _PROV_ENTITY)
    yield True, (iri, _KG["source"], ox.Literal(doc.name))
    yield True, (iri, _KG["contentHash"], ox.Literal(digest))
    if date is not None:
        yield True, (iri, _KG["documentDate"], _date(date))


def date_literal(value: Date | str) -> Literal:
    """Return the literal of a date: typed at its precision, or the phrase as written.

    >>> date_literal(Date(2005, 5)).n3()
    '"2005-05"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>'
    """
    if isinstance(value, Date):
        return Literal(value.lexical, datatype=XSD[value.datatype])
    return Literal(value)


def _date(value: Date | str) -> ox.Literal:
    """``date_literal`` as an Oxigraph term."""
    if isinstance(value, Date):
        return ox.Literal(value.lexical, datatype=_iri(XSD[value.datatype]))
    return ox.Literal(value)


def _date_fact(fact: DateFact) -> Iterator[_Statement]:
    subject = _entity_iri(fact.subject.name, fact.subject.kind)
    yield from _entity(fact.subject)
    predicate = _relation_iri(fact.predicate)
    yield False, (predicate, _TYPE, _DATATYPE_PROPERTY)
    yield False, (predicate, _TYPE, _KG["DateRelation"])
    yield False, (predicate, _LABEL, ox.Literal(fact.predicate))
    value = _date(fact.value)
    yield False, (subject, predicate, value)
    assertion = _iri(
        assertion_iri(
            entity_iri(fact.subject.name, fact.subject.kind),
            relation_iri(fact.predicate),
            date_literal(fact.value),
        )
    )
    yield False, (assertion, _TYPE, _KG["DateStatement"])
    yield False, (assertion, _SUBJECT, subject)
    yield False, (assertion, _PREDICATE, predicate)
    yield False, (assertion, _OBJECT, value)
    if fact.provenance is not None:
        yield from _evidence(assertion, fact.provenance)


# One statement node per edge, named again for each piece of evidence of the edge.
@lru_cache(maxsize=4096)
def _assertion_iri(
    subject: ox.NamedNode, predicate: ox.NamedNode, obj: ox.NamedNode
) -> ox.NamedNode:
    return _iri(assertion_iri(URIRef(subject.value), URIRef(predicate.value), URIRef(obj.value)))


@lru_cache(maxsize=64)
def _document_iri(doc_id: str) -> ox.NamedNode:
    return _iri(document_iri(doc_id))


def _triple(triple: Triple, properties: Mapping[str, str]) -> Iterator[_Statement]:
    subject = _entity_iri(triple.subject.name, triple.subject.kind)
    obj = _entity_iri(triple.object.name, triple.object.kind)
    yield from _entity(triple.subject)
    yield from _entity(triple.object)
    predicate = _relation_iri(triple.predicate)
    yield False, (predicate, _TYPE, _OBJECT_PROPERTY)
    yield False, (predicate, _TYPE, _KG["Relation"])
    yield False, (predicate, _LABEL, ox.Literal(triple.predicate))
    if triple.predicate in properties:  # a user's relation, mapped to their own property
        yield False, (predicate, _SUB_PROPERTY, _iri(properties[triple.predicate]))
    yield False, (subject, predicate, obj)
    assertion = _assertion_iri(subject, predicate, obj)
    yield False, (assertion, _TYPE, _KG["Assertion"])
    yield False, (assertion, _SUBJECT, subject)
    yield False, (assertion, _PREDICATE, predicate)
    yield False, (assertion, _OBJECT, obj)
    if triple.provenance is not None:
        yield from _evidence(assertion, triple.provenance)


def _evidence(assertion: ox.NamedNode, prov: Provenance) -> Iterator[_Statement]:
    evidence = _iri(
        evidence_iri(
            prov.doc_id,
            prov.sentence.start,
            prov.sentence.end,
            URIRef(assertion.value),
            prov.rule,
        )
    )
    kg = _KG
    for statement in (
        (assertion, kg["evidence"], evidence),
        (evidence, _TYPE, kg["Evidence"]),
        (evidence, _DERIVED_FROM, _document_iri(prov.doc_id)),
        (evidence, kg["sentence"], ox.Literal(prov.sentence.text)),
        (evidence, _BEGIN, _int(prov.sentence.start)),
        (evidence, _END, _int(prov.sentence.end)),
        (evidence, kg["subjectText"], ox.Literal(prov.subject.text)),
        (evidence, kg["subjectBegin"], _int(prov.subject.start)),
        (evidence, kg["subjectEnd"], _int(prov.subject.end)),
        (evidence, kg["objectText"], ox.Literal(prov.object.text)),
        (evidence, kg["objectBegin"], _int(prov.object.start)),
        (evidence, kg["objectEnd"], _int(prov.object.end)),
        (evidence, kg["rule"], ox.Literal(prov.rule)),
        (evidence, kg["confidence"], _decimal(prov.confidence)),
        (evidence, kg["relationPhrase"], ox.Literal(prov.relation)),
    ):
        yield True, statement
    for premise in prov.premises:
        premise_iri = _assertion_iri(
            _entity_iri(premise.subject.name, premise.subject.kind),
            _relation_iri(premise.predicate),
            _entity_iri(premise.object.name, premise.object.kind),
        )
        yield True, (evidence, kg["inferredFrom"], premise_iri)
    if prov.citation:
        yield True, (evidence, kg["citation"], ox.Literal(prov.citation))
    if prov.count:
        # The document states the edge more often than it keeps evidence of (kg.link).
        yield True, (evidence, kg["evidenceCount"], _int(prov.count))
    for term, when in (
        (kg["pointInTime"], prov.time),
        (kg["startTime"], prov.start),
        (kg["endTime"], prov.end),
    ):
        if when is not None:
            yield True, (evidence, term, _date(when))


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
    from kg.store.terms import from_ox  # kg.store imports this module

    graph = new_graph() if graph is None else graph
    for _, (s, p, o) in _statements(triples, documents, entities, properties or {}, dates):
        graph.add((from_ox(s), from_ox(p), from_ox(o)))
    return graph


@dataclass(frozen=True, slots=True)
class DocumentGraph:
    """What one document adds to a store: its IRI, content hash, source name and statements.

    ``facts`` are quads in the shared ``FACTS_GRAPH``, ``own`` quads in the graph named
    ``iri``, both as Oxigraph terms, which pickle (for worker processes) and which a store
    takes as they are.
    """

    iri: URIRef
    content_hash: str
    source: str
    facts: tuple[ox.Quad, ...]
    own: tuple[ox.Quad, ...]

    def oxigraph_quads(self) -> tuple[ox.Quad, ...]:
        """Return every statement as an Oxigraph quad in the graph it belongs in."""
        return self.facts + self.own

    def quads(self) -> Iterator[tuple[Node, Node, Node, URIRef]]:
        """Yield every statement as rdflib terms, with the name of the graph it belongs in."""
        from kg.store.terms import from_ox  # kg.store imports this module

        for quads, graph in ((self.facts, FACTS_GRAPH), (self.own, self.iri)):
            for quad in quads:
                yield from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object), graph


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
    iri = document_iri(digest)
    graph = _iri(iri)
    facts: dict[ox.Quad, None] = {}
    own: dict[ox.Quad, None] = {}
    for in_document, (s, p, o) in _statements(
        triples, [document], entities, properties or {}, dates, date
    ):
        if in_document:
            own[ox.Quad(s, p, o, graph)] = None
        else:
            facts[ox.Quad(s, p, o, _FACTS)] = None
    if sentences is not None:
        own[ox.Quad(graph, _KG["sentenceCount"], _int(sentences), graph)] = None
    return DocumentGraph(iri, digest, document.name, tuple(facts), tuple(own))
