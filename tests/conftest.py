"""Shared fixtures: the real pinned pipeline, the seed article beside the project, built graphs
and headless Chromium."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = ROOT / "data"
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


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from kg.extract import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def vocab(nlp):  # type: ignore[no-untyped-def]
    return nlp.vocab


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    seed = SHARED / "seed"
    if not seed.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{seed} is missing; CI must run with ../shared beside the project")
        pytest.skip(f"{seed} is not here (the seed article lives in ../shared/seed)")
    return seed


@pytest.fixture(scope="session")
def data_graph():  # type: ignore[no-untyped-def]
    from kg.build import build
    from kg.inputs import iter_documents

    return build(iter_documents([str(DATA)])).graph


@pytest.fixture(scope="session")
def seed_graph(seed_dir: Path):  # type: ignore[no-untyped-def]
    from kg.build import build
    from kg.inputs import iter_documents

    return build(iter_documents([str(seed_dir / "russia_china_ai.txt")])).graph


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(
            f"{reason}; CI must run the browser tests (install with: apt-get install chromium)"
        )
    pytest.skip(
        f"{reason}: install Debian's chromium package (apt-get install chromium) "
        "to run the browser tests"
    )


@pytest.fixture(scope="module")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A persistent Chromium context with a fresh profile and the network off."""
    if not Path(CHROMIUM).is_file():
        _unavailable(f"{CHROMIUM} is missing")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is missing (pip install -e '.[test]')")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=CHROMIUM,
            args=CHROMIUM_ARGS,
            headless=True,
            offline=True,
            viewport={"width": 1400, "height": 900},
        )
        yield context
        context.close()
