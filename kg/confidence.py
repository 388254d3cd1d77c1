"""How sure an edge is: each rule's confidence for each relation, as measured, and the cut-off.

Graph side, model values only. ``kg/data/confidence.csv`` holds, per extraction or inference
rule and relation, how often such edges were right when measured (``benchmarks/calibrate.py``
writes it); an edge takes that figure, less the deductions its extraction had (a pronoun
argument, a very short reading). A rule or relation the table does not name keeps the
confidence its rule gave it.

>>> calibrated("no-such-rule", "partners", 0.42)
0.42
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Final

from kg.vocabulary import vocabulary

__all__ = ["DEFAULT_MIN_CONFIDENCE", "calibrated"]

# The confidence an edge needs to be stated in the graph (``kg build --min-confidence``):
# measured edges at or above it were right about two times in three (see README).
DEFAULT_MIN_CONFIDENCE: Final = 0.35
_ANY: Final = "*"


@dataclass(frozen=True, slots=True)
class _Rule:
    base: float  # the highest confidence the rule gave before calibration: deductions start here
    by_relation: dict[str, float]


@cache
def _table() -> dict[str, _Rule]:
    text = resources.files("kg").joinpath("data", "confidence.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if line and not line.startswith("#"))
    rules: dict[str, _Rule] = {}
    for row in rows:
        rule = rules.setdefault(row["rule"], _Rule(float(row["base"]), {}))
        rule.by_relation[row["relation"]] = float(row["confidence"])
    return rules


def calibrated(rule: str, relation: str, confidence: float) -> float:
    """Return the confidence of an edge of ``relation`` read by ``rule`` that its rule gave
    ``confidence``: the measured figure for the rule and relation (or for the rule), less the
    extraction's own deductions."""
    found = _table().get(rule)
    if found is None:
        return confidence
    # A relation of its own, else the rule's mapped relations (*) or its open ones ("").
    fallback = _ANY if vocabulary().wikidata(relation) else ""
    measured = found.by_relation.get(relation, found.by_relation.get(fallback))
    if measured is None:
        return confidence
    deduction = max(0.0, found.base - confidence)
    return round(max(0.01, min(0.99, measured - deduction)), 3)
