"""Dependency rules: one parsed sentence → raw extractions (spans, relation phrase, predicate).

The verb-clause rules (``kg.extract.clauses``) and the noun-phrase rules
(``kg.extract.nominal``) run over each sentence; equal readings collapse into one. Reads
spaCy tokens only: nothing here knows RDF or the graph.
"""

from __future__ import annotations

from kg.extract.clauses import read_clauses
from kg.extract.emit import RULES, Emitter, Sentence
from kg.extract.nominal import read_nominals
from kg.model import Extraction

__all__ = ["RULES", "Sentence", "extract_sentence"]


def extract_sentence(sentence: Sentence) -> list[Extraction]:
    """Return every extraction the rules find in one parsed sentence, in a stable order."""
    em = Emitter(sentence)
    read_clauses(em, sentence.span)
    read_nominals(em, sentence.span)
    seen: set[tuple[object, ...]] = set()
    unique = []
    for ex in em.out:
        key = (ex.subject, ex.relation, ex.object, ex.predicate)
        if key not in seen:
            seen.add(key)
            unique.append(ex)
    return unique
