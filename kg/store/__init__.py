"""RDF storage: kg's embedded Oxigraph store, RDF files in and out; builds no graphs, runs no NLP.

``Store`` is the default, persistent store (one named graph per document); ``open_dataset``
opens a store directory or loads any RDF file; ``load``/``save``/``serialize`` handle files
through rdflib for code that wants an rdflib ``Graph``.
"""

from kg.store.embedded import RDF_FORMATS, DocumentInfo, Store, is_store, open_dataset
from kg.store.files import FORMATS, format_name, load, save, serialize, write_text
from kg.store.sink import GraphSink

__all__ = [
    "FORMATS",
    "RDF_FORMATS",
    "DocumentInfo",
    "GraphSink",
    "Store",
    "format_name",
    "is_store",
    "load",
    "open_dataset",
    "save",
    "serialize",
    "write_text",
]
