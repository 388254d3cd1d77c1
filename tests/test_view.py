"""The HTML page as text: self-contained, escaped, and carrying the graph; the layout as numbers."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pytest
from click.testing import CliRunner
from rdflib.namespace import OWL, RDF

from kg.cli import main
from kg.errors import StoreError
from kg.graph import to_rdf
from kg.layout import layout
from kg.model import Document, Entity, Triple
from kg.namespace import relation_iri
from kg.view import View, render_html, show, to_pyvis
from tests.facts import fact

HOSTILE = '<img src=x onerror="window.__pwned=1"></script><script>window.__pwned=2</script><!--'


def small_graph():  # type: ignore[no-untyped-def]
    yandex, baidu, russia = (
        Entity("Yandex", "organization"),
        Entity("Baidu", "organization"),
        Entity("Russia", "place"),
    )
    a = Document("a.txt", "Yandex partnered with Baidu.")
    b = Document("b.txt", "Baidu partners Yandex.")
    c = Document("c.txt", "Yandex is based in Russia.")
    graph = to_rdf(
        [
            fact(a, yandex, "partners", baidu, confidence=0.8),
            fact(b, baidu, "partners", yandex, confidence=0.6),
            fact(c, yandex, "based in", russia),
        ],
        [a, b, c],
    )
    graph.add((relation_iri("partners"), RDF.type, OWL.SymmetricProperty))
    return graph


def hostile_graph():  # type: ignore[no-untyped-def]
    bad = Entity(HOSTILE, "organization")
    good = Entity("Acme", "organization")
    doc = Document(f"{HOSTILE}.txt", f"{HOSTILE} acquires Acme.")
    return to_rdf([fact(doc, bad, "acquires", good)], [doc])


def payload(page: str) -> dict[str, Any]:
    start = page.index('<script id="kg-data" type="application/json">') + len(
        '<script id="kg-data" type="application/json">'
    )
    return json.loads(page[start : page.index("</script>", start)])  # type: ignore[no-any-return]


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


def test_page_is_self_contained() -> None:
    page = render_html(small_graph())
    assert "http://" not in page and "https://" not in page
    found = tags(page)
    assert not [t for t, a in found if "src" in a or "href" in a]
    assert {t for t, _ in found} <= {
        "html", "head", "meta", "title", "style", "body", "header", "h1", "div", "input",
        "ul", "span", "aside", "h2", "button", "label", "main", "script",
    }  # fmt: skip
    assert [t for t, _ in found].count("script") == 3
    csp = next(
        a["content"]
        for t, a in found
        if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    )
    assert csp is not None and "default-src 'none'" in csp
    # vis-network's license header is kept with the inlined code
    assert "@license" in page and "The MIT License" in page


def test_page_carries_the_graph() -> None:
    data = payload(render_html(small_graph()))
    labels = [n[0] for n in data["nodes"]]
    assert sorted(labels) == ["Baidu", "Russia", "Yandex"]
    assert labels[0] == "Yandex"  # most important first (PageRank)
    assert [k["name"] for k in data["kinds"]] == ["organization", "place"]
    preds = {p["label"]: p["symmetric"] for p in data["predicates"]}
    assert preds == {"partners": True, "based in": False}
    assert [d["name"] for d in data["documents"]] == ["a.txt", "b.txt", "c.txt"]
    # "Yandex partners Baidu" and "Baidu partners Yandex": one undirected edge, both sentences
    assert len(data["edges"]) == 2
    partners = next(e for e in data["edges"] if data["predicates"][e[2]]["label"] == "partners")
    sentences = sorted(data["sentences"][ev[1]] for ev in partners[3])
    assert sentences == ["Baidu partners Yandex.", "Yandex partnered with Baidu."]
    for ev in partners[3]:
        sentence = data["sentences"][ev[1]]
        assert {sentence[ev[5] : ev[6]], sentence[ev[7] : ev[8]]} == {"Yandex", "Baidu"}
        assert ev[2] in (0.8, 0.6) and ev[3] == "svo"


def test_untrusted_text_is_escaped_everywhere() -> None:
    page = render_html(hostile_graph(), title=HOSTILE)
    assert HOSTILE not in page
    assert "<img" not in page.lower()
    assert page.lower().count("</script") == 3
    assert "sourcemappingurl" not in page.lower()
    assert "<!--" not in page
    found = tags(page)
    assert [t for t, _ in found].count("script") == 3
    data = payload(page)
    assert HOSTILE in [n[0] for n in data["nodes"]]
    assert f"{HOSTILE} acquires Acme." in data["sentences"]
    assert data["documents"][0]["name"] == f"{HOSTILE}.txt"


def test_title_is_escaped() -> None:
    page = render_html(small_graph(), title="R&D </title><b>x</b>")
    assert "<title>R&amp;D &lt;&#47;title&gt;&lt;b&gt;x&lt;&#47;b&gt;</title>" in page


def test_max_nodes_keeps_the_most_important_and_says_so() -> None:
    hub = Entity("Hub", "organization")
    triples = [Triple(hub, "owns", Entity(f"Leaf {i}", "organization")) for i in range(30)]
    triples.append(Triple(Entity("Lonely", "person"), "knows", Entity("Other", "person")))
    data = payload(render_html(to_rdf(triples), max_nodes=5))
    assert len(data["nodes"]) == 5 and data["total_nodes"] == 33
    assert data["nodes"][0][0] == "Hub"
    assert "Showing the 5 most important of 33 entities" in data["notice"]
    assert "--max-nodes" in data["notice"]
    assert all(e[0] < 5 and e[1] < 5 for e in data["edges"])
    assert payload(render_html(to_rdf(triples)))["notice"] == ""


def test_max_nodes_must_be_positive() -> None:
    with pytest.raises(ValueError, match="max_nodes"):
        render_html(small_graph(), max_nodes=0)


def test_empty_graph_renders() -> None:
    data = payload(render_html(to_rdf([])))
    assert data["nodes"] == [] and data["edges"] == []


def test_render_accepts_the_projection() -> None:
    from kg.analyze import to_networkx

    assert (
        payload(render_html(to_networkx(small_graph())))["nodes"]
        == payload(render_html(small_graph()))["nodes"]
    )


def test_notebook_view_is_a_sandboxed_iframe(tmp_path: Path) -> None:
    view = show(small_graph(), height=300)
    frame = view._repr_html_()
    assert (
        frame.startswith("<iframe srcdoc=")
        and 'sandbox="allow-scripts"' in frame
        and "height:300px" in frame
    )
    assert "<script" not in frame  # the page is inside the attribute, escaped
    assert view.save(tmp_path / "v.html").read_text(encoding="utf-8") == view.html


def test_saving_where_it_cannot_write_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="Cannot write"):
        View("x").save(tmp_path / "missing" / "v.html")


def test_rendering_does_not_import_pyvis() -> None:
    code = (
        "import sys; from kg.graph import to_rdf; from kg.view import render_html; "
        "render_html(to_rdf([])); print('pyvis' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ---- pyvis, to tinker with ----


def test_pyvis_network_has_the_pages_nodes_and_edges() -> None:
    graph = small_graph()
    network = to_pyvis(graph)
    page = payload(render_html(graph))
    assert len(network.nodes) == len(page["nodes"]) == 3
    # "Yandex partners Baidu" and "Baidu partners Yandex" are one undirected edge, as on the page.
    assert len(network.edges) == len(page["edges"]) == 2
    by_label = {node["label"]: node for node in network.nodes}
    for label, _, x, y, size, _, _, iri, *_ in page["nodes"]:
        node = by_label[label]
        assert (node["id"], node["x"], node["y"], node["size"]) == (iri, x, y, size)
        assert node["physics"] is False


def test_pyvis_network_carries_kind_styles_and_hover_text() -> None:
    network = to_pyvis(small_graph())
    yandex = next(n for n in network.nodes if n["label"] == "Yandex")
    russia = next(n for n in network.nodes if n["label"] == "Russia")
    assert (yandex["shape"], yandex["color"]["background"]) == ("square", "#f28e2b")
    assert (russia["shape"], russia["color"]["background"]) == ("diamond", "#59a14f")
    assert yandex["title"].splitlines()[1].startswith("organization · PageRank 0.")
    edges = {edge["label"]: edge for edge in network.edges}
    assert edges["partners"]["arrows"] == {"to": {"enabled": False}}
    assert edges["based in"]["arrows"] == "to"
    assert edges["partners"]["title"].splitlines() == [
        "partners",
        "“Yandex partnered with Baidu.” (a.txt; confidence 0.80, svo)",
        "“Baidu partners Yandex.” (b.txt; confidence 0.60, svo)",
    ]
    assert network.options.physics.enabled is False


def test_pyvis_network_keeps_the_most_important_entities() -> None:
    network = to_pyvis(small_graph(), max_nodes=2)
    assert sorted(n["label"] for n in network.nodes) == ["Baidu", "Yandex"]
    assert [e["label"] for e in network.edges] == ["partners"]
    with pytest.raises(ValueError, match="at least 1"):
        to_pyvis(small_graph(), max_nodes=0)


def test_pyvis_generates_html_with_untrusted_text_escaped() -> None:
    html = to_pyvis(small_graph()).generate_html()
    assert "new vis.DataSet(" in html and '"label": "Yandex"' in html
    hostile = to_pyvis(hostile_graph()).generate_html()
    assert "window.__pwned" in hostile
    assert HOSTILE not in hostile and "</script><script>" not in hostile


def test_pyvis_network_reads_the_projection_too() -> None:
    from kg.analyze import to_networkx

    network = to_pyvis(to_networkx(small_graph()), height="300px")
    assert network.height == "300px" and len(network.nodes) == 3


# ---- layout ----


def _edge_lengths(graph: nx.Graph, pos: np.ndarray) -> np.ndarray:
    return np.array([np.hypot(*(pos[u] - pos[v])) for u, v in graph.edges()])


@pytest.mark.parametrize(
    "graph",
    [
        pytest.param(nx.path_graph(2), id="pair"),
        pytest.param(nx.star_graph(12), id="star"),
        pytest.param(nx.grid_2d_graph(12, 12), id="grid"),
        pytest.param(nx.barabasi_albert_graph(700, 1, seed=1), id="large-tree"),
    ],
)
def test_layout_keeps_edges_near_unit_length_and_nodes_apart(graph: nx.Graph) -> None:
    graph = nx.convert_node_labels_to_integers(graph)
    pos = layout(graph)
    assert pos.shape == (graph.number_of_nodes(), 2) and np.isfinite(pos).all()
    lengths = _edge_lengths(graph, pos)
    assert 0.3 < float(np.median(lengths)) < 4.0
    nearest = [np.sort(np.hypot(*(pos - p).T))[1] for p in pos]
    assert float(np.percentile(nearest, 5)) > 0.1


def test_layout_is_deterministic() -> None:
    graph = nx.gnm_random_graph(400, 700, seed=2)
    assert np.array_equal(layout(graph), layout(graph))


def test_components_are_packed_without_overlap() -> None:
    graph = nx.disjoint_union_all(
        [
            nx.barabasi_albert_graph(400, 1, seed=1),
            nx.star_graph(8),
            nx.path_graph(3),
            nx.empty_graph(2),
        ]
    )
    pos = layout(graph)
    boxes = []
    for part in nx.connected_components(graph):
        p = pos[sorted(part)]
        boxes.append((*p.min(axis=0), *p.max(axis=0)))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1], (a, b)


def test_layout_of_5000_nodes_is_fast() -> None:
    graph = nx.barabasi_albert_graph(5000, 2, seed=1)
    start = time.perf_counter()
    pos = layout(graph)
    assert (
        time.perf_counter() - start < 8.0
    )  # about 0.5 s here; networkx's spring_layout takes ~50 s
    assert np.isfinite(pos).all()


# ---- the command ----


def test_cli_view_writes_the_page(tmp_path: Path) -> None:
    turtle = tmp_path / "graph.ttl"
    small_graph().serialize(turtle, format="turtle")
    result = CliRunner().invoke(main, ["view", str(turtle), "--max-nodes", "2", "--title", "Demo"])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "graph.html").read_text(encoding="utf-8")
    assert "<title>Demo</title>" in page and len(payload(page)["nodes"]) == 2
    assert result.stderr.splitlines() == [
        "Showing the 2 most important of 3 entities (raise --max-nodes to see more)",
        f"Wrote {tmp_path / 'graph.html'} ({len(page.encode()) / 1e6:.1f} MB)",
    ]
    out = tmp_path / "elsewhere.html"
    assert CliRunner().invoke(main, ["view", str(turtle), "-o", str(out)]).exit_code == 0
    assert out.is_file()


def test_cli_view_missing_graph_is_one_error_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["view", str(tmp_path / "nope.ttl")])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and len(result.stderr.splitlines()) == 1
