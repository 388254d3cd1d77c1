"""Facts that follow from stated ones: the country of a place, an organisation or an event.

Graph side, model values only (no spaCy, no RDF terms). Works on one document's typed triples
and the places it names: an inferred triple carries the stated triples it follows from and,
where a gazetteer supplied the missing step, the gazetteer entry, so "why does this edge
exist?" still has an answer. Only entities the document names are linked: a country the
text never mentions is not added, and a place name the gazetteer knows in several countries
is resolved by the countries the document names, or left alone.

>>> from kg.model import Entity, Provenance, Span, Triple
>>> dallas, texas = Entity("Dallas", "place"), Entity("Texas", "place")
>>> us = Entity("United States", "place")
>>> where = {e: Named(Span(e.name, 0, len(e.name)), Span(e.name, 0, len(e.name)))
...          for e in (dallas, texas, us)}
>>> def said(s, o):
...     return Provenance("a", "h", where[s].span, where[s].span, where[o].span, "chain", 0.8, ",")
>>> chain = [Triple(dallas, "located in", texas, said(dallas, texas)),
...          Triple(texas, "located in", us, said(texas, us))]
>>> for t in sorted(infer(chain, where), key=lambda t: (t.subject.name, t.predicate)):
...     print(t.subject.name, "/", t.predicate, "/", t.object.name)
Dallas / country / United States
Dallas / located in / United States
Texas / country / United States
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Final

from kg import gazetteer
from kg.entities import COUNTRIES, DEMONYMS, is_company_name, name_kinds
from kg.model import Entity, Provenance, Span, Triple

__all__ = ["Named", "infer"]

# Relations that put their subject inside their object place.
_INSIDE: Final = frozenset({"located in", "headquarters in", "takes place in"})
# Kinds that have a country (a person has a citizenship instead).
_HAS_COUNTRY: Final = frozenset({"place", "organization", "event", "product", "group", "concept"})
# An inferred fact is a little less sure than the facts it follows from.
_DISCOUNT: Final = 0.9
_GAZETTEER_CONFIDENCE: Final = 0.7
_DOCUMENT_CONFIDENCE: Final = 0.5
_IN_A_COUNTRY: Final = frozenset({"place", "organization"})
# Adjectives of areas larger than a country: "a European agency" is in no one country.
_REGIONAL: Final = frozenset({"european", "asian", "african", "arab", "latin", "nordic", "pan"})
_NOWHERE: Final = gazetteer.Place("", "", "", "")
# How many "located in" steps a chain may take beyond the stated one.
_DEPTH: Final = 3


@dataclass(frozen=True, slots=True)
class Named:
    """Where a document first names an entity, and the sentence around it."""

    span: Span
    sentence: Span


def _inferred(
    subject: Entity,
    predicate: str,
    obj: Entity,
    premises: tuple[Triple, ...],
    citation: str,
) -> Triple:
    first = premises[0].provenance
    last = premises[-1].provenance
    assert first is not None and last is not None
    # The subject's words: the stated subject, or (for the place itself) the stated object.
    subject_span = first.subject if premises[0].subject == subject else first.object
    provenance = replace(
        first,
        subject=subject_span,
        object=last.object,
        rule=f"inferred-{predicate.replace(' ', '-')}",
        confidence=round(
            min(p.provenance.confidence for p in premises if p.provenance) * _DISCOUNT, 3
        ),
        relation="located in",
        premises=tuple(Triple(p.subject, p.predicate, p.object) for p in premises),
        citation=citation,
        count=0,  # one inferred edge, one piece of evidence, whatever its premises' counts
    )
    return Triple(subject, predicate, obj, provenance)


def infer(
    triples: Iterable[Triple], entities: Mapping[Entity, Named], doc: str = "", doc_id: str = ""
) -> list[Triple]:
    """Return the triples that follow from one document's ``triples``, given the entities it
    names and where (``entities``), that are not already among them.

    Places the gazetteer puts inside others the document names are located in them (a state
    in its country, a city in its state) and have their country. Then, along chains of
    "located in": a thing in a place in another is in that one too, and a thing in a country,
    or in a place that lies in one, has that country.
    """
    stated = [t for t in triples if t.provenance is not None]
    named = {e.name: e for e in entities if e.kind == "place"}
    have = {(t.subject, t.predicate, t.object) for t in stated}
    known = _gazetteer_facts(entities, named, have, doc, doc_id)
    have |= {(t.subject, t.predicate, t.object) for t in known}
    inside: dict[Entity, list[Triple]] = {}
    for t in (*stated, *known):
        if t.predicate in _INSIDE:
            inside.setdefault(t.subject, []).append(t)
    found: dict[tuple[Entity, str, Entity], Triple] = {}

    def add(subject: Entity, predicate: str, obj: Entity, premises: tuple[Triple, ...]) -> None:
        key = (subject, predicate, obj)
        if subject != obj and key not in have and key not in found:
            citation = next(
                (
                    p.provenance.citation
                    for p in premises
                    if p.provenance is not None and p.provenance.citation
                ),
                "",
            )
            found[key] = _inferred(subject, predicate, obj, premises, citation)

    # A person born in a country, or in a place that lies in one, is taken as its citizen.
    for t in stated:
        if t.predicate != "born in" or t.subject.kind != "person":
            continue
        chains: dict[Entity, tuple[Triple, ...]] = {t.object: (t,)}
        for outer in inside.get(t.object, ()):
            chains.setdefault(outer.object, (t, outer))
        for place, premises in chains.items():
            if _is_country(place):
                add(t.subject, "citizen of", place, premises)
    for subject in sorted(inside, key=lambda e: (e.name, e.kind)):
        # Every place reachable along "located in", with the chain of facts that reaches it.
        paths: dict[Entity, tuple[Triple, ...]] = {t.object: (t,) for t in inside[subject]}
        frontier = list(paths)
        for _ in range(_DEPTH):
            grown = []
            for place in frontier:
                for t in inside.get(place, ()):
                    if (
                        t.object not in paths
                        and t.object != subject
                        and t.predicate == "located in"
                    ):
                        paths[t.object] = (*paths[place], t)
                        grown.append(t.object)
            frontier = grown
        for place, premises in paths.items():
            if len(premises) > 1:
                add(subject, "located in", place, premises)
            if subject.kind in _HAS_COUNTRY and _is_country(place):
                add(subject, "country", place, premises)
    inferred = [
        found[k] for k in sorted(found, key=lambda k: (k[0].name, k[0].kind, k[1], k[2].name))
    ]
    have |= set(found)
    return (
        known
        + inferred
        + _continents(entities, doc, doc_id)
        + _document_country(entities, have, doc, doc_id)
    )


def _continents(entities: Mapping[Entity, Named], doc: str, doc_id: str) -> list[Triple]:
    """A country on a continent the document names: France / continent / Europe."""
    named = {e.name: e for e in entities if e.kind == "place"}
    out = []
    for entity in sorted(entities, key=lambda e: (e.name, e.kind)):
        found = gazetteer.continent(entity.name) if _is_country(entity) else None
        where = named.get(found.name) if found is not None else None
        if found is None or where is None:
            continue
        country, continent = entities[entity], entities[where]
        out.append(
            Triple(
                entity,
                "continent",
                where,
                Provenance(
                    doc,
                    doc_id,
                    country.sentence,
                    country.span,
                    continent.span,
                    "gazetteer",
                    _GAZETTEER_CONFIDENCE,
                    "on the continent",
                    citation=found.source,
                ),
            )
        )
    return out


def _document_country(
    entities: Mapping[Entity, Named],
    have: set[tuple[Entity, str, Entity]],
    doc: str,
    doc_id: str,
) -> list[Triple]:
    """A document that names one country only ("Banff is a town in Alberta, Canada …"): the
    places, organisations and events it names lie in that country, unless the document or the
    gazetteer puts them in another."""
    countries = [e for e in entities if _is_country(e)]
    if len(countries) != 1:
        return []
    country = countries[0]
    placed = {s for s, p, _ in have if p == "country"}
    # "Kavieng, New Ireland": a place the document puts in a place of another country.
    placed |= {
        s
        for s, p, o in have
        if p == "located in"
        and (home := gazetteer.countries_of(o.name))
        and country.name not in home
    }
    out = []
    for entity in sorted(entities, key=lambda e: (e.name, e.kind)):
        if entity == country or entity in placed or entity.kind not in _IN_A_COUNTRY:
            continue
        # An organisation only when its name says it is an institution ("University of X",
        # "X City Council"), which is tied to a place; a brand name need not be.
        institution = "organization" in name_kinds(entity.name) and not is_company_name(entity.name)
        if entity.kind == "organization" and not institution:
            continue
        if not _may_lie_in(entity, country):
            continue
        named, where = entities[entity], entities[country]
        for relation in ("country", "located in"):
            if (entity, relation, country) not in have:
                out.append(
                    Triple(
                        entity,
                        relation,
                        country,
                        Provenance(
                            doc,
                            doc_id,
                            named.sentence,
                            named.span,
                            where.span,
                            "document-country",
                            _DOCUMENT_CONFIDENCE,
                            "in the one country the document names",
                        ),
                    )
                )
    return out


def _may_lie_in(entity: Entity, country: Entity) -> bool:
    """Whether nothing says ``entity`` is outside ``country``: the gazetteer knows no place of
    that name in another country only, it is not a continent or a sea, and its name does not
    name another country or a larger area ("European Film Academy", "Mexican Navy")."""
    if gazetteer.is_region(entity.name):
        return False
    elsewhere = gazetteer.countries_of(entity.name)
    if elsewhere and country.name not in elsewhere:
        return False
    words = entity.name.lower().split()
    if {"sea", "ocean", "gulf", "international", "world", "global"} & set(words):
        return False
    for word in words:
        other = DEMONYMS.get(word) or (gazetteer.country(word.title()) or _NOWHERE).name
        if other and other != country.name:
            return False
        if gazetteer.is_region(word) or word in _REGIONAL:
            return False
    return True


def _is_country(entity: Entity) -> bool:
    return entity.kind == "place" and (
        entity.name in COUNTRIES or gazetteer.is_country(entity.name)
    )


def _gazetteer_facts(
    entities: Mapping[Entity, Named],
    named: dict[str, Entity],
    have: set[tuple[Entity, str, Entity]],
    doc: str,
    doc_id: str,
) -> list[Triple]:
    """ "Dallas" in a text that names Texas and the United States: Dallas / located in /
    Texas, Texas / located in / United States, each citing the gazetteer entry it took."""
    out = []
    for entity in sorted(entities, key=lambda e: (e.name, e.kind)):
        if entity.kind != "place" or entity.name in COUNTRIES:
            continue
        found = gazetteer.place(entity.name, named)
        if found is None or found.kind == "country":
            continue
        # A state lies in its country; a city in its state if the document names the state,
        # else in its country (whose territory holds it, whatever lies between).
        outer = (found.region and named.get(found.region)) or named.get(found.country)
        relation = "located in"
        if outer is None or (entity, relation, outer) in have:
            continue
        place, where = entities[entity], entities[outer]
        provenance = Provenance(
            doc,
            doc_id,
            place.sentence,
            place.span,
            where.span,
            "gazetteer",
            _GAZETTEER_CONFIDENCE,
            "located in",
            citation=found.source,
        )
        out.append(Triple(entity, relation, outer, provenance))
    return out
