"""IRI policy: kg's closed vocabulary, how entity, relation and document IRIs are minted.

Pure functions of their inputs (no state, no I/O), so the same name gives the same IRI on
every run and machine. Nothing here builds graphs; ``kg.graph`` does.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Final

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, DefinedNamespace

__all__ = [
    "BASE",
    "DOC",
    "ENT",
    "EVIDENCE",
    "FACTS_GRAPH",
    "KG",
    "KINDS",
    "KIND_PREFIXES",
    "NIF",
    "ONTOLOGY_GRAPH",
    "PREFIXES",
    "REL",
    "STATEMENT",
    "WDT",
    "assertion_iri",
    "content_hash",
    "document_iri",
    "entity_iri",
    "evidence_iri",
    "kind_of",
    "relation_iri",
    "relation_local_name",
    "slug",
]

BASE: Final = "https://w3id.org/kg-text/"


class KG(DefinedNamespace):
    """kg's own ontology terms (closed: a typo is an AttributeError, not a new IRI)."""

    _NS = Namespace(BASE + "ontology#")
    _fail = True

    Entity: URIRef
    Award: URIRef
    Concept: URIRef
    Group: URIRef
    Document: URIRef
    Assertion: URIRef
    Evidence: URIRef
    Relation: URIRef
    evidence: URIRef
    sentence: URIRef
    rule: URIRef
    confidence: URIRef
    relationPhrase: URIRef
    subjectText: URIRef
    objectText: URIRef
    subjectBegin: URIRef
    subjectEnd: URIRef
    objectBegin: URIRef
    objectEnd: URIRef
    evidenceCount: URIRef
    source: URIRef
    contentHash: URIRef
    nerLabel: URIRef
    kind: URIRef
    Kind: URIRef
    sentenceCount: URIRef
    schemaClass: URIRef
    inferredFrom: URIRef
    kindEvidence: URIRef
    citation: URIRef
    DateStatement: URIRef
    DateRelation: URIRef
    pointInTime: URIRef
    startTime: URIRef
    endTime: URIRef
    documentDate: URIRef


ENT: Final = Namespace(BASE + "entity/")
REL: Final = Namespace(BASE + "relation/")
DOC: Final = Namespace(BASE + "document/")
STATEMENT: Final = Namespace(BASE + "assertion/")
EVIDENCE: Final = Namespace(BASE + "evidence/")
NIF: Final = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
WDT: Final = Namespace("http://www.wikidata.org/prop/direct/")

# Named graphs of a store: the ontology, the facts every document shares (entities, edges,
# statement nodes), and one graph per document (its description and evidence) at its IRI.
ONTOLOGY_GRAPH: Final = URIRef(BASE + "ontology")
FACTS_GRAPH: Final = URIRef(BASE + "graph/facts")

# The prefix each entity kind's names print under (Turtle, JSON-LD, SPARQL), so an entity
# reads ``org:Nvidia`` rather than ``ent:organization\/Nvidia``. Printing only: every IRI is
# still ENT + kind + "/" + name. A test checks that every kind in KINDS has one.
KIND_PREFIXES: Final[dict[str, str]] = {
    "person": "person",
    "organization": "org",
    "group": "group",
    "place": "place",
    "event": "event",
    "product": "product",
    "work": "work",
    "law": "law",
    "language": "language",
    "award": "award",
    "concept": "concept",
}

PREFIXES: Final[dict[str, Namespace | type[DefinedNamespace] | str]] = {
    "kg": KG._NS,
    "ent": ENT,
    **{prefix: Namespace(f"{ENT}{kind}/") for kind, prefix in KIND_PREFIXES.items()},
    "rel": REL,
    "doc": DOC,
    "assertion": STATEMENT,
    "evidence": EVIDENCE,
    "schema": SDO,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "skos": SKOS,
    "prov": PROV,
    "xsd": XSD,
    "dcterms": DCTERMS,
    "nif": NIF,
    "wdt": WDT,
}

# Coarse entity kinds, the class each maps to, and the spaCy NER labels that give each.
KINDS: Final[dict[str, URIRef]] = {
    "person": SDO.Person,
    "organization": SDO.Organization,
    "group": KG.Group,
    "place": SDO.Place,
    "event": SDO.Event,
    "product": SDO.Product,
    "work": SDO.CreativeWork,
    "law": SDO.Legislation,
    "language": SDO.Language,
    "award": KG.Award,
    "concept": KG.Concept,
}
_NER_KINDS: Final = {
    "PERSON": "person",
    "ORG": "organization",
    "NORP": "group",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "EVENT": "event",
    "PRODUCT": "product",
    "WORK_OF_ART": "work",
    "LAW": "law",
    "LANGUAGE": "language",
}

_SLUG_MAX: Final = 120
# RFC 3987 iunreserved: ASCII letters, digits, -._~ and the ucschar ranges.
_UCSCHAR: Final = re.compile(
    "[\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef\U00010000-\U0001fffd\U00020000-\U0002fffd"
    "\U00030000-\U0003fffd\U00040000-\U0004fffd\U00050000-\U0005fffd\U00060000-\U0006fffd"
    "\U00070000-\U0007fffd\U00080000-\U0008fffd\U00090000-\U0009fffd\U000a0000-\U000afffd"
    "\U000b0000-\U000bfffd\U000c0000-\U000cfffd\U000d0000-\U000dfffd\U000e1000-\U000efffd]"
)
_ASCII_SAFE: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def kind_of(ner_label: str) -> str:
    """Return kg's coarse kind for a spaCy NER label; ``concept`` for anything unnamed.

    >>> kind_of("GPE"), kind_of("PERSON"), kind_of("")
    ('place', 'person', 'concept')
    """
    return _NER_KINDS.get(ner_label, "concept")


def slug(name: str) -> str:
    """Return an IRI path segment for ``name``: readable, valid RFC 3987, and stable.

    Spaces become underscores; letters of any script stay as they are (NFC); everything
    else is percent-encoded as UTF-8. Very long names are cut and given a hash suffix.

    >>> slug("Vladimir Putin"), slug("AT&T"), slug("Zürich"), slug("Apple Inc.")
    ('Vladimir_Putin', 'AT%26T', 'Zürich', 'Apple_Inc%2E')
    """
    text = "_".join(unicodedata.normalize("NFC", name).split())
    out = []
    for ch in text:
        # Letters and digits of any script read well in an IRI; other non-ASCII (marks,
        # format and bidi controls, symbols) is encoded so the IRI shows no invisible text.
        if ch in _ASCII_SAFE or (_UCSCHAR.match(ch) and ch.isalnum()):
            out.append(ch)
        else:
            out.extend(f"%{b:02X}" for b in ch.encode("utf-8", "surrogatepass"))
    result = "".join(out) or "_"
    # A trailing "." makes "." and ".." dot-segments that IRI normalisation deletes, and
    # rdflib's Turtle parser cannot read a prefixed name ending in an escaped "\.".
    stripped = result.rstrip(".")
    result = stripped + "%2E" * (len(result) - len(stripped))
    if len(result) > _SLUG_MAX:
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        result = result[: _SLUG_MAX - 13].rstrip("%0123456789ABCDEF_") + "_" + digest
    return result


def entity_iri(name: str, kind: str) -> URIRef:
    """Return the IRI of the entity called ``name`` of coarse ``kind``.

    >>> str(entity_iri("Russia", "place"))
    'https://w3id.org/kg-text/entity/place/Russia'
    """
    return ENT[f"{kind}/{slug(name)}"]


def relation_local_name(label: str) -> str:
    """Return the camelCase local name of a relation label.

    >>> relation_local_name("invests in"), relation_local_name("partners")
    ('investsIn', 'partners')
    """
    words = [w for w in re.split(r"[^\w]+", label.lower()) if w]
    if not words:
        return "relatedTo"
    return slug(words[0] + "".join(w[:1].upper() + w[1:] for w in words[1:]))


def relation_iri(label: str) -> URIRef:
    """Return the predicate IRI of a normalised relation label."""
    return REL[relation_local_name(label)]


def _digest(*parts: object) -> str:
    joined = "\x1f".join(str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def content_hash(text: str) -> str:
    """Return the content hash that identifies a document's text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def document_iri(doc_id: str) -> URIRef:
    """Return the IRI of a document, from its content hash."""
    return DOC[doc_id[:32]]


def assertion_iri(subject: URIRef, predicate: URIRef, obj: URIRef | Literal) -> URIRef:
    """Return the IRI of the statement node for one edge (one per subject–predicate–object);
    a literal object (a date) counts with its datatype, so "1998" and 1998 differ."""
    return STATEMENT[_digest(subject, predicate, obj.n3() if isinstance(obj, Literal) else obj)]


def evidence_iri(doc_id: str, begin: int, end: int, assertion: URIRef, rule: str) -> URIRef:
    """Return the IRI of one piece of evidence: one sentence of one document for one edge."""
    return EVIDENCE[_digest(doc_id, begin, end, assertion, rule)]
