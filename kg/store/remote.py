"""A store on a SPARQL server: the same layout as the embedded store, over the SPARQL protocol.

Stores and reads statements only; builds none and runs no NLP. Speaks SPARQL 1.1 Query and
Update over plain HTTP (no client library), so any server that implements them works:
Oxigraph (``oxigraph serve``), Virtuoso, Fuseki, GraphDB. Credentials come from the
environment (``KG_STORE_USER``, ``KG_STORE_PASSWORD``), never from the command line, where
other users could read them in the process list.

A document is written in chunks (servers refuse large ``INSERT DATA`` requests), its content
hash last: ``has_document`` looks for that statement, so a document whose write was cut off
is not taken as stored, and the next build replaces what part of it arrived.
"""

from __future__ import annotations

import json
import logging
import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from typing import Any, Final

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import RDF

from kg.errors import StoreError
from kg.graph import DocumentGraph
from kg.namespace import FACTS_GRAPH, KG, ONTOLOGY_GRAPH, document_iri
from kg.store.embedded import (
    _ORPHAN_ASSERTIONS,
    _ORPHAN_ENTITIES,
    _ORPHAN_RELATIONS,
    Store,
    _data,
    _ontology_quads,
)
from kg.store.sink import ENTITY_KINDS, Totals, kinds_of
from kg.store.terms import to_ox

__all__ = ["PASSWORD_VARIABLE", "USER_VARIABLE", "RemoteStore", "is_remote"]

log = logging.getLogger(__name__)

USER_VARIABLE: Final = "KG_STORE_USER"
PASSWORD_VARIABLE: Final = "KG_STORE_PASSWORD"
# Statements per INSERT DATA request: Virtuoso's SQL compiler refuses much larger ones.
CHUNK_STATEMENTS: Final = 500

_DOCUMENT_GRAPHS: Final = f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g a <{KG.Document}> }} }}"
_DOCUMENTS_FROM: Final = f"""
SELECT ?doc WHERE {{ GRAPH ?doc {{ ?doc a <{KG.Document}> ; <{KG.source}> ?source }}
  FILTER (STR(?source) = %s) }}"""
_DOCUMENT_COUNTS: Final = f"""
SELECT (COUNT(DISTINCT ?doc) AS ?n) (SUM(?c) AS ?s) WHERE {{
  GRAPH ?doc {{ ?doc a <{KG.Document}> OPTIONAL {{ ?doc <{KG.sentenceCount}> ?c }} }} }}"""
_COUNT_IN_FACTS: Final = f"""
SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH <{FACTS_GRAPH}> {{ ?x a %s }} }}"""


def is_remote(location: str) -> bool:
    """Whether a ``--store`` location is a SPARQL endpoint URL rather than a directory.

    >>> is_remote("http://127.0.0.1:7878/query"), is_remote("out/store")
    (True, False)
    """
    return location.lower().startswith(("http://", "https://"))


def _update_url(url: str) -> str:
    """The update endpoint beside a query endpoint: ``…/query`` → ``…/update`` (Oxigraph,
    Fuseki); any other URL takes updates itself (Virtuoso's ``/sparql``, ``/sparql-auth``).

    >>> _update_url("http://h:7878/query"), _update_url("http://h:8890/sparql-auth")
    ('http://h:7878/update', 'http://h:8890/sparql-auth')
    """
    parts = urllib.parse.urlsplit(url)
    if parts.path.endswith("/query"):
        return urllib.parse.urlunsplit(parts._replace(path=parts.path[: -len("query")] + "update"))
    return url


def _term(binding: dict[str, str]) -> Any:
    """A SPARQL JSON results term as a pyoxigraph term."""
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if "xml:lang" in binding:
        return ox.Literal(value, language=binding["xml:lang"])
    if "datatype" in binding:  # "literal" in SPARQL 1.1, "typed-literal" in older servers
        return ox.Literal(value, datatype=ox.NamedNode(binding["datatype"]))
    return ox.Literal(value)


class RemoteStore:
    """A kg store on a SPARQL 1.1 server (implements ``kg.store.sink.GraphSink``).

    ``url`` is the query endpoint; updates go to ``update_url`` (by default ``…/update``
    beside a ``…/query`` URL, else ``url`` itself). ``user``/``password`` are sent with
    HTTP Basic or Digest authentication, whichever the server asks for.
    """

    def __init__(
        self,
        url: str,
        update_url: str | None = None,
        *,
        user: str | None = None,
        password: str | None = None,
        timeout: float = 120.0,
        chunk: int = CHUNK_STATEMENTS,
    ) -> None:
        self.url = url
        self.update_url = update_url or _update_url(url)
        self.timeout = timeout
        self.chunk = chunk
        handlers: list[urllib.request.BaseHandler] = []
        if user is not None:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            for endpoint in {self.url, self.update_url}:
                passwords.add_password(None, endpoint, user, password or "")
            handlers += [
                urllib.request.HTTPBasicAuthHandler(passwords),
                urllib.request.HTTPDigestAuthHandler(passwords),
            ]
        self._opener = urllib.request.build_opener(*handlers)

    @classmethod
    def from_env(cls, url: str, update_url: str | None = None) -> RemoteStore:
        """Return a store at ``url`` with the credentials in ``KG_STORE_USER`` and
        ``KG_STORE_PASSWORD`` (none if the user is unset)."""
        return cls(
            url,
            update_url,
            user=os.environ.get(USER_VARIABLE) or None,
            password=os.environ.get(PASSWORD_VARIABLE),
        )

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Nothing to release: every request is its own connection."""

    def __repr__(self) -> str:
        return f"RemoteStore({self.url!r})"

    # -- the protocol --------------------------------------------------------------------

    def _post(self, url: str, field: str, text: str, accept: str) -> bytes:
        body = urllib.parse.urlencode({field: text}).encode("utf-8")
        request = urllib.request.Request(
            url,
            data=body,
            method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
        )
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return bytes(response.read())
        except urllib.error.HTTPError as e:
            detail = e.read().decode("utf-8", "replace").strip().splitlines()[:1]
            hint = f" (set {USER_VARIABLE} and {PASSWORD_VARIABLE})" if e.code in {401, 403} else ""
            raise StoreError(
                f"{url}: the SPARQL server answered {e.code} {e.reason}{hint}: "
                f"{detail[0] if detail else ''}"
            ) from e
        except (urllib.error.URLError, OSError) as e:
            reason = getattr(e, "reason", e)
            raise StoreError(f"{url}: cannot reach the SPARQL server: {reason}") from e

    def select(self, query: str) -> list[dict[str, Any]]:
        """Return the rows of a SELECT query, each a dict of variable → pyoxigraph term."""
        data = json.loads(self._post(self.url, "query", query, "application/sparql-results+json"))
        return [{k: _term(v) for k, v in row.items()} for row in data["results"]["bindings"]]

    def ask(self, query: str) -> bool:
        """Return the answer to an ASK query."""
        data = json.loads(self._post(self.url, "query", query, "application/sparql-results+json"))
        if "boolean" in data:
            return bool(data["boolean"])
        # Virtuoso 7 answers ASK as a one-row SELECT of __ASK_RETVAL (1 or 0).
        rows = data.get("results", {}).get("bindings", [])
        return any(v.get("value") not in {"0", "false"} for row in rows for v in row.values())

    def update(self, operations: str) -> None:
        """Run a SPARQL Update request (one or more operations separated by ``;``)."""
        self._post(self.update_url, "update", operations, "*/*")

    def _insert(self, quads: list[ox.Quad]) -> None:
        for start in range(0, len(quads), self.chunk):
            self.update(f"INSERT DATA {{ {_data(quads[start : start + self.chunk])} }}")

    def _quads(self, graph: str) -> list[ox.Quad]:
        name = ox.NamedNode(graph)
        rows = self.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        return [ox.Quad(r["s"], r["p"], r["o"], name) for r in rows]

    # -- writing (GraphSink) -------------------------------------------------------------

    def install_ontology(self) -> bool:
        """Put kg's ontology in its graph, replacing an older version; return whether it changed."""
        wanted = set(_ontology_quads())
        if set(self._quads(str(ONTOLOGY_GRAPH))) == wanted:
            return False
        self.update(f"DROP SILENT GRAPH <{ONTOLOGY_GRAPH}>")
        self._insert(sorted(wanted, key=str))
        return True

    def has_document(self, content_hash: str) -> bool:
        """Whether a document with this content hash is completely stored."""
        iri = document_iri(content_hash)
        return self.ask(
            f'ASK {{ GRAPH <{iri}> {{ <{iri}> <{KG.contentHash}> "{content_hash}" }} }}'
        )

    def replace_document(self, document: DocumentGraph) -> tuple[str, ...]:
        """Write ``document``'s graph and facts, replacing earlier versions from its source.

        Earlier versions go in one update request; the new statements follow in chunks,
        the content hash last. Returns the IRIs of the graphs replaced.
        """
        source = json.dumps(document.source, ensure_ascii=False)
        old = {r["doc"].value for r in self.select(_DOCUMENTS_FROM % source)}
        if self.ask(f"ASK {{ GRAPH <{document.iri}> {{ ?s ?p ?o }} }}"):
            old.add(str(document.iri))
        if old:
            self.update(" ;\n".join(self._drop_operations(sorted(old))))
        known = {q.triple for q in _ontology_quads()}
        marker = (KG.contentHash, document.content_hash)
        quads: list[ox.Quad] = []
        last: list[ox.Quad] = []
        for s, p, o, g in document.quads():
            quad = ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.NamedNode(str(g)))
            if quad.triple in known:
                continue
            (last if (p, str(o)) == marker else quads).append(quad)
        self._insert(quads + last)
        log.debug("wrote %s (%d statements), replaced %s", document.iri, len(quads), sorted(old))
        return tuple(sorted(old - {str(document.iri)}))

    def remove_document(self, iri: str) -> None:
        """Remove the document graph ``iri`` and every fact no other document supports."""
        if not self.ask(f"ASK {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}"):
            raise StoreError(f"No document {iri} in {self.url}")
        self.update(" ;\n".join(self._drop_operations([iri])))

    def _drop_operations(self, iris: Iterable[str]) -> Iterator[str]:
        assertions: set[str] = set()
        for iri in iris:
            rows = self.select(
                f"SELECT DISTINCT ?a WHERE {{ GRAPH <{iri}> {{ ?a <{KG.evidence}> ?e }} }}"
            )
            assertions.update(str(r["a"]) for r in rows)
            yield f"DROP SILENT GRAPH <{iri}>"
        entities: set[str] = set()
        relations: set[str] = set()
        if assertions:
            values = " ".join(sorted(assertions))
            rows = self.select(
                f"SELECT DISTINCT ?x ?p WHERE {{ VALUES ?a {{ {values} }} GRAPH <{FACTS_GRAPH}> {{ "
                f"?a ?p ?x VALUES ?p {{ <{RDF.subject}> <{RDF.object}> <{RDF.predicate}> }} }} }}"
            )
            for r in rows:
                (relations if r["p"].value == str(RDF.predicate) else entities).add(str(r["x"]))
        for template, nodes in (
            (_ORPHAN_ASSERTIONS, assertions),
            (_ORPHAN_ENTITIES, entities),
            (_ORPHAN_RELATIONS, relations),
        ):
            if nodes:
                yield template % " ".join(sorted(nodes))

    # -- reading -------------------------------------------------------------------------

    def entity_kinds(self) -> dict[str, str]:
        """The kind of every entity name the server holds (label → kind), unambiguous ones only."""
        return kinds_of(
            (row["label"].value, row["kind"].value) for row in self.select(ENTITY_KINDS)
        )

    def totals(self) -> Totals:
        """Count the store's documents, their sentences, its entities and edges."""
        row = self.select(_DOCUMENT_COUNTS)[0]
        documents = int(row["n"].value)
        sentences = int(row["s"].value) if "s" in row else 0
        entities, triples = (
            int(self.select(_COUNT_IN_FACTS % f"<{c}>")[0]["n"].value)
            for c in (KG.Entity, KG.Assertion)
        )
        return Totals(documents, sentences, entities, triples)

    def to_store(self) -> Store:
        """Return a copy of kg's graphs on the server (ontology, facts, documents) in memory."""
        inner = ox.Store()
        # Only kg's graphs: a server keeps its own beside them (Virtuoso's virtrdf#, …).
        documents = [row["g"].value for row in self.select(_DOCUMENT_GRAPHS)]
        for graph in (str(ONTOLOGY_GRAPH), str(FACTS_GRAPH), *documents):
            inner.extend(self._quads(graph))
        return Store(inner)

    def export(self, format: str = "turtle") -> bytes:
        """Return kg's graphs on the server in an RDF ``format``, as ``Store.export`` does."""
        return self.to_store().export(format)

    def to_graph(self) -> Graph:
        """Return the union of kg's graphs on the server as an rdflib Graph."""
        return self.to_store().to_graph()
