"""The whole job: documents → extraction → entity triples → one RDF graph, with a summary.

Orchestrates the stages in their one direction; it adds no logic of its own beyond counting.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rdflib import Graph

from kg.graph import to_rdf
from kg.link import link
from kg.model import Document

__all__ = ["BuildResult", "build"]


@dataclass(frozen=True, slots=True)
class BuildResult:
    """The built graph and what went into it."""

    graph: Graph
    documents: int
    sentences: int
    entities: int
    triples: int
    seconds: float

    def summary(self) -> str:
        """One line for people: documents, sentences, entities, triples, seconds."""
        return (
            f"{self.documents} documents, {self.sentences} sentences, {self.entities} entities, "
            f"{self.triples} triples in {self.seconds:.1f} s"
        )


def build(
    documents: Iterable[Document],
    pipeline: str | None = None,
    on_document: Callable[[Document], None] | None = None,
) -> BuildResult:
    """Read every document and return the knowledge graph built from them.

    ``on_document`` is called after each document is read (for progress bars).
    """
    from kg.extract import DEFAULT_PIPELINE, extract

    started = time.perf_counter()
    read = []
    sentences = 0
    for result in extract(documents, pipeline or DEFAULT_PIPELINE):
        sentences += result.sentences
        read.append((result.document.name, result.document.text, result.mentions, result.extractions))
        if on_document is not None:
            on_document(result.document)
    entities, triples = link(read)
    docs = [Document(name, text) for name, text, _, _ in read]
    graph = to_rdf(triples, docs, entities)
    edges = {(t.subject, t.predicate, t.object) for t in triples}
    return BuildResult(
        graph=graph,
        documents=len(read),
        sentences=sentences,
        entities=len(entities),
        triples=len(edges),
        seconds=time.perf_counter() - started,
    )
