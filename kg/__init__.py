"""kg: turn English text into a knowledge graph — RDF, SPARQL and an HTML view.

The public API; heavy modules load on first use, so ``import kg`` imports neither spaCy
nor pyvis.

>>> import kg
>>> result = kg.build([kg.Document("note.txt", "Intel partnered with Samsung.")])
>>> kg.ask(result.graph, 'ASK { ?s rel:partners ?o }')
True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from kg.errors import GraphFormatError, InputError, KGError, PipelineError, QueryError, StoreError
from kg.model import Argument, Document, Entity, Extraction, Mention, Provenance, Span, Triple

if TYPE_CHECKING:
    from kg.build import BuildResult, build
    from kg.evaluate import evaluate
    from kg.extract import extract
    from kg.inputs import iter_documents
    from kg.query import ask, construct, query, select
    from kg.store import load, save

__all__ = [
    "Argument",
    "BuildResult",
    "Document",
    "Entity",
    "Extraction",
    "GraphFormatError",
    "InputError",
    "KGError",
    "Mention",
    "PipelineError",
    "Provenance",
    "QueryError",
    "Span",
    "StoreError",
    "Triple",
    "ask",
    "build",
    "construct",
    "evaluate",
    "extract",
    "iter_documents",
    "load",
    "query",
    "save",
    "select",
]

_LAZY = {
    "BuildResult": "kg.build",
    "build": "kg.build",
    "evaluate": "kg.evaluate",
    "extract": "kg.extract",
    "iter_documents": "kg.inputs",
    "ask": "kg.query",
    "construct": "kg.query",
    "query": "kg.query",
    "select": "kg.query",
    "load": "kg.store",
    "save": "kg.store",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
