"""Triples → Turtle people can read, in the order a reader wants; opens no store, writes no file.

The entities come first (labels, kinds and the edges between them), then the documents, then
each statement node followed by its evidence, then the ontology, relation vocabulary and any
other statements, each section under a comment. Oxigraph writes the statements of each
section (it escapes terms and falls back to a full IRI where a name cannot be a prefixed
name); this only orders them and writes one prefix header, so the text holds exactly the
statements given (it reads back isomorphic) and the same statements always give the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Final, TypeAlias

import pyoxigraph as ox
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from kg.namespace import DOC, ENT, EVIDENCE, KG, NIF, PREFIXES, REL, STATEMENT

__all__ = ["to_turtle"]

_Subject: TypeAlias = ox.NamedNode | ox.BlankNode | ox.Triple

_ENTITIES, _DOCUMENTS, _STATEMENTS, _VOCABULARY = range(4)
_TITLES: Final = (
    "Entities: their names, kinds and the relations between them",
    "Documents",
    "Statement nodes, each followed by the evidence for it",
    "Ontology, relation vocabulary and any other statements",
)
# Within a subject: what it is and what it is called first, a statement's parts in reading
# order, then everything else by predicate IRI, and an entity's edges last.
_FIRST: Final = {
    str(p): rank
    for rank, p in enumerate(
        (RDF.type, RDFS.label, SKOS.altLabel, KG.kind, RDF.subject, RDF.predicate, RDF.object)
    )
}
_LATER, _EDGES = len(_FIRST), len(_FIRST) + 1
_PARTS: Final = (str(RDF.subject), str(RDF.predicate), str(RDF.object))
_EVIDENCE: Final = str(KG.evidence)
_SOURCE: Final = str(KG.source)
_DERIVED: Final = str(PROV.wasDerivedFrom)
_BEGIN: Final = str(NIF.beginIndex)
# Oxigraph writes "%" in a prefixed name as "\%"; a "%" with two hex digits is allowed bare
# (Turtle's PLX). Literals are not affected: their backslashes are doubled, so a "\%" there
# always follows another backslash.
_ESCAPED_PERCENT: Final = re.compile(r"(?<!\\)\\%(?=[0-9A-Fa-f]{2})")


def to_turtle(triples: Iterable[ox.Triple], prefixes: Mapping[str, object] = PREFIXES) -> str:
    """Return ``triples`` as Turtle under ``prefixes``: entities first, then documents, then
    statement nodes each followed by its evidence, then everything else ("" for no triples).

    >>> org = "https://w3id.org/kg-text/entity/organization/"
    >>> edge = ox.Triple(ox.NamedNode(org + "Nvidia"),
    ...                  ox.NamedNode("https://w3id.org/kg-text/relation/partners"),
    ...                  ox.NamedNode(org + "AT%26T"))
    >>> print(to_turtle([edge], {"org": org, "rel": "https://w3id.org/kg-text/relation/"}), end="")
    @prefix org: <https://w3id.org/kg-text/entity/organization/> .
    @prefix rel: <https://w3id.org/kg-text/relation/> .
    <BLANKLINE>
    # Entities: their names, kinds and the relations between them
    org:Nvidia rel:partners org:AT%26T .
    """
    namespaces = {prefix: str(namespace) for prefix, namespace in prefixes.items()}
    by_subject: dict[_Subject, set[ox.Triple]] = {}
    for triple in triples:
        by_subject.setdefault(triple.subject, set()).add(triple)
    if not by_subject:
        return ""
    sections: list[list[_Subject]] = [[], [], [], []]
    evidence: dict[str, _Subject] = {}
    for subject in by_subject:
        iri = _iri(subject)
        if iri.startswith(str(EVIDENCE)):
            evidence[iri] = subject
        else:
            sections[_section(iri)].append(subject)
    for section in (_ENTITIES, _VOCABULARY):
        sections[section].sort(key=str)
    # Documents in the order of the paths they were read from.
    sources = {_iri(s): _value(by_subject[s], _SOURCE) for s in sections[_DOCUMENTS]}
    sections[_DOCUMENTS].sort(key=lambda s: (sources[_iri(s)], str(s)))
    sections[_STATEMENTS] = _with_evidence(sections[_STATEMENTS], by_subject, evidence, sources)

    out = [
        "".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in namespaces.items())
    ]
    for title, subjects in zip(_TITLES, sections, strict=True):
        if subjects:
            ordered = [t for s in subjects for t in sorted(by_subject[s], key=_triple_key)]
            out.append(f"\n# {title}\n{_body(ordered, namespaces)}")
    return "".join(out)


def _iri(subject: _Subject) -> str:
    return subject.value if isinstance(subject, ox.NamedNode) else ""


def _section(iri: str) -> int:
    if iri.startswith(str(ENT)):
        return _ENTITIES
    if iri.startswith(str(DOC)):
        return _DOCUMENTS
    if iri.startswith(str(STATEMENT)):
        return _STATEMENTS
    return _VOCABULARY


def _with_evidence(
    statements: list[_Subject],
    by_subject: Mapping[_Subject, set[ox.Triple]],
    evidence: dict[str, _Subject],
    sources: Mapping[str, str],
) -> list[_Subject]:
    """Statement nodes in the order of the edges they describe, each followed by its evidence
    in the order of the documents' sources and the sentences in them; evidence no statement
    node names comes last."""

    def edge(statement: _Subject) -> tuple[str, ...]:
        return (*(_value(by_subject[statement], p) for p in _PARTS), str(statement))

    def place(iri: str) -> tuple[str, int, str]:
        triples = by_subject[evidence[iri]]
        begin = _value(triples, _BEGIN)
        return (
            sources.get(_value(triples, _DERIVED), ""),
            int(begin) if begin.isdigit() else -1,
            iri,
        )

    ordered: list[_Subject] = []
    for statement in sorted(statements, key=edge):
        ordered.append(statement)
        cited = {
            t.object.value
            for t in by_subject[statement]
            if t.predicate.value == _EVIDENCE and isinstance(t.object, ox.NamedNode)
        }
        ordered.extend(evidence.pop(iri) for iri in sorted(cited & evidence.keys(), key=place))
    ordered.extend(evidence[iri] for iri in sorted(evidence, key=place))
    return ordered


def _value(triples: Iterable[ox.Triple], predicate: str) -> str:
    """The smallest object of ``predicate`` among ``triples``: an IRI, or a literal's text."""
    return min(
        (
            t.object.value
            for t in triples
            if t.predicate.value == predicate and isinstance(t.object, ox.NamedNode | ox.Literal)
        ),
        default="",
    )


def _triple_key(triple: ox.Triple) -> tuple[int, str, str]:
    predicate = triple.predicate.value
    rank = _FIRST.get(predicate, _EDGES if predicate.startswith(str(REL)) else _LATER)
    return rank, predicate, str(triple.object)


def _body(triples: list[ox.Triple], namespaces: dict[str, str]) -> str:
    """The statements as Oxigraph writes them under ``namespaces``, without its prefix lines."""
    # Without an output file, serialize returns the bytes (never None).
    data = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=namespaces) or b""
    text = data.decode("utf-8")
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if not line.startswith("@prefix "))
    return _ESCAPED_PERCENT.sub("%", "\n".join(lines[start:]))
