"""Input paths → documents: files, folders (recursive, .txt/.md) or ``-`` for stdin; no NLP.

An unreadable or non-text file is reported and skipped; the rest of the input goes on.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Final

from kg.errors import InputError
from kg.model import Document

__all__ = ["TEXT_SUFFIXES", "iter_documents", "read_text"]

TEXT_SUFFIXES: Final = frozenset({".txt", ".md"})
log = logging.getLogger(__name__)


def read_text(data: bytes, name: str) -> str:
    """Decode ``data`` as UTF-8 (or UTF-16 with a byte-order mark).

    Raises:
        InputError: the bytes are not text (binary, or not valid UTF-8).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise InputError(f"{name}: not valid UTF-16 text ({e.reason} at byte {e.start})") from e
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file (it contains NUL bytes); skipped")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(
            f"{name}: not valid UTF-8 ({e.reason} at byte {e.start}); convert it with "
            f"`iconv -t UTF-8` first"
        ) from e


def _walk(folder: Path) -> Iterator[Path]:
    # followlinks=False: a symlink loop cannot make the walk endless.
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs.sort()
        for name in sorted(files):
            path = Path(root, name)
            if path.suffix.lower() in TEXT_SUFFIXES:
                yield path


def iter_documents(
    paths: Iterable[str],
    on_skip: Callable[[InputError], None] | None = None,
) -> Iterator[Document]:
    """Yield a Document for each text file named by ``paths``, in a stable order.

    Raises:
        InputError: a path does not exist (an unreadable file is passed to ``on_skip``
            instead, or raised when no ``on_skip`` is given).
    """

    def skip(error: InputError) -> None:
        if on_skip is None:
            raise error
        on_skip(error)

    for raw in paths:
        if raw == "-":
            data = sys.stdin.buffer.read()
            if not data.strip():
                skip(InputError("stdin: nothing to read (pipe text in, or name files instead of -)"))
                continue
            try:
                yield Document("-", read_text(data, "stdin"))
            except InputError as e:
                skip(e)
            continue
        path = Path(raw)
        if not path.exists():
            raise InputError(f"{raw}: no such file or folder")
        files = _walk(path) if path.is_dir() else iter([path])
        for file in files:
            try:
                data = file.read_bytes()
            except OSError as e:
                skip(InputError(f"{file}: cannot be read ({e.strerror or e})"))
                continue
            try:
                text = read_text(data, str(file))
            except InputError as e:
                skip(e)
                continue
            if not text.strip():
                skip(InputError(f"{file}: empty; skipped"))
                continue
            yield Document(str(file), text)
