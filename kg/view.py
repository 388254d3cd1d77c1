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
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any, Final

import networkx as nx
from rdflib import Graph

from kg.analyze import Evidence, count_evidence, pagerank, to_networkx
from kg.errors import StoreError
from kg.layout import layout

__all__ = ["DEFAULT_MAX_NODES", "View", "render_html", "show", "to_pyvis"]

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
    "award": ("#d4a017", "star"),
    "concept": ("#a0a0a0", "dot"),
}
_OTHER_STYLE: Final = [
    ("#17becf", "hexagon"),
    ("#bcbd22", "star"),
    ("#8c564b", "diamond"),
    ("#7f7f7f", "square"),
]
_EDGE_LENGTH: Final = 170.0  # pixels per layout unit (the ideal edge length)
_TITLE_SENTENCES: Final = 3  # sentences an edge's hover text quotes in a pyvis Network
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
    graph: Graph | nx.MultiDiGraph[str],
    *,
    max_nodes: int = DEFAULT_MAX_NODES,
    title: str = "Knowledge graph",
    height: int = 640,
) -> View:
    """Return the graph view as a :class:`View`, which a notebook displays inline."""
    return View(render_html(graph, max_nodes=max_nodes, title=title), height=height)


def render_html(
    graph: Graph | nx.MultiDiGraph[str],
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


def to_pyvis(
    graph: Graph | nx.MultiDiGraph[str],
    *,
    max_nodes: int = DEFAULT_MAX_NODES,
    height: str = "640px",
    width: str = "100%",
    notebook: bool = False,
    cdn_resources: str = "remote",
) -> Any:
    """Return a ``pyvis.network.Network`` of ``graph`` to customise with pyvis's own API.

    It has the offline page's layout, colours, shapes and sizes, physics off, edge labels,
    and hover text (an entity's kind, PageRank and links; an edge's first sentences). pyvis's
    own HTML (``Network.show``, ``generate_html``) loads its scripts from the web; for the
    page that needs no network, use :func:`render_html` or ``kg view``. ``notebook`` and
    ``cdn_resources`` are passed to ``Network``.

    >>> from kg.graph import to_rdf
    >>> from kg.model import Entity, Triple
    >>> yandex, baidu = Entity("Yandex", "organization"), Entity("Baidu", "organization")
    >>> network = to_pyvis(to_rdf([Triple(yandex, "partners", baidu)]))
    >>> sorted(node["label"] for node in network.nodes), network.edges[0]["label"]
    (['Baidu', 'Yandex'], 'partners')
    """
    if max_nodes < 1:
        raise ValueError(f"max_nodes must be at least 1, not {max_nodes}")
    from pyvis.network import Network

    projected = graph if isinstance(graph, nx.Graph) else to_networkx(graph)
    payload = _payload(projected, max_nodes=max_nodes)
    kinds, predicates = payload["kinds"], payload["predicates"]
    network = Network(
        height=height,
        width=width,
        directed=True,
        notebook=notebook,
        cdn_resources=cdn_resources,
    )
    ids: list[str] = []
    for label, kind, x, y, size, rank, degree, iri, dates in payload["nodes"]:
        style = kinds[kind]
        when = "".join(f"\n{relation} {value}" for relation, value in dates)
        network.add_node(
            iri,
            label=label,
            shape=style["shape"],
            color={"background": style["color"], "border": style["border"]},
            size=size,
            x=x,
            y=y,
            physics=False,
            title=f"{label}\n{style['name']} · PageRank {rank:.4f} · {degree} link(s){when}\n{iri}",
        )
        ids.append(iri)
    pairs = Counter((min(a, b), max(a, b)) for a, b, *_ in payload["edges"])
    seen: Counter[tuple[int, int]] = Counter()
    for a, b, p, evidence, *stated in payload["edges"]:
        predicate = predicates[p]
        options: dict[str, Any] = {
            "label": predicate["label"],
            "title": _edge_title(predicate["label"], evidence, payload, *stated),
            "smooth": False,
        }
        if predicate["symmetric"]:
            options["arrows"] = {"to": {"enabled": False}}
        pair = (min(a, b), max(a, b))
        if pairs[pair] > 1:
            # Parallel edges would be drawn on top of each other: bend them apart, as the page does.
            k = seen[pair]
            seen[pair] += 1
            clockwise = (k % 2 == 0) == (a <= b)
            options["smooth"] = {
                "enabled": True,
                "type": "curvedCW" if clockwise else "curvedCCW",
                "roundness": 0.12 + 0.12 * (k // 2),
            }
        network.add_edge(ids[a], ids[b], **options)
    network.toggle_physics(False)
    return network


def _edge_title(
    label: str, evidence: list[list[Any]], payload: dict[str, Any], stated: int = 0
) -> str:
    """Return an edge's hover text: its relation, then the sentences it was read from
    (``stated`` in all, where documents kept fewer)."""
    lines = [label]
    for doc, sentence, confidence, rule, *_ in evidence[:_TITLE_SENTENCES]:
        sure = "" if confidence is None else f"confidence {confidence:.2f}, "
        name = payload["documents"][doc]["name"]
        lines.append(f"“{payload['sentences'][sentence]}” ({name}; {sure}{rule or 'no rule'})")
    total = max(stated, len(evidence))
    if total > _TITLE_SENTENCES:
        lines.append(f"… and {total - _TITLE_SENTENCES} more")
    return "\n".join(lines)


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
    projected: nx.MultiDiGraph[str], index: dict[Any, int]
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


def _stated(evidence: list[Evidence]) -> list[int]:
    """How much evidence an edge has in all, as the page's fifth edge field, where documents
    kept less of it (``kg:evidenceCount``); nothing where every piece is there."""
    total = count_evidence(evidence)
    return [total] if total > len(evidence) else []


def _payload(projected: nx.MultiDiGraph[str], *, max_nodes: int) -> dict[str, Any]:
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
                [list(pair) for pair in d.get("dates", ())],
            ]
        )

    def evidence(ev: Evidence) -> list[Any]:
        sentence = sentences.setdefault(ev.sentence, len(sentences))
        conf = None if ev.confidence is None else round(ev.confidence, 3)
        subject, obj = ev.subject or (None, None), ev.object or (None, None)
        doc = document_index[ev.document]
        return [doc, sentence, conf, ev.rule, ev.phrase, *subject, *obj, *_when(ev)]

    edge_rows = [
        [
            a,
            b,
            predicate_index[(label, symmetric)],
            [evidence(ev) for ev in sorted(evs, key=lambda e: document_index[e.document])],
            *_stated(evs),
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
        "years": _years(projected.graph.get("dates", ())),
    }


def _year(lexical: str) -> int | None:
    """The year of a date as written in RDF ("2019", "1998-05-13"); None for a phrase."""
    head = lexical[:4]
    return int(head) if len(lexical) in (4, 7, 10) and head.isdigit() else None


def _when(ev: Evidence) -> list[Any]:
    """When the evidence dates its edge, for the page: the words to show, and the first and
    last year it covers (None, None where it gives no date)."""
    if ev.time:
        text = ev.time
    elif ev.start or ev.end:
        text = f"{ev.start or '…'} – {ev.end or '…'}"
    else:
        return ["", None, None]
    years = [y for v in (ev.time, ev.start, ev.end) if v and (y := _year(v)) is not None]
    low = min(years) if years else None
    high = max(years) if years else None
    if ev.start and not ev.end:
        high = None  # "since 1992": open to the present
    if ev.end and not ev.start:
        low = None  # "until 2002": open to the past
    return [text, low, high]


def _years(dates: Any) -> list[int] | None:
    """The first and last year of the graph's dates, the bounds of the time filter."""
    years = [y for d in dates if (y := _year(str(d))) is not None]
    return [min(years), max(years)] if years else None


# ---- layout: components packed side by side; each laid out by force refinement ----
