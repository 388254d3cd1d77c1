"""SPARQL over a store, graph or endpoint: select() → rows, ask() → bool, construct() → graph.

kg's prefixes are pre-bound. Runs on Oxigraph's engine with the union of the named graphs as
the default graph, so ``?s rel:partners ?o`` finds edges from every document. On a SPARQL endpoint
(``kg.store.remote.RemoteStore``) the server runs the query over the same dataset, kg's
graphs, named in the request; its SELECT rows are read past the server's row limit.
Reads only; updates are refused. Any query error becomes a one-line QueryError.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final

import pyoxigraph as ox
from rdflib import Graph

from kg.errors import QueryError
from kg.graph import new_graph
from kg.namespace import PREFIXES
from kg.store.embedded import Store
from kg.store.remote import RemoteStore, split_prologue
from kg.store.terms import from_ox

__all__ = ["QueryResult", "ask", "construct", "is_update", "query", "select"]

_UPDATE: Final = re.compile(
    r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE
)
_PROLOGUE: Final = re.compile(
    r"^(\s*(BASE\s*<[^>]*>|PREFIX\s*[\w.-]*:\s*<[^>]*>))*\s*", re.IGNORECASE
)
_COMMENT: Final = re.compile(r"(?m)(^|\s)#[^\n]*")  # "#" inside an IRI follows no space
_POSITION: Final = re.compile(r"^error at (\d+):(\d+):\s*")
_PREFIXED_END: Final = re.compile(r"([A-Za-z][\w.-]*)?:[\w.-]*$")
_MESSAGE_MAX: Final = 160
_DECLARED: Final = re.compile(r"PREFIX\s*([\w.-]*):", re.IGNORECASE)
_FROM: Final = re.compile(r"\bFROM\s+(NAMED\s+)?[<\w]", re.IGNORECASE)
_N_TRIPLES: Final = "application/n-triples"
_UPDATES_REFUSED: Final = (
    "Updates are not allowed: kg query runs SELECT, ASK, CONSTRUCT or DESCRIBE "
    "(change a store with `kg build` and `kg remove`)"
)


@dataclass(frozen=True, slots=True)
class QueryResult:
    """A query's answer: ``rows`` (SELECT), ``boolean`` (ASK) or ``graph`` (CONSTRUCT/DESCRIBE)."""

    form: str
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Any, ...], ...] = ()
    boolean: bool | None = None
    graph: Graph | None = None


def _syntax_error(e: SyntaxError, text: str) -> QueryError:
    """Translate Oxigraph's "error at L:C: expected …" into kg's one-line message."""
    message = " ".join(str(e).split())
    found = _POSITION.match(message)
    if found is None:
        return QueryError(f"SPARQL syntax error: {message[:_MESSAGE_MAX]}")
    line, column = int(found[1]), int(found[2])
    detail = message[found.end() :]
    if "Prefix not found" in detail:
        lines = text.splitlines() or [""]
        before = lines[min(line, len(lines)) - 1][: max(column - 1, 0)].rstrip()
        name = _PREFIXED_END.search(before)
        prefix = f"'{name[1] or ''}:' " if name else ""
        bound = ", ".join(PREFIXES)
        detail = f"unknown prefix {prefix}(pre-bound: {bound}; declare others with PREFIX)"
    elif len(detail) > _MESSAGE_MAX:
        detail = detail[:_MESSAGE_MAX].rsplit(",", 1)[0] + ", …"
    return QueryError(f"SPARQL syntax error at line {line}, column {column}: {detail}")


def is_update(text: str) -> bool:
    """Whether ``text`` reads as a SPARQL update rather than a query (its first keyword after
    the prologue).

    >>> is_update("PREFIX x: <a:> INSERT DATA { x:s x:p x:o }"), is_update("SELECT * { ?s ?p ?o }")
    (True, False)
    """
    return bool(_UPDATE.match(_body(text)))


def _body(text: str) -> str:
    return _PROLOGUE.sub("", _COMMENT.sub(" ", text))


def query(source: Store | Graph | RemoteStore, text: str) -> QueryResult:
    """Run any SPARQL query form over a store, an rdflib graph or a SPARQL endpoint and
    return its result.

    Terms in the result are rdflib terms; kg's prefixes are pre-bound.

    >>> from kg.graph import new_graph
    >>> query(new_graph(), "ASK { ?s rel:partners ?o }").boolean
    False

    Raises:
        QueryError: a syntax error (with line and column) or an update, which is refused.
        StoreError: the endpoint cannot be reached or refuses the request.
    """
    if isinstance(source, RemoteStore):
        return _query_endpoint(source, text)
    store = source if isinstance(source, Store) else Store.from_graph(source)
    try:
        result = store.oxigraph.query(
            text,
            prefixes={prefix: str(namespace) for prefix, namespace in PREFIXES.items()},
            use_default_graph_as_union=True,
        )
    except SyntaxError as e:
        if is_update(text):
            raise QueryError(_UPDATES_REFUSED) from e
        raise _syntax_error(e, text) from e
    except (OSError, ValueError, RuntimeError) as e:
        raise QueryError(f"SPARQL query failed: {' '.join(str(e).split())[:_MESSAGE_MAX]}") from e
    try:
        if isinstance(result, ox.QueryBoolean):
            return QueryResult("ASK", boolean=bool(result))
        if isinstance(result, ox.QuerySolutions):
            variables = tuple(v.value for v in result.variables)
            rows = tuple(
                tuple(
                    None if (term := row[i]) is None else from_ox(term)
                    for i in range(len(variables))
                )
                for row in result
            )
            return QueryResult("SELECT", variables, rows)
        graph = new_graph()
        graph.addN(
            (from_ox(t.subject), from_ox(t.predicate), from_ox(t.object), graph) for t in result
        )
    except (OSError, RuntimeError) as e:
        raise QueryError(f"SPARQL query failed: {' '.join(str(e).split())[:_MESSAGE_MAX]}") from e
    form = "DESCRIBE" if _body(text)[:8].upper() == "DESCRIBE" else "CONSTRUCT"
    return QueryResult(form, graph=graph)


def _query_endpoint(endpoint: RemoteStore, text: str) -> QueryResult:
    """Run a query on a SPARQL server over kg's graphs, with kg's prefixes declared."""
    if is_update(text):
        raise QueryError(_UPDATES_REFUSED)
    prologue, body = split_prologue(_COMMENT.sub(" ", text))
    declared = {name.lower() for name in _DECLARED.findall(prologue)}
    # On the query's first line, so that the server's line numbers in errors stay right.
    missing = "".join(
        f"PREFIX {prefix}: <{namespace}> "
        for prefix, namespace in PREFIXES.items()
        if prefix.lower() not in declared
    )
    sparql = missing + text
    # The same dataset as the embedded store's: kg's graphs, merged as the default graph
    # and each by name; a query's own FROM chooses for itself.
    graphs = [] if _FROM.search(body) else endpoint.graphs()
    dataset = [("default-graph-uri", g) for g in graphs] + [("named-graph-uri", g) for g in graphs]
    form = body[:9].upper()
    if form.startswith(("CONSTRUCT", "DESCRIBE")):
        _, ntriples = endpoint.request(sparql, _N_TRIPLES, dataset, QueryError)
        try:
            triples = list(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES))
        except (SyntaxError, ValueError) as e:
            raise QueryError(
                f"{endpoint.url}: the server's graph is not N-Triples: {_first_line(e)}"
            ) from e
        if len(triples) == endpoint.page_size:
            raise QueryError(
                f"{endpoint.url} answered {len(triples):,} triples, as many as it returns at "
                "once, so the graph may be cut short; SELECT the triples instead (kg reads "
                "SELECT rows page by page), or raise the server's row limit"
            )
        graph = new_graph()
        graph.addN(
            (from_ox(t.subject), from_ox(t.predicate), from_ox(t.object), graph) for t in triples
        )
        return QueryResult("DESCRIBE" if form.startswith("DESCRIBE") else "CONSTRUCT", graph=graph)
    if form.startswith("ASK"):
        data, _ = endpoint.solutions(sparql, dataset, QueryError)
        if "boolean" in data:
            return QueryResult("ASK", boolean=bool(data["boolean"]))
        # Virtuoso 7 answers ASK as a one-row SELECT of __ASK_RETVAL (1 or 0).
        rows = data.get("results", {}).get("bindings", [])
        return QueryResult(
            "ASK",
            boolean=any(v.get("value") not in {"0", "false"} for r in rows for v in r.values()),
        )
    variables, rows = endpoint.select_all(sparql, dataset, QueryError)
    return QueryResult(
        "SELECT",
        tuple(variables),
        tuple(
            tuple(None if (term := row.get(v)) is None else from_ox(term) for v in variables)
            for row in rows
        ),
    )


def _first_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return text[:_MESSAGE_MAX] or type(error).__name__


def select(source: Store | Graph | RemoteStore, text: str) -> list[dict[str, Any]]:
    """Return the rows of a SELECT query as dicts from variable name to RDF term."""
    result = query(source, text)
    if result.form != "SELECT":
        raise QueryError(f"Expected a SELECT query, got {result.form}")
    return [dict(zip(result.variables, row, strict=True)) for row in result.rows]


def ask(source: Store | Graph | RemoteStore, text: str) -> bool:
    """Return the answer of an ASK query."""
    result = query(source, text)
    if result.boolean is None:
        raise QueryError(f"Expected an ASK query, got {result.form}")
    return result.boolean


def construct(source: Store | Graph | RemoteStore, text: str) -> Graph:
    """Return the graph a CONSTRUCT or DESCRIBE query builds."""
    result = query(source, text)
    if result.graph is None:
        raise QueryError(f"Expected a CONSTRUCT or DESCRIBE query, got {result.form}")
    return result.graph
