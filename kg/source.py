"""What the reading commands read: a store folder, an RDF file or a SPARQL endpoint; writes nothing.

``kg query``, ``export``, ``stats``, ``view``, ``validate`` and ``eval`` name a graph by one
string. ``open_source`` turns it into a ``Source``: the embedded ``Store`` for a folder or a
file, a ``RemoteStore`` for an ``http(s)://`` endpoint URL (credentials from
``KG_STORE_USER`` and ``KG_STORE_PASSWORD``). ``kg.query.query`` runs on either; what needs
the whole graph (exports, measures, the view, validation) reads it with ``to_store`` or
``to_graph``, page by page from a server, and then runs exactly as on a local store.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeAlias
from urllib.parse import urlsplit

from rdflib import Graph

from kg.store.embedded import Store, open_dataset
from kg.store.files import load
from kg.store.remote import PAGE_SIZE, RemoteStore, is_remote

__all__ = ["Source", "open_source", "read_graph", "title", "to_graph", "to_store"]

Source: TypeAlias = Store | RemoteStore


def open_source(location: str, format: str | None = None, *, page_size: int = PAGE_SIZE) -> Source:
    """Return the graph ``location`` names, for reading: a SPARQL endpoint for an http(s)
    URL (read ``page_size`` rows a request), else a store folder or an RDF file in ``format``
    (from its extension unless given).

    >>> open_source("http://localhost:7878/query")
    RemoteStore('http://localhost:7878/query')

    Raises:
        StoreError: a bad URL, or a folder that is not a store.
        GraphFormatError: a file that is missing or does not parse.
    """
    if is_remote(location):
        return RemoteStore.from_env(location, page_size=page_size)
    return open_dataset(location, format)


def to_store(source: Source) -> Store:
    """Return ``source`` as an embedded store: itself, or a copy of an endpoint's kg graphs."""
    return source.to_store() if isinstance(source, RemoteStore) else source


def to_graph(source: Source) -> Graph:
    """Return the union of ``source``'s graphs as an rdflib Graph."""
    return source.to_graph()


def read_graph(location: str) -> Graph:
    """Return the graph ``location`` names as an rdflib Graph: an endpoint's kg graphs, a
    store folder's union, or an RDF file parsed by rdflib (any format it reads).

    Raises:
        StoreError: the endpoint cannot be read, or the folder is not a store.
        GraphFormatError: the file is missing or does not parse.
    """
    if is_remote(location):
        with RemoteStore.from_env(location) as endpoint:
            return endpoint.to_graph()
    return load(location)


def title(location: str) -> str:
    """A short name for the graph at ``location``: an endpoint's host, else the file's name.

    >>> title("http://kg.example.org:8890/sparql"), title("out/graph.ttl")
    ('kg.example.org:8890', 'graph.ttl')
    """
    return urlsplit(location).netloc if is_remote(location) else Path(location).name
