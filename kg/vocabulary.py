"""kg's relation vocabulary: the relations it states, their Wikidata properties, and readings.

Graph side, model values only (no spaCy, no rdflib): which relation an extracted predicate
states between two entities of given kinds (``read_relation``), and the ontology statements
that map each relation to Wikidata (``ontology_turtle``). The facts live in
``kg/data/relations.csv`` and ``kg/data/readings.csv``; this module holds the logic.

>>> read_relation("bears in", "person", "place")
'born in'
>>> read_relation("has", "place", "organization") is None
True
>>> read_relation("invests in", "organization", "concept")
'invests in'
>>> read_relation("founded", "organization", DATE_KIND)
'inception'
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Final

from kg.namespace import KINDS, relation_local_name

__all__ = [
    "DATE_KIND",
    "WIKIDATA",
    "Relation",
    "Vocabulary",
    "has_reading",
    "is_date_relation",
    "ontology_turtle",
    "read_relation",
    "vocabulary",
]

WIKIDATA: Final = "http://www.wikidata.org/prop/direct/"
# The object "kind" of a date in readings.csv: a literal, not an entity kind.
DATE_KIND: Final = "date"
_KEEP: Final = "="
_DROP: Final = "-"
_ANY: Final = "*"


@dataclass(frozen=True, slots=True)
class Relation:
    """One relation of kg's vocabulary (a row of ``relations.csv``)."""

    label: str
    wikidata: str = ""  # "P131": rel:<label> rdfs:subPropertyOf wdt:P131
    inverse: str = ""
    parent: str = ""
    symmetric: bool = False
    definition: str = ""
    dated: bool = False  # its object is a date literal (range "date"), not an entity


@dataclass(frozen=True, slots=True)
class _Reading:
    predicate: str
    subjects: frozenset[str] | None  # None: any kind
    objects: frozenset[str] | None
    relation: str

    def fits(self, subject: str, obj: str) -> bool:
        return (self.subjects is None or subject in self.subjects) and (
            self.objects is None or obj in self.objects
        )


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The relations and the readings of predicates, as read from the data files."""

    relations: dict[str, Relation]
    readings: dict[str, tuple[_Reading, ...]]

    def read(self, predicate: str, subject_kind: str, object_kind: str) -> str | None:
        """Return the relation ``predicate`` states between kinds, or None for no edge."""
        for reading in self.readings.get(predicate, ()):
            if reading.fits(subject_kind, object_kind):
                if reading.relation == _DROP:
                    return None
                return predicate if reading.relation == _KEEP else reading.relation
        return predicate

    def wikidata(self, label: str) -> str:
        """Return the Wikidata property ``label`` maps to (directly or through its inverse or
        parents), as ``P131`` or ``P50^-1``; "" when it maps to none."""
        seen: set[str] = set()
        inverted = False
        current = self.relations.get(label)
        while current is not None and current.label not in seen:
            seen.add(current.label)
            if current.wikidata:
                return current.wikidata + ("^-1" if inverted else "")
            inverse = self.relations.get(current.inverse)
            if inverse is not None and inverse.wikidata:
                return inverse.wikidata + ("" if inverted else "^-1")
            current = self.relations.get(current.parent)
        return ""


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("kg").joinpath("data", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


def _kinds(field: str, where: str) -> frozenset[str] | None:
    if field.strip() == _ANY:
        return None
    kinds = frozenset(k.strip() for k in field.split("|"))
    unknown = kinds - set(KINDS) - {DATE_KIND}
    if unknown:
        raise ValueError(f"{where}: unknown kind {sorted(unknown)[0]!r}")
    return kinds


@cache
def vocabulary() -> Vocabulary:
    """Return kg's built-in vocabulary, read once from ``kg/data``."""
    relations: dict[str, Relation] = {}
    for row in _rows("relations.csv"):
        label = row["relation"].strip()
        relations[label] = Relation(
            label,
            row["wikidata"].strip(),
            row["inverse"].strip(),
            row["parent"].strip(),
            row["symmetric"].strip() == "yes",
            row["definition"].strip(),
            (row.get("range") or "").strip() == DATE_KIND,
        )
    for entry in relations.values():
        for other in (entry.inverse, entry.parent):
            if other and other not in relations:
                raise ValueError(f"relations.csv: {entry.label!r} names unknown {other!r}")
    readings: dict[str, list[_Reading]] = {}
    for number, row in enumerate(_rows("readings.csv"), start=2):
        where = f"readings.csv row {number}"
        relation = row["relation"].strip()
        if relation not in relations and relation not in {_KEEP, _DROP}:
            raise ValueError(f"{where}: unknown relation {relation!r}")
        predicate = row["predicate"].strip()
        readings.setdefault(predicate, []).append(
            _Reading(
                predicate, _kinds(row["subject"], where), _kinds(row["object"], where), relation
            )
        )
    return Vocabulary(relations, {p: tuple(r) for p, r in readings.items()})


def read_relation(predicate: str, subject_kind: str, object_kind: str) -> str | None:
    """Return the relation an extracted ``predicate`` states between entities of the two
    kinds: a relation of kg's vocabulary, the predicate itself as an open relation, or None
    where the words are too vague to state as a fact ("has", "is")."""
    return vocabulary().read(predicate, subject_kind, object_kind)


def has_reading(predicate: str) -> bool:
    """Whether the vocabulary says which relation ``predicate`` states (between some kinds)."""
    return predicate in vocabulary().readings


def is_date_relation(label: str) -> bool:
    """Whether ``label`` is a relation of the vocabulary whose object is a date literal.

    >>> is_date_relation("date of birth"), is_date_relation("born in")
    (True, False)
    """
    relation = vocabulary().relations.get(label)
    return relation is not None and relation.dated


def _string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def ontology_turtle() -> str:
    """Return the vocabulary's relations as Turtle: labels, definitions, Wikidata properties,
    inverses, parents and symmetry (stored with the rest of kg's ontology)."""
    lines = [
        "@prefix kg: <https://w3id.org/kg-text/ontology#> .",
        "@prefix rel: <https://w3id.org/kg-text/relation/> .",
        f"@prefix wdt: <{WIKIDATA}> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .",
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
        "",
    ]
    for relation in vocabulary().relations.values():
        types = ["owl:ObjectProperty", "kg:Relation"]
        if relation.dated:
            # Not a kg:Relation: that class holds the properties of edges between entities.
            types = ["owl:DatatypeProperty", "kg:DateRelation"]
        if relation.symmetric:
            types.append("owl:SymmetricProperty")
        parts = [
            f"rel:{relation_local_name(relation.label)} a {', '.join(types)}",
            f"rdfs:label {_string(relation.label)}",
        ]
        if relation.definition:
            parts.append(f"skos:definition {_string(relation.definition)}")
        if relation.wikidata:
            parts.append(f"rdfs:subPropertyOf wdt:{relation.wikidata}")
        if relation.parent:
            parts.append(f"rdfs:subPropertyOf rel:{relation_local_name(relation.parent)}")
        if relation.inverse:
            parts.append(f"owl:inverseOf rel:{relation_local_name(relation.inverse)}")
        lines.append(" ;\n    ".join(parts) + " .")
    return "\n".join(lines) + "\n"
