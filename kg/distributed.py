"""Extraction on a Dask cluster: chunks of documents to its workers, results back in order.

Runs the extraction stage only, like ``kg.parallel`` but on Dask's workers; linking and
writing stay in the process that called ``kg.build``, so the store is written from one
place. Workers load the pipeline once each (``load_pipeline`` is cached per process).
Imports Dask only when called.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterable, Iterator
from typing import Any

from kg.errors import KGError
from kg.model import Document
from kg.parallel import extract_chunk, ordered_map, to_chunks

__all__ = ["connect", "extract_on_dask"]

log = logging.getLogger(__name__)

# A worker with several threads must not run one spaCy pipeline in two threads at once.
_PIPELINE_LOCK = threading.Lock()


def _extract_chunk_locked(
    documents: list[Document], pipeline: str, names: frozenset[str]
) -> list[Any]:
    with _PIPELINE_LOCK:
        return extract_chunk(documents, pipeline, names)


@contextlib.contextmanager
def connect(scheduler: str | None = None, workers: int = 2, timeout: float = 20.0) -> Iterator[Any]:
    """Yield a ``distributed.Client``: to ``scheduler`` (``tcp://HOST:PORT``), or to a new
    ``LocalCluster`` of ``workers`` single-threaded processes on 127.0.0.1 when it is None.

    Raises:
        KGError: the scheduler cannot be reached.
    """
    from distributed import Client, LocalCluster

    if scheduler is None:
        with (
            LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                host="127.0.0.1",
                dashboard_address="127.0.0.1:0",
                processes=True,
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client
        return
    try:
        client = Client(scheduler, timeout=f"{timeout}s")
    except (OSError, TimeoutError) as e:
        raise KGError(
            f"Cannot reach the Dask scheduler at {scheduler}: {e}. Start one with "
            f"`dask scheduler` (and `dask worker {scheduler}` on each machine), or use --dask "
            f"for a local cluster."
        ) from e
    with client:
        yield client


def extract_on_dask(
    documents: Iterable[Document], pipeline: str, client: Any, names: Iterable[str] = ()
) -> Iterator[Any]:
    """Yield the ``DocumentResult`` of each document in order, read by ``client``'s workers.

    Every worker must have kg and the pipeline installed.
    """
    listed = frozenset(names)
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    log.debug("extracting on %d Dask workers", workers)

    def submit(chunk: list[Document]) -> Any:
        # pure=False: two equal chunks are still two tasks, each with its own result.
        return client.submit(_extract_chunk_locked, chunk, pipeline, listed, pure=False)

    for results in ordered_map(submit, to_chunks(documents), window=2 * workers):
        yield from results
