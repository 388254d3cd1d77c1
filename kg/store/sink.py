"""Where a build writes: the small interface every store offers; holds no data and no logic.

``kg.build`` writes only through a ``GraphSink``, so another backend (a remote SPARQL store,
a process pool's writer) slots in by implementing these four methods.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from rdflib.namespace import RDFS

from kg.graph import DocumentGraph
from kg.namespace import FACTS_GRAPH, KG

# Every entity's label and kind, from the graph of shared facts.
ENTITY_KINDS = f"""SELECT ?label ?kind WHERE {{ GRAPH <{FACTS_GRAPH}> {{
  ?e a <{KG.Entity}> ; <{RDFS.label}> ?label ; <{KG.kind}> ?kind }} }}"""

__all__ = ["ENTITY_KINDS", "GraphSink", "Totals", "kinds_of"]


@dataclass(frozen=True, slots=True)
class Totals:
    """What a store holds: documents, the sentences read in them, entities, edges."""

    documents: int
    sentences: int
    entities: int
    triples: int


class GraphSink(Protocol):
    """A store a build can write documents into, each document atomically."""

    def install_ontology(self) -> bool:
        """Put kg's ontology in the store if it is missing or older; return whether it changed."""
        ...

    def has_document(self, content_hash: str) -> bool:
        """Whether a document with this content hash is stored (building it again changes
        nothing)."""
        ...

    def replace_document(self, document: DocumentGraph) -> tuple[str, ...]:
        """Write one document atomically, replacing earlier versions from the same source;
        return the IRIs of the document graphs it replaced."""
        ...

    def remove_document(self, iri: str) -> None:
        """Remove one document's graph and every fact left without evidence, atomically."""
        ...

    def entity_kinds(self) -> dict[str, str]:
        """The kind of every entity name the store holds (label → kind); a name stored with
        two kinds is left out, since it says nothing about which one a new mention means."""
        ...

    def totals(self) -> Totals:
        """Count what the store holds: documents, their sentences, entities and edges."""
        ...


def kinds_of(rows: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Return label → kind for (label, kind) rows, leaving out labels stored with two kinds."""
    kinds: dict[str, str] = {}
    ambiguous: set[str] = set()
    for label, kind in rows:
        if kinds.setdefault(label, kind) != kind:
            ambiguous.add(label)
    return {label: kind for label, kind in kinds.items() if label not in ambiguous}
