"""Extraction quality on the CaRB dev sentences: kg's raw extractions scored, and their cost timed.

Runs the extractor exactly as ``kg extract --lines`` does (each line one sentence, unchanged),
writes the predictions as JSON Lines, scores them with the shared scorer beside the project
(``../shared/eval/score.py``) and times spaCy's own parse against the rules that read it.
It only measures: nothing here changes how kg extracts.

    .venv/bin/python benchmarks/quality.py [--out preds.jsonl] [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

_ROOT: Final = Path(__file__).resolve().parent.parent
SHARED: Final = _ROOT.parent / "shared"
_SENTENCES: Final = SHARED / "bench" / "carb" / "dev.txt"
_SCORER: Final = SHARED / "eval" / "score.py"
_BENCHMARK: Final = "carb-dev"


@dataclass(frozen=True, slots=True)
class Quality:
    """Scores of one run on the dev set and what it cost."""

    precision: float
    recall: float
    f1: float
    auc: float
    sentences: int
    extractions: int
    rules: dict[str, int]
    parse_seconds: float  # spaCy's nlp.pipe alone
    rules_seconds: float  # mentions + extraction rules on the parsed Docs
    total_seconds: float  # extract_lines end to end

    @property
    def overhead(self) -> float:
        """Time the extractor adds, as a fraction of the time spaCy needs to parse."""
        return self.rules_seconds / self.parse_seconds if self.parse_seconds else 0.0


def read_sentences(path: Path = _SENTENCES) -> list[str]:
    """Return the benchmark sentences, one per non-empty line, exactly as written."""
    return [
        line.rstrip("\r\n")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def predict(sentences: list[str], pipeline: str | None = None) -> list[dict[str, object]]:
    """Return the extraction records ``kg extract --lines`` prints for ``sentences``."""
    from kg.extract import DEFAULT_PIPELINE, extract_lines
    from kg.model import Document

    documents = [Document(f"line:{n}", s) for n, s in enumerate(sentences, start=1)]
    return [
        e.to_record()
        for result in extract_lines(documents, pipeline or DEFAULT_PIPELINE)
        for e in result.extractions
    ]


def score(predictions_path: Path) -> dict[str, float]:
    """Return the shared scorer's result (precision, recall, f1, auc, …) for a predictions file."""
    done = subprocess.run(
        [sys.executable, str(_SCORER), str(predictions_path), _BENCHMARK, "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def _best_time(run: Callable[[], object], repeats: int) -> float:
    # The fastest of a few runs: the machine is shared, and noise only ever adds time.
    best = float("inf")
    for _ in range(max(1, repeats)):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def _time_stages(sentences: list[str], pipeline: str | None, repeats: int) -> tuple[float, float]:
    """Seconds spaCy needs to parse ``sentences``, and seconds the rules need to read the parses."""
    from kg.extract import DEFAULT_PIPELINE, load_pipeline
    from kg.extract.mentions import find_mentions, mention_index
    from kg.extract.rules import Sentence, extract_sentence

    nlp = load_pipeline(pipeline or DEFAULT_PIPELINE)
    docs = list(nlp.pipe(sentences))

    def read_all() -> None:
        for n, doc in enumerate(docs):
            index = mention_index(doc, find_mentions(doc))
            extract_sentence(Sentence(doc[:], f"line:{n}", doc.text, 0, index))

    parse = _best_time(lambda: list(nlp.pipe(sentences)), repeats)
    rules = _best_time(read_all, repeats)
    return parse, rules


def measure(
    sentences: list[str] | None = None,
    *,
    pipeline: str | None = None,
    out: Path | None = None,
    repeats: int = 3,
    timed: bool = True,
) -> Quality:
    """Extract from the dev sentences, score the predictions and time the stages."""
    sentences = read_sentences() if sentences is None else sentences
    from kg.extract import DEFAULT_PIPELINE, load_pipeline

    load_pipeline(pipeline or DEFAULT_PIPELINE)  # loading is not part of any timing
    start = time.perf_counter()
    records = predict(sentences, pipeline)
    total = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        path = out or Path(tmp) / "predictions.jsonl"
        path.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
        )
        result = score(path)
    parse, rules = _time_stages(sentences, pipeline, repeats) if timed else (0.0, 0.0)
    return Quality(
        precision=result["precision"],
        recall=result["recall"],
        f1=result["f1"],
        auc=result.get("auc", 0.0),
        sentences=len(sentences),
        extractions=len(records),
        rules=dict(Counter(str(r["rule"]) for r in records).most_common()),
        parse_seconds=parse,
        rules_seconds=rules,
        total_seconds=total,
    )


def render(q: Quality) -> str:
    """Return the printout: scores, speed, the extractor's overhead and per-rule counts."""
    lines = [
        f"CaRB dev ({q.sentences} sentences, {q.extractions} extractions)",
        f"  P={q.precision:.3f}  R={q.recall:.3f}  F1={q.f1:.3f}  AUC={q.auc:.3f}",
        f"  end to end: {q.sentences / q.total_seconds:.0f} sentences/s",
    ]
    if q.parse_seconds:
        lines.append(
            f"  spaCy parse {q.parse_seconds:.2f}s, extractor {q.rules_seconds:.2f}s: "
            f"extractor adds {q.overhead:.1%} to spaCy's time"
        )
    lines.append("  extractions per rule:")
    lines.extend(f"    {rule:<24}{count:>6}" for rule, count in q.rules.items())
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--out", type=Path, help="also keep the predictions in this JSON Lines file"
    )
    parser.add_argument("--pipeline", help="spaCy pipeline (default: kg's)")
    parser.add_argument("--repeats", type=int, default=3, help="timing runs; the fastest counts")
    args = parser.parse_args(argv)
    if not _SCORER.is_file():
        parser.error(f"{_SCORER} is missing: the benchmark lives in ../shared beside the project")
    sys.path.insert(0, str(_ROOT))
    print(render(measure(pipeline=args.pipeline, out=args.out, repeats=args.repeats)))


if __name__ == "__main__":
    main()
