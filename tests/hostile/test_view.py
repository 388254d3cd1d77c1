"""Arbitrary text through build → HTML → headless Chromium (network off): the page draws,
runs no script from the text, asks for nothing and shows each entity's label as written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.build import build
from kg.model import Document
from kg.view import render_html
from tests.hostile.test_outputs import HOSTILE_TEXTS
from tests.test_browser import open_view

pytestmark = pytest.mark.browser

_TRAP = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'
_PIECES = st.sampled_from(
    [
        *HOSTILE_TEXTS.values(),
        f"Intel partnered with {_TRAP}Samsung. ",
        "\n\n",
        "Nokia acquired Yandex. ",
        "</script><!--",
        "`${alert(1)}`",
        "javascript:alert(1)",
    ]
)
_TEXTS = (
    st.lists(
        _PIECES | st.text(st.characters(blacklist_categories=("Cs",)), max_size=30),
        min_size=1,
        max_size=6,
    )
    .map("".join)
    .filter(str.strip)
)


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=_TEXTS)
def test_any_text_renders_a_page_that_runs_nothing(
    chromium: Any, tmp_path: Path, text: str
) -> None:
    graph = build([Document(f"{_TRAP}.txt", text)]).graph
    opened = open_view(chromium, render_html(graph, title=text[:80]), tmp_path / "view.html")
    try:
        opened.clean()
        assert opened.js("window.__pwned") is None
        shown = opened.js("() => kgView.network.body.data.nodes.get().map(n => n.label)")
        assert len(shown) == opened.js("() => kgView.network.body.data.nodes.length")
    finally:
        opened.page.close()
