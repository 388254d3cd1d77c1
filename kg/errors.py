"""Errors the user can fix without changing kg's code; everything else is a bug.

    KGError
    ├── InputError        an input file, folder or stdin cannot be read as text
    ├── PipelineError     the spaCy pipeline is missing or unusable
    ├── GraphFormatError  an RDF file cannot be read or a format name is unknown
    ├── QueryError        a SPARQL query is malformed or cannot run
    └── StoreError        a store, SPARQL endpoint or output location cannot be read or written

The CLI prints any of these as one line ``Error: …`` and exits with status 1.
"""

from __future__ import annotations

__all__ = ["GraphFormatError", "InputError", "KGError", "PipelineError", "QueryError", "StoreError"]


class KGError(Exception):
    """Root of kg's errors: the message says what went wrong and how to fix it."""


class InputError(KGError):
    """An input path or stream cannot be read as text."""


class PipelineError(KGError):
    """The spaCy pipeline cannot be loaded or lacks a component kg needs."""


class GraphFormatError(KGError):
    """An RDF file cannot be parsed, or an RDF format name is not known."""


class QueryError(KGError):
    """A SPARQL query has a syntax error or fails while running."""


class StoreError(KGError):
    """A store or SPARQL endpoint cannot be opened, read or written, or an output file or
    folder cannot be written."""
