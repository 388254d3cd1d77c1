"""A build killed mid-way (``kill -9``, Ctrl-C) leaves the previous graph file and the store
readable, and the next run completes with exactly what an uninterrupted build gives.

Each case runs ``kg build`` as a real process on a corpus large enough to take seconds,
signals it part-way through (the fraction of a clean build's time), then reads what is left.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from kg.store import Store

pytestmark = pytest.mark.slow

_DATA = Path(__file__).resolve().parents[2] / "data"


def _kg_build(inputs: Path, out: Path) -> subprocess.Popen[str]:
    # Its own session, so the parse workers it starts can be cleaned up with it.
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kg",
            "build",
            str(inputs),
            "--out",
            str(out),
            "--no-html",
            "-q",
            "--jobs",
            "1",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def _finish(process: subprocess.Popen[str]) -> tuple[int, str]:
    try:
        _, err = process.communicate(timeout=300)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # any worker left behind
    return process.returncode, err


def _quads(store_path: Path) -> set[str]:
    with Store.open(store_path, read_only=True) as store:
        data = store.export("nquads")
    return {str(q) for q in ox.parse(data, format=ox.RdfFormat.N_QUADS)}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path, float]:
    """(the previous build's output, the corpus, a clean build of both, its seconds)."""
    root = tmp_path_factory.mktemp("faults")
    sources = sorted(_DATA.glob("*.txt"))
    (root / "before").mkdir()
    (root / "corpus").mkdir()
    for s in sources[:3]:
        shutil.copy(s, root / "before" / s.name)
    for i in range(100):
        s = sources[i % len(sources)]
        text = s.read_text(encoding="utf-8") + f"\n\nEdition {i} was filed by Reuters in Geneva.\n"
        (root / "corpus" / f"{i:03}-{s.name}").write_text(text, encoding="utf-8")
    assert _finish(_kg_build(root / "before", root / "previous"))[0] == 0
    shutil.copytree(root / "previous", root / "clean")
    started = time.monotonic()
    code, err = _finish(_kg_build(root / "corpus", root / "clean"))
    assert code == 0, err
    return root / "previous", root / "corpus", root / "clean", time.monotonic() - started


@pytest.mark.parametrize(
    ("signum", "fraction"),
    [
        pytest.param(signal.SIGKILL, 0.4, id="kill-9-early"),
        pytest.param(signal.SIGKILL, 0.8, id="kill-9-late"),
        pytest.param(signal.SIGINT, 0.6, id="ctrl-c"),
    ],
)
def test_a_killed_build_leaves_everything_readable_and_the_rerun_completes(
    tmp_path: Path, corpus: tuple[Path, Path, Path, float], signum: int, fraction: float
) -> None:
    previous, inputs, clean, seconds = corpus
    out = tmp_path / "out"
    shutil.copytree(previous, out)
    before = (out / "graph.ttl").read_bytes()
    # A loaded machine makes builds' times vary: a build that ends before its signal is
    # started again and signalled sooner, so the case always interrupts a build.
    for attempt in range(3):
        process = _kg_build(inputs, out)
        time.sleep(seconds * fraction * 0.7**attempt)
        if process.poll() is None:
            break
        _finish(process)
        shutil.rmtree(out)
        shutil.copytree(previous, out)
    else:
        pytest.fail("the build finished before it could be interrupted; make the corpus larger")
    os.kill(process.pid, signum)
    code, err = _finish(process)
    assert code != 0
    if signum == signal.SIGINT:
        assert "Traceback" not in err, err

    # What was there stays readable: the Turtle is the old file or a whole new one.
    turtle = (out / "graph.ttl").read_bytes()
    assert turtle == before or len(Graph().parse(data=turtle, format="turtle")) > len(
        Graph().parse(data=before, format="turtle")
    )
    # The store opens, and every document the previous build wrote is still in it.
    assert _quads(out / "store") >= {q for q in _quads(previous / "store") if "/document/" in q}

    code, err = _finish(_kg_build(inputs, out))
    assert code == 0, err
    assert _quads(out / "store") == _quads(clean / "store")
    assert Graph().parse(out / "graph.ttl").isomorphic(Graph().parse(clean / "graph.ttl"))


@pytest.fixture(scope="module")
def long_document(corpus: tuple[Path, Path, Path, float]) -> tuple[Path, Path, Path, float]:
    """The same corpus as one long file: (previous output, its folder, a clean build, seconds)."""
    previous, inputs, _, _ = corpus
    root = inputs.parent / "long"
    (root / "corpus").mkdir(parents=True)
    texts = [p.read_text(encoding="utf-8") for p in sorted(inputs.glob("*.txt"))]
    (root / "corpus" / "all.txt").write_text("\n\n".join(texts), encoding="utf-8")
    shutil.copytree(previous, root / "clean")
    started = time.monotonic()
    code, err = _finish(_kg_build(root / "corpus", root / "clean"))
    assert code == 0, err
    return previous, root / "corpus", root / "clean", time.monotonic() - started


def test_a_build_killed_inside_a_long_document_leaves_the_store_readable_and_the_rerun_completes(
    tmp_path: Path, long_document: tuple[Path, Path, Path, float]
) -> None:
    previous, inputs, clean, seconds = long_document
    out = tmp_path / "out"
    shutil.copytree(previous, out)
    before = (out / "graph.ttl").read_bytes()
    for attempt in range(3):
        process = _kg_build(inputs, out)
        time.sleep(seconds * 0.6 * 0.7**attempt)
        if process.poll() is None:
            break
        _finish(process)
        shutil.rmtree(out)
        shutil.copytree(previous, out)
    else:
        pytest.fail("the build finished before it could be interrupted; make the document longer")
    os.kill(process.pid, signal.SIGKILL)
    assert _finish(process)[0] != 0

    # The document is written as one transaction: the store holds none of it or all of it.
    turtle = (out / "graph.ttl").read_bytes()
    assert turtle == before or len(Graph().parse(data=turtle, format="turtle")) > len(
        Graph().parse(data=before, format="turtle")
    )
    assert _quads(out / "store") in (_quads(previous / "store"), _quads(clean / "store"))
    code, err = _finish(_kg_build(inputs, out))
    assert code == 0, err
    assert _quads(out / "store") == _quads(clean / "store")
    assert Graph().parse(out / "graph.ttl").isomorphic(Graph().parse(clean / "graph.ttl"))


# Runs ``kg build`` with a hook that kills the process (kill -9) in the second pass, inside
# the long document: after it has read ``N`` of its sections back, or ``N`` seconds into the
# write of its graph (if the write is quicker, once the write is done).
_KILLED_IN_PASS_2 = """
import importlib, os, signal, sys, threading
import kg.store.embedded
from kg.cli import main

build = importlib.import_module("kg.build")
where, n = sys.argv[1], float(sys.argv[2])

def kill():
    os.kill(os.getpid(), signal.SIGKILL)

if where == "read-back":
    load, count = build._load_section, [0]
    def load_section(spill):
        count[0] += 1
        if count[0] > n:
            kill()
        return load(spill)
    build._load_section = load_section
else:
    write = kg.store.embedded.Store.replace_document
    def replace_document(self, document):
        threading.Timer(n, kill).start()
        write(self, document)
        kill()
    kg.store.embedded.Store.replace_document = replace_document
sys.argv = ["kg", *sys.argv[3:]]
main()
"""


@pytest.fixture(scope="module")
def sectioned_document(corpus: tuple[Path, Path, Path, float]) -> tuple[Path, Path, Path]:
    """The corpus twice over as one file long enough to be read in sections: (previous
    output, its folder, a clean build)."""
    import kg.extract

    previous, inputs, _, _ = corpus
    root = inputs.parent / "sectioned"
    (root / "corpus").mkdir(parents=True)
    texts = [p.read_text(encoding="utf-8") for p in sorted(inputs.glob("*.txt"))]
    text = "\n\n".join(texts + [t.replace("Edition ", "Reprint ") for t in texts])
    assert len(text) > kg.extract._SECTION_CHARS
    (root / "corpus" / "all.txt").write_text(text, encoding="utf-8")
    shutil.copytree(previous, root / "clean")
    code, err = _finish(_kg_build(root / "corpus", root / "clean"))
    assert code == 0, err
    return previous, root / "corpus", root / "clean"


@pytest.mark.parametrize(
    ("where", "n"),
    [pytest.param("read-back", 1, id="reading-it-back"), pytest.param("write", 0.05, id="writing")],
)
def test_a_long_document_killed_in_its_write_is_all_or_nothing_and_the_rerun_completes(
    tmp_path: Path, sectioned_document: tuple[Path, Path, Path], where: str, n: float
) -> None:
    previous, inputs, clean = sectioned_document
    out = tmp_path / "out"
    shutil.copytree(previous, out)
    args = [str(inputs), "--out", str(out), "--no-html", "-q", "--jobs", "1"]
    killed = subprocess.Popen(
        [sys.executable, "-c", _KILLED_IN_PASS_2, where, str(n), "build", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    code, err = _finish(killed)
    assert code == -signal.SIGKILL, err
    assert _quads(out / "store") in (_quads(previous / "store"), _quads(clean / "store"))
    code, err = _finish(_kg_build(inputs, out))
    assert code == 0, err
    assert _quads(out / "store") == _quads(clean / "store")
    assert Graph().parse(out / "graph.ttl").isomorphic(Graph().parse(clean / "graph.ttl"))
