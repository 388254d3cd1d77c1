"""SPARQL over a graph: select() → rows, ask() → bool, construct() → graph; prefixes pre-bound.

Reads only the graph it is given; never writes. Any query error becomes a one-line QueryError.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final

from rdflib import Graph
from rdflib.query import Result

from kg.errors import QueryError
from kg.namespace import PREFIXES

__all__ = ["QueryResult", "ask", "construct", "query", "select"]

_FORM: Final = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_COMMENT: Final = re.compile(r"#[^\n]*")


@dataclass(frozen=True, slots=True)
class QueryResult:
    """A query's answer: ``rows`` (SELECT), ``boolean`` (ASK) or ``graph`` (CONSTRUCT/DESCRIBE)."""

    form: str
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Any, ...], ...] = ()
    boolean: bool | None = None
    graph: Graph | None = None


def _syntax_error(e: Exception, text: str) -> QueryError:
    line = getattr(e, "lineno", None)
    column = getattr(e, "col", None)
    message = getattr(e, "msg", None) or str(e).splitlines()[0]
    where = f" at line {line}, column {column}" if line is not None else ""
    return QueryError(f"SPARQL syntax error{where}: {message}")


def query(graph: Graph, text: str) -> QueryResult:
    """Run any SPARQL query form over ``graph`` and return its result.

    >>> from kg.graph import new_graph
    >>> query(new_graph(), "ASK { ?s rel:partners ?o }").boolean
    False

    Raises:
        QueryError: a syntax error (with line and column) or an update, which is refused.
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql import prepareQuery

    stripped = _COMMENT.sub("", text)
    if re.search(r"\b(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE)\b", stripped, re.IGNORECASE) and not _FORM.search(stripped):
        raise QueryError("Updates are not allowed: kg query runs SELECT, ASK, CONSTRUCT or DESCRIBE")
    namespaces = {k: str(v) for k, v in PREFIXES.items()}
    try:
        prepared = prepareQuery(text, initNs=namespaces)
    except ParseException as e:
        raise _syntax_error(e, text) from e
    except Exception as e:  # rdflib reports unknown prefixes and other errors as plain Exception
        raise QueryError(f"SPARQL error: {str(e).splitlines()[0]}") from e
    try:
        result: Result = graph.query(prepared)
    except Exception as e:
        raise QueryError(f"SPARQL query failed: {str(e).splitlines()[0]}") from e
    form = prepared.algebra.name
    if result.type == "SELECT":
        variables = tuple(str(v) for v in result.vars or ())
        return QueryResult("SELECT", variables, tuple(tuple(row) for row in result))
    if result.type == "ASK":
        return QueryResult("ASK", boolean=bool(result.askAnswer))
    out = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        out.bind(prefix, namespace)
    for triple in result:
        out.add(triple)  # type: ignore[arg-type]
    return QueryResult("CONSTRUCT" if "Construct" in form else "DESCRIBE", graph=out)


def select(graph: Graph, text: str) -> list[dict[str, Any]]:
    """Return the rows of a SELECT query as dicts from variable name to RDF term."""
    result = query(graph, text)
    if result.form != "SELECT":
        raise QueryError(f"Expected a SELECT query, got {result.form}")
    return [dict(zip(result.variables, row, strict=True)) for row in result.rows]


def ask(graph: Graph, text: str) -> bool:
    """Return the answer of an ASK query."""
    result = query(graph, text)
    if result.boolean is None:
        raise QueryError(f"Expected an ASK query, got {result.form}")
    return result.boolean


def construct(graph: Graph, text: str) -> Graph:
    """Return the graph a CONSTRUCT or DESCRIBE query builds."""
    result = query(graph, text)
    if result.graph is None:
        raise QueryError(f"Expected a CONSTRUCT or DESCRIBE query, got {result.form}")
    return result.graph
