"""Triples with provenance built by hand, for tests of the graph, its analysis and its view."""

from __future__ import annotations

from kg.model import Document, Entity, Provenance, Span, Triple
from kg.namespace import content_hash


def fact(
    doc: Document,
    subject: Entity,
    predicate: str,
    obj: Entity,
    sentence: str | None = None,
    confidence: float = 0.9,
) -> Triple:
    """A triple read from ``sentence`` of ``doc`` (the whole text if None), with document
    offsets as extraction has them and the mentions located by their text."""
    sentence = doc.text if sentence is None else sentence
    start = doc.text.index(sentence)
    sb = start + sentence.index(subject.name)
    ob = start + sentence.rindex(obj.name)
    prov = Provenance(
        doc=doc.name,
        doc_id=content_hash(doc.text),
        sentence=Span(sentence, start, start + len(sentence)),
        subject=Span(subject.name, sb, sb + len(subject.name)),
        object=Span(obj.name, ob, ob + len(obj.name)),
        rule="svo",
        confidence=confidence,
        relation=predicate,
    )
    return Triple(subject, predicate, obj, prov)
