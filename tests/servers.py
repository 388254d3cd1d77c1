"""Real servers for the tests, on loopback only: an Oxigraph SPARQL server, Virtuoso, a Dask
cluster. Each starts on a free port in a private directory and is stopped by its own PID.

A server whose program is missing makes its tests skip with the package to install, or fail
under ``CI=true`` (CI installs them: ``.ci/system-deps.sh``).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

_START_SECONDS = 60.0


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def require(program: str, package: str) -> str:
    """Return the path of ``program``, or skip (fail under CI) naming the package to install."""
    found = shutil.which(program) or (
        str(Path(sys.executable).parent / program)
        if (Path(sys.executable).parent / program).is_file()
        else None
    )
    if found is None:
        message = (
            f"{program} is not installed (install the {package} package; see .ci/system-deps.sh)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return found


def _wait(
    ready: Callable[[], bool], process: subprocess.Popen[bytes], what: str, log: Path
) -> None:
    deadline = time.monotonic() + _START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"{what} exited with {process.returncode}: {log.read_text()[-2000:]}"
            )
        if ready():
            return
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not start in {_START_SECONDS:.0f} s: {log.read_text()[-2000:]}")


def _answers(url: str) -> Callable[[], bool]:
    def ready() -> bool:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return True
        except urllib.error.HTTPError:
            return True  # it answered, if only to refuse
        except OSError:
            return False

    return ready


@contextmanager
def _running(args: list[str], cwd: Path, what: str, ready: Callable[[], bool]) -> Iterator[None]:
    log = cwd / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(args, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait(ready, process, what, log)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def oxigraph_server(directory: Path) -> Iterator[str]:
    """Run ``oxigraph serve`` on a free loopback port; yield its query endpoint URL."""
    program = require("oxigraph", "oxigraph (PyPI)")
    port = free_port()
    args = [program, "serve", "--location", str(directory / "data"), "--bind", f"127.0.0.1:{port}"]
    with _running(args, directory, "oxigraph serve", _answers(f"http://127.0.0.1:{port}/")):
        yield f"http://127.0.0.1:{port}/query"


_VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
MaxCheckpointRemap = 2000
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 0
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = ., {dir}
VADInstallDir = /usr/share/virtuoso-opensource-7/vad/

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 4
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 10000
MaxQueryExecutionTime = 120
"""


@contextmanager
def virtuoso_server(directory: Path) -> Iterator[str]:
    """Run Virtuoso Open Source from a private ini on free loopback ports, with SPARQL update
    granted; yield its authenticated endpoint (user ``dba``, password ``dba``)."""
    program = require("virtuoso-t", "virtuoso-opensource (Debian)")
    isql = require("isql-vt", "virtuoso-opensource (Debian)")
    sql_port, http_port = free_port(), free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(_VIRTUOSO_INI.format(dir=directory, sql_port=sql_port, http_port=http_port))
    args = [program, "+foreground", "+configfile", str(ini)]
    with _running(args, directory, "virtuoso-t", _answers(f"http://127.0.0.1:{http_port}/sparql")):
        subprocess.run(
            [
                isql,
                f"127.0.0.1:{sql_port}",
                "dba",
                "dba",
                'exec=GRANT SPARQL_UPDATE TO "dba"; GRANT SPARQL_UPDATE TO "SPARQL";',
            ],
            check=True,
            capture_output=True,
            timeout=60,
        )
        yield f"http://127.0.0.1:{http_port}/sparql-auth"


def data_documents() -> list[Any]:
    """The demo corpus (data/) as Documents: eight articles, about 1,500 words."""
    from kg.inputs import iter_documents

    return list(iter_documents([str(Path(__file__).resolve().parent.parent / "data")]))


def local_turtle(documents: list[Any]) -> bytes:
    """The Turtle export of a plain one-process build of ``documents`` into memory: what
    every other way of building must give, byte for byte."""
    from kg.build import build
    from kg.store import Store

    sink = build(documents, jobs=1).sink
    assert isinstance(sink, Store)
    return sink.export("turtle")
