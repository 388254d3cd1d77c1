"""The whole job: documents → extraction → entity triples → a store, one document at a time.

Orchestrates the stages in their one direction; it adds no logic of its own beyond counting.
Writes only through ``kg.store.sink.GraphSink``. Each document is linked on its own, so its
graph depends on its text alone: building it again changes nothing, and removing it later
takes out exactly what it added.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rdflib import Graph

from kg.graph import document_graph
from kg.link import link
from kg.model import Document
from kg.namespace import content_hash
from kg.store.embedded import Store
from kg.store.sink import GraphSink

__all__ = ["BuildResult", "build"]


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build read and wrote; ``sink`` is the store it wrote into."""

    sink: GraphSink
    documents: int
    added: int
    unchanged: int
    replaced: int
    sentences: int
    entities: int
    triples: int
    seconds: float

    @property
    def graph(self) -> Graph:
        """The whole store as an rdflib Graph (the union of its named graphs)."""
        if not isinstance(self.sink, Store):
            raise TypeError("Only kg's own Store can be read back as an rdflib Graph")
        return self.sink.to_graph()

    def summary(self) -> str:
        """One line for people: documents, what changed, sentences, entities, triples, seconds."""
        return (
            f"{self.documents} documents ({self.added} added, {self.replaced} replaced, "
            f"{self.unchanged} unchanged), {self.sentences} sentences, {self.entities} entities, "
            f"{self.triples} triples in {self.seconds:.1f} s"
        )


def build(
    documents: Iterable[Document],
    pipeline: str | None = None,
    on_document: Callable[[Document], None] | None = None,
    sink: GraphSink | None = None,
) -> BuildResult:
    """Read every new or changed document into ``sink`` (a new in-memory store if None).

    A document whose content hash the sink holds is skipped without being read; one from a
    source the sink holds with other content replaces that version. ``on_document`` is
    called once per document (for progress bars). Counts of entities and triples are of the
    documents written in this run.
    """
    from kg.extract import DEFAULT_PIPELINE, extract

    started = time.perf_counter()
    sink = Store.memory() if sink is None else sink
    sink.install_ontology()
    fresh: list[Document] = []
    seen: set[str] = set()
    total = 0
    for doc in documents:
        total += 1
        digest = content_hash(doc.text)
        if digest in seen or sink.has_document(digest):
            if on_document is not None:
                on_document(doc)
            continue
        seen.add(digest)
        fresh.append(doc)
    sentences = replaced = 0
    entities: set[object] = set()
    edges: set[object] = set()
    for result in extract(fresh, pipeline or DEFAULT_PIPELINE):
        doc = result.document
        sentences += result.sentences
        found, triples = link([(doc.name, doc.text, result.mentions, result.extractions)])
        replaced += len(sink.replace_document(document_graph(doc, triples)))
        entities.update(found)
        edges.update((t.subject, t.predicate, t.object) for t in triples)
        if on_document is not None:
            on_document(doc)
    return BuildResult(
        sink=sink,
        documents=total,
        added=len(fresh) - replaced,
        unchanged=total - len(fresh),
        replaced=replaced,
        sentences=sentences,
        entities=len(entities),
        triples=len(edges),
        seconds=time.perf_counter() - started,
    )

