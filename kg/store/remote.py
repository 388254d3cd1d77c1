"""A store on a SPARQL server: the same layout as the embedded store, over the SPARQL protocol.

Stores and reads statements only; builds none and runs no NLP. Speaks SPARQL 1.1 Query and
Update over plain HTTP (no client library), so any server that implements them works:
Oxigraph (``oxigraph serve``), Virtuoso, Fuseki, GraphDB. Credentials come from the
environment (``KG_STORE_USER``, ``KG_STORE_PASSWORD``), never from the command line, where
other users could read them in the process list.

A document is written in chunks (servers refuse large ``INSERT DATA`` requests), its content
hash last: ``has_document`` looks for that statement, so a document whose write was cut off
is not taken as stored, and the next build replaces what part of it arrived.

Reads page through results (``page_size`` rows a request, ordered so that pages neither
overlap nor skip), since servers cut long answers short: Virtuoso returns at most 10,000
rows a request by default.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Sequence
from email.message import Message
from typing import Any, Final

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import RDF, RDFS

from kg.errors import KGError, StoreError
from kg.graph import DocumentGraph
from kg.namespace import FACTS_GRAPH, KG, ONTOLOGY_GRAPH, document_iri
from kg.store.embedded import (
    _ORPHAN_ASSERTIONS,
    _ORPHAN_ENTITIES,
    _ORPHAN_RELATIONS,
    DocumentInfo,
    Store,
    _data,
    _ontology_quads,
    find_document,
)
from kg.store.sink import Totals, kinds_of

__all__ = ["PAGE_SIZE", "PASSWORD_VARIABLE", "USER_VARIABLE", "RemoteStore", "is_remote"]

log = logging.getLogger(__name__)

USER_VARIABLE: Final = "KG_STORE_USER"
PASSWORD_VARIABLE: Final = "KG_STORE_PASSWORD"
# Statements per INSERT DATA request: Virtuoso's SQL compiler refuses much larger ones.
CHUNK_STATEMENTS: Final = 500
# Rows asked for per request: Virtuoso's default ResultSetMaxRows, which it will not exceed.
PAGE_SIZE: Final = 10_000
# The header in which Virtuoso says it cut an answer at its row limit.
_CAPPED: Final = "X-SPARQL-MaxRows"
_RDF_SUBJECT: Final = ox.NamedNode(str(RDF.subject))
_SPARQL_JSON: Final = "application/sparql-results+json"
_PROLOGUE: Final = re.compile(
    r"(\s*(#[^\n]*\n|BASE\s*<[^>]*>|PREFIX\s*[\w.-]*:\s*<[^>]*>))*\s*", re.IGNORECASE
)
_ORDERED: Final = re.compile(r"\bORDER\s+BY\b", re.IGNORECASE)

_DOCUMENT_GRAPHS: Final = f"GRAPH ?g {{ ?g a <{KG.Document}> }}"
_DOCUMENT_LIST: Final = f"""GRAPH ?doc {{
  ?doc a <{KG.Document}> ; <{KG.source}> ?source ; <{KG.contentHash}> ?hash }}"""
_DOCUMENT_QUADS: Final = f"GRAPH ?g {{ ?g a <{KG.Document}> . ?s ?p ?o }}"
_ENTITY_KINDS: Final = f"""GRAPH <{FACTS_GRAPH}> {{
  ?e a <{KG.Entity}> ; <{RDFS.label}> ?label ; <{KG.kind}> ?kind }}"""
_DOCUMENTS_FROM: Final = f"""
SELECT ?doc WHERE {{ GRAPH ?doc {{ ?doc a <{KG.Document}> ; <{KG.source}> ?source }}
  FILTER (STR(?source) = %s) }}"""
_DOCUMENT_COUNTS: Final = f"""
SELECT (COUNT(DISTINCT ?doc) AS ?n) (SUM(?c) AS ?s) WHERE {{
  GRAPH ?doc {{ ?doc a <{KG.Document}> OPTIONAL {{ ?doc <{KG.sentenceCount}> ?c }} }} }}"""
# What a cut-off write left of a statement node (part of rdf:subject, rdf:predicate and
# rdf:object), which _ORPHAN_ASSERTIONS, needing all three, does not match.
_UNFINISHED_ASSERTIONS: Final = f"""
DELETE {{ GRAPH <{FACTS_GRAPH}> {{ ?a ?p ?o }} }}
WHERE {{ VALUES ?a {{ %s }} GRAPH <{FACTS_GRAPH}> {{ ?a ?p ?o }}
  FILTER NOT EXISTS {{ GRAPH ?g {{ ?a <{KG.evidence}> ?e }} }} }}"""
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


def split_prologue(query: str) -> tuple[str, str]:
    """Split a query into its prologue (BASE and PREFIX declarations) and the rest.

    >>> split_prologue("PREFIX x: <a:> SELECT * { ?s x:p ?o }")
    ('PREFIX x: <a:> ', 'SELECT * { ?s x:p ?o }')
    """
    found = _PROLOGUE.match(query)
    end = found.end() if found else 0
    return query[:end], query[end:]


def _check_url(url: str) -> None:
    """Raise StoreError unless ``url`` is an http(s) URL with a host (and a numeric port)."""
    try:
        parts = urllib.parse.urlsplit(url)
        valid = parts.scheme.lower() in {"http", "https"} and bool(parts.hostname)
        parts.port  # noqa: B018 -- raises ValueError for a port that is not a number
    except ValueError:
        valid = False
    if not valid:
        raise StoreError(
            f"{url!r} is not a SPARQL endpoint URL: give http(s)://HOST[:PORT]/PATH, "
            "e.g. http://localhost:7878/query"
        )


def _term(binding: dict[str, str]) -> Any:
    """A SPARQL JSON results term as a pyoxigraph term."""
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        try:
            return ox.BlankNode(value)
        except ValueError:  # Virtuoso labels blank nodes nodeID://b10001
            return ox.BlankNode(hashlib.sha256(value.encode("utf-8")).hexdigest()[:32])
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
        page_size: int = PAGE_SIZE,
    ) -> None:
        _check_url(url)
        self.url = url
        self.update_url = update_url or _update_url(url)
        self.timeout = timeout
        self.chunk = chunk
        self.page_size = page_size
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
    def from_env(
        cls, url: str, update_url: str | None = None, *, page_size: int = PAGE_SIZE
    ) -> RemoteStore:
        """Return a store at ``url`` with the credentials in ``KG_STORE_USER`` and
        ``KG_STORE_PASSWORD`` (none if the user is unset)."""
        return cls(
            url,
            update_url,
            user=os.environ.get(USER_VARIABLE) or None,
            password=os.environ.get(PASSWORD_VARIABLE),
            page_size=page_size,
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

    def _post(
        self,
        url: str,
        fields: Sequence[tuple[str, str]],
        accept: str,
        rejected: type[KGError] = StoreError,
    ) -> tuple[Message, bytes]:
        """POST form ``fields`` to ``url``; return the answer's headers and body.

        A request the server rejects as malformed (400) raises ``rejected``; any other
        failure, StoreError.
        """
        body = urllib.parse.urlencode(fields).encode("utf-8")
        request = urllib.request.Request(
            url,
            data=body,
            method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
        )
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return response.headers, bytes(response.read())
        except urllib.error.HTTPError as e:
            detail = e.read().decode("utf-8", "replace").strip().splitlines()[:1]
            hint = f" (set {USER_VARIABLE} and {PASSWORD_VARIABLE})" if e.code in {401, 403} else ""
            kind = rejected if e.code == 400 else StoreError
            raise kind(
                f"{url}: the SPARQL server answered {e.code} {e.reason}{hint}: "
                f"{detail[0] if detail else ''}"
            ) from e
        except (urllib.error.URLError, OSError, ValueError) as e:
            reason = getattr(e, "reason", e)
            raise StoreError(f"{url}: cannot reach the SPARQL server: {reason}") from e

    def request(
        self,
        query: str,
        accept: str,
        dataset: Sequence[tuple[str, str]] = (),
        rejected: type[KGError] = StoreError,
    ) -> tuple[Message, bytes]:
        """Send a query (with ``default-graph-uri``/``named-graph-uri`` fields in
        ``dataset``); return the answer's headers and body."""
        return self._post(self.url, [("query", query), *dataset], accept, rejected)

    def solutions(
        self,
        query: str,
        dataset: Sequence[tuple[str, str]] = (),
        rejected: type[KGError] = StoreError,
    ) -> tuple[dict[str, Any], bool]:
        """Return a query's SPARQL JSON results, and whether the server says it cut them
        at its row limit."""
        headers, body = self.request(query, _SPARQL_JSON, dataset, rejected)
        try:
            data = json.loads(body)
        except ValueError as e:
            raise StoreError(
                f"{self.url}: the server did not answer with SPARQL results; is this its "
                "query endpoint (e.g. http://HOST:7878/query, http://HOST:8890/sparql)?"
            ) from e
        if not isinstance(data, dict):
            raise StoreError(f"{self.url}: the server's answer is not SPARQL JSON results")
        return data, headers.get(_CAPPED) is not None

    def select(self, query: str) -> list[dict[str, Any]]:
        """Return the rows of a SELECT query, each a dict of variable → pyoxigraph term.

        One request: for answers that may pass the server's row limit, use ``scan``."""
        data, _ = self.solutions(query)
        return [_row(row) for row in _bindings(data)]

    def scan(self, pattern: str, variables: Sequence[str]) -> Iterator[dict[str, Any]]:
        """Yield every solution of a graph ``pattern`` (its ``variables``, all bound),
        page by page.

        Pages are ordered inside a subquery and cut outside it, the form Virtuoso can page
        past its sort limit. The solutions are counted first, so a server that returns
        fewer rows than asked is asked again from where it stopped.

        Raises:
            StoreError: the server stopped answering before the count was reached (the
                graph changed while it was read).
        """
        names = " ".join(f"?{v}" for v in variables)
        total = int(self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")[0]["n"].value)
        read = 0
        while read < total:
            rows = self.select(
                f"SELECT {names} WHERE {{ {{ SELECT {names} WHERE {{ {pattern} }} "
                f"ORDER BY {names} }} }} LIMIT {self.page_size} OFFSET {read}"
            )
            if not rows:
                raise StoreError(
                    f"{self.url}: the graph changed while it was read ({read:,} of {total:,} "
                    "rows); read it again"
                )
            yield from rows
            read += len(rows)

    def select_all(
        self,
        query: str,
        dataset: Sequence[tuple[str, str]] = (),
        rejected: type[KGError] = StoreError,
    ) -> tuple[list[str], list[dict[str, Any]]]:
        """Return the variables and every row of any SELECT ``query``, past the server's
        row limit.

        The query is sent as it is; only if the server says it cut the answer, or returned
        exactly ``page_size`` rows, is it read again page by page: as a subquery, ordered
        by its own ORDER BY or else by every variable, so that pages neither overlap nor skip.
        """
        data, capped = self.solutions(query, dataset, rejected)
        variables = [str(v) for v in data.get("head", {}).get("vars", [])]
        rows = _bindings(data)
        if not capped and len(rows) != self.page_size:
            return variables, [_row(r) for r in rows]
        prologue, body = split_prologue(query)
        names = " ".join(f"?{v}" for v in variables)
        if not _ORDERED.search(body):
            body = f"SELECT {names} WHERE {{ {{ {body} }} }} ORDER BY {names}"
        page, rows = self.page_size, []
        while True:
            data, capped = self.solutions(
                f"{prologue} SELECT {names} WHERE {{ {{ {body} }} }} "
                f"LIMIT {page} OFFSET {len(rows)}",
                dataset,
                rejected,
            )
            found = _bindings(data)
            rows += found
            if capped and 0 < len(found) < page:
                page = len(found)  # the server's own limit is below ours
            elif len(found) < page:
                return variables, [_row(r) for r in rows]

    def ask(self, query: str) -> bool:
        """Return the answer to an ASK query."""
        data, _ = self.solutions(query)
        if "boolean" in data:
            return bool(data["boolean"])
        # Virtuoso 7 answers ASK as a one-row SELECT of __ASK_RETVAL (1 or 0).
        rows = data.get("results", {}).get("bindings", [])
        return any(v.get("value") not in {"0", "false"} for row in rows for v in row.values())

    def update(self, operations: str) -> None:
        """Run a SPARQL Update request (one or more operations separated by ``;``)."""
        self._post(self.update_url, [("update", operations)], "*/*")

    def _insert(self, quads: list[ox.Quad]) -> None:
        for start in range(0, len(quads), self.chunk):
            self.update(f"INSERT DATA {{ {_data(quads[start : start + self.chunk])} }}")

    def _quads(self, graph: str) -> list[ox.Quad]:
        name = ox.NamedNode(graph)
        rows = self.scan(f"GRAPH <{graph}> {{ ?s ?p ?o }}", ("s", "p", "o"))
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

        Earlier versions go in one update request; the new statements follow in chunks, in
        the order ``_write_order`` gives, so that a write cut off anywhere leaves nothing the
        next build of the same source cannot find and take out. Returns the IRIs of the
        graphs replaced.
        """
        source = json.dumps(document.source, ensure_ascii=False)
        old = {r["doc"].value for r in self.select(_DOCUMENTS_FROM % source)}
        if self.ask(f"ASK {{ GRAPH <{document.iri}> {{ ?s ?p ?o }} }}"):
            old.add(str(document.iri))
        if old:
            self.update(" ;\n".join(self._drop_operations(sorted(old))))
        known = {q.triple for q in _ontology_quads()}
        quads = _write_order(
            [q for q in document.oxigraph_quads() if q.triple not in known], document
        )
        self._insert(quads)
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
            rows = self.scan(f"GRAPH <{iri}> {{ ?a <{KG.evidence}> ?e }}", ("a", "e"))
            assertions.update(str(r["a"]) for r in rows)
            yield f"DROP SILENT GRAPH <{iri}>"
        entities: set[str] = set()
        relations: set[str] = set()
        if assertions:
            values = " ".join(sorted(assertions))
            rows = self.scan(
                f"VALUES ?a {{ {values} }} GRAPH <{FACTS_GRAPH}> {{ ?a ?p ?x "
                f"VALUES ?p {{ <{RDF.subject}> <{RDF.object}> <{RDF.predicate}> }} }}",
                ("a", "p", "x"),
            )
            for r in rows:
                (relations if r["p"].value == str(RDF.predicate) else entities).add(str(r["x"]))
        for template, nodes in (
            (_ORPHAN_ASSERTIONS, assertions),
            (_UNFINISHED_ASSERTIONS, assertions),
            (_ORPHAN_ENTITIES, entities),
            (_ORPHAN_RELATIONS, relations),
        ):
            if nodes:
                yield template % " ".join(sorted(nodes))

    # -- reading -------------------------------------------------------------------------

    def entity_kinds(self) -> dict[str, str]:
        """The kind of every entity name the server holds (label → kind), unambiguous ones only."""
        rows = self.scan(_ENTITY_KINDS, ("e", "label", "kind"))
        return kinds_of((row["label"].value, row["kind"].value) for row in rows)

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

    def documents(self) -> list[DocumentInfo]:
        """Return the documents on the server that were written whole, by source name."""
        rows = self.scan(_DOCUMENT_LIST, ("doc", "source", "hash"))
        found = [DocumentInfo(r["doc"].value, r["source"].value, r["hash"].value) for r in rows]
        return sorted(found, key=lambda d: (d.source, d.iri))

    def find_document(self, ref: str) -> DocumentInfo:
        """Return the one document whose IRI, source name or content-hash prefix is ``ref``.

        Raises:
            StoreError: no document, or more than one, matches.
        """
        return find_document(self.documents(), ref, self.url)

    def graphs(self) -> list[str]:
        """Return the IRIs of kg's graphs on the server: ontology, facts, then each document's
        (a server keeps its own graphs beside them, such as Virtuoso's virtrdf#)."""
        documents = sorted(row["g"].value for row in self.scan(_DOCUMENT_GRAPHS, ("g",)))
        return [str(ONTOLOGY_GRAPH), str(FACTS_GRAPH), *documents]

    def to_store(self) -> Store:
        """Return a copy of kg's graphs on the server (ontology, facts, documents) in memory,
        read page by page."""
        inner = ox.Store()
        for graph in (str(ONTOLOGY_GRAPH), str(FACTS_GRAPH)):
            inner.extend(self._quads(graph))
        inner.extend(
            ox.Quad(r["s"], r["p"], r["o"], r["g"])
            for r in self.scan(_DOCUMENT_QUADS, ("g", "s", "p", "o"))
        )
        return Store(inner)

    def export(self, format: str = "turtle") -> bytes:
        """Return kg's graphs on the server in an RDF ``format``, as ``Store.export`` does."""
        return self.to_store().export(format)

    def to_graph(self) -> Graph:
        """Return the union of kg's graphs on the server as an rdflib Graph."""
        return self.to_store().to_graph()


def _write_order(quads: list[ox.Quad], document: DocumentGraph) -> list[ox.Quad]:
    """Return ``quads`` in the order a cut-off write can be undone from.

    The document's graph comes first: what it describes (its source, by which an edited file
    finds it), then its evidence, which names every statement node the document supports.
    Then the statement nodes themselves in the shared facts, then the rest of the facts
    (edges, entities, relations), which the statement nodes name; the content hash last.
    So whatever part arrived, the next build's drop of this graph reaches all of it.
    """
    iri = ox.NamedNode(str(document.iri))
    marker = ox.Quad(iri, ox.NamedNode(str(KG.contentHash)), ox.Literal(document.content_hash), iri)
    statements = {q.subject for q in quads if q.predicate == _RDF_SUBJECT}

    def rank(quad: ox.Quad) -> int:
        if quad == marker:
            return 4
        if quad.graph_name == iri:
            return 0 if quad.subject == iri else 1
        return 2 if quad.subject in statements else 3

    return sorted(quads, key=rank)


def _row(binding: dict[str, dict[str, str]]) -> dict[str, Any]:
    return {k: _term(v) for k, v in binding.items()}


def _bindings(data: dict[str, Any]) -> list[dict[str, dict[str, str]]]:
    results = data.get("results")
    if not isinstance(results, dict) or not isinstance(results.get("bindings"), list):
        raise StoreError("The SPARQL server's answer has no result rows")
    return list(results["bindings"])
