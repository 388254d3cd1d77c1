"""Hand-built documents and triples for store, export and server tests, so they need no NLP."""

from __future__ import annotations

from kg.graph import DocumentGraph, document_graph
from kg.model import Document, Entity, Provenance, Span, Triple
from kg.namespace import content_hash
from kg.store import Store


def fact(
    doc: Document,
    sentence: str,
    subject: Entity,
    predicate: str,
    obj: Entity,
    rule: str = "svo",
    confidence: float = 0.9,
) -> Triple:
    """Return a triple read from ``sentence``, which must occur in ``doc``'s text."""
    start = doc.text.index(sentence)
    sub_at = doc.text.index(subject.name, start)
    obj_at = doc.text.index(obj.name, start)
    provenance = Provenance(
        doc=doc.name,
        doc_id=content_hash(doc.text),
        sentence=Span(sentence, start, start + len(sentence)),
        subject=Span(subject.name, sub_at, sub_at + len(subject.name)),
        object=Span(obj.name, obj_at, obj_at + len(obj.name)),
        rule=rule,
        confidence=confidence,
        relation=predicate,
    )
    return Triple(subject, predicate, obj, provenance)


NVIDIA = Entity("Nvidia", "organization")
FOXCONN = Entity("Foxconn", "organization")
TAIWAN = Entity("Taiwan", "place")
SAMSUNG = Entity("Samsung", "organization")


def news(name: str, text: str, *edges: tuple[str, Entity, str, Entity]) -> DocumentGraph:
    """Return the graph of a document whose edges are (sentence, subject, predicate, object)."""
    doc = Document(name, text)
    triples = [fact(doc, sentence, s, p, o) for sentence, s, p, o in edges]
    return document_graph(doc, triples, sentences=text.count("."))


def doc_a() -> DocumentGraph:
    text = "Nvidia partnered with Foxconn. Nvidia is based in Taiwan."
    return news(
        "a.txt",
        text,
        ("Nvidia partnered with Foxconn.", NVIDIA, "partners", FOXCONN),
        ("Nvidia is based in Taiwan.", NVIDIA, "based in", TAIWAN),
    )


def doc_b() -> DocumentGraph:
    text = "Foxconn said Nvidia partnered with Foxconn again. Samsung is based in Taiwan too."
    return news(
        "b.txt",
        text,
        ("Foxconn said Nvidia partnered with Foxconn again.", NVIDIA, "partners", FOXCONN),
        ("Samsung is based in Taiwan too.", SAMSUNG, "based in", TAIWAN),
    )


def store_of(*documents: DocumentGraph) -> Store:
    """Return an in-memory store holding kg's ontology and ``documents`` (default: a and b)."""
    store = Store.memory()
    store.install_ontology()
    for document in documents or (doc_a(), doc_b()):
        store.replace_document(document)
    return store
