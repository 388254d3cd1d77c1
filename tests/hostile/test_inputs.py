"""Hostile input files: each is reported in one line and skipped, and the build goes on."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import EXIT_SKIPPED, main
from kg.errors import InputError
from kg.inputs import iter_documents
from kg.store import Store

GOOD = "Intel partnered with Samsung.\n"


def _read(paths: list[str]) -> tuple[list[str], list[str]]:
    skipped: list[InputError] = []
    names = [d.name for d in iter_documents(paths, on_skip=skipped.append)]
    return names, [str(e) for e in skipped]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        pytest.param(
            "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", id="binary-png"
        ),
        pytest.param(
            "latin1.txt", "café crème".encode("latin-1"), "not valid UTF-8", id="invalid-utf8"
        ),
        pytest.param("empty.txt", b"", "empty", id="empty-file"),
        pytest.param("blank.md", b" \n\t\n", "empty", id="whitespace-only"),
    ],
)
def test_bad_file_is_skipped_with_a_reason(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / name).write_bytes(data)
    names, skipped = _read([str(tmp_path)])
    assert names == [str(tmp_path / "good.txt")]
    assert len(skipped) == 1 and name in skipped[0] and reason in skipped[0]


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    (tmp_path / "wide.txt").write_bytes(GOOD.encode("utf-16"))
    (doc,) = iter_documents([str(tmp_path / "wide.txt")])
    assert doc.text == GOOD


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    (doc,) = iter_documents([str(tmp_path / "bom.txt")])
    assert doc.text == GOOD


def test_non_text_suffixes_in_a_folder_are_ignored(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    assert _read([str(tmp_path)]) == ([str(tmp_path / "a.txt")], [])


def test_symlink_loop_does_not_hang(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    names, skipped = _read([str(tmp_path)])
    assert names == [str(tmp_path / "a.txt")]
    assert [s for s in skipped if "dangling.txt" in s]


_AS_CHILD = """
import json, sys
from kg.inputs import iter_documents
from kg.store import Store
skipped = []
names = [d.name for d in iter_documents(sys.argv[1:], on_skip=lambda e: skipped.append(str(e)))]
print(json.dumps([names, skipped]))
"""


def _read_without_override(paths: list[str]) -> tuple[list[str], list[str]]:
    """Read ``paths`` in a child that lacks the capabilities root reads any file with."""
    command = [sys.executable, "-c", _AS_CHILD, *paths]
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("root reads files whatever their mode, and setpriv (util-linux) is missing")
        command = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", *command]
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        cwd=Path(__file__).parents[2],
    )
    names, skipped = json.loads(done.stdout)
    return names, skipped


def test_unreadable_file_and_folder_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "hidden.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "private").chmod(0)
    try:
        names, skipped = _read_without_override([str(tmp_path)])
    finally:
        (tmp_path / "private").chmod(0o700)
    assert names == [str(tmp_path / "good.txt")]
    assert sorted(skipped) == [
        f"{locked}: cannot be read (Permission denied)",
        f"{tmp_path / 'private'}: cannot be read (Permission denied)",
    ]


@pytest.mark.timeout(60)
def test_fifo_and_device_in_a_folder_are_skipped_not_read(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would block for ever
    (tmp_path / "zero.txt").symlink_to("/dev/zero")  # reading it would never end
    names, skipped = _read([str(tmp_path)])
    assert names == [str(tmp_path / "good.txt")]
    assert sorted(skipped) == [
        f"{tmp_path / 'pipe.txt'}: not a regular file (a FIFO); skipped",
        f"{tmp_path / 'zero.txt'}: not a regular file (a device or socket); skipped",
    ]


def test_a_fifo_named_on_the_command_line_is_read(tmp_path: Path) -> None:
    # `kg build <(curl …)` names a pipe: that is a deliberate input.
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    writer = subprocess.Popen(["sh", "-c", f"printf '{GOOD.strip()}' > '{fifo}'"])
    (doc,) = iter_documents([str(fifo)])
    writer.wait(timeout=30)
    assert doc.text == GOOD.strip()


def test_a_file_name_that_is_not_utf8_is_read_and_stored(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    with open(folder + b"/caf\xe9 \x1b[31mred\n.txt", "wb") as out:
        out.write(GOOD.encode())
    result = CliRunner().invoke(
        main, ["build", str(tmp_path), "--out", str(tmp_path / "out"), "--no-html", "-q"]
    )
    assert result.exit_code == 0, result.output
    (document,) = Store.open(tmp_path / "out" / "store", read_only=True).documents()
    assert document.source == f"{tmp_path}/caf\\xe9 \x1b[31mred\n.txt"


def test_control_characters_in_a_name_are_escaped_in_the_message(tmp_path: Path) -> None:
    (tmp_path / "evil\x1b[2J\nWarning: fake.txt").write_bytes(b"\x00binary")
    _, skipped = _read([str(tmp_path)])
    assert skipped == [
        f"{tmp_path}/evil\\x1b[2J\\nWarning: fake.txt: looks like a binary file "
        "(it contains NUL bytes); skipped"
    ]


@pytest.mark.parametrize(
    ("data", "text"),
    [
        pytest.param(GOOD.encode("utf-16-be"), None, id="utf16-without-bom-is-binary"),
        pytest.param(b"\xfe\xff" + GOOD.encode("utf-16-be"), GOOD, id="utf16-big-endian-bom"),
        pytest.param(b"\xff\xfe" + b"\x00\xd8A\x00", None, id="utf16-lone-surrogate"),
        pytest.param(b"\xff\xfeA", None, id="utf16-odd-length"),
        pytest.param(b"Intel \xed\xa0\x80 Samsung", None, id="utf8-encoded-surrogate"),
        pytest.param(b"Intel \xc0\xaf Samsung", None, id="utf8-overlong"),
        pytest.param(b"\xef\xbb\xbf", None, id="only-a-bom-is-empty"),
    ],
)
def test_encodings(tmp_path: Path, data: bytes, text: str | None) -> None:
    (tmp_path / "in.txt").write_bytes(data)
    skipped: list[InputError] = []
    docs = list(iter_documents([str(tmp_path / "in.txt")], on_skip=skipped.append))
    assert [d.text for d in docs] == ([text] if text else [])
    assert len(skipped) == (0 if text else 1)


def test_closed_stdin_is_nothing_to_read(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kg", "build", "-", "--out", str(tmp_path), "--no-html"],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=lambda: os.close(0),
    )
    assert done.returncode == 1
    assert (
        done.stderr.splitlines()[-1]
        == "Error: No readable text in the input (looked for .txt and .md files)"
    )
    assert "stdin: nothing to read" in done.stderr


def test_empty_stdin_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", "-", "--out", str(tmp_path), "--no-html"], input="")
    assert result.exit_code == 1
    assert "stdin: nothing to read" in result.stderr


def test_build_with_skipped_inputs_exits_with_the_skip_status(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "in" / "bin.txt").write_bytes(b"\x00\x01\x02")
    result = CliRunner().invoke(
        main, ["build", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--no-html"]
    )
    assert result.exit_code == EXIT_SKIPPED
    assert "1 input(s) skipped" in result.stderr
    assert (tmp_path / "out" / "graph.ttl").is_file()
