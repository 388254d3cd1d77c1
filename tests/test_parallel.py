"""Parsing in worker processes (`--jobs N`): the same store as one process, memory kept flat."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.parallel
from kg.build import build
from kg.cli import main
from kg.errors import StoreError
from kg.graph import DocumentGraph
from kg.model import Document
from kg.parallel import ordered_map, to_chunks
from kg.store import Store
from tests.conftest import DATA
from tests.servers import data_documents, local_turtle


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of about one article, so even the demo corpus goes to several workers."""
    monkeypatch.setattr(kg.parallel, "CHUNK_CHARS", 1_500)


def test_two_jobs_write_the_same_store_as_one(small_chunks: None) -> None:
    documents = data_documents()
    assert len(list(to_chunks(documents))) > 2
    assert build(documents, jobs=2).sink.export("turtle") == local_turtle(documents)


def test_results_come_back_in_input_order_whatever_order_work_finishes() -> None:
    def slow_first(n: int) -> int:
        time.sleep(0.05 * (5 - n))
        return n

    with ThreadPoolExecutor(4) as pool:
        got = list(ordered_map(lambda n: pool.submit(slow_first, n), range(6), window=3))
    assert got == list(range(6))


def test_a_small_input_is_read_in_process_without_starting_workers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("started a process pool for one chunk")

    monkeypatch.setattr("concurrent.futures.ProcessPoolExecutor", no_pool)
    result = build([Document("a.txt", "Intel partnered with Samsung.")], jobs=4)
    assert result.triples == 1


def test_documents_are_pulled_as_extraction_goes_not_all_up_front(small_chunks: None) -> None:
    documents = data_documents()
    pulled: list[str] = []
    read_when_pulled: list[int] = []
    read: list[str] = []

    def stream() -> object:
        for d in documents:
            pulled.append(d.name)
            read_when_pulled.append(len(read))
            yield d

    build(stream(), jobs=1, on_document=lambda d: read.append(d.name))  # type: ignore[arg-type]
    assert read == pulled
    assert read_when_pulled[-1] > 0  # the last document was pulled after others were read


def test_progress_covers_the_second_pass_each_document_it_commits() -> None:
    documents = data_documents()
    store = Store.memory()
    build(documents[:1], sink=store)  # already stored: read again, not written again
    events: list[tuple[object, ...]] = []
    build(
        documents,
        sink=store,
        on_document=lambda d: events.append(("read", d.name)),
        on_written=lambda source, done, total: events.append(("written", source, done, total)),
    )
    n = len(documents)
    assert [e[0] for e in events] == ["read"] * n + ["written"] * (n - 1)
    assert events[n:] == [("written", d.name, k, n - 1) for k, d in enumerate(documents[1:], 1)]


class _FailingStore(Store):
    """A store whose disk fills up after ``limit`` documents."""

    def __init__(self, limit: int) -> None:
        super().__init__(Store.memory().oxigraph)
        self.limit = limit

    def replace_document(self, document: DocumentGraph) -> tuple[str, ...]:
        if self.limit == 0:
            raise StoreError("disk full")
        self.limit -= 1
        return super().replace_document(document)


def test_an_interrupted_build_keeps_what_it_committed_and_a_rerun_skips_it() -> None:
    documents = data_documents()
    store = _FailingStore(limit=3)
    with pytest.raises(StoreError):
        build(documents, sink=store)
    assert store.totals().documents == 3
    store.limit = len(documents)
    again = build(documents, sink=store)
    assert (again.unchanged, again.added, again.documents) == (
        3,
        len(documents) - 3,
        len(documents),
    )


def test_cli_jobs_gives_the_same_turtle(tmp_path: Path, small_chunks: None) -> None:
    runner = CliRunner()
    for jobs in ("1", "2"):
        result = runner.invoke(
            main,
            ["build", str(DATA), "--out", str(tmp_path / jobs), "--no-html", "-q", "--jobs", jobs],
        )
        assert result.exit_code == 0, result.output
    assert (tmp_path / "1" / "graph.ttl").read_bytes() == (
        tmp_path / "2" / "graph.ttl"
    ).read_bytes()
