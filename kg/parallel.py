"""Extraction in worker processes: documents in chunks to N processes, results back in order.

Runs the extraction stage only (no linking, no RDF); texts cross process boundaries, never
spaCy ``Doc`` objects, and each worker loads the pipeline once. Results come back in input
order whatever order the workers finish in, and at most a few chunks are in flight at once,
so memory stays flat however many documents are streamed through.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Final, Protocol, TypeVar

from kg.model import Document

__all__ = ["available_cores", "extract_chunk", "extract_parallel", "ordered_map", "to_chunks"]

log = logging.getLogger(__name__)

# A chunk is sent to a worker as one task: big enough that pickling and scheduling are
# small beside parsing, small enough that two workers share a modest corpus evenly.
CHUNK_CHARS: Final = 40_000
_CHUNK_DOCUMENTS: Final = 256

T = TypeVar("T")
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)


class _Future(Protocol[R_co]):
    def result(self) -> R_co: ...


def available_cores() -> int:
    """Return how many cores this process may run on (its CPU affinity, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def to_chunks(documents: Iterable[Document], chars: int | None = None) -> Iterator[list[Document]]:
    """Yield the documents in order, grouped into lists of about ``chars`` characters
    (``CHUNK_CHARS`` if None).

    >>> [len(c) for c in to_chunks([Document(str(i), "x" * 10) for i in range(5)], chars=25)]
    [3, 2]
    """
    chars = CHUNK_CHARS if chars is None else chars
    chunk: list[Document] = []
    size = 0
    for document in documents:
        chunk.append(document)
        size += len(document.text)
        if size >= chars or len(chunk) >= _CHUNK_DOCUMENTS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def ordered_map(submit: Callable[[T], _Future[R]], items: Iterable[T], window: int) -> Iterator[R]:
    """Yield ``submit(item).result()`` for each item in order, with at most ``window`` in flight.

    ``submit`` starts the work elsewhere (a process pool, a Dask cluster) and returns a future.
    """
    pending: deque[_Future[R]] = deque()
    for item in items:
        pending.append(submit(item))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def extract_chunk(documents: list[Document], pipeline: str, names: frozenset[str]) -> list[Any]:
    """Return the ``DocumentResult`` of each document: the task a worker runs."""
    from kg.extract import extract

    return list(extract(documents, pipeline, names=names))


def _load(pipeline: str) -> None:
    from kg.extract import load_pipeline

    load_pipeline(pipeline)


def extract_parallel(
    documents: Iterable[Document],
    pipeline: str,
    names: Iterable[str] = (),
    jobs: int = 1,
    *,
    sections: bool = False,
) -> Iterator[Any]:
    """Yield the ``DocumentResult`` of each document in order, read by ``jobs`` processes.

    With one job, or when every document fits in one chunk, extraction runs in this process:
    starting workers costs more than a small input saves. There, with ``sections``, a long
    document comes as one result per section (``kg.extract.extract``); from workers it comes
    whole.
    """
    from kg.extract import extract

    listed = frozenset(names)
    chunks = to_chunks(documents)
    first = next(chunks, None)
    second = next(chunks, None) if jobs > 1 else None
    if first is None:
        return
    if second is None:
        yield from extract(first, pipeline, names=listed, sections=sections)
        for chunk in chunks:
            yield from extract(chunk, pipeline, names=listed, sections=sections)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # forkserver: workers start from a clean process, not a copy of one holding open stores
    # and their threads; each imports kg and loads the pipeline once.
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_load, initargs=(pipeline,)
    ) as pool:
        log.debug("extracting with %d worker processes", jobs)

        def submit(chunk: list[Document]) -> _Future[list[Any]]:
            return pool.submit(extract_chunk, chunk, pipeline, listed)

        for results in ordered_map(submit, _chain(first, second, chunks), window=2 * jobs):
            yield from results


def _chain(first: T, second: T, rest: Iterator[T]) -> Iterator[T]:
    yield first
    yield second
    yield from rest
