"""Many tiny files: inputs are read as the folders are walked (nothing held per file that is
not needed), and a build's time grows with the number of files, not with its square.

A million files is past what CI can afford; these run tens of thousands through the reader
and a thousand through a whole build."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from kg.cli import main
from kg.store import Store

_NAMES = ("Intel", "Samsung", "Nokia", "Ericsson", "Airbus", "Tata", "Baidu", "Yandex")


def _tiny_files(root: Path, folders: int, per_folder: int) -> None:
    for d in range(folders):
        folder = root / f"d{d:03}"
        folder.mkdir(parents=True)
        for i in range(per_folder):
            a, b = _NAMES[i % 8], _NAMES[(i + d + 1) % 8]
            (folder / f"{i:05}.txt").write_text(
                f"{a} partnered with {b} in {d}-{i}.\n", encoding="utf-8"
            )


# Measured in a fresh interpreter: tracemalloc counts every thread's allocations, and threads
# that earlier tests leave behind (servers, clients) would be counted as the reader's.
_READ_ALL = """
import sys, time, tracemalloc
from kg.inputs import iter_documents
started = time.perf_counter()
tracemalloc.start()
count = sum(1 for document in iter_documents([sys.argv[1]]) if document.text)
_, peak = tracemalloc.get_traced_memory()
print(count, peak, time.perf_counter() - started)
"""


def test_reading_30000_files_streams_them(tmp_path: Path) -> None:
    _tiny_files(tmp_path, folders=30, per_folder=1000)
    done = subprocess.run(
        [sys.executable, "-c", _READ_ALL, str(tmp_path)], capture_output=True, text=True, check=True
    )
    count, peak, seconds = done.stdout.split()
    assert int(count) == 30_000
    assert float(seconds) < 60
    # One folder's names (1,000) at a time, and what a fresh interpreter allocates on first use
    # (regular expressions, the os module's caches): far less than the 30,000 paths and texts
    # would take.
    assert int(peak) < 3_000_000, f"{int(peak):,} bytes held while reading"


def test_building_a_thousand_tiny_files_takes_linear_time(tmp_path: Path) -> None:
    # A thousand and then two thousand: with a per-document cost that grew with the store
    # (listing every document on each write, the bug this pins), the second took about 4x as long.
    timings = []
    for n in (1, 2):
        _tiny_files(tmp_path / f"in{n}", folders=n, per_folder=1000)
        started = time.perf_counter()
        result = CliRunner().invoke(
            main,
            [
                "build",
                str(tmp_path / f"in{n}"),
                "--out",
                str(tmp_path / f"out{n}"),
                "--no-html",
                "-q",
            ],
        )
        timings.append(time.perf_counter() - started)
        assert result.exit_code == 0, result.output
        with Store.open(tmp_path / f"out{n}" / "store", read_only=True) as store:
            assert store.totals().documents == 1000 * n
    assert timings[1] < 3 * timings[0], timings
