"""Shared fixtures: the real pinned pipeline, the seed article beside the project, built graphs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = ROOT / "data"


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
