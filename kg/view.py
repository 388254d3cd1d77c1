"""Entity graph → one self-contained, offline HTML page; the only user of pyvis (its vis JS).

The page inlines vis-network (MIT, shipped in the pyvis wheel), the graph as JSON and kg's own
script and style, so it opens with the network off. The layout is computed here, ahead, so the
browser draws with physics off. Every string from the graph is untrusted: it reaches the page
only as escaped JSON, which the page's script puts into the DOM as text.
"""

from __future__ import annotations

import html
import importlib.util
import json
import logging
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any, Final

import networkx as nx
import numpy as np
from rdflib import Graph

from kg.analyze import Evidence, pagerank, to_networkx
from kg.errors import StoreError

__all__ = ["DEFAULT_MAX_NODES", "View", "layout", "render_html", "show"]

log = logging.getLogger(__name__)

DEFAULT_MAX_NODES: Final = 5000

_VIS_JS: Final = "templates/lib/vis-9.1.2/vis-network.min.js"
# Colour (Tableau hues, told apart with colour-blindness too) and vis shape per kind.
_KIND_STYLE: Final[dict[str, tuple[str, str]]] = {
    "person": ("#4e79a7", "dot"),
    "organization": ("#f28e2b", "square"),
    "place": ("#59a14f", "diamond"),
    "group": ("#b07aa1", "triangle"),
    "event": ("#e15759", "star"),
    "product": ("#76b7b2", "triangleDown"),
    "work": ("#edc948", "hexagon"),
    "law": ("#9c755f", "square"),
    "language": ("#ff9da7", "triangle"),
    "concept": ("#a0a0a0", "dot"),
}
_OTHER_STYLE: Final = [
    ("#17becf", "hexagon"),
    ("#bcbd22", "star"),
    ("#8c564b", "diamond"),
    ("#7f7f7f", "square"),
]
_EDGE_LENGTH: Final = 170.0  # pixels per layout unit (the ideal edge length)
_SMALL_COMPONENT: Final = 300  # up to this size, all pairs repel exactly
_PIVOTS: Final = 40
_SURROGATE: Final = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class View:
    """A rendered page: ``save()`` writes it; Jupyter shows it inline (a sandboxed iframe)."""

    html: str
    height: int = 640

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{html.escape(self.html, quote=True)}" sandbox="allow-scripts" '
            f'title="kg graph view" '
            f'style="width:100%;height:{self.height}px;border:1px solid #ddd"></iframe>'
        )

    def save(self, path: str | Path) -> Path:
        """Write the page to ``path`` (UTF-8) and return the path.

        Raises:
            StoreError: the file cannot be written.
        """
        target = Path(path)
        try:
            target.write_text(self.html, encoding="utf-8")
        except OSError as e:
            raise StoreError(
                f"Cannot write the graph view to {target}: {e.strerror or e}. "
                "Choose a writable path."
            ) from e
        return target


def show(
    graph: Graph | nx.MultiDiGraph,
    *,
    max_nodes: int = DEFAULT_MAX_NODES,
    title: str = "Knowledge graph",
    height: int = 640,
) -> View:
    """Return the graph view as a :class:`View`, which a notebook displays inline."""
    return View(render_html(graph, max_nodes=max_nodes, title=title), height=height)


def render_html(
    graph: Graph | nx.MultiDiGraph,
    *,
    max_nodes: int = DEFAULT_MAX_NODES,
    title: str = "Knowledge graph",
) -> str:
    """Return one self-contained HTML page drawing ``graph`` (an RDF graph or its projection).

    Beyond ``max_nodes`` entities only the most important by PageRank are drawn, and the page
    says so. Node size follows PageRank; colour and shape follow the entity kind.

    >>> from kg.graph import to_rdf
    >>> from kg.model import Entity, Triple
    >>> yandex, baidu = Entity("Yandex", "organization"), Entity("Baidu", "organization")
    >>> graph = to_rdf([Triple(yandex, "partners", baidu)])
    >>> page = render_html(graph)
    >>> page.startswith("<!DOCTYPE html>"), "http://" in page or "https://" in page
    (True, False)
    """
    if max_nodes < 1:
        raise ValueError(f"max_nodes must be at least 1, not {max_nodes}")
    projected = graph if isinstance(graph, nx.Graph) else to_networkx(graph)
    payload = _payload(projected, max_nodes=max_nodes)
    template = Template(_template("view.html"))
    page = template.substitute(
        title=html.escape(title).replace("/", "&#47;"),
        style=_template("view.css"),
        data=_script_json(payload),
        vis=_vis_js(),
        app=_template("view.js"),
    )
    log.info(
        "rendered %d of %d entities, %d bytes",
        len(payload["nodes"]),
        payload["total_nodes"],
        len(page),
    )
    return page


@cache
def _template(name: str) -> str:
    text = (resources.files("kg") / "templates" / name).read_text(encoding="utf-8")
    if name.endswith(".js"):
        _check_inline_js(text, name)
    return text


def _check_inline_js(code: str, name: str) -> None:
    lowered = code.lower()
    if "</script" in lowered or "<!--" in lowered:
        raise RuntimeError(f"{name} cannot be inlined in a <script> element")


@cache
def _vis_js() -> str:
    # Located, not imported: importing pyvis would pull in IPython and jinja2 for nothing.
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "pyvis is not installed; kg needs its vis-network script (pip install pyvis)"
        )
    code = (Path(next(iter(spec.submodule_search_locations))) / _VIS_JS).read_text(encoding="utf-8")
    _check_inline_js(code, _VIS_JS)
    # The source map is not shipped, and developer tools would try to fetch it.
    code = re.sub(r"^//# sourceMappingURL=.*$", "", code, flags=re.MULTILINE)
    # The license header and the SVG namespace name URLs; "\/" is "/" in JS strings, regexes and
    # comments, so this changes nothing but leaves no http(s):// text in the page.
    return code.replace("://", ":\\/\\/")


def _script_json(value: Any) -> str:
    """Return JSON that is safe inside ``<script type="application/json">`` and names no URL."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    # These characters only occur inside JSON strings, where their \u escapes mean the same.
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("/", "\\/")):
        text = text.replace(char, escape)
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _kind_styles(kinds: list[str]) -> dict[str, tuple[str, str]]:
    styles, spare = {}, 0
    for kind in kinds:
        if kind in _KIND_STYLE:
            styles[kind] = _KIND_STYLE[kind]
        else:
            styles[kind] = _OTHER_STYLE[spare % len(_OTHER_STYLE)]
            spare += 1
    return styles


def _darker(color: str) -> str:
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * 0.7) for c in (r, g, b)))


def _merged_edges(
    projected: nx.MultiDiGraph, index: dict[Any, int]
) -> dict[tuple[int, int, str], tuple[str, bool, list[Evidence]]]:
    """Return the edges among the kept nodes; a symmetric relation's two directions become one."""
    edges: dict[tuple[int, int, str], tuple[str, bool, dict[Evidence, None]]] = {}
    for s, o, key, d in projected.subgraph(index).edges(keys=True, data=True):
        a, b = index[s], index[o]
        if d.get("symmetric") and b < a:
            a, b = b, a  # one undirected edge for "A partners B" and "B partners A"
        entry = edges.setdefault(
            (a, b, key), (d.get("label", str(key)), bool(d.get("symmetric")), {})
        )
        entry[2].update(dict.fromkeys(d.get("evidence", ())))
    return {k: (label, sym, list(evs)) for k, (label, sym, evs) in edges.items()}


def _payload(projected: nx.MultiDiGraph, *, max_nodes: int) -> dict[str, Any]:
    """Return what the page's script reads: compact arrays, strings deduplicated into tables."""
    ranks = pagerank(projected)
    total = projected.number_of_nodes()
    order = sorted(
        projected, key=lambda n: (-ranks[n], projected.nodes[n].get("label", ""), str(n))
    )
    keep = order[:max_nodes]
    index = {node: i for i, node in enumerate(keep)}

    edges = _merged_edges(projected, index)
    kind_counts = Counter(projected.nodes[n].get("kind", "concept") for n in keep)
    kinds = sorted(kind_counts, key=lambda k: (-kind_counts[k], k))
    styles = _kind_styles(kinds)
    kind_index = {kind: i for i, kind in enumerate(kinds)}
    predicate_counts = Counter((label, symmetric) for label, symmetric, _ in edges.values())
    predicates = sorted(predicate_counts, key=lambda p: (-predicate_counts[p], p))
    predicate_index = {p: i for i, p in enumerate(predicates)}
    document_counts = Counter(
        name for _, _, evs in edges.values() for name in {ev.document for ev in evs}
    )
    documents = sorted(set(document_counts) | set(projected.graph.get("documents", ())))
    document_index = {name: i for i, name in enumerate(documents)}
    sentences: dict[str, int] = {}

    positions = layout(nx.Graph((a, b) for a, b, _ in edges), len(keep))
    top_rank = ranks[keep[0]] if keep else 1.0
    nodes = []
    for i, node in enumerate(keep):
        d = projected.nodes[node]
        x, y = positions[i]
        nodes.append(
            [
                d.get("label", str(node)),
                kind_index[d.get("kind", "concept")],
                round(x * _EDGE_LENGTH),
                round(y * _EDGE_LENGTH),
                round(10 + 28 * math.sqrt(ranks[node] / top_rank), 1),
                ranks[node],
                projected.degree(node),
                str(node),
            ]
        )

    def evidence(ev: Evidence) -> list[Any]:
        sentence = sentences.setdefault(ev.sentence, len(sentences))
        conf = None if ev.confidence is None else round(ev.confidence, 3)
        subject, obj = ev.subject or (None, None), ev.object or (None, None)
        doc = document_index[ev.document]
        return [doc, sentence, conf, ev.rule, ev.phrase, *subject, *obj]

    edge_rows = [
        [
            a,
            b,
            predicate_index[(label, symmetric)],
            [evidence(ev) for ev in sorted(evs, key=lambda e: document_index[e.document])],
        ]
        for (a, b, _), (label, symmetric, evs) in sorted(edges.items())
    ]
    notice = ""
    if total > len(keep):
        notice = (
            f"Showing the {len(keep):,} most important of {total:,} entities (by PageRank). "
            "Render again with kg view --max-nodes N to change."
        )
    return {
        "total_nodes": total,
        "notice": notice,
        "kinds": [
            {
                "name": k,
                "color": styles[k][0],
                "border": _darker(styles[k][0]),
                "shape": styles[k][1],
                "count": kind_counts[k],
            }
            for k in kinds
        ],
        "predicates": [
            {"label": p, "symmetric": s, "count": predicate_counts[(p, s)]} for p, s in predicates
        ],
        "documents": [{"name": name, "count": document_counts.get(name, 0)} for name in documents],
        "sentences": list(sentences),
        "nodes": nodes,
        "edges": edge_rows,
    }


# ---- layout: components packed side by side; each laid out by force refinement ----


def layout(graph: nx.Graph, size: int | None = None, *, seed: int = 0) -> np.ndarray:
    """Return 2-D positions for nodes ``0 … size-1`` of ``graph``, ideal edge length 1.

    Components are laid out apart and packed in rows, largest first. A component larger than
    a few hundred nodes starts from a pivot MDS layout and is refined with forces whose
    repulsion is computed on a grid by FFT, so 5,000 nodes take well under a second.
    """
    n = graph.number_of_nodes() if size is None else size
    simple = nx.Graph(graph)
    simple.add_nodes_from(range(n))
    simple.remove_edges_from(list(nx.selfloop_edges(simple)))
    rng = np.random.default_rng(seed)
    parts = sorted(
        (sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c[0])
    )
    placed: list[tuple[list[int], np.ndarray]] = []
    small = [c for c in parts if len(c) <= _SMALL_COMPONENT]
    for part in parts:
        if len(part) > _SMALL_COMPONENT:
            placed.append((part, _layout_large(simple, part, rng)))
    if small:
        placed.extend(_layout_small(simple, small, rng))
    out = np.zeros((n, 2))
    for part, pos in _pack(placed):
        out[part] = pos
    return out


def _local_edges(graph: nx.Graph, nodes: list[int]) -> np.ndarray:
    index = {v: i for i, v in enumerate(nodes)}
    pairs = [(index[u], index[v]) for u, v in graph.subgraph(nodes).edges()]
    return np.array(pairs, dtype=np.int64).reshape(-1, 2)


def _layout_large(graph: nx.Graph, nodes: list[int], rng: np.random.Generator) -> np.ndarray:
    pos = _pivot_mds(graph, nodes, rng)
    edges = _local_edges(graph, nodes)
    lengths = np.sqrt(((pos[edges[:, 0]] - pos[edges[:, 1]]) ** 2).sum(axis=1))
    pos /= max(float(np.median(lengths)), 1e-6)
    return _refine(pos, edges, _MeshRepulsion(), iterations=60, heat=3.0)


def _layout_small(
    graph: nx.Graph, parts: list[list[int]], rng: np.random.Generator
) -> list[tuple[list[int], np.ndarray]]:
    """Lay out all small components at once: each repels only its own nodes."""
    nodes = [v for part in parts for v in part]
    starts = np.cumsum([0] + [len(p) for p in parts])
    pairs = []
    pos = rng.uniform(-1, 1, size=(len(nodes), 2))
    for start, part in zip(starts, parts, strict=False):
        m = len(part)
        i, j = np.triu_indices(m, 1)
        pairs.append(np.stack([i + start, j + start], axis=1))
        pos[start : start + m] *= math.sqrt(m)
    edges = _local_edges(graph, nodes)
    pos = _refine(pos, edges, _pair_repulsion(np.concatenate(pairs)), iterations=100, heat=2.0)
    return [
        (part, pos[start : start + len(part)]) for start, part in zip(starts, parts, strict=False)
    ]


def _pivot_mds(graph: nx.Graph, nodes: list[int], rng: np.random.Generator) -> np.ndarray:
    """Classical MDS of graph distances to a few far-apart pivots (Brandes and Pich, 2006)."""
    m, k = len(nodes), min(_PIVOTS, len(nodes))
    dist = np.zeros((m, k))
    nearest = np.full(m, np.inf)
    pivot = max(nodes, key=graph.degree)
    for j in range(k):
        lengths = nx.single_source_shortest_path_length(graph, pivot)
        dist[:, j] = np.fromiter((lengths[v] for v in nodes), dtype=float, count=m)
        nearest = np.minimum(nearest, dist[:, j])
        pivot = nodes[int(np.argmax(nearest))]
    sq = dist**2
    centred = -0.5 * (sq - sq.mean(axis=0) - sq.mean(axis=1, keepdims=True) + sq.mean())
    u, s, _ = np.linalg.svd(centred, full_matrices=False)
    pos = np.zeros((m, 2))
    pos[:, : min(2, len(s))] = u[:, :2] * s[:2]
    # leaves of one hub sit at one point: jitter so the forces can separate them
    return pos + rng.normal(
        scale=0.05 * max(1.0, float(np.abs(pos).max())) / math.sqrt(m), size=pos.shape
    )


def _scatter(forces: np.ndarray, i: np.ndarray, j: np.ndarray, n: int) -> np.ndarray:
    """Return per-node sums: each pair's force pushes ``i`` and pulls ``j`` equally."""
    out = np.empty((n, 2))
    for axis in (0, 1):
        out[:, axis] = np.bincount(i, forces[:, axis], n) - np.bincount(j, forces[:, axis], n)
    return out


def _pair_repulsion(pairs: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    i, j = pairs[:, 0], pairs[:, 1]

    def repel(pos: np.ndarray) -> np.ndarray:
        delta = pos[i] - pos[j]
        return _scatter(delta / np.maximum((delta**2).sum(axis=1), 1e-4)[:, None], i, j, len(pos))

    return repel


class _MeshRepulsion:
    """Repulsion 1/d between all nodes: far field by FFT convolution on a grid of unit cells,
    near field (nodes sharing a cell) exactly; O(n + cells·log cells) instead of O(n²)."""

    def __init__(self) -> None:
        self._kernels: dict[int, np.ndarray] = {}

    def _kernel(self, size: int) -> np.ndarray:
        if size not in self._kernels:
            offsets = np.fft.fftfreq(2 * size, d=1.0 / (2 * size))
            dx, dy = np.meshgrid(offsets, offsets, indexing="ij")
            d2 = dx**2 + dy**2
            d2[0, 0] = np.inf  # a cell does not push itself; same-cell pairs are done exactly
            self._kernels[size] = np.fft.fft2((dx + 1j * dy) / d2)
        return self._kernels[size]

    def __call__(self, pos: np.ndarray) -> np.ndarray:
        n = len(pos)
        cells = np.floor(pos - pos.min(axis=0)).astype(np.int64)
        size = 1 << max(3, int(cells.max()).bit_length())
        flat = cells[:, 0] * size + cells[:, 1]
        density = np.zeros((2 * size, 2 * size))
        density[:size, :size] = np.bincount(flat, minlength=size * size).reshape(size, size)
        field = np.fft.ifft2(np.fft.fft2(density) * self._kernel(size))[cells[:, 0], cells[:, 1]]
        out = np.stack([field.real, field.imag], axis=1)
        order = np.argsort(flat, kind="stable")
        ordered = flat[order]
        for shift in range(1, n):
            same = ordered[shift:] == ordered[:-shift]
            if not same.any():
                break
            i, j = order[shift:][same], order[:-shift][same]
            delta = pos[i] - pos[j]
            out += _scatter(delta / np.maximum((delta**2).sum(axis=1), 1e-4)[:, None], i, j, n)
        return out


def _refine(
    pos: np.ndarray,
    edges: np.ndarray,
    repel: Callable[[np.ndarray], np.ndarray],
    *,
    iterations: int,
    heat: float,
) -> np.ndarray:
    """Fruchterman-Reingold steps, cooling linearly: repulsion 1/d, attraction d² along edges."""
    s, t = edges[:, 0], edges[:, 1]
    for step in range(iterations):
        move = repel(pos)
        if len(edges):
            delta = pos[t] - pos[s]
            move += _scatter(delta * np.sqrt((delta**2).sum(axis=1))[:, None], s, t, len(pos))
        length = np.sqrt((move**2).sum(axis=1))
        limit = heat * (1 - step / iterations) + 0.01
        pos = pos + move * (np.minimum(length, limit) / np.maximum(length, 1e-9))[:, None]
    return pos


def _pack(
    placed: list[tuple[list[int], np.ndarray]], gap: float = 1.0
) -> list[tuple[list[int], np.ndarray]]:
    """Place components in rows (largest first), each in its own bounding box."""
    boxes = []
    for part, pos in placed:
        pos = pos - pos.min(axis=0)
        boxes.append((part, pos, pos.max(axis=0) + gap))
    if not boxes:
        return []
    width = max(
        max(float(box[0]) for _, _, box in boxes),
        1.2 * math.sqrt(sum(float(b[0] * b[1]) for _, _, b in boxes)),
    )
    out, x, y, row = [], 0.0, 0.0, 0.0
    for part, pos, (w, h) in boxes:
        if x > 0 and x + w > width:
            x, y, row = 0.0, y + row, 0.0
        out.append((part, pos + np.array([x, y])))
        x, row = x + float(w), max(row, float(h))
    return out
