"""Hostile input files: each is reported in one line and skipped, and the build goes on."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import EXIT_SKIPPED, main
from kg.errors import InputError
from kg.inputs import iter_documents

GOOD = "Intel partnered with Samsung.\n"


def _read(paths: list[str]) -> tuple[list[str], list[str]]:
    skipped: list[InputError] = []
    names = [d.name for d in iter_documents(paths, on_skip=skipped.append)]
    return names, [str(e) for e in skipped]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        pytest.param("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", id="binary-png"),
        pytest.param("latin1.txt", "café crème".encode("latin-1"), "not valid UTF-8", id="invalid-utf8"),
        pytest.param("empty.txt", b"", "empty", id="empty-file"),
        pytest.param("blank.md", b" \n\t\n", "empty", id="whitespace-only"),
    ],
)
def test_bad_file_is_skipped_with_a_reason(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
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


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_is_skipped(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    names, skipped = _read([str(tmp_path)])
    assert names == [] and "cannot be read" in skipped[0]


def test_empty_stdin_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", "-", "--out", str(tmp_path), "--no-html"], input="")
    assert result.exit_code == 1
    assert "stdin: nothing to read" in result.stderr


def test_build_with_skipped_inputs_exits_with_the_skip_status(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "in" / "bin.txt").write_bytes(b"\x00\x01\x02")
    result = CliRunner().invoke(main, ["build", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--no-html"])
    assert result.exit_code == EXIT_SKIPPED
    assert "1 input(s) skipped" in result.stderr
    assert (tmp_path / "out" / "graph.ttl").is_file()
