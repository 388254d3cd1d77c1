"""kg's embedded RDF store on Oxigraph: one named graph per document, writes atomic per document.

Stores and reads statements only; builds none (``kg.graph`` does) and runs no NLP. Layout:
``ONTOLOGY_GRAPH`` holds kg's ontology, ``FACTS_GRAPH`` what documents share (entities, edges,
statement nodes), and each document's graph, named by its IRI, its description and evidence.
Every statement lives in exactly one graph, so queries over the union of the graphs (kg's
default) see each edge once. Bulk reads and writes go through pyoxigraph itself, never
statement by statement through rdflib.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any, Final, cast

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.errors import GraphFormatError, StoreError
from kg.graph import DocumentGraph, new_graph
from kg.namespace import FACTS_GRAPH, KG, ONTOLOGY_GRAPH, PREFIXES, document_iri
from kg.store.files import format_name
from kg.store.sink import ENTITY_KINDS, Totals, kinds_of
from kg.store.terms import from_ox, to_ox
from kg.turtle import to_turtle

__all__ = ["RDF_FORMATS", "DocumentInfo", "Store", "find_document", "is_store", "open_dataset"]

log = logging.getLogger(__name__)

# rdflib's format names (see kg.store.files.FORMATS) → Oxigraph's formats.
RDF_FORMATS: Final[dict[str, ox.RdfFormat]] = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "json-ld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}
_SUFFIXES: Final = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".nq": "nquads",
    ".trig": "trig",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
}
_FACTS: Final = ox.NamedNode(str(FACTS_GRAPH))
_UNION: Final = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
_TOTALS: Final = f"""
SELECT ?d ?s ?e ?t WHERE {{
  {{ SELECT (COUNT(DISTINCT ?doc) AS ?d) (SUM(?n) AS ?s0) WHERE {{
       ?doc a <{KG.Document}> OPTIONAL {{ ?doc <{KG.sentenceCount}> ?n }} }} }}
  {{ SELECT (COUNT(DISTINCT ?x) AS ?e) WHERE {{ ?x a <{KG.Entity}> }} }}
  {{ SELECT (COUNT(DISTINCT ?a) AS ?t) WHERE {{ ?a a <{KG.Assertion}> }} }}
  BIND (COALESCE(?s0, 0) AS ?s)
}}"""
_DOCUMENTS: Final = f"""
SELECT ?doc ?source ?hash WHERE {{ GRAPH ?doc {{
  ?doc a <{KG.Document}> ; <{KG.source}> ?source ; <{KG.contentHash}> ?hash }} }}
ORDER BY ?source ?doc"""
# Facts no document supports any more: statement nodes without evidence (and their edge),
# then entities and relation properties no statement node names. Each runs after the DROP
# GRAPH in the same update, so it sees the graph gone; VALUES limits it to that graph's facts.
_ORPHAN_ASSERTIONS: Final = f"""
DELETE {{ GRAPH <{FACTS_GRAPH}> {{ ?a ?p ?o . ?s ?pred ?obj }} }}
WHERE {{ VALUES ?a {{ %s }}
  GRAPH <{FACTS_GRAPH}> {{
    ?a <{RDF.subject}> ?s ; <{RDF.predicate}> ?pred ; <{RDF.object}> ?obj ; ?p ?o }}
  FILTER NOT EXISTS {{ GRAPH ?g {{ ?a <{KG.evidence}> ?e }} }} }}"""
_ORPHAN_ENTITIES: Final = f"""
DELETE {{ GRAPH <{FACTS_GRAPH}> {{ ?x ?p ?o }} }}
WHERE {{ VALUES ?x {{ %s }}
  GRAPH <{FACTS_GRAPH}> {{ ?x a <{KG.Entity}> ; ?p ?o }}
  FILTER NOT EXISTS {{ GRAPH <{FACTS_GRAPH}> {{ ?a <{RDF.subject}>|<{RDF.object}> ?x }} }} }}"""
_ORPHAN_RELATIONS: Final = f"""
DELETE {{ GRAPH <{FACTS_GRAPH}> {{ ?x ?p ?o }} }}
WHERE {{ VALUES ?x {{ %s }}
  GRAPH <{FACTS_GRAPH}> {{ ?x a <{KG.Relation}> ; ?p ?o }}
  FILTER NOT EXISTS {{ GRAPH <{FACTS_GRAPH}> {{ ?a <{RDF.predicate}> ?x }} }} }}"""


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """A document in a store: its graph's IRI, the source it was read from, its content hash."""

    iri: str
    source: str
    content_hash: str


@cache
def _ontology_quads() -> tuple[ox.Quad, ...]:
    from kg.vocabulary import ontology_turtle

    data = resources.files("kg").joinpath("ontology.ttl").read_bytes()
    graph = ox.NamedNode(str(ONTOLOGY_GRAPH))
    triples = [
        *ox.parse(data, format=ox.RdfFormat.TURTLE),
        *ox.parse(ontology_turtle(), format=ox.RdfFormat.TURTLE),
    ]
    return tuple(ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)


def _prefixes() -> dict[str, str]:
    return {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


def _sort_key(quad: ox.Quad) -> tuple[str, str, str, str]:
    graph = "" if isinstance(quad.graph_name, ox.DefaultGraph) else str(quad.graph_name)
    return graph, str(quad.subject), str(quad.predicate), str(quad.object)


class Store:
    """An Oxigraph store, on disk (``Store.open``) or in memory (``Store.load``, ``from_graph``).

    Implements ``kg.store.sink.GraphSink``. Use as a context manager, or call ``close()``, to
    release the directory for other processes.
    """

    def __init__(
        self, inner: ox.Store, path: Path | None = None, *, read_only: bool = False
    ) -> None:
        self._inner: ox.Store | None = inner
        self.path = path
        self.read_only = read_only
        # The ontology's triples and their subjects, read once; install_ontology resets them.
        self._ontology: tuple[frozenset[ox.Triple], frozenset[Any]] | None = None

    # -- opening and closing -------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False) -> Store:
        """Open the store directory ``path``, creating it unless ``read_only``.

        Raises:
            StoreError: the directory is not a store, is in use by another writer, or
                cannot be created.
        """
        path = Path(path)
        if read_only and not is_store(path):
            raise StoreError(
                f"{path}: not a kg store (build one with `kg build INPUT --store {path}`)"
            )
        try:
            if read_only:
                inner = ox.Store.read_only(str(path))
            else:
                path.mkdir(parents=True, exist_ok=True)
                inner = ox.Store(str(path))
        except OSError as e:
            if "lock" in str(e).lower():
                raise StoreError(
                    f"{path}: the store is open for writing in another process (a running "
                    f"`kg build` or `kg remove`?); wait for it to finish"
                ) from e
            raise StoreError(f"{path}: cannot open the store: {_first_line(e)}") from e
        return cls(inner, path, read_only=read_only)

    @classmethod
    def memory(cls) -> Store:
        """Return a new, empty, writable in-memory store."""
        return cls(ox.Store())

    @classmethod
    def load(cls, path: str | Path, format: str | None = None) -> Store:
        """Return an in-memory store holding the RDF file ``path`` (format from its extension).

        Raises:
            GraphFormatError: the file is missing, of an unknown format, or does not parse.
        """
        path = Path(path)
        if not path.is_file():
            raise GraphFormatError(f"{path}: no such RDF file or store (build one with `kg build`)")
        fmt = format_name(format) if format else _SUFFIXES.get(path.suffix.lower(), "turtle")
        if fmt not in RDF_FORMATS:
            raise GraphFormatError(
                f"{path}: cannot read {fmt}. Readable: {', '.join(sorted(RDF_FORMATS))}"
            )
        inner = ox.Store()
        try:
            inner.bulk_load(path=str(path), format=RDF_FORMATS[fmt])
        except (SyntaxError, ValueError) as e:
            raise GraphFormatError(f"{path}: not valid {fmt}: {_first_line(e)}") from e
        except OSError as e:
            raise GraphFormatError(f"{path}: cannot be read: {_first_line(e)}") from e
        return cls(inner, None, read_only=True)

    @classmethod
    def from_graph(cls, graph: Graph) -> Store:
        """Return an in-memory store holding the triples of an rdflib ``graph`` (default graph)."""
        inner = ox.Store()
        inner.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph)
        return cls(inner, None, read_only=True)

    def close(self) -> None:
        """Release the store (Oxigraph frees the directory when its last reference goes)."""
        if self._inner is not None and not self.read_only and self.path is not None:
            self._inner.flush()
        self._inner = None

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying ``pyoxigraph.Store`` (for queries and bulk reads)."""
        if self._inner is None:
            raise StoreError("The store is closed")
        return self._inner

    def __len__(self) -> int:
        return len(self.oxigraph)

    # -- writing (GraphSink) -------------------------------------------------------------

    def _writable(self) -> ox.Store:
        if self.read_only:
            raise StoreError(f"{self.path or 'this store'} is open read-only")
        return self.oxigraph

    def install_ontology(self) -> bool:
        """Put kg's ontology in its graph, replacing an older version; return whether it changed."""
        store = self._writable()
        graph = ox.NamedNode(str(ONTOLOGY_GRAPH))
        wanted = set(_ontology_quads())
        if set(store.quads_for_pattern(None, None, None, graph)) == wanted:
            return False
        self._ontology = None
        store.update(f"DROP SILENT GRAPH {graph} ; INSERT DATA {{ {_data(wanted)} }}")
        return True

    def has_document(self, content_hash: str) -> bool:
        """Whether a document with this content hash is in the store."""
        iri = ox.NamedNode(str(document_iri(content_hash)))
        pattern = (iri, ox.NamedNode(str(KG.contentHash)), ox.Literal(content_hash), iri)
        return next(self.oxigraph.quads_for_pattern(*pattern), None) is not None

    def replace_document(self, document: DocumentGraph) -> tuple[str, ...]:
        """Write ``document``'s graph and facts in one transaction, replacing earlier versions.

        An earlier version is a graph for the same content hash or the same source name (an
        edited file); its evidence goes, and with it any fact no other document supports.
        Returns the IRIs of the graphs replaced.
        """
        store = self._writable()
        # Looked up by source, not by listing every document: a build writes each document
        # in turn, and a listing per write made a build of n files take n² time.
        by_source = store.quads_for_pattern(
            None, ox.NamedNode(str(KG.source)), ox.Literal(document.source), None
        )
        old = {
            q.subject.value
            for q in by_source
            if isinstance(q.subject, ox.NamedNode) and q.subject == q.graph_name
        }
        if self.oxigraph.contains_named_graph(ox.NamedNode(str(document.iri))):
            old.add(str(document.iri))
        # A relation the ontology already describes is not described again in the facts.
        known, described = self._ontology_triples()
        quads = []
        for quad in document.oxigraph_quads():
            # Few subjects are the ontology's: test those alone, not a new Triple per quad.
            if quad.subject not in described or quad.triple not in known:
                quads.append(quad)
        try:
            if old:
                operations = [
                    *self._drop_operations(sorted(old)),
                    f"INSERT DATA {{ {_data(quads)} }}",
                ]
                store.update(" ;\n".join(operations))
            else:
                # Nothing to replace: one atomic extend writes the same quads without
                # building and parsing a SPARQL update (most of a build's write time). A
                # shared fact another document wrote is left out: testing for it is a plain
                # read, and writing a quad the store holds costs more than writing a new one.
                store.extend([q for q in quads if q.graph_name != _FACTS or q not in store])
        except OSError as e:
            raise StoreError(
                f"{self.path}: cannot write {document.source}: {_first_line(e)}"
            ) from e
        log.debug("wrote %s (%d statements), replaced %s", document.iri, len(quads), sorted(old))
        return tuple(sorted(old - {str(document.iri)}))

    def _ontology_triples(self) -> tuple[frozenset[ox.Triple], frozenset[Any]]:
        # Only install_ontology writes the ontology graph, so it is read once per Store.
        if self._ontology is None:
            ontology = ox.NamedNode(str(ONTOLOGY_GRAPH))
            known = frozenset(
                q.triple for q in self.oxigraph.quads_for_pattern(None, None, None, ontology)
            )
            self._ontology = known, frozenset(t.subject for t in known)
        return self._ontology

    def remove_document(self, iri: str) -> None:
        """Remove the document graph ``iri`` and every fact no other document supports,
        atomically."""
        store = self._writable()
        if not store.contains_named_graph(ox.NamedNode(iri)):
            raise StoreError(f"No document {iri} in {self.path or 'the store'}")
        try:
            store.update(" ;\n".join(self._drop_operations([iri])))
        except OSError as e:
            raise StoreError(f"{self.path}: cannot remove {iri}: {_first_line(e)}") from e

    def _drop_operations(self, iris: Iterable[str]) -> Iterator[str]:
        evidence = ox.NamedNode(str(KG.evidence))
        subject, obj = ox.NamedNode(str(RDF.subject)), ox.NamedNode(str(RDF.object))
        predicate = ox.NamedNode(str(RDF.predicate))
        facts = ox.NamedNode(str(FACTS_GRAPH))
        assertions: set[Any] = set()
        for iri in iris:
            graph = ox.NamedNode(iri)
            assertions.update(
                q.subject for q in self.oxigraph.quads_for_pattern(None, evidence, None, graph)
            )
            yield f"DROP SILENT GRAPH {graph}"
        entities: set[Any] = set()
        relations: set[Any] = set()
        for a in assertions:
            for p, bucket in ((subject, entities), (obj, entities), (predicate, relations)):
                bucket.update(q.object for q in self.oxigraph.quads_for_pattern(a, p, None, facts))
        for template, nodes in (
            (_ORPHAN_ASSERTIONS, assertions),
            (_ORPHAN_ENTITIES, entities),
            (_ORPHAN_RELATIONS, relations),
        ):
            if nodes:
                yield template % " ".join(sorted(map(str, nodes)))

    # -- reading -------------------------------------------------------------------------

    def documents(self) -> list[DocumentInfo]:
        """Return the documents in the store, by source name."""
        return [
            DocumentInfo(row["doc"].value, row["source"].value, row["hash"].value)
            for row in cast(ox.QuerySolutions, self.oxigraph.query(_DOCUMENTS))
        ]

    def find_document(self, ref: str) -> DocumentInfo:
        """Return the one document whose IRI, source name or content-hash prefix is ``ref``.

        Raises:
            StoreError: no document, or more than one, matches.
        """
        return find_document(self.documents(), ref, str(self.path or "the store"))

    def triples(self) -> list[ox.Triple]:
        """Return the union of every graph's triples, each once, sorted for stable output."""
        triples = cast(
            ox.QueryTriples, self.oxigraph.query(_UNION, use_default_graph_as_union=True)
        )
        return sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))

    def export(self, format: str = "turtle") -> bytes:
        """Return the store in an RDF ``format`` (rdflib's names): the union of the graphs as
        triples, or in a quad format (TriG, N-Quads, JSON-LD) every named graph as it is.
        Turtle is written for reading (``kg.turtle``): entities first, then provenance, then
        the ontology."""
        fmt = RDF_FORMATS.get(format_name(format))
        if fmt is None:
            raise GraphFormatError(
                f"Cannot write {format}. Available: {', '.join(sorted(RDF_FORMATS))}"
            )
        if fmt == ox.RdfFormat.TURTLE:
            return to_turtle(self.triples(), PREFIXES).encode("utf-8")
        if fmt.supports_datasets:
            data: Iterable[Any] = sorted(self.oxigraph, key=_sort_key)
        else:
            data = self.triples()
        prefixes = _prefixes() if fmt == ox.RdfFormat.TRIG else None
        return ox.serialize(data, format=fmt, prefixes=prefixes) or b""

    def to_graph(self) -> Graph:
        """Return the union of the store's graphs as an rdflib Graph (for rdflib-based code)."""
        graph = new_graph()
        graph.addN(
            (from_ox(t.subject), from_ox(t.predicate), from_ox(t.object), graph)
            for t in self.triples()
        )
        return graph

    def entity_kinds(self) -> dict[str, str]:
        """The kind of every entity name the store holds (label → kind), unambiguous ones only."""
        rows = cast(ox.QuerySolutions, self.oxigraph.query(ENTITY_KINDS))
        return kinds_of((row["label"].value, row["kind"].value) for row in rows)

    def totals(self) -> Totals:
        """Count the store's documents, their sentences, its entities and edges (statement
        nodes)."""
        rows = self.oxigraph.query(_TOTALS, use_default_graph_as_union=True)
        row = next(iter(cast(ox.QuerySolutions, rows)))
        return Totals(*(int(row[name].value) for name in ("d", "s", "e", "t")))

    def count(self, rdf_class: URIRef) -> int:
        """Return how many distinct nodes of ``rdf_class`` the store holds (in any graph)."""
        rows = self.oxigraph.query(
            f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a <{rdf_class}> }}",
            use_default_graph_as_union=True,
        )
        return int(next(iter(cast(ox.QuerySolutions, rows)))["n"].value)


def find_document(documents: list[DocumentInfo], ref: str, where: str) -> DocumentInfo:
    """Return the one document of ``documents`` (those in the store ``where``) whose IRI,
    source name or content-hash prefix is ``ref``.

    Raises:
        StoreError: no document, or more than one, matches.
    """
    found = [d for d in documents if ref in {d.iri, d.source}]
    if not found and len(ref) >= 6:
        found = [d for d in documents if d.content_hash.startswith(ref.lower())]
    if len(found) == 1:
        return found[0]
    if found:
        listed = ", ".join(f"{d.source} ({d.content_hash[:12]})" for d in found)
        raise StoreError(f"{ref!r} names {len(found)} documents: {listed}; give a content hash")
    known = ", ".join(d.source for d in documents[:10]) or "none"
    raise StoreError(
        f"No document {ref!r} in {where}. Give a source path, document IRI "
        f"or content-hash prefix; documents: {known}{' …' if len(documents) > 10 else ''}"
    )


def _data(quads: Iterable[ox.Quad]) -> str:
    """Return quads as the body of an INSERT DATA, grouped by graph."""
    graphs: dict[str, list[str]] = {}
    for q in quads:
        graphs.setdefault(str(q.graph_name), []).append(f"{q.subject} {q.predicate} {q.object} .")
    return "\n".join(f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}" for g, lines in graphs.items())


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def is_store(path: str | Path) -> bool:
    """Whether ``path`` is a store directory (Oxigraph's RocksDB files)."""
    path = Path(path)
    return path.is_dir() and (path / "CURRENT").is_file()


def open_dataset(path: str | Path, format: str | None = None) -> Store:
    """Return a read-only store for a store directory or any RDF file (loaded into memory).

    Raises:
        GraphFormatError: a file cannot be parsed.
        StoreError: a directory is not a store or cannot be opened.
    """
    path = Path(path)
    if path.is_dir():
        return Store.open(path, read_only=True)
    return Store.load(path, format)
