"""RDF files through rdflib: load any RDF file into a Graph, save atomically in rdflib's formats.

Small graphs and rdflib users only; the store (``kg.store.embedded``) reads and writes files
natively and much faster.

Saving writes a temporary file beside the target and renames it over, so a crash never
leaves a half-written graph where the last good one was.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Final

from rdflib import Dataset, Graph
from rdflib.util import guess_format

from kg.errors import GraphFormatError, StoreError
from kg.graph import new_graph
from kg.namespace import PREFIXES

__all__ = ["FORMATS", "format_name", "load", "save", "serialize", "write_text"]

# rdflib's format names, with the aliases people type.
FORMATS: Final[dict[str, str]] = {
    "turtle": "turtle",
    "ttl": "turtle",
    "nt": "nt",
    "ntriples": "nt",
    "nquads": "nquads",
    "trig": "trig",
    "jsonld": "json-ld",
    "json-ld": "json-ld",
    "xml": "xml",
}
_QUAD_FORMATS: Final = frozenset({"nquads", "trig"})


def format_name(name: str) -> str:
    """Return rdflib's name for an RDF format name or alias (``ttl`` → ``turtle``)."""
    try:
        return FORMATS[name.lower()]
    except KeyError:
        raise GraphFormatError(
            f"Unknown RDF format {name!r}. Available: {', '.join(sorted(set(FORMATS)))}"
        ) from None


def load(path: str | Path, format: str | None = None) -> Graph:
    """Return the graph in the RDF file ``path`` (format from its extension unless given),
    or the union of the named graphs of the store directory ``path``.

    Raises:
        GraphFormatError: the file is missing, of an unknown format, or does not parse.
    """
    path = Path(path)
    if path.is_dir():
        from kg.store.embedded import Store

        with Store.open(path, read_only=True) as store:
            return store.to_graph()
    if not path.is_file():
        raise GraphFormatError(f"{path}: no such RDF file (build one with `kg build`)")
    fmt = format_name(format) if format else guess_format(str(path)) or "turtle"
    graph = new_graph()
    try:
        if fmt in _QUAD_FORMATS:
            dataset = Dataset()
            dataset.parse(path, format=fmt)
            for s, p, o, _ in dataset.quads((None, None, None, None)):
                graph.add((s, p, o))
        else:
            graph.parse(path, format=fmt)
    except Exception as e:  # rdflib raises many parser-specific types
        first_line = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise GraphFormatError(f"{path}: not valid {fmt}: {first_line}") from e
    return graph


def serialize(graph: Graph, format: str = "turtle") -> str:
    """Return ``graph`` as text in an RDF ``format`` (rdflib's names), prefixes bound."""
    fmt = format_name(format)
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=False)
    if fmt in _QUAD_FORMATS:
        dataset = Dataset()
        for prefix, namespace in graph.namespaces():
            dataset.bind(prefix, namespace)
        dataset.default_graph += graph
        return dataset.serialize(format=fmt)
    return graph.serialize(format=fmt)


def save(graph: Graph, path: str | Path, format: str = "turtle") -> Path:
    """Write ``graph`` to ``path`` atomically and return the path.

    Raises:
        StoreError: the folder cannot be created or written.
    """
    return write_text(path, serialize(graph, format))


def write_text(path: str | Path, text: str) -> Path:
    """Write ``text`` to ``path`` atomically (temporary file, then rename) and return the path.

    Raises:
        StoreError: the folder cannot be created or written.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as e:
        raise StoreError(f"Cannot write {path}: {e.strerror or e}") from e
    return path
