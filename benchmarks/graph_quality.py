"""Graph-level quality on Re-DocRED: the nodes, entity pairs and typed facts of a kg build scored.

Writes the split's documents as text (``../shared/eval/redocred/make_docs.py``), builds them
with ``kg build`` in a subprocess (timed, wall clock, pipeline loading included), opens the
store read-only and scores it with the shared scorer (``../shared/eval/redocred/score.py``),
adding the figures of every Wikidata property. It only measures: nothing here changes kg.

    .venv/bin/python benchmarks/graph_quality.py [--split FILE] [--jobs 2] [--json]
    .venv/bin/python benchmarks/graph_quality.py --keep --dump edges.jsonl
    .venv/bin/python benchmarks/graph_quality.py --work DIR --with-literals -- --aliases names.csv

With ``--with-literals`` the facts with a date end count too, and the printout sums up the date
facts (dates of birth and death, inception, dissolution, publication, point in time, start and
end) with their own targets.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any, Final

_ROOT: Final = Path(__file__).resolve().parent.parent
SHARED: Final = _ROOT.parent / "shared"
_SPLIT: Final = SHARED / "bench" / "redocred" / "dev.json"
_EVAL: Final = SHARED / "eval" / "redocred"
_TARGETS: Final = (  # (label, section, metric, at least)
    ("typed precision (all mapped)", "typed", "precision_all_mapped", 0.60),
    ("typed recall (all)", "typed", "recall_all", 0.15),
    ("typed F1", "typed", "f1", 0.25),
    ("pair precision (edges)", "pairs", "precision_edges", 0.70),
    ("pair recall (all)", "pairs", "recall_all", 0.20),
)


# Wikidata properties whose object is a date: scored with --with-literals (a TIME entity end).
DATE_PROPERTIES: Final = ("P569", "P570", "P571", "P576", "P577", "P580", "P582", "P585")
_DATE_TARGETS: Final = (
    ("date facts precision", "precision", 0.75),
    ("date facts recall", "recall", 0.50),
)


class _Failure(Exception):
    """A problem the user can fix: printed as one line ``Error: …``, exit status 2."""


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("redocred_score", _EVAL / "score.py")
    assert spec is not None and spec.loader is not None  # main() checked that the file exists
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run(command: list[str], what: str) -> None:
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1].removeprefix("Error: ")
        raise _Failure(f"{what} failed (exit {done.returncode}): {last}")


def build(split: Path, work: Path, jobs: int, extra: list[str]) -> dict[str, float]:
    """Write the documents under ``work/docs``, build them into ``work/out``; return the timing."""
    docs, out = work / "docs", work / "out"
    if out.exists() and any(out.iterdir()):
        raise _Failure(f"{out} already holds a build; give an empty --work folder")
    _run([sys.executable, str(_EVAL / "make_docs.py"), str(split), str(docs)], "make_docs.py")
    texts = sorted(docs.glob("*.txt"))
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in texts)
    command = [
        str(Path(sys.executable).parent / "kg"),
        "build",
        str(docs),
        "--out",
        str(out),
        "--no-html",
        "-q",
        "--jobs",
        str(jobs),
        *extra,
    ]
    start = time.perf_counter()
    _run(command, "kg build")
    seconds = time.perf_counter() - start
    return {
        "docs": len(texts),
        "words": words,
        "seconds": seconds,
        "docs_per_second": len(texts) / seconds,
        "words_per_second": words / seconds,
    }


def per_property(
    edges: list[dict[str, Any]], gold: list[Any], with_literals: bool
) -> dict[str, dict[str, Any]]:
    """Gold facts, mapped edges, correct edges, precision and recall of every Wikidata property.

    An edge counts for each property it maps to, unless an end is a literal; it is correct when
    it is anchored and a gold fact of that property joins its ends, as the scorer judges it.
    """
    facts = {
        (d.index, *f) for d in gold for f in d.facts if with_literals or not d.literal(f[0], f[2])
    }
    hits: set[tuple[Any, ...]] = set()
    predicted: Counter[str] = Counter()
    correct: Counter[str] = Counter()
    for e in edges:
        if not e["maps"] or e["category"] == "literal":
            continue
        anchored = e["category"] == "anchored"
        for pid in {pid for pid, _ in e["maps"]}:
            predicted[pid] += 1
            correct[pid] += anchored and any(f[1] == pid for f in e["gold_facts"])
        if anchored:
            hits.update((e["doc"].index, *f) for f in e["gold_facts"])
    gold_n = Counter(f[2] for f in facts)
    hit_n = Counter(f[2] for f in hits & facts)
    pids = sorted(
        gold_n.keys() | predicted.keys(), key=lambda p: (-gold_n[p], -predicted[p], int(p[1:]))
    )
    return {
        p: {
            "gold": gold_n[p],
            "predicted": predicted[p],
            "correct": correct[p],
            "precision": correct[p] / predicted[p] if predicted[p] else None,
            "recall": hit_n[p] / gold_n[p] if gold_n[p] else None,
        }
        for p in pids
    }


def score(work: Path, with_literals: bool, dump: Path | None) -> tuple[dict[str, Any], Any]:
    """Return the scorer's metrics for the build in ``work`` and the per-property table."""
    s = _scorer()
    docs = work / "docs"
    gold = s.load_gold(docs)
    store = s.open_graph(work / "out" / "store")  # a folder opens read-only
    labels, kinds = s.read_nodes(store)
    edges, foreign = s.read_edges(store, gold, docs)
    res: dict[str, Any] = s.score(
        edges, gold, labels, kinds, s.wikidata_mapping(store), with_literals
    )
    res["counts"]["evidence_from_other_documents"] = foreign
    if dump:
        s.dump(edges, labels, kinds, dump)
    return res, per_property(edges, gold, with_literals)


def date_facts(props: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Gold, predicted and correct date facts over DATE_PROPERTIES, with precision and recall
    (recall counts each gold fact once, as the per-property recall does)."""
    rows = [props[p] for p in DATE_PROPERTIES if p in props]
    gold = sum(r["gold"] for r in rows)
    predicted = sum(r["predicted"] for r in rows)
    correct = sum(r["correct"] for r in rows)
    hit = sum((r["recall"] or 0.0) * r["gold"] for r in rows)
    return {
        "gold": gold,
        "predicted": predicted,
        "correct": correct,
        "precision": correct / predicted if predicted else None,
        "recall": hit / gold if gold else None,
    }


def _f(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def targets(
    res: dict[str, Any], dates: dict[str, Any] | None = None
) -> list[tuple[str, float, float | None, str]]:
    """Each target: label, threshold, the value reached (None: not measured), ok/below/n/a.
    ``dates`` (``date_facts``, measured with --with-literals) adds the date-fact targets."""
    measured = [
        (label, (res[section] or {}).get(metric), least)
        for label, section, metric, least in _TARGETS
    ]
    if dates is not None:
        measured += [(label, dates[metric], least) for label, metric, least in _DATE_TARGETS]
    rows = []
    for label, value, least in measured:
        verdict = "n/a" if value is None else "ok" if value >= least else "below"
        rows.append((label, least, value, verdict))
    return rows


def render(
    name: str,
    timing: dict[str, float],
    res: dict[str, Any],
    props: Any,
    with_literals: bool = False,
) -> str:
    """Return the printout: speed, edges, nodes, pairs, typed facts, per property, targets."""
    c, n, p, t = res["counts"], res["nodes"], res["pairs"], res["typed"]
    lines = [
        f"Re-DocRED {name}: {timing['docs']:.0f} docs, {timing['words']:,.0f} words, "
        f"{c['gold_facts_scored']} gold facts scored -> {c['kg_edges']} edges",
        f"  build {timing['seconds']:.1f}s wall: {timing['docs_per_second']:.1f} docs/s, "
        f"{timing['words_per_second']:,.0f} words/s",
        "  edges by category: "
        + ", ".join(f"{k} {v}" for k, v in sorted(c["edges_by_category"].items())),
        f"nodes: precision {_f(n['precision'])} of {n['nodes']} (named kinds "
        f"{_f(n['precision_named_kinds'])} of {n['named_kind_nodes']}, concept/group "
        f"{_f(n['precision_concept_group'])} of {n['concept_group_nodes']}), "
        f"type accuracy {_f(n['type_accuracy'])} of {n['typed_nodes']}",
        "  gold type -> kind:",
    ]
    lines += [
        f"    {g:<5}" + ", ".join(f"{k} {v}" for k, v in ks.items())
        for g, ks in n["gold_type_by_kind"].items()
    ]
    lines += [
        f"pairs: precision {_f(p['precision_edges'])} (edges) / "
        f"{_f(p['precision_distinct_pairs'])} ({p['distinct_anchored_pairs']} distinct pairs), "
        f"same-entity {_f(p['same_entity_rate'])}, unanchored {_f(p['unanchored_rate'])}",
        f"  recall {_f(p['recall_all'])} (all) / {_f(p['recall_intra_sentence'])} "
        f"(intra-sentence) / {_f(p['recall_comentioned'])} (co-mentioned)",
    ]
    if t is None:
        lines.append("typed facts: n/a (no relation property maps to a Wikidata property)")
    else:
        lines += [
            f"typed facts: {t['mapped_edges']} mapped edges ({t['mapped_anchored_edges']} "
            f"anchored), precision {_f(t['precision_anchored'])} (anchored) / "
            f"{_f(t['precision_all_mapped'])} (all)",
            f"  recall {_f(t['recall_all'])} (all) / {_f(t['recall_intra_sentence'])} "
            f"(intra-sentence), F1 {_f(t['f1'])}",
        ]
    lines += [
        "per property (pred: mapped edges without a literal end):",
        f"  {'P-id':<7}{'gold':>6}{'pred':>6}{'correct':>8}{'prec':>7}{'rec':>7}",
    ]
    lines += [
        f"  {pid:<7}{v['gold']:>6}{v['predicted']:>6}{v['correct']:>8}"
        f"{_f(v['precision']):>7}{_f(v['recall']):>7}"
        for pid, v in props.items()
    ]
    dates = date_facts(props) if with_literals else None
    if dates is not None:
        lines.append(
            f"date facts ({' '.join(DATE_PROPERTIES)}): {dates['gold']} gold, "
            f"{dates['predicted']} predicted, {dates['correct']} correct, precision "
            f"{_f(dates['precision'])}, recall {_f(dates['recall'])}"
        )
    lines.append("targets:")
    lines += [
        f"  {label:<30} >= {least:.2f}  {_f(value):>6}  {verdict}"
        for label, least, value, verdict in targets(res, dates)
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    cut = argv.index("--") if "--" in argv else len(argv)
    argv, extra = argv[:cut], argv[cut + 1 :]
    parser = argparse.ArgumentParser(
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Arguments after -- go to kg build unchanged.",
    )
    parser.add_argument(
        "--split",
        type=Path,
        metavar="FILE",
        default=_SPLIT,
        help="split JSON (default: ../shared's dev)",
    )
    parser.add_argument("--work", type=Path, metavar="DIR", help="working folder (kept)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary working folder")
    parser.add_argument("--jobs", type=int, metavar="N", default=2, help="kg build --jobs")
    parser.add_argument(
        "--with-literals",
        action="store_true",
        help="also score pairs and facts with a TIME or NUM entity",
    )
    parser.add_argument("--dump", type=Path, metavar="FILE", help="write every edge's verdict here")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-graph-quality-"))
    try:
        for needed in (_EVAL / "make_docs.py", _EVAL / "score.py", args.split):
            if not needed.is_file():
                why = (
                    "give a split JSON file with --split"
                    if needed == args.split
                    else "the benchmark needs ../shared beside the project"
                )
                raise _Failure(f"{needed} is missing: {why}")
        timing = build(args.split, work, args.jobs, extra)
        res, props = score(work, args.with_literals, args.dump)
    except _Failure as e:
        print(f"Error: {e}", file=sys.stderr)
        sys.exit(2)
    finally:
        if args.work is None and not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        elif args.work is None:
            print(f"working folder kept: {work}", file=sys.stderr)
    dates = date_facts(props) if args.with_literals else None
    if args.json:
        goals = {
            label: {"at_least": least, "value": value, "verdict": verdict}
            for label, least, value, verdict in targets(res, dates)
        }
        extra = {} if dates is None else {"date_facts": dates}
        print(
            json.dumps(
                {**res, "build": timing, "per_property": props, **extra, "targets": goals}, indent=1
            )
        )
    else:
        print(render(args.split.name, timing, res, props, args.with_literals))


if __name__ == "__main__":
    main()
