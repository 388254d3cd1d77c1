"""A full disk or a read-only output folder: one clear error, the previous file untouched and
no half-written file left. Each case runs kg in a private mount namespace (``unshare -m``)
on a tiny tmpfs, so no mount outlives the test; it skips where the kernel forbids that."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

_DATA = Path(__file__).resolve().parents[2] / "data"
# Runs inside the namespace: $1 how to mount out/, $2 the store; prints what is left.
_SCRIPT = """
set -u
case "$1" in
  full) mount -t tmpfs -o size=128k tmpfs out && echo previous > out/graph.ttl &&
        (dd if=/dev/zero of=out/filler bs=4k 2>/dev/null; true) ;;
  read-only) echo previous > out/graph.ttl && mount --bind out out &&
        mount -o remount,ro,bind out ;;
esac || exit 90
"$0" -m kg build in --out out --store "$2" --no-html -q --jobs 1
echo "rc=$?"
ls -A out | grep -v '^filler$' | tr '\\n' ' '
echo
cat out/graph.ttl
"""


def _unshare_works() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        [
            "unshare",
            "-m",
            "--propagation",
            "private",
            "sh",
            "-c",
            "mount -t tmpfs -o size=4k tmpfs /mnt",
        ],
        capture_output=True,
    )
    return probe.returncode == 0


def _run(tmp_path: Path, mode: str, store: str) -> tuple[str, list[str]]:
    if not _unshare_works():
        pytest.skip("needs unshare -m and mount (root with CAP_SYS_ADMIN): the kernel refused")
    (tmp_path / "in").mkdir()
    shutil.copy(_DATA / "01-nvidia-foxconn-taiwan-supercomputer.txt", tmp_path / "in")
    (tmp_path / "out").mkdir()
    done = subprocess.run(
        [
            "unshare",
            "-m",
            "--propagation",
            "private",
            "sh",
            "-c",
            _SCRIPT,
            sys.executable,
            mode,
            store,
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "rc=" in done.stdout, done.stderr
    return done.stderr.strip(), done.stdout.split("rc=", 1)[1].splitlines()


@pytest.mark.parametrize(
    ("mode", "store", "error"),
    [
        pytest.param(
            "full",
            "store",
            "Error: Cannot write out/graph.ttl: No space left on device",
            id="disk-full",
        ),
        pytest.param(
            "full",
            "out/store",
            "Error: out/store: cannot open the store: IO error: No space left on device",
            id="disk-full-under-the-store",
        ),
        pytest.param(
            "read-only",
            "store",
            "Error: Cannot write out/graph.ttl: Read-only file system",
            id="read-only-folder",
        ),
    ],
)
def test_unwritable_output_is_one_clear_error_and_no_half_file(
    tmp_path: Path, mode: str, store: str, error: str
) -> None:
    stderr, (code, left, *graph) = _run(tmp_path, mode, store)
    assert code == "1"
    assert stderr.startswith(error), stderr
    assert len(stderr.splitlines()) == 1, stderr  # no traceback
    assert graph == ["previous"]  # the last good file is untouched
    assert sorted(left.split()) == sorted(
        ["graph.ttl", *(["store"] if store.startswith("out/") else [])]
    )
