"""Throughput benchmark: words/s and peak RSS of spaCy alone, kg's extraction and kg's build.

    .venv/bin/python benchmarks/throughput.py [--words 200000] [--small 20000]
    .venv/bin/python benchmarks/throughput.py --long 1,10 [--timeout 900]

Generates a corpus of distinct news-like documents from data/ and the seed article (each a
seeded shuffle of their paragraphs, so no two share a content hash), then runs, each in a
fresh process so peak RSS is its own:

  (a) spaCy alone: the pipeline as kg loads it, over kg's blocks, ``nlp.pipe`` in batches
  (b) extraction:  ``kg.extract.extract`` (what ``kg extract`` prints, without printing)
  (c) build:       ``kg.build.build`` into an on-disk store, at --jobs 1 and --jobs 2

and prints words/s, peak RSS, the ratios (b)/(a), (c)/(a), jobs-2 over jobs-1, and peak RSS
of a build at --small words against one at --words. Timings exclude loading the pipeline in
the measuring process (worker processes load theirs inside the timing). Run it on a quiet
machine; the load average is printed with the figures.

``--long`` (sizes in MB, comma-separated) measures long documents instead: at each size the
same generated text is built at --jobs 1 as many files, as one file (paragraphs kept) and as
one line without a newline, each in a fresh process, and the single-file rates are given as
a share of the many-files rate. A case that runs longer than --timeout seconds is cut off
and reported as such.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_SOURCES = [ROOT / "data", ROOT.parent / "shared" / "seed" / "russia_china_ai.txt"]


def _corpus(words: int, chars: int = 0) -> list[tuple[str, str]]:
    from kg.inputs import iter_documents

    paragraphs = [
        p
        for d in iter_documents([str(s) for s in _SOURCES if s.exists()])
        for p in d.text.split("\n\n")
        if p.strip()
    ]
    rng = random.Random(7)
    documents, total, i = [], 0, 0
    size = 0
    while total < words or size < chars:
        text = "\n\n".join(rng.sample(paragraphs, k=min(6, len(paragraphs))))
        documents.append((f"gen/{i:06d}.txt", text))
        total += len(text.split())
        size += len(text) + 2
        i += 1
    return documents


def _long_documents(stage: str, mb: float) -> list[tuple[str, str]]:
    """The same text of about ``mb`` MB as many files, as one file, or as one line."""
    files = _corpus(0, chars=int(mb * 1_000_000))
    if stage == "long-files":
        return files
    whole = "\n\n".join(text for _, text in files)
    if stage == "long-line":
        return [("long/line.txt", " ".join(whole.split()))]
    return [("long/one.txt", whole)]


def _measure(stage: str, words: int, jobs: int, mb: float = 0.0) -> dict[str, float]:
    """Run one stage in this process and return its figures (called in a fresh process)."""
    from kg.build import build
    from kg.extract import DEFAULT_PIPELINE, extract, load_pipeline
    from kg.extract.segment import split_blocks
    from kg.model import Document
    from kg.store import Store

    generated = _long_documents(stage, mb) if stage.startswith("long") else _corpus(words)
    documents = [Document(name, text) for name, text in generated]
    counted = sum(len(d.text.split()) for d in documents)
    nlp = load_pipeline(DEFAULT_PIPELINE)
    started = time.perf_counter()
    if stage == "spacy":
        texts = (b.text for d in documents for b in split_blocks(d.text))
        for _ in nlp.pipe(texts, batch_size=64):
            pass
    elif stage == "extract":
        for _ in extract(documents):
            pass
    else:
        with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "store") as store:
            build(documents, sink=store, jobs=jobs)
    seconds = time.perf_counter() - started
    peak_kib = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    return {
        "words": counted,
        "documents": len(documents),
        "seconds": seconds,
        "words_per_s": counted / seconds,
        "peak_rss_mb": peak_kib / 1024,
    }


def _run(stage: str, words: int, jobs: int = 1) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--measure", stage, "--words", str(words), "--jobs", str(jobs)],
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def _run_long(stage: str, mb: float, timeout: float) -> dict[str, float] | None:
    """One long-document case in a fresh process, or None if it ran past ``timeout`` s."""
    command = [sys.executable, __file__, "--measure", stage, "--mb", str(mb)]
    try:
        out = subprocess.run(command, check=True, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def _long(sizes: list[float], timeout: float) -> None:
    cases = {
        "long-files": "as many files",
        "long-one": "as one file",
        "long-line": "as one line, no newline",
    }
    for mb in sizes:
        rows = {stage: _run_long(stage, mb, timeout) for stage in cases}
        files = rows["long-files"]
        for stage, r in rows.items():
            name = f"{mb:g} MB {cases[stage]}"
            if r is None:
                print(f"{name:38} cut off after {timeout:.0f} s")
                continue
            share = (
                f"  {r['words_per_s'] / files['words_per_s']:.2f}x files (target >= 0.8)"
                if files is not None and stage != "long-files"
                else ""
            )
            print(
                f"{name:38} {r['words']:>8,.0f} words {r['documents']:>6,.0f} docs "
                f"{r['seconds']:>7.1f} s {r['words_per_s']:>8,.0f} words/s "
                f"peak RSS {r['peak_rss_mb']:>6,.0f} MB{share}",
                flush=True,
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=200_000)
    parser.add_argument("--small", type=int, default=20_000)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--long", help="long-document case at these sizes in MB, e.g. 1,10")
    parser.add_argument("--mb", type=float, default=0.0, help=argparse.SUPPRESS)
    parser.add_argument(
        "--timeout",
        type=float,
        default=900.0,
        help="seconds before a long-document case is cut off",
    )
    parser.add_argument(
        "--measure", choices=["spacy", "extract", "build", "long-files", "long-one", "long-line"]
    )
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(_measure(args.measure, args.words, args.jobs, args.mb)))
        return
    print(
        f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
        f"cores available: {len(os.sched_getaffinity(0))}"
    )
    if args.long:
        _long([float(x) for x in args.long.split(",")], args.timeout)
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        return
    rows = {
        "(a) spaCy parse alone": _run("spacy", args.words),
        "(b) kg extract": _run("extract", args.words),
        "(c) kg build, --jobs 1": _run("build", args.words, 1),
        "(c) kg build, --jobs 2": _run("build", args.words, 2),
        f"(c) kg build, --jobs 1, {args.small:,} words": _run("build", args.small, 1),
    }
    for name, r in rows.items():
        print(
            f"{name:38} {r['words']:>8,.0f} words {r['documents']:>6,.0f} docs "
            f"{r['seconds']:>7.1f} s {r['words_per_s']:>8,.0f} words/s "
            f"peak RSS {r['peak_rss_mb']:>6,.0f} MB"
        )
    a, b = rows["(a) spaCy parse alone"], rows["(b) kg extract"]
    c1, c2 = rows["(c) kg build, --jobs 1"], rows["(c) kg build, --jobs 2"]
    small = rows[f"(c) kg build, --jobs 1, {args.small:,} words"]
    print(f"(b)/(a)            {b['words_per_s'] / a['words_per_s']:.2f}")
    print(f"(c)/(a) at 1 job   {c1['words_per_s'] / a['words_per_s']:.2f}   (target >= 0.85)")
    print(
        f"jobs 2 / jobs 1    {c2['words_per_s'] / c1['words_per_s']:.2f}   "
        "(target >= 1.7 on two cores)"
    )
    print(
        f"peak RSS {args.words:,} / {args.small:,} words: "
        f"{c1['peak_rss_mb'] / small['peak_rss_mb']:.2f}   (target <= 1.10)"
    )
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
