"""Gold triples vs. a built graph: recall per level and, for each miss, the nearest edge.

Reads the graph through SPARQL only; knows nothing of how the graph was built.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from rdflib import Graph

from kg.errors import InputError
from kg.query import select

__all__ = ["GoldTriple", "Report", "evaluate", "normalise_relation", "read_gold"]

_AUXILIARIES: Final = frozenset(
    {"is", "are", "was", "were", "be", "has", "have", "had", "does", "did"}
)


@dataclass(frozen=True, slots=True)
class GoldTriple:
    """One gold triple: canonical labels, the accepted relation forms, and its level."""

    subject: str
    relations: tuple[str, ...]
    object: str
    level: str = "expected"


@dataclass(frozen=True, slots=True)
class Miss:
    """A gold triple the graph lacks, and the relations the graph has between those nodes."""

    gold: GoldTriple
    nearest: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Report:
    """Which gold triples the graph holds, by level."""

    hits: tuple[GoldTriple, ...]
    missed: tuple[Miss, ...] = field(default=())

    def total(self, level: str) -> int:
        return self.found(level) + sum(1 for m in self.missed if m.gold.level == level)

    def found(self, level: str) -> int:
        return sum(1 for g in self.hits if g.level == level)

    def levels(self) -> list[str]:
        order = ["required", "expected", "optional"]
        seen = {g.level for g in self.hits} | {m.gold.level for m in self.missed}
        return sorted(seen, key=lambda x: (order.index(x) if x in order else len(order), x))


def _stem(word: str) -> str:
    for suffix in ("ies", "es", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def normalise_relation(text: str) -> str:
    """Return a relation in a form where tense, number and a leading auxiliary do not count.

    >>> normalise_relation("is President of") == normalise_relation("president of")
    True
    >>> normalise_relation("partnered with") == normalise_relation("partners with")
    True
    """
    words = [w for w in re.split(r"[^\w]+", text.lower()) if w]
    while words and words[0] in _AUXILIARIES and len(words) > 1:
        words = words[1:]
    return " ".join(_stem(w) for w in words)


def read_gold(lines: Iterable[str]) -> list[GoldTriple]:
    """Parse gold triples from JSON Lines (``subject``, ``relation``, ``object``, ``level``).

    Raises:
        InputError: a line is not JSON or lacks a field.
    """
    import json

    gold = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            relation = record["relation"]
            relations = tuple(relation) if isinstance(relation, list) else (relation,)
            gold.append(
                GoldTriple(
                    record["subject"], relations, record["object"], record.get("level", "expected")
                )
            )
        except (ValueError, KeyError, TypeError) as e:
            raise InputError(
                f"gold line {number}: expected JSON with subject, relation, object ({e})"
            ) from e
    return gold


def _edges(graph: Graph) -> dict[tuple[str, str], set[str]]:
    rows = select(
        graph,
        """
        SELECT ?a ?b ?label WHERE {
          ?s ?p ?o . ?p a kg:Relation ; rdfs:label ?label .
          ?s rdfs:label ?a . ?o rdfs:label ?b .
        }""",
    )
    edges: dict[tuple[str, str], set[str]] = {}
    for row in rows:
        edges.setdefault((str(row["a"]), str(row["b"])), set()).add(str(row["label"]))
    return edges


def evaluate(gold: Iterable[GoldTriple | Mapping[str, Any]], graph: Graph) -> Report:
    """Return which ``gold`` triples ``graph`` holds as an edge between the exact labels.

    A relation matches when it equals an accepted form once tense, number and a leading
    auxiliary are set aside, or when the accepted form's words all occur in the edge's label.
    """
    items = [
        g if isinstance(g, GoldTriple) else read_gold([__import__("json").dumps(dict(g))])[0]
        for g in gold
    ]
    edges = _edges(graph)
    hits, missed = [], []
    for triple in items:
        labels = edges.get((triple.subject, triple.object), set())
        accepted = {normalise_relation(r) for r in triple.relations}
        if any(normalise_relation(label) in accepted for label in labels):
            hits.append(triple)
        else:
            nearest = labels | {
                f"(reversed) {label}" for label in edges.get((triple.object, triple.subject), set())
            }
            missed.append(Miss(triple, tuple(sorted(nearest))))
    return Report(tuple(hits), tuple(missed))
