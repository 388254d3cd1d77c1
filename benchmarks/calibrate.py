"""Measure how often each rule's edges are right, per relation, and write kg/data/confidence.csv.

Builds the Re-DocRED split with every reading stated (``--min-confidence 0``), scores it with
the shared scorer and counts, for each extraction or inference rule and each relation, the
edges and the right ones: a relation mapped to Wikidata is right when the typed fact is gold,
an open relation when the two entities are related in the gold. The table keeps a rule's
figure per relation where it has at least ``--min-edges`` edges, and per rule otherwise,
shrunk towards the rule's overall figure (``--prior`` pseudo-edges), so a few lucky edges do
not make a relation look sure.

The gold annotates 96 Wikidata properties only, so an open relation ("partners", "defeats")
between two entities the gold does not relate is often true all the same: in a hand-judged
sample about 6 in 10 such edges were (``--unannotated 0.6``). An open relation's figure is its
agreement with the gold plus that share of the rest; a mapped relation's is its typed
precision as measured.

    .venv/bin/python benchmarks/calibrate.py [--split FILE] [--write]
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any, Final

sys.path.insert(0, str(Path(__file__).resolve().parent))
import graph_quality

from kg.namespace import relation_local_name
from kg.vocabulary import vocabulary

_PRIOR: Final = 0.5  # what a rule's figure is shrunk towards when it has few edges
_TABLE: Final = Path(__file__).resolve().parent.parent / "kg" / "data" / "confidence.csv"
_HEADER: Final = """\
# How often edges of each rule and relation were right when measured; written by
# benchmarks/calibrate.py. Relation * is the rule's relations mapped to Wikidata, "" its open
# ones; base is the highest confidence the rule gave before calibration (an edge keeps the
# deductions below it).
"""


def _relation(predicate_iri: str, labels: dict[str, str]) -> str:
    local = predicate_iri.rsplit("/", 1)[-1]
    return labels.get(local, "")  # "" is an open relation: scored as an entity pair


def _right(edge: dict[str, Any]) -> bool:
    if edge["category"] != "anchored":
        return False
    if edge.get("typed"):
        return bool(edge["typed"]["correct"])
    return bool(edge["gold_pairs"])


def measure(edges: list[dict[str, Any]]) -> dict[tuple[str, str], list[float]]:
    """(rule, relation) → [edges, right, highest raw confidence]; relation "" is every open
    relation of the rule, "*" every mapped one."""
    labels = {relation_local_name(label): label for label in vocabulary().relations}
    counts: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0, 0, 0.0])
    for edge in edges:
        if edge["category"] == "literal":
            continue
        relation = _relation(edge["p"], labels)
        mapped = bool(vocabulary().wikidata(relation))
        keys = [(relation, "*")] if mapped else [("",)]
        for rule in sorted({e["rule"] for e in edge["evidence"]}):
            best = max(e["confidence"] or 0 for e in edge["evidence"] if e["rule"] == rule)
            for key in ((rule, k) for group in keys for k in group):
                counts[key][0] += 1
                counts[key][1] += _right(edge)
                counts[key][2] = max(counts[key][2], best)
    return counts


def table(
    counts: dict[tuple[str, str], list[float]],
    min_edges: int,
    prior: float,
    unannotated: float = 0.0,
) -> str:
    """The CSV text of the measured confidences."""
    out = io.StringIO()
    out.write(_HEADER)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["rule", "relation", "base", "confidence", "edges", "correct"])
    bases: dict[str, float] = defaultdict(float)
    for (rule, _), (_, _, best) in counts.items():
        bases[rule] = max(bases[rule], best)
    for (rule, relation), (n, right, _) in sorted(counts.items()):
        if relation in {"*", ""}:
            value = (right + prior * _PRIOR) / (n + prior)
        elif n < min_edges:
            continue
        else:
            whole = counts[(rule, "*")]
            value = (right + prior * whole[1] / whole[0]) / (n + prior)
        if relation == "":
            value += (1 - value) * unannotated
        writer.writerow([rule, relation, f"{bases[rule]:.3f}", f"{value:.3f}", int(n), int(right)])
    return out.getvalue()


def _scored_edges(work: Path) -> list[dict[str, Any]]:
    """The build's edges, each judged by the scorer (category, gold pairs and facts)."""
    s = graph_quality._scorer()
    docs = work / "docs"
    gold = s.load_gold(docs)
    store = s.open_graph(work / "out" / "store")
    labels, kinds = s.read_nodes(store)
    edges, _ = s.read_edges(store, gold, docs)
    s.score(edges, gold, labels, kinds, s.wikidata_mapping(store), False)
    return list(edges)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", type=Path, default=graph_quality._SPLIT)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--min-edges", type=int, default=8)
    parser.add_argument("--prior", type=float, default=5.0)
    parser.add_argument(
        "--unannotated",
        type=float,
        default=0.6,
        help="share of open-relation edges the gold leaves out that are true",
    )
    parser.add_argument("--write", action="store_true", help=f"write {_TABLE.name}")
    args = parser.parse_args(argv)
    if args.write:  # measure the rules' own confidences, not the last calibration's
        _TABLE.write_text(table({}, args.min_edges, args.prior), encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="kg-calibrate-") as tmp:
        work = Path(tmp)
        graph_quality.build(args.split, work, args.jobs, ["--min-confidence", "0"])
        edges = _scored_edges(work)
    text = table(measure(edges), args.min_edges, args.prior, args.unannotated)
    if args.write:
        _TABLE.write_text(text, encoding="utf-8")
        print(f"wrote {_TABLE}", file=sys.stderr)
    else:
        print(text, end="")


if __name__ == "__main__":
    main()
