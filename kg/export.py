"""A store or endpoint → files for other tools: RDF in rdflib's format names, or the entity graph as
GraphML (Gephi, yEd) and a CSV edge list (spreadsheets); reads only, draws nothing.

JSON-LD carries kg's prefixes as its ``@context`` (``kg.jsonld``), so it reads ``rel:partners``.

The entity graph is ``kg.analyze.to_networkx``'s projection with each edge's evidence
reduced to plain values (count, best confidence, first sentence), which GraphML can hold.
"""

from __future__ import annotations

import csv
import io
from typing import Any, Final

import networkx as nx

from kg.errors import GraphFormatError
from kg.jsonld import compact_jsonld
from kg.source import Source, to_store
from kg.store.embedded import RDF_FORMATS, Store
from kg.store.files import FORMATS, format_name

__all__ = ["ENTITY_FORMATS", "export", "to_csv", "to_graphml", "to_jsonld", "to_simple_graph"]

ENTITY_FORMATS: Final = ("csv", "graphml")
_CSV_HEADER: Final = (
    "source",
    "source_label",
    "predicate",
    "predicate_label",
    "target",
    "target_label",
    "evidence",
    "confidence",
    "sentence",
)


def export(source: Source, format: str = "turtle") -> str:
    """Return a store or an endpoint's kg graphs as text in an RDF format (rdflib's names) or
    as ``graphml`` / ``csv``.

    Raises:
        GraphFormatError: the format is unknown.
        StoreError: the endpoint cannot be read.
    """
    name = format.lower()
    if name == "graphml":
        return to_graphml(to_store(source))
    if name == "csv":
        return to_csv(to_store(source))
    if name not in FORMATS or format_name(name) not in RDF_FORMATS:
        choices = sorted({*FORMATS, *ENTITY_FORMATS})
        raise GraphFormatError(f"Unknown RDF format {format!r}. Available: {', '.join(choices)}")
    store = to_store(source)
    if format_name(name) == "json-ld":
        return to_jsonld(store)
    return store.export(name).decode("utf-8")


def to_jsonld(store: Store) -> str:
    """Return the store as JSON-LD, one named graph per document, with kg's prefixes as its
    ``@context`` so that terms read ``rel:partners`` and ``place:Taiwan``."""
    return compact_jsonld(store.export("json-ld"))


def to_simple_graph(store: Store) -> nx.MultiDiGraph[str]:
    """Return the entity graph with only str, int, float and bool attributes.

    Nodes are entity IRIs (``label``, ``kind``); edges are keyed by predicate IRI and carry
    ``predicate`` (its label), ``symmetric``, ``evidence`` (how many sentences), ``confidence``
    (the highest) and ``sentence`` (the most confident sentence).
    """
    from kg.analyze import to_networkx

    projected = to_networkx(store.to_graph())
    out: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for node, data in projected.nodes(data=True):
        out.add_node(node, label=str(data.get("label", "")), kind=str(data.get("kind", "")))
    for s, o, key, data in projected.edges(keys=True, data=True):
        evidence = data.get("evidence", ())
        best = max(evidence, key=lambda e: e.confidence or 0.0, default=None)
        out.add_edge(
            s,
            o,
            key=key,
            predicate=str(data.get("label", "")),
            symmetric=bool(data.get("symmetric", False)),
            evidence=len(evidence),
            confidence=float(best.confidence or 0.0) if best is not None else 0.0,
            sentence=best.sentence if best is not None else "",
        )
    return out


def to_graphml(store: Store) -> str:
    """Return the entity graph as GraphML (edge ``id`` is the predicate IRI).

    >>> "<graphml" in to_graphml(Store.memory())
    True
    """
    return (
        "\n".join(nx.generate_graphml(to_simple_graph(store), edge_id_from_attribute=None)) + "\n"
    )


def to_csv(store: Store) -> str:
    """Return the entity graph as a CSV edge list, one row per edge, with a header row."""
    graph = to_simple_graph(store)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(_CSV_HEADER)
    nodes: Any = graph.nodes
    for s, o, key, data in sorted(
        graph.edges(keys=True, data=True), key=lambda e: (e[0], e[2], e[1])
    ):
        writer.writerow(
            (
                s,
                nodes[s]["label"],
                key,
                data["predicate"],
                o,
                nodes[o]["label"],
                data["evidence"],
                f"{data['confidence']:.3f}",
                data["sentence"],
            )
        )
    return buffer.getvalue()
