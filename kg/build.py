"""The whole job: documents → extraction → entity triples → a store, one document at a time.

Orchestrates the stages in their one direction; it adds no logic of its own beyond counting.
Writes only through ``kg.store.sink.GraphSink``, one transaction per document. A document
already in the store is not read again, so building it again changes nothing; its graph holds
only what it says (evidence, description, alternative names), so removing it takes out
exactly what it added. Entity names and kinds are decided over the documents read in the same
run (``kg.entities``), not over those already stored: an old document's entities are not
revisited when a new one disagrees.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rdflib import Graph

from kg.graph import document_graph
from kg.aliases import AliasTable, builtin_aliases
from kg.link import Merge, link_documents
from kg.model import Document
from kg.namespace import content_hash
from kg.store.embedded import Store
from kg.store.sink import GraphSink

__all__ = ["BuildResult", "build"]


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build changed, and what the store it wrote into (``sink``) holds afterwards."""

    sink: GraphSink
    documents: int
    sentences: int
    entities: int
    triples: int
    added: int
    replaced: int
    unchanged: int
    seconds: float
    merges: tuple[Merge, ...] = ()  # which mentions became which entity, and by what rule

    @property
    def graph(self) -> Graph:
        """The whole store as an rdflib Graph (the union of its named graphs)."""
        if not isinstance(self.sink, Store):
            raise TypeError("Only kg's own Store can be read back as an rdflib Graph")
        return self.sink.to_graph()

    def summary(self) -> str:
        """One line for people: the store's documents, sentences, entities and triples, the
        seconds taken, and how many documents were added, replaced or found unchanged."""
        return (
            f"{self.documents} documents, {self.sentences} sentences, {self.entities} entities, "
            f"{self.triples} triples in {self.seconds:.1f} s ({self.added} added, "
            f"{self.replaced} replaced, {self.unchanged} unchanged)"
        )


def build(
    documents: Iterable[Document],
    pipeline: str | None = None,
    on_document: Callable[[Document], None] | None = None,
    sink: GraphSink | None = None,
    aliases: AliasTable | None = None,
) -> BuildResult:
    """Read every new or changed document into ``sink`` (a new in-memory store if None).

    A document whose content hash the sink holds is skipped without being read; one from a
    source the sink holds with other content replaces that version. ``on_document`` is
    called once per document (for progress bars). ``aliases`` (``kg.aliases.load_aliases``)
    replaces the built-in table of entity names and kinds; ``merges`` in the result says
    which mentions became which entity and why.
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
    replaced = 0
    # Entities are decided over every document of the run (kg.entities): one name, one node.
    read = []
    names = (builtin_aliases() if aliases is None else aliases).names()
    for result in extract(fresh, pipeline or DEFAULT_PIPELINE, names=names):
        read.append(result)
        if on_document is not None:
            on_document(result.document)
    linked = link_documents(
        [(r.document.name, r.document.text, r.mentions, r.extractions) for r in read], aliases
    )
    for result in read:
        triples, entities = linked.of_document(result.document.name)
        graph = document_graph(result.document, triples, entities, sentences=result.sentences)
        replaced += len(sink.replace_document(graph))
    totals = sink.totals()
    return BuildResult(
        sink=sink,
        documents=totals.documents,
        sentences=totals.sentences,
        entities=totals.entities,
        triples=totals.triples,
        added=len(fresh) - replaced,
        replaced=replaced,
        unchanged=total - len(fresh),
        seconds=time.perf_counter() - started,
        merges=tuple(linked.merges),
    )
