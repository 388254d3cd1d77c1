"""The whole job: documents → extraction → entity triples → a store, one document at a time.

Orchestrates the stages in their one direction; it adds no logic of its own beyond counting.
Writes only through ``kg.store.sink.GraphSink``, one transaction per document. A document
already in the store is not read again, so building it again changes nothing; its graph holds
only what it says (evidence, description, alternative names), so removing it takes out
exactly what it added. Entity names and kinds are decided over the documents read in the same
run (``kg.entities``), not over those already stored: an old document's entities are not
revisited when a new one disagrees.

Memory does not grow with the corpus: a build reads in two passes. The first streams the
documents through extraction (in worker processes or on Dask if asked) and spills each result
to a temporary file, keeping only the evidence entity decisions need; the second reads the
results back one at a time, links each and commits it. A build interrupted in the second pass
keeps the documents it committed, and a re-run skips them.

Nor does it grow as fast with one document's length: a long document, read in sections
(``kg.extract``), is spilled a section at a time as each is read, and linked a section at a
time as each is read back. Across its sections a build keeps only its names (for entity
decisions), how it opens (``kg.link.Opening``) and, in the second pass, the evidence its
edges keep (``max_evidence``); the document is still committed in one transaction.
"""

from __future__ import annotations

import itertools
import logging
import pickle
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import IO, TYPE_CHECKING, Any, cast

from rdflib import Graph

from kg.aliases import AliasTable, builtin_aliases
from kg.confidence import DEFAULT_MIN_CONFIDENCE
from kg.graph import DocumentGraph, document_graph
from kg.link import MAX_EVIDENCE, Linker, Merge, Opening, Section, resolve_sections
from kg.model import Date, Document, Entity, Mention
from kg.namespace import content_hash
from kg.parallel import extract_parallel
from kg.relation_table import RelationTable
from kg.store.embedded import Store
from kg.store.sink import GraphSink

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from kg.extract import DocumentResult

__all__ = ["BuildResult", "build"]

log = logging.getLogger(__name__)

# Documents written between two flushes of an on-disk store's write buffers.
_FLUSH_EVERY = 50
# Mentions or extractions pickled at once into the spill: pickling a long document's result
# in one piece kept a memo entry per object, 40 MB per MB of text.
_SPILL_CHUNK = 2_000


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
    documents: Iterable[Document] | Iterable[Doc],
    pipeline: str | None = None,
    on_document: Callable[[Document], None] | None = None,
    sink: GraphSink | None = None,
    aliases: AliasTable | None = None,
    *,
    jobs: int = 1,
    client: Any = None,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    relations: RelationTable | None = None,
    date: Date | None = None,
    max_evidence: int = MAX_EVIDENCE,
    on_written: Callable[[str, int, int], None] | None = None,
) -> BuildResult:
    """Read every new or changed document into ``sink`` (a new in-memory store if None).

    A document whose content hash the sink holds is skipped without being read; one from a
    source the sink holds with other content replaces that version. ``on_document`` is
    called once per document as it is read (for progress bars); ``on_written`` as the second
    pass commits each new or changed document, with its source name, how many the pass has
    committed and how many it commits in all (every ``on_document`` call comes first).
    ``aliases`` (``kg.aliases.load_aliases``) replaces the built-in table of entity names and
    kinds; ``merges`` in the result says which mentions became which entity and why.

    Documents are parsed by ``jobs`` worker processes (``kg.parallel``), or by the workers
    of a ``distributed.Client`` (``kg.distributed``); the store is the same either way.
    ``documents`` may instead be spaCy Docs a pipeline has parsed: they are not parsed again,
    and the extractions of the ``kg_extractor`` component on them are used as they are
    (``kg.extract.component``; a Doc is named by ``doc._.kg_name``). One call takes
    Documents or Docs, not both.
    Edges less sure than ``min_confidence`` (``kg.confidence``) are not stated.
    ``relations`` (``kg.relation_table.load_relations``) names relations before kg's own
    vocabulary does, each as a sub-property of the property IRI it gives. Relative dates ("on
    Monday") count from a document's own date line or front matter, else from ``date``; with
    neither they are kept as written. An edge keeps the first ``max_evidence`` pieces of
    evidence a document gives it and counts the rest (``kg:evidenceCount``).
    """
    from kg.extract import DEFAULT_PIPELINE

    started = time.perf_counter()
    sink = Store.memory() if sink is None else sink
    sink.install_ontology()
    known = sink.entity_kinds()  # earlier builds' decisions: one name stays one node
    pipeline = pipeline or DEFAULT_PIPELINE
    names = (builtin_aliases() if aliases is None else aliases).names()
    counts = {"total": 0, "fresh": 0}
    seen: set[str] = set()

    parsed: set[bool] = set()  # whether the inputs are spaCy Docs (one kind per build)

    def fresh() -> Iterator[Document | Doc]:
        for item in documents:
            parsed.add(not isinstance(item, Document))
            if len(parsed) > 1:
                raise TypeError("kg.build takes Documents or spaCy Docs, not both in one call")
            counts["total"] += 1
            digest = content_hash(item.text)
            if digest in seen or sink.has_document(digest):
                if on_document is not None:
                    on_document(item if isinstance(item, Document) else _document_of(item))
                continue
            seen.add(digest)
            counts["fresh"] += 1
            yield item

    stream = fresh()
    first = next(stream, None)
    items = itertools.chain([] if first is None else [first], stream)
    if first is not None and not isinstance(first, Document):
        from kg.extract.component import read_docs

        results: Iterable[DocumentResult] = read_docs(cast("Iterator[Doc]", items), names)
    elif client is not None:
        from kg.distributed import extract_on_dask

        results = extract_on_dask(cast("Iterator[Document]", items), pipeline, client, names=names)
    else:
        results = extract_parallel(
            cast("Iterator[Document]", items), pipeline, names=names, jobs=jobs, sections=True
        )
    with (
        tempfile.TemporaryFile(prefix="kg-build-") as spill,
        tempfile.TemporaryFile(prefix="kg-build-") as heads,
    ):
        # Pass 1: entities are decided over every document of the run (kg.entities: one
        # name, one node), so each section waits on disk as soon as it is read while only
        # its names' evidence stays in memory. Pass 2 links and writes the documents one by
        # one, reading each back a section at a time.
        resolver = resolve_sections(_spill(results, spill, heads, on_document), aliases, known)
        read = time.perf_counter()
        log.debug("read %d documents in %.1f s", counts["fresh"], read - started)
        spill.seek(0)
        heads.seek(0)
        linker = Linker(resolver, min_confidence, relations, date, max_evidence=max_evidence)
        properties = relations.properties() if relations is not None else {}

        def graphs() -> Iterator[DocumentGraph]:
            for result, sections, topic in _unspill(spill, heads):
                document = result.document
                linked = linker.link_sections(document.name, document.text, sections, topic)
                entities = sorted(
                    (
                        Entity(
                            e.name,
                            e.kind,
                            forms,
                            evidence=linker.kind_evidence(e),
                            roles=linker.roles(e),
                        )
                        for e, forms in linked.labels.items()
                    ),
                    key=lambda e: (e.name, e.kind),
                )
                yield document_graph(
                    result.document,
                    linked.triples,
                    entities,
                    sentences=result.sentences,
                    properties=properties,
                    dates=linked.dates,
                    date=linked.date,
                )

        replaced = _write(graphs(), sink, on_written, counts["fresh"])
        log.debug("linked and wrote them in %.1f s", time.perf_counter() - read)
    totals = sink.totals()
    return BuildResult(
        sink=sink,
        documents=totals.documents,
        sentences=totals.sentences,
        entities=totals.entities,
        triples=totals.triples,
        added=counts["fresh"] - replaced,
        replaced=replaced,
        unchanged=counts["total"] - counts["fresh"],
        seconds=time.perf_counter() - started,
        merges=tuple(linker.merges()),
    )


def _document_of(doc: Doc) -> Document:
    from kg.extract.component import document_of

    return document_of(doc)


def _write(
    graphs: Iterable[DocumentGraph],
    sink: GraphSink,
    on_written: Callable[[str, int, int], None] | None = None,
    total: int = 0,
) -> int:
    """Commit each document graph in order, calling ``on_written`` after each with how many
    of ``total`` are committed; return how many earlier versions were replaced.

    Commits run on a thread of their own, one document behind: the store writes without
    holding the GIL, so the next document is linked while this one is written."""
    replaced = 0
    with ThreadPoolExecutor(1, thread_name_prefix="kg-write") as writer:
        pending: tuple[Future[int], str, int] | None = None
        for written, graph in enumerate(graphs, 1):
            if pending is not None:
                replaced += _committed(*pending, on_written, total)
            pending = writer.submit(_commit, graph, sink, written), graph.source, written
        if pending is not None:
            replaced += _committed(*pending, on_written, total)
    return replaced


def _commit(graph: DocumentGraph, sink: GraphSink, written: int) -> int:
    replaced = len(sink.replace_document(graph))
    if written % _FLUSH_EVERY == 0:
        _flush(sink)
    return replaced


def _committed(
    commit: Future[int],
    source: str,
    written: int,
    on_written: Callable[[str, int, int], None] | None,
    total: int,
) -> int:
    """Wait for one commit (raising its error, if any) and report it."""
    replaced = commit.result()
    if on_written is not None:
        on_written(source, written, total)
    return replaced


def _flush(sink: GraphSink) -> None:
    # RocksDB keeps writes in memory until its write buffers fill, hundreds of MB over
    # Oxigraph's column families; flushing every few dozen documents keeps peak memory flat.
    if isinstance(sink, Store) and sink.path is not None and not sink.read_only:
        sink.oxigraph.flush()


def _spill(
    results: Iterable[DocumentResult],
    spill: IO[bytes],
    heads: IO[bytes],
    on_document: Callable[[Document], None] | None,
) -> Iterator[tuple[str, str, Iterator[Section]]]:
    """Yield each document's name, text and sections as they are read, writing each section
    to ``spill`` and, once the document is read, its head to ``heads``."""
    stream = iter(results)
    for result in stream:
        sections = _sections(result, stream, spill, heads, on_document)
        yield result.document.name, result.document.text, sections
        for _ in sections:  # whatever the reader left unread is spilled all the same
            pass


def _sections(
    result: DocumentResult,
    stream: Iterator[DocumentResult],
    spill: IO[bytes],
    heads: IO[bytes],
    on_document: Callable[[Document], None] | None,
) -> Iterator[Section]:
    sections = sentences = 0
    opening = Opening()
    while True:
        _dump(result, spill)
        sections += 1
        sentences += result.sentences
        opening.add(result.mentions, result.extractions)
        yield result.mentions, result.extractions
        if not result.continued:
            break
        result = next(stream)
    head = replace(result, sentences=sentences, mentions=(), extractions=())
    pickle.dump((head, sections, opening.topic()), heads, protocol=pickle.HIGHEST_PROTOCOL)
    if on_document is not None:
        on_document(result.document)


def _dump(result: DocumentResult, spill: IO[bytes]) -> None:
    """Write one result's (or section's) mentions and extractions, in chunks of
    ``_SPILL_CHUNK`` after their counts."""
    mentions, extractions = result.mentions, result.extractions
    pickle.dump((len(mentions), len(extractions)), spill, protocol=pickle.HIGHEST_PROTOCOL)
    for items in (mentions, extractions):
        for k in range(0, len(items), _SPILL_CHUNK):
            pickle.dump(items[k : k + _SPILL_CHUNK], spill, protocol=pickle.HIGHEST_PROTOCOL)


def _load(spill: IO[bytes], count: int) -> tuple[Any, ...]:
    chunks: list[tuple[Any, ...]] = []
    read = 0
    while read < count:
        chunks.append(pickle.load(spill))
        read += len(chunks[-1])
    return tuple(itertools.chain.from_iterable(chunks))


def _load_section(spill: IO[bytes]) -> Section:
    mentions, extractions = pickle.load(spill)
    return _load(spill, mentions), _load(spill, extractions)


def _unspill(
    spill: IO[bytes], heads: IO[bytes]
) -> Iterator[tuple[DocumentResult, Iterator[Section], Mention | None]]:
    """Yield each spilled document's head, its sections to read back in order (before the
    next document's), and what it opens with."""
    while True:
        try:
            head, sections, topic = pickle.load(heads)
        except EOFError:
            return
        yield head, (_load_section(spill) for _ in range(sections)), topic
