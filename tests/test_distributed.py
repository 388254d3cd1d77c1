"""Parsing on a Dask cluster (`--scheduler`, `--dask`): the same store as a local build."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import kg.parallel
from kg.build import build
from kg.cli import main
from kg.errors import KGError
from kg.parallel import to_chunks
from tests.conftest import DATA
from tests.servers import data_documents, free_port, local_turtle

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    """Two single-threaded worker processes and a scheduler, on loopback only."""
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        host="127.0.0.1",
        scheduler_port=free_port(),
        dashboard_address="127.0.0.1:0",
        processes=True,
    ) as running:
        yield running


def _pipelines_loaded() -> int:
    from kg.extract import pipeline

    return int(pipeline._load.cache_info().currsize)


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kg.parallel, "CHUNK_CHARS", 1_500)


def test_a_build_on_dask_equals_a_local_build(cluster: Any, small_chunks: None) -> None:
    documents = data_documents()
    assert len(list(to_chunks(documents))) > 2
    with distributed.Client(cluster) as client:
        on_dask = build(documents, client=client)
        # Every worker took part, and loaded the pipeline once for all its chunks.
        loaded = client.run(_pipelines_loaded)
    assert on_dask.sink.export("turtle") == local_turtle(documents)
    assert sorted(loaded.values()) == [1, 1]


def test_cli_scheduler_gives_the_same_turtle(
    cluster: Any, tmp_path: Path, small_chunks: None
) -> None:
    result = CliRunner().invoke(
        main,
        [
            "build",
            str(DATA),
            "--out",
            str(tmp_path),
            "--no-html",
            "-q",
            "--scheduler",
            cluster.scheduler_address,
        ],
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "graph.ttl").read_bytes() == local_turtle(data_documents())


def test_an_unreachable_scheduler_is_a_one_line_error() -> None:
    from kg.distributed import connect

    address = f"tcp://127.0.0.1:{free_port()}"
    with (
        pytest.raises(KGError, match="Cannot reach the Dask scheduler"),
        connect(address, timeout=2),
    ):
        pass


def test_cli_dask_starts_a_local_cluster_and_gives_the_same_turtle(
    tmp_path: Path, small_chunks: None
) -> None:
    result = CliRunner().invoke(
        main,
        ["build", str(DATA), "--out", str(tmp_path), "--no-html", "-q", "--dask", "--jobs", "2"],
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "graph.ttl").read_bytes() == local_turtle(data_documents())
