"""The seed article end to end with the real pipeline: the graph holds the triples it must."""

from __future__ import annotations

import json
from pathlib import Path

from kg.query import ask, select

_PAIR = """
ASK {{
  ?s rdfs:label "{subject}" . ?o rdfs:label "{object}" .
  ?s rel:{predicate} ?o .
}}
"""


def _gold(seed_dir: Path) -> list[dict[str, object]]:
    lines = (seed_dir / "russia_china_ai.gold.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_required_triples_are_edges_between_exact_labels(seed_graph) -> None:  # type: ignore[no-untyped-def]
    assert ask(seed_graph, _PAIR.format(subject="Russia", predicate="collaborates", object="China"))
    assert ask(seed_graph, _PAIR.format(subject="Yandex", predicate="partners", object="Baidu"))


def test_every_required_gold_triple_holds(seed_graph, seed_dir) -> None:  # type: ignore[no-untyped-def]
    from kg.evaluate import evaluate

    report = evaluate(_gold(seed_dir), seed_graph)
    assert report.found("required") == report.total("required") == 2


def test_every_expected_gold_triple_holds(seed_graph, seed_dir) -> None:  # type: ignore[no-untyped-def]
    from kg.evaluate import evaluate

    report = evaluate(_gold(seed_dir), seed_graph)
    assert report.found("expected") == report.total("expected") == 10, report.missed


def test_no_edge_is_stated_from_negated_or_hedged_text(seed_graph) -> None:  # type: ignore[no-untyped-def]
    rows = select(
        seed_graph,
        """
        SELECT ?phrase WHERE { ?e kg:relationPhrase ?phrase }""",
    )
    phrases = {str(r["phrase"]) for r in rows}
    assert not any(" not " in f" {p} " or p.startswith(("may ", "might ")) for p in phrases)
