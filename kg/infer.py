"""Facts that follow from stated ones: the country of a place, an organisation or an event.

Graph side, model values only (no spaCy, no RDF terms). Works on one document's typed triples
and the places it names: an inferred triple carries the stated triples it follows from and,
where a gazetteer supplied the missing step, the gazetteer entry, so "why does this edge
exist?" still has an answer. Only entities the document names are linked: a country the
text never mentions is not added, and a place name the gazetteer knows in several countries
is resolved by the countries the document names, or left alone.

>>> from kg.model import Entity, Provenance, Span, Triple
>>> dallas, texas, us = Entity("Dallas", "place"), Entity("Texas", "place"), Entity("United States", "place")
>>> chain = [Triple(dallas, "located in", texas), Triple(texas, "located in", us)]
>>> where = {e: Named(Span(e.name, 0, len(e.name)), Span(e.name, 0, len(e.name))) for e in (dallas, texas, us)}
>>> chain = [Triple(t.subject, t.predicate, t.object, Provenance("a", "h", where[t.subject].span,
...     where[t.subject].span, where[t.object].span, "location-chain", 0.8, ",")) for t in chain]
>>> sorted((t.subject.name, t.predicate, t.object.name) for t in infer(chain, where))
[('Dallas', 'country', 'United States'), ('Texas', 'country', 'United States')]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Final

from kg import gazetteer
from kg.entities import COUNTRIES
from kg.model import Entity, Provenance, Span, Triple

__all__ = ["Named", "infer"]

# Relations that put their subject inside their object place.
_INSIDE: Final = frozenset({"located in", "headquarters in", "takes place in"})
# Kinds that have a country (a person has a citizenship instead).
_HAS_COUNTRY: Final = frozenset({"place", "organization", "event", "product", "group", "concept"})
# An inferred fact is a little less sure than the facts it follows from.
_DISCOUNT: Final = 0.9
_GAZETTEER_CONFIDENCE: Final = 0.7


def _country(entity: Entity, named: dict[str, Entity]) -> tuple[Entity, str] | None:
    """The country ``entity`` names itself, if it is one: (the country's entity, citation)."""
    if entity.kind != "place":
        return None
    if entity.name in COUNTRIES:
        return entity, ""
    found = gazetteer.country(entity.name)
    if found is None:
        return None
    return named.get(found.name, entity), found.source


def _country_of_place(entity: Entity, named: dict[str, Entity]) -> tuple[Entity, str] | None:
    """The country a smaller place lies in, from the gazetteer, if the document names it."""
    if entity.kind != "place":
        return None
    found = gazetteer.place(entity.name, named)
    if found is None or found.kind == "country":
        return None
    country = named.get(found.country)
    return (country, found.source) if country is not None else None


@dataclass(frozen=True, slots=True)
class Named:
    """Where a document first names an entity, and the sentence around it."""

    span: Span
    sentence: Span


def _inferred(
    subject: Entity, predicate: str, obj: Entity, premises: tuple[Triple, ...], citation: str,
    written: Span | None,
) -> Triple:
    first = premises[0].provenance
    last = premises[-1].provenance
    assert first is not None and last is not None
    # The subject's words: the stated subject, or (for the place itself) the stated object.
    subject_span = first.subject if premises[0].subject == subject else first.object
    provenance = replace(
        first,
        subject=subject_span,
        object=written or last.object,
        rule=f"inferred-{predicate.replace(' ', '-')}",
        confidence=round(min(p.provenance.confidence for p in premises if p.provenance) * _DISCOUNT, 3),
        relation="located in",
        premises=tuple(Triple(p.subject, p.predicate, p.object) for p in premises),
        citation=citation,
    )
    return Triple(subject, predicate, obj, provenance)


def infer(
    triples: Iterable[Triple], entities: Mapping[Entity, Named], doc: str = "", doc_id: str = ""
) -> list[Triple]:
    """Return the triples that follow from one document's ``triples``, given the entities it
    names and where (``entities``), that are not already among them.

    A thing located in a country has that country; located in a place that lies in a country
    (stated in the document, or known to the gazetteer when the document names the country),
    it has that country too; located in a place located in another, it is in that one too.
    A place the gazetteer puts in a country the document names has that country.
    """
    stated = [t for t in triples if t.provenance is not None]
    named = {e.name: e for e in entities if e.kind == "place"}
    have = {(t.subject, t.predicate, t.object) for t in stated}
    inside: dict[Entity, list[Triple]] = {}
    for t in stated:
        if t.predicate in _INSIDE:
            inside.setdefault(t.subject, []).append(t)
    found: dict[tuple[Entity, str, Entity], Triple] = {}

    def add(subject: Entity, predicate: str, obj: Entity, premises: tuple[Triple, ...],
            citation: str = "") -> None:
        key = (subject, predicate, obj)
        if subject == obj or key in have or key in found:
            return
        # A country the gazetteer supplied is shown where the document names it.
        where = entities.get(obj)
        written = where.span if where is not None and obj != premises[-1].object else None
        found[key] = _inferred(subject, predicate, obj, premises, citation, written)

    for t in stated:
        if t.predicate not in _INSIDE or t.subject.kind not in _HAS_COUNTRY:
            continue
        direct = _country(t.object, named)
        if direct is not None:
            add(t.subject, "country", direct[0], (t,), direct[1])
            continue
        for outer in inside.get(t.object, ()):
            country = _country(outer.object, named)
            if country is not None:
                add(t.subject, "country", country[0], (t, outer), country[1])
            elif outer.predicate == "located in" and t.predicate == "located in":
                add(t.subject, "located in", outer.object, (t, outer))
        via_gazetteer = _country_of_place(t.object, named)
        if via_gazetteer is not None:
            add(t.subject, "country", via_gazetteer[0], (t,), via_gazetteer[1])
    inferred = [found[k] for k in sorted(found, key=lambda k: (k[0].name, k[0].kind, k[1], k[2].name))]
    return inferred + _gazetteer_countries(entities, named, have | set(found), doc, doc_id)


def _gazetteer_countries(
    entities: Mapping[Entity, Named], named: dict[str, Entity],
    have: set[tuple[Entity, str, Entity]], doc: str, doc_id: str,
) -> list[Triple]:
    """"Dallas" in a text that names the United States: Dallas / country / United States,
    citing the gazetteer entry that puts it there."""
    out = []
    for entity in sorted(entities, key=lambda e: (e.name, e.kind)):
        found = _country_of_place(entity, named)
        if found is None:
            continue
        country, citation = found
        if (entity, "country", country) in have:
            continue
        place, where = entities[entity], entities[country]
        provenance = Provenance(doc, doc_id, place.sentence, place.span, where.span,
                                "gazetteer-country", _GAZETTEER_CONFIDENCE, "located in",
                                citation=citation)
        out.append(Triple(entity, "country", country, provenance))
    return out
