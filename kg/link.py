"""Raw extractions → entity triples: maps argument spans to entities and keeps only facts.

Works on model values only (no spaCy, no RDF). An entity is named by its mention's canonical
text; its kind is decided once per name over every mention in the build, so one name gives
one node even when the tagger disagrees with itself between sentences.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Final

from kg.model import Entity, Extraction, Mention, Provenance, Span, Triple
from kg.namespace import KINDS, content_hash, kind_of

__all__ = ["canonical_name", "link"]

# Preference when a name's mentions are tagged with different kinds equally often.
_KIND_ORDER: Final = tuple(KINDS)
# Arguments that say when or how, not who: never read as a relation's object.
_CIRCUMSTANTIAL: Final = frozenset({"during", "since", "until", "before", "after", "amid", "amidst", "despite"})
_QUOTES: Final = "\"'“”‘’«»`"


def canonical_name(text: str) -> str:
    """Return the canonical form of a mention's text: one line, single spaces, no quotes.

    >>> canonical_name("  the\\n“Google  of Russia”  ")
    'the Google of Russia'
    """
    name = " ".join(unicodedata.normalize("NFC", text).split())
    return name.strip(_QUOTES + " ,;:")


def _kind_votes(mentions: Iterable[Mention]) -> dict[str, str]:
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for mention in mentions:
        if mention.label in {"NORP"} and mention.text[:1].isupper() and " " not in mention.text:
            continue  # a demonym ("Russian") is an adjective here, not a node
        votes[canonical_name(mention.text)][kind_of(mention.label)] += 1
    chosen = {}
    for name, counter in votes.items():
        named = {k: v for k, v in counter.items() if k != "concept"} or dict(counter)
        chosen[name] = max(named, key=lambda k: (named[k], -_KIND_ORDER.index(k)))
    return chosen


def _argument_edge(extraction: Extraction) -> tuple[str, Mention, Span] | None:
    """The first prepositional argument naming an entity, read as the relation's object."""
    for arg in extraction.args:
        if arg.mention is not None and arg.preposition not in _CIRCUMSTANTIAL:
            return arg.predicate, arg.mention, arg.span
    return None


def link(
    results: Iterable[tuple[str, str, tuple[Mention, ...], tuple[Extraction, ...]]],
) -> tuple[list[Entity], list[Triple]]:
    """Return the entities and fact triples of documents given as (name, text, mentions, extractions).

    Negated, hedged and reported extractions are not facts and give no triple.
    """
    results = list(results)
    kinds = _kind_votes(m for _, _, mentions, exs in results for m in mentions)
    kinds.update(
        (canonical_name(m.text), kind_of(m.label))
        for _, _, _, exs in results
        for e in exs
        for m in (e.object_mention,)
        if m is not None and e.rule in {"demonym", "title"} and canonical_name(m.text) not in kinds
    )
    labels: dict[str, set[str]] = defaultdict(set)

    def entity(mention: Mention) -> Entity:
        name = canonical_name(mention.text)
        labels[name].add(name)
        return Entity(name, kinds.get(name, kind_of(mention.label)))

    triples: list[Triple] = []
    for doc_name, text, _, extractions in results:
        doc_id = content_hash(text)
        for ex in extractions:
            if not ex.is_fact or ex.subject_mention is None:
                continue
            if ex.object_mention is not None:
                predicate, obj_mention, obj_span = ex.predicate, ex.object_mention, ex.object
            elif (found := _argument_edge(ex)) is not None:
                predicate, obj_mention, obj_span = found
            else:
                continue
            subject, obj = entity(ex.subject_mention), entity(obj_mention)
            if subject == obj:
                continue
            subject_span = ex.subject
            if ex.inverse:
                subject, obj = obj, subject
                subject_span, obj_span = obj_span, subject_span
            provenance = Provenance(
                doc=doc_name,
                doc_id=doc_id,
                sentence=ex.sentence,
                subject=subject_span,
                object=obj_span,
                rule=ex.rule,
                confidence=ex.confidence,
                relation=ex.relation,
            )
            triples.append(Triple(subject, predicate, obj, provenance))
    entities = sorted(
        {Entity(t.name, t.kind, frozenset(labels[t.name])) for tr in triples for t in (tr.subject, tr.object)},
        key=lambda e: (e.name, e.kind),
    )
    return entities, triples
