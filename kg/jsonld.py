"""Expanded JSON-LD → JSON-LD people can read: kg's prefixes as its ``@context``; writes no file.

Oxigraph writes JSON-LD with every IRI in full. This only renames: each IRI under one of
kg's prefixes becomes a compact IRI (``rel:partners``, ``place:Russia``) and ``rdf:type``
becomes ``@type`` and a plain string literal a bare string, so the statements read back are
the same ones, in the same order.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any, Final

from kg.namespace import PREFIXES

__all__ = ["compact_jsonld"]

_RDF_TYPE: Final = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def compact_jsonld(expanded: str | bytes, prefixes: Mapping[str, object] = PREFIXES) -> str:
    """Return expanded JSON-LD (a list of node and graph objects) with ``prefixes`` as its
    ``@context`` and every IRI under them written as a compact IRI.

    >>> rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    >>> russia = {"@id": "https://w3id.org/kg-text/entity/place/Russia",
    ...           rdf_type: [{"@id": "https://schema.org/Place"}]}
    >>> prefixes = {"ent": "https://w3id.org/kg-text/entity/", "schema": "https://schema.org/"}
    >>> print(compact_jsonld(json.dumps([russia]), prefixes), end="")
    {
      "@context": {
        "ent": "https://w3id.org/kg-text/entity/",
        "schema": "https://schema.org/"
      },
      "@graph": [
        {
          "@id": "ent:place/Russia",
          "@type": [
            "schema:Place"
          ]
        }
      ]
    }
    """
    nodes = json.loads(expanded)
    namespaces = {prefix: str(namespace) for prefix, namespace in prefixes.items()}
    # An IRI whose scheme is one of the prefixes ("kg:x") would be read as a compact IRI.
    schemes = {iri.partition(":")[0] for iri in _iris(nodes)}
    namespaces = {p: ns for p, ns in namespaces.items() if p not in schemes}
    # The longest namespace first: an IRI under two of them takes the more specific.
    ordered = sorted(namespaces.items(), key=lambda item: (-len(item[1]), item[0]))

    def name(iri: str) -> str:
        for prefix, namespace in ordered:
            local = iri[len(namespace) :]
            if iri.startswith(namespace) and local and not local.startswith("//"):
                return f"{prefix}:{local}"
        return iri

    document = {"@context": namespaces, "@graph": [_node(node, name) for node in nodes]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _node(node: dict[str, Any], name: Callable[[str], str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "@id":
            out[key] = name(value)
        elif key == "@graph":
            out[key] = [_node(inner, name) for inner in value]
        elif key == _RDF_TYPE and all(set(v) == {"@id"} for v in value):
            out["@type"] = [name(v["@id"]) for v in value]
        elif key.startswith("@"):
            out[key] = value
        else:
            out[name(key)] = [_value(v, name) for v in value]
    return out


def _value(value: dict[str, Any], name: Callable[[str], str]) -> Any:
    if "@value" in value:
        if set(value) == {"@value"} and isinstance(value["@value"], str):
            return value["@value"]  # a bare string is a plain xsd:string literal
        return {k: name(v) if k == "@type" else v for k, v in value.items()}
    return _node(value, name)


def _iris(nodes: list[dict[str, Any]]) -> set[str]:
    found: set[str] = set()
    stack: list[Any] = list(nodes)
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            for key, value in item.items():
                if key in {"@id", "@type"} and isinstance(value, str):
                    found.add(value)
                elif not key.startswith("@"):
                    found.add(key)
                if isinstance(value, list | dict):
                    stack.append(value)
    return found
