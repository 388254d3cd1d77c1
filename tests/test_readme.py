"""The README's examples run and the example queries answer on the demo graph."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.query import select

ROOT = Path(__file__).resolve().parent.parent
QUERIES = sorted((ROOT / "data" / "queries").glob("*.rq"))


@pytest.mark.parametrize("path", QUERIES, ids=[p.stem for p in QUERIES])
def test_example_query_has_answers_on_the_demo_graph(data_graph, path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = select(data_graph, path.read_text(encoding="utf-8"))
    assert len(rows) >= 3


def test_readme_shows_each_example_query() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path in QUERIES:
        assert f"data/queries/{path.name}" in readme
    assert "make demo" in readme and "make test" in readme


def test_readme_library_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## As a library", 1)[1].split("`import kg`", 1)[0]
    code = "\n".join(line[4:] for line in block.splitlines() if line.startswith("    "))
    assert "kg.build" in code
    monkeypatch.chdir(ROOT)
    code = re.sub(r'"out/graph.ttl"', repr(str(tmp_path / "graph.ttl")), code)
    exec(compile(code, "README.md", "exec"), {})
    assert (tmp_path / "graph.ttl").stat().st_size > 0


def test_readme_why_does_this_edge_exist_query_answers(data_graph) -> None:  # type: ignore[no-untyped-def]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("### Why does this edge exist?", 1)[1].split("\n## ", 1)[0]
    sparql = "\n".join(line[4:] for line in block.splitlines() if line.startswith("    "))
    rows = select(data_graph, sparql)
    assert rows and all(r["rule"] and r["sentence"] for r in rows)
