"""Benchmark of the HTML graph view: page size, time to an interactive page, redraw cost.

Run ``python benchmarks/view.py [--sizes 100,1000,5000] [--out DIR]``. For each size it builds a
synthetic graph (n entities, 2n relations, each with one evidence sentence), renders it with
``kg.view.render_html``, opens it in /usr/bin/chromium with the network off and prints:

- html: the page size;
- render: Python time for ``render_html`` (projection, PageRank, layout, HTML);
- ready: from navigation start until the first frame has been drawn, with every handler
  attached (search, filters and clicks work from then on);
- redraw, zoomed, drag: median milliseconds per frame, rasterisation included, for a redraw of
  the whole graph fitted to the window, a redraw zoomed in on the top entity (labels and
  arrowheads drawn), and frames while panning with the mouse.

Numbers vary with the machine's load; run it twice and keep the lower.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import OWL, RDF

from kg.graph import to_rdf
from kg.model import Document, Entity, Provenance, Span, Triple
from kg.namespace import content_hash, relation_iri

_KINDS = ["person", "organization", "place", "group", "event", "product", "work", "concept"]
_PREDICATES = [
    "partners",
    "invests in",
    "based in",
    "acquires",
    "leads",
    "meets",
    "competes with",
    "supplies",
]
_SYMMETRIC = {"partners", "meets"}
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def synthetic_triples(
    n_entities: int, n_edges: int, *, documents: int = 20, seed: int = 0
) -> tuple[list[Triple], list[Document]]:
    """Return triples among ``n_entities`` entities (preferential attachment) with provenance."""
    rng = random.Random(seed)
    entities = [
        Entity(f"Entity {i}", _KINDS[rng.randrange(len(_KINDS))]) for i in range(n_entities)
    ]
    docs = [Document(f"news/article-{d:03}.txt", f"text of article {d}") for d in range(documents)]
    targets: list[int] = []
    triples = []
    for k in range(n_edges):
        s = k % n_entities if k < n_entities else rng.randrange(n_entities)
        o = rng.choice(targets) if targets and rng.random() < 0.8 else rng.randrange(n_entities)
        if o == s:
            o = (s + 1) % n_entities
        targets += [s, o]
        predicate = _PREDICATES[rng.randrange(len(_PREDICATES))]
        subject, obj = entities[s], entities[o]
        text = f"Reports say {subject.name} {predicate} {obj.name} this year."
        start = 1000 * k
        sb = start + text.index(subject.name)
        ob = start + text.rindex(obj.name)
        doc = docs[k % documents]
        prov = Provenance(
            doc=doc.name,
            doc_id=_doc_id(doc),
            sentence=Span(text, start, start + len(text)),
            subject=Span(subject.name, sb, sb + len(subject.name)),
            object=Span(obj.name, ob, ob + len(obj.name)),
            rule="svo",
            confidence=round(rng.uniform(0.3, 1.0), 2),
            relation=predicate,
        )
        triples.append(Triple(subject, predicate, obj, prov))
    return triples, docs


def _doc_id(doc: Document) -> str:
    return content_hash(doc.text)


def synthetic_graph(n_entities: int, n_edges: int, **kwargs: int) -> Graph:
    """Return the RDF graph of :func:`synthetic_triples`, symmetric predicates declared."""
    triples, docs = synthetic_triples(n_entities, n_edges, **kwargs)
    graph = to_rdf(triples, docs)
    for label in _SYMMETRIC:
        graph.add((relation_iri(label), RDF.type, OWL.SymmetricProperty))
    return graph


# Frame cost from beforeDrawing to afterDrawing; reading one pixel back makes the canvas
# rasterise its recorded commands inside the measured span, so raster time counts too.
_INSTRUMENT = """() => {
  const net = window.kgView.network;
  window.__frames = [];
  net.on('beforeDrawing', () => { window.__t0 = performance.now(); });
  net.on('afterDrawing', (ctx) => {
    ctx.getImageData(0, 0, 1, 1);
    window.__frames.push(performance.now() - window.__t0);
  });
}"""

_REDRAW = """async () => {
  const frame = () => new Promise(r => requestAnimationFrame(() => r()));
  window.__frames = [];
  for (let i = 0; i < 15; i++) { window.kgView.network.redraw(); await frame(); await frame(); }
  const t = window.__frames.slice().sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)];
}"""


def _median(values: list[float]) -> float:
    values = sorted(values)
    return values[len(values) // 2] if values else float("nan")


def measure(page_path: Path, browser) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Open the page and return time to ready and redraw costs in milliseconds."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, offline=True)
    page = context.new_page()
    page.goto(page_path.as_uri())
    page.wait_for_function("window.kgView && window.kgView.ready", timeout=120_000)
    ready = page.evaluate("window.kgView.readyAt")
    page.evaluate(_INSTRUMENT)
    fit = page.evaluate(_REDRAW)
    # zoomed in on the most important entity, where labels and arrowheads are drawn
    page.evaluate(
        "window.kgView.network.moveTo({position: window.kgView.network.getPosition(0), scale: 1.0})"
    )
    zoomed = page.evaluate(_REDRAW)
    page.evaluate("window.kgView.network.fit({animation: false})")
    box = page.locator("#kg-canvas canvas").bounding_box()
    assert box is not None
    page.evaluate("window.__frames = []")
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(cx, cy)
    page.mouse.down()
    for step in range(1, 21):
        page.mouse.move(cx + 10 * step, cy + 5 * step)
        page.wait_for_timeout(20)
    page.mouse.up()
    page.wait_for_timeout(200)
    drag = page.evaluate("window.__frames")
    context.close()
    return {
        "ready_ms": ready,
        "redraw_ms": fit,
        "zoomed_ms": zoomed,
        "drag_ms": _median(drag),
        "drag_frames": len(drag),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--out", type=Path, default=None, help="keep the pages in this folder")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    from kg.view import render_html

    out = args.out or Path(tempfile.mkdtemp(prefix="kg-view-bench-"))
    out.mkdir(parents=True, exist_ok=True)
    print(
        f"{'nodes':>6} {'edges':>6} {'html':>9} {'render':>8} {'ready':>8} "
        f"{'redraw':>8} {'zoomed':>8} {'drag':>8}"
    )
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for n in (int(s) for s in args.sizes.split(",")):
            graph = synthetic_graph(n, 2 * n)
            t0 = time.perf_counter()
            page = render_html(graph, max_nodes=n, title=f"Benchmark {n}")
            render = time.perf_counter() - t0
            path = out / f"view-{n}.html"
            path.write_text(page, encoding="utf-8")
            m = measure(path, browser)
            print(
                f"{n:>6} {2 * n:>6} {len(page.encode()) / 1e6:>7.2f}MB {render:>7.2f}s "
                f"{m['ready_ms']:>6.0f}ms "
                f"{m['redraw_ms']:>6.1f}ms {m['zoomed_ms']:>6.1f}ms {m['drag_ms']:>6.1f}ms",
                flush=True,
            )
        browser.close()
    print(f"pages in {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
