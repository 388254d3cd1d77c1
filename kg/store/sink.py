"""Where a build writes: the small interface every store offers; holds no data and no logic.

``kg.build`` writes only through a ``GraphSink``, so another backend (a remote SPARQL store,
a process pool's writer) slots in by implementing these four methods.
"""

from __future__ import annotations

from typing import Protocol

from dataclasses import dataclass

from kg.graph import DocumentGraph

__all__ = ["GraphSink", "Totals"]


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
        """Whether a document with this content hash is stored (building it again changes nothing)."""
        ...

    def replace_document(self, document: DocumentGraph) -> tuple[str, ...]:
        """Write one document atomically, replacing earlier versions from the same source;
        return the IRIs of the document graphs it replaced."""
        ...

    def remove_document(self, iri: str) -> None:
        """Remove one document's graph and every fact left without evidence, atomically."""
        ...

    def totals(self) -> Totals:
        """Count what the store holds: documents, their sentences, entities and edges."""
        ...
