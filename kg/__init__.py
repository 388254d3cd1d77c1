"""kg: turn English text into a knowledge graph — RDF, SPARQL and an HTML view.

The public API; heavy modules load on first use, so ``import kg`` imports neither spaCy
nor pyvis. Stage modules stay reachable by name (``kg.extract``, ``kg.query``, ``kg.view``).

>>> import kg
>>> result = kg.build([kg.Document("note.txt", "Intel partnered with Samsung.")])
>>> kg.ask(result.graph, 'ASK { ?s rel:partners ?o }')
True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Imported eagerly (they need neither spaCy nor pyvis) so that the function, not the module
# kg/build.py of the same name, is what ``kg.build`` means however the package is imported.
from kg.build import BuildResult, build
from kg.errors import GraphFormatError, InputError, KGError, PipelineError, QueryError, StoreError
from kg.model import Argument, Document, Entity, Extraction, Mention, Provenance, Span, Triple

if TYPE_CHECKING:
    from kg.evaluate import evaluate
    from kg.inputs import iter_documents
    from kg.query import ask, construct, select
    from kg.source import open_source
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
    "iter_documents",
    "load",
    "open_source",
    "save",
    "select",
]

_LAZY = {
    "evaluate": "kg.evaluate",
    "iter_documents": "kg.inputs",
    "ask": "kg.query",
    "construct": "kg.query",
    "select": "kg.query",
    "load": "kg.store",
    "open_source": "kg.source",
    "save": "kg.store",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
