"""Large inputs: a 50 MB file with no newline is cut into parseable pieces, offsets intact,
and a single line past spaCy's ``nlp.max_length`` builds instead of crashing the parser."""

from __future__ import annotations

import time
from itertools import pairwise
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.extract.segment import MAX_BLOCK, split_blocks
from kg.namespace import entity_iri, relation_iri
from kg.store import load

_SENTENCE = "Intel partnered with Samsung. "


@pytest.mark.parametrize(
    ("unit", "cut_at"),
    [
        pytest.param(_SENTENCE, ". ", id="sentences"),
        pytest.param("word ", " ", id="words-no-full-stop"),
        pytest.param("x", None, id="one-50MB-token"),
        pytest.param("e\u0301", None, id="combining-marks"),
    ],
)
def test_a_50mb_line_is_cut_into_pieces_that_keep_their_offsets(
    unit: str, cut_at: str | None
) -> None:
    text = unit * (50_000_000 // len(unit))
    started = time.perf_counter()
    blocks = split_blocks(text)
    assert time.perf_counter() - started < 30
    assert all(0 < len(b.text) <= MAX_BLOCK for b in blocks)
    assert all(text[b.start : b.end] == b.text for b in blocks)
    # Nothing but whitespace is left out between the pieces.
    gaps = [text[a.end : b.start] for a, b in pairwise(blocks)]
    assert all(not gap.strip() for gap in gaps)
    assert blocks[0].start == 0 and blocks[-1].end == len(text.rstrip())
    if cut_at == ". ":
        assert all(b.text.endswith(".") for b in blocks)
    if unit == "e\u0301":
        assert all(b.text.startswith("e") for b in blocks)


def test_a_line_longer_than_spacys_max_length_builds(tmp_path: Path) -> None:
    # 1.1 million characters, no newline: spaCy itself refuses a text over 1,000,000.
    line = (_SENTENCE + "Q" * 2000 + " ") * 540
    assert len(line) > 1_000_000
    (tmp_path / "long.txt").write_text(line, encoding="utf-8")
    result = CliRunner().invoke(
        main,
        ["build", str(tmp_path / "long.txt"), "--out", str(tmp_path / "out"), "--no-html", "-q"],
    )
    assert result.exit_code == 0, result.output
    graph = load(tmp_path / "out" / "graph.ttl")
    assert (
        entity_iri("Intel", "organization"),
        relation_iri("partners"),
        entity_iri("Samsung", "organization"),
    ) in graph
