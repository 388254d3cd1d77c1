"""RDF graph → networkx projection and its measures (PageRank, degree, components); draws nothing.

Entities become nodes (``label``, ``kind``), each ``subject rel:… object`` edge becomes one
edge keyed by its predicate IRI, carrying the predicate's ``label``, whether it is
``symmetric``, and its ``evidence`` (the sentences it was read from). All reading of the RDF
graph happens in :func:`_read`, so another store can be supported by changing that one function.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, Final

import networkx as nx
import numpy as np
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, XSD
from rdflib.term import Node

from kg.namespace import KG, NIF

__all__ = [
    "Evidence",
    "Ranked",
    "Stats",
    "components",
    "count_evidence",
    "degree",
    "kind_evidence",
    "pagerank",
    "stats",
    "to_networkx",
]

log = logging.getLogger(__name__)

_DEFAULT_KIND: Final = "concept"


@dataclass(frozen=True, slots=True)
class Evidence:
    """One sentence an edge was read from, with the two mentions' offsets inside ``sentence``."""

    document: str
    sentence: str
    confidence: float | None = None
    rule: str = ""
    phrase: str = ""
    subject: tuple[int, int] | None = None
    object: tuple[int, int] | None = None
    # When the sentence says the edge held: kg:pointInTime, or kg:startTime and kg:endTime,
    # as written in RDF ("2019", "1992-05"); "" where it does not say.
    time: str = ""
    start: str = ""
    end: str = ""
    # kg:evidenceCount: how much evidence its document has for the edge, when it keeps less.
    count: int = 0


@dataclass(frozen=True, slots=True)
class Ranked:
    """An entity and its score under one measure."""

    iri: str
    label: str
    kind: str
    score: float


@dataclass(frozen=True, slots=True)
class Stats:
    """Counts and the most central entities of a graph; ``to_dict()`` gives plain JSON values."""

    entities: int
    relations: int
    documents: int
    evidence: int  # evidence nodes
    components: int
    largest_component: int
    entities_by_kind: tuple[tuple[str, int], ...]
    relations_by_predicate: tuple[tuple[str, int], ...]
    top_pagerank: tuple[Ranked, ...]
    top_degree: tuple[Ranked, ...]
    date_facts: int = 0  # facts whose object is a date ("born 13 March 1963")
    dated_edges: int = 0  # edges some evidence puts at a time ("In 2019, …")
    date_span: tuple[str, str] | None = None  # the earliest and latest date, as written in RDF
    # Pieces of evidence, counting those a document did not keep (kg:evidenceCount).
    stated: int = 0

    def to_dict(self) -> dict[str, Any]:
        """Return the statistics as JSON-ready dicts and lists."""
        out = asdict(self)
        out["entities_by_kind"] = dict(self.entities_by_kind)
        out["relations_by_predicate"] = dict(self.relations_by_predicate)
        return out


@dataclass(frozen=True, slots=True)
class _Records:
    """Plain values read from an RDF graph: what :func:`to_networkx` needs, nothing more."""

    entities: dict[str, tuple[str, str]]  # iri → (label, kind)
    predicates: dict[str, tuple[str, bool]]  # iri → (label, symmetric)
    edges: list[tuple[str, str, str]]
    evidence: dict[tuple[str, str, str], list[Evidence]]
    documents: dict[str, str]  # iri → name
    dates: tuple[str, ...] = ()  # every typed date of date facts and dated edges, sorted
    date_facts: int = 0
    dated_edges: int = 0
    entity_dates: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)


def _local_name(iri: str) -> str:
    return iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _number(value: object) -> float | None:
    if isinstance(value, Literal):
        try:
            return float(value.toPython())
        except (TypeError, ValueError):
            return None
    return None


def _mark(
    sentence: str, text: str, begin: float | None, end: float | None, offset: int
) -> tuple[int, int] | None:
    """Return where ``text`` is in ``sentence``: by document offsets if right, else by search."""
    if not text:
        return None
    if begin is not None and end is not None:
        for shift in (offset, 0):
            start, stop = int(begin) - shift, int(end) - shift
            if 0 <= start < stop <= len(sentence) and sentence[start:stop] == text:
                return (start, stop)
    found = sentence.find(text)
    return (found, found + len(text)) if found >= 0 else None


def _read_evidence(graph: Graph, node: Node, documents: dict[str, str]) -> Evidence:
    props: dict[Node, Node] = {}
    for p, o in graph.predicate_objects(node):
        props.setdefault(p, o)
    sentence = str(props.get(KG.sentence, ""))
    offset = int(_number(props.get(NIF.beginIndex)) or 0)
    doc = props.get(PROV.wasDerivedFrom)
    name = documents.get(str(doc)) or (_local_name(str(doc)) if doc is not None else "")
    subject_text, object_text = (
        str(props.get(KG.subjectText, "")),
        str(props.get(KG.objectText, "")),
    )
    return Evidence(
        document=name,
        sentence=sentence,
        confidence=_number(props.get(KG.confidence)),
        rule=str(props.get(KG.rule, "")),
        phrase=str(props.get(KG.relationPhrase, "")),
        subject=_mark(
            sentence,
            subject_text,
            _number(props.get(KG.subjectBegin)),
            _number(props.get(KG.subjectEnd)),
            offset,
        ),
        object=_mark(
            sentence,
            object_text,
            _number(props.get(KG.objectBegin)),
            _number(props.get(KG.objectEnd)),
            offset,
        ),
        time=str(props.get(KG.pointInTime, "")),
        start=str(props.get(KG.startTime, "")),
        end=str(props.get(KG.endTime, "")),
        count=int(_number(props.get(KG.evidenceCount)) or 0),
    )


def count_evidence(evidence: Iterable[Evidence]) -> int:
    """Return how many pieces of evidence an edge has: what each document kept, or the count
    it gave where it kept fewer than it had (``kg:evidenceCount``).

    >>> kept = [Evidence("a.txt", "A owns B.", count=40), Evidence("a.txt", "A owns B!", count=40)]
    >>> count_evidence([*kept, Evidence("b.txt", "A owns B.")])
    41
    """
    kept: Counter[str] = Counter()
    counts: dict[str, int] = {}
    for ev in evidence:
        kept[ev.document] += 1
        counts[ev.document] = max(counts.get(ev.document, 0), ev.count)
    return sum(max(n, counts[doc]) for doc, n in kept.items())


def _read(graph: Graph) -> _Records:
    """Read entities, relation edges, their evidence and documents from an rdflib graph."""
    entities: dict[str, tuple[str, str]] = {}
    for node in graph.subjects(RDF.type, KG.Entity, unique=True):
        label = graph.value(node, RDFS.label)
        kind = graph.value(node, KG.kind)
        iri = str(node)
        entities[iri] = (
            str(label) if label is not None else _local_name(iri),
            str(kind or _DEFAULT_KIND),
        )
    predicates: dict[str, tuple[str, bool]] = {}
    for node in graph.subjects(RDF.type, KG.Relation, unique=True):
        label = graph.value(node, RDFS.label)
        symmetric = (node, RDF.type, OWL.SymmetricProperty) in graph
        predicates[str(node)] = (
            str(label) if label is not None else _local_name(str(node)),
            symmetric,
        )
    documents = {
        str(node): str(graph.value(node, KG.source) or _local_name(str(node)))
        for node in graph.subjects(RDF.type, KG.Document, unique=True)
    }
    edges = []
    for p in predicates:
        for s, o in graph.subject_objects(URIRef(p)):
            if str(s) in entities and str(o) in entities:
                edges.append((str(s), p, str(o)))
    evidence: dict[tuple[str, str, str], list[Evidence]] = {}
    for node in graph.subjects(RDF.type, KG.Assertion, unique=True):
        key = (
            str(graph.value(node, RDF.subject)),
            str(graph.value(node, RDF.predicate)),
            str(graph.value(node, RDF.object)),
        )
        items = [_read_evidence(graph, ev, documents) for ev in graph.objects(node, KG.evidence)]
        evidence.setdefault(key, []).extend(items)
    dates, date_facts, dated = _read_dates(graph)
    return _Records(
        entities,
        predicates,
        edges,
        evidence,
        documents,
        dates,
        date_facts,
        dated,
        _entity_dates(graph),
    )


def _entity_dates(graph: Graph) -> dict[str, tuple[tuple[str, str], ...]]:
    """The date facts of each entity, as (relation label, date as written in RDF), sorted."""
    found: dict[str, set[tuple[str, str]]] = {}
    for node in graph.subjects(RDF.type, KG.DateStatement, unique=True):
        subject, predicate = graph.value(node, RDF.subject), graph.value(node, RDF.predicate)
        value = graph.value(node, RDF.object)
        if subject is None or predicate is None or value is None:
            continue
        label = graph.value(predicate, RDFS.label)
        name = str(label) if label is not None else _local_name(str(predicate))
        found.setdefault(str(subject), set()).add((name, str(value)))
    return {iri: tuple(sorted(pairs)) for iri, pairs in found.items()}


_DATE_TYPES: Final = frozenset({XSD.date, XSD.gYearMonth, XSD.gYear})
_TIMES: Final = (KG.pointInTime, KG.startTime, KG.endTime)


def _read_dates(graph: Graph) -> tuple[tuple[str, ...], int, int]:
    """Every typed date of the graph's date facts and dated edges (sorted by time), how many
    date facts there are, and how many edges some evidence dates."""
    values: set[str] = set()
    facts = 0
    for node in graph.subjects(RDF.type, KG.DateStatement, unique=True):
        facts += 1
        value = graph.value(node, RDF.object)
        if isinstance(value, Literal) and value.datatype in _DATE_TYPES:
            values.add(str(value))
    dated = 0
    for node in graph.subjects(RDF.type, KG.Assertion, unique=True):
        times = [
            v
            for ev in graph.objects(node, KG.evidence)
            for t in _TIMES
            for v in graph.objects(ev, t)
        ]
        dated += bool(times)
        values.update(str(v) for v in times if isinstance(v, Literal) and v.datatype in _DATE_TYPES)
    return tuple(sorted(values, key=_date_key)), facts, dated


def _date_key(lexical: str) -> tuple[int, ...]:
    # "1998" < "1998-05" < "1998-05-13": a year sorts before its months, a month before its days.
    return tuple(int(part) for part in lexical.split("-") if part)


def to_networkx(graph: Graph) -> nx.MultiDiGraph[str]:
    """Return the entity graph: one node per entity IRI, one edge per subject, predicate and object.

    The graph's ``documents`` attribute lists the source document names; ``dates`` holds
    every typed date of its date facts and dated edges (earliest first), ``date_facts`` and
    ``dated_edges`` count them. Date facts are no edges (a date is a value, not a node): each
    node's ``dates`` lists its own as (relation, date) pairs.

    >>> from kg.graph import to_rdf
    >>> from kg.model import Entity, Triple
    >>> t = Triple(Entity("Yandex", "organization"), "partners", Entity("Baidu", "organization"))
    >>> g = to_networkx(to_rdf([t]))
    >>> [(g.nodes[s]["label"], d["label"], g.nodes[o]["label"]) for s, o, d in g.edges(data=True)]
    [('Yandex', 'partners', 'Baidu')]
    """
    records = _read(graph)
    out: nx.MultiDiGraph[str] = nx.MultiDiGraph(
        documents=sorted(set(records.documents.values())),
        dates=records.dates,
        date_facts=records.date_facts,
        dated_edges=records.dated_edges,
    )
    for iri, (label, kind) in sorted(records.entities.items()):
        out.add_node(iri, label=label, kind=kind, dates=records.entity_dates.get(iri, ()))
    for s, p, o in sorted(records.edges):
        label, symmetric = records.predicates[p]
        items = sorted(
            records.evidence.get((s, p, o), ()),
            key=lambda e: (e.document, -(e.confidence or 0.0), e.sentence),
        )
        out.add_edge(
            s,
            o,
            key=p,
            label=label,
            symmetric=symmetric,
            evidence=tuple(items),
            stated=count_evidence(items),
        )
    log.debug("projected %d entities and %d edges", out.number_of_nodes(), out.number_of_edges())
    return out


def pagerank(
    graph: nx.Graph[Any], *, alpha: float = 0.85, tol: float = 1e-10, max_iter: int = 200
) -> dict[Any, float]:
    """Return each node's PageRank, taking every edge both ways (subjects count as objects do).

    Parallel edges add weight. Computed with numpy, since networkx's own needs scipy.

    >>> ranks = pagerank(nx.star_graph(3))
    >>> max(ranks, key=ranks.get), round(sum(ranks.values()), 6)
    (0, 1.0)
    """
    nodes = list(graph)
    n = len(nodes)
    if n == 0:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    pairs = np.array([(index[u], index[v]) for u, v in graph.edges()], dtype=np.int64).reshape(
        -1, 2
    )
    loops = pairs[:, 0] == pairs[:, 1]
    src = np.concatenate([pairs[:, 0], pairs[~loops, 1]])
    dst = np.concatenate([pairs[:, 1], pairs[~loops, 0]])
    out_degree = np.bincount(src, minlength=n).astype(float)
    dangling = out_degree == 0
    ranks = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        share = np.divide(ranks, out_degree, out=np.zeros(n), where=~dangling)
        spread = alpha * np.bincount(dst, weights=share[src], minlength=n)
        new = spread + (alpha * ranks[dangling].sum() + 1.0 - alpha) / n
        done = np.abs(new - ranks).sum() < n * tol
        ranks = new
        if done:
            break
    ranks /= ranks.sum()
    return dict(zip(nodes, ranks.tolist(), strict=True))


def degree(graph: nx.Graph[Any]) -> dict[Any, int]:
    """Return each node's number of edges, in and out, parallel edges counted."""
    return dict(graph.degree())


def components(graph: nx.Graph[Any]) -> list[set[Any]]:
    """Return the connected components (edge direction ignored), largest first."""
    undirected = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    return sorted(nx.connected_components(undirected), key=len, reverse=True)


def _top(graph: nx.Graph[Any], scores: dict[Any, float], top: int) -> tuple[Ranked, ...]:
    best = sorted(scores, key=lambda n: (-scores[n], graph.nodes[n].get("label", ""), n))[:top]
    return tuple(
        Ranked(
            str(n), graph.nodes[n].get("label", str(n)), graph.nodes[n].get("kind", ""), scores[n]
        )
        for n in best
    )


def _count(values: Iterable[str]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(Counter(values).items(), key=lambda kv: (-kv[1], kv[0])))


def stats(graph: Graph | nx.MultiDiGraph[str], *, top: int = 10) -> Stats:
    """Return counts by kind and predicate, components, and the ``top`` entities by two measures.

    >>> from kg.graph import to_rdf
    >>> from kg.model import Entity, Triple
    >>> t = Triple(Entity("Yandex", "organization"), "partners", Entity("Baidu", "organization"))
    >>> s = stats(to_rdf([t]))
    >>> s.entities, s.relations, s.entities_by_kind, s.components
    (2, 1, (('organization', 2),), 1)
    """
    projected = graph if isinstance(graph, nx.Graph) else to_networkx(graph)
    parts = components(projected)
    return Stats(
        entities=projected.number_of_nodes(),
        relations=projected.number_of_edges(),
        documents=len(projected.graph.get("documents", ())),
        evidence=sum(len(d.get("evidence", ())) for _, _, d in projected.edges(data=True)),
        components=len(parts),
        largest_component=len(parts[0]) if parts else 0,
        entities_by_kind=_count(
            d.get("kind", _DEFAULT_KIND) for _, d in projected.nodes(data=True)
        ),
        relations_by_predicate=_count(d.get("label", "") for _, _, d in projected.edges(data=True)),
        top_pagerank=_top(projected, pagerank(projected), top),
        top_degree=_top(projected, {n: float(v) for n, v in degree(projected).items()}, top),
        date_facts=projected.graph.get("date_facts", 0),
        dated_edges=projected.graph.get("dated_edges", 0),
        date_span=(dates[0], dates[-1]) if (dates := projected.graph.get("dates", ())) else None,
        stated=sum(
            d.get("stated", len(d.get("evidence", ()))) for _, _, d in projected.edges(data=True)
        ),
    )


def kind_evidence(graph: Graph) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    """Return the entities of each kind, each with the evidence that decided its kind
    (``kg:kindEvidence``, one line per build that read a document naming it), by name.

    >>> from kg.graph import new_graph
    >>> g = new_graph()
    >>> e = URIRef("https://w3id.org/kg-text/entity/person/Ada")
    >>> for p, o in ((RDF.type, KG.Entity), (RDFS.label, Literal("Ada")),
    ...              (KG.kind, Literal("person")),
    ...              (KG.kindEvidence, Literal("evidence: copula → person ×1"))):
    ...     _ = g.add((e, p, o))
    >>> kind_evidence(g)
    {'person': [('Ada', ('evidence: copula → person ×1',))]}
    """
    found: dict[tuple[str, str], set[str]] = {}
    for entity in set(graph.subjects(RDF.type, KG.Entity)):
        label = graph.value(entity, RDFS.label)
        kind = graph.value(entity, KG.kind)
        reasons = {str(r) for r in graph.objects(entity, KG.kindEvidence)}
        key = (str(kind) if kind is not None else _DEFAULT_KIND, str(label or entity))
        found.setdefault(key, set()).update(reasons)
    out: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for (kind_name, name), reasons in sorted(found.items()):
        out.setdefault(kind_name, []).append((name, tuple(sorted(reasons))))
    return out
