"""Input paths → documents: files, folders (recursive, .txt/.md) or ``-`` for stdin; no NLP.

An unreadable or non-text file is reported and skipped; the rest of the input goes on. In a
folder only regular files are read: a FIFO would block the build forever and a link to a
device such as /dev/zero would never end. A file name that is not UTF-8 is read under its
bytes written as ``\\xNN`` (so it can be stored as text), and messages show any control
character in a name escaped, so a name cannot rewrite the terminal.
"""

from __future__ import annotations

import logging
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Final

from kg.errors import InputError
from kg.model import Document

__all__ = ["TEXT_SUFFIXES", "iter_documents", "measure", "read_tables", "read_text"]

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


def read_tables(
    paths: str | Path | Iterable[str | Path], what: str
) -> Iterator[tuple[str, str, str]]:
    """Yield ``(text, format, source)`` for each table file in ``paths`` (``.csv`` or
    ``.toml``), read as UTF-8 with or without a byte-order mark; ``what`` names the files in
    messages ("alias file").

    Raises:
        InputError: a file has another extension or cannot be read.
    """
    for raw in [paths] if isinstance(paths, str | Path) else paths:
        path = Path(raw)
        fmt = path.suffix.lower().lstrip(".")
        if fmt not in {"csv", "toml"}:
            article = "an" if what[:1] in "aeiou" else "a"
            raise InputError(f"{path}: {article} {what} must end in .csv or .toml")
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as e:
            reason = getattr(e, "strerror", None) or e
            raise InputError(f"Cannot read {what} {path}: {reason}") from e
        yield text, fmt, str(path)


def _source_name(path: Path) -> str:
    """The path as text: bytes of a non-UTF-8 file name become ``\\xNN`` escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _shown(name: str) -> str:
    """A name for a one-line message: control characters (newline, ESC) escaped."""
    return "".join(ch if ch.isprintable() or ch == " " else repr(ch)[1:-1] for ch in name)


def _read_file(file: Path, named: bool) -> bytes:
    """The bytes of ``file``; a FIFO or device only when named on the command line.

    Raises:
        InputError: the file cannot be read, or is not a regular file inside a folder.
    """
    name = _shown(_source_name(file))
    try:
        mode = file.stat().st_mode
        if not stat.S_ISREG(mode) and not (named and stat.S_ISFIFO(mode)):
            kind = "a FIFO" if stat.S_ISFIFO(mode) else "a device or socket"
            raise InputError(f"{name}: not a regular file ({kind}); skipped")
        return file.read_bytes()
    except OSError as e:
        raise InputError(f"{name}: cannot be read ({e.strerror or e})") from e


def _walk(folder: Path, on_error: Callable[[InputError], None]) -> Iterator[Path]:
    def report(error: OSError) -> None:
        where = _shown(_source_name(Path(error.filename or folder)))
        on_error(InputError(f"{where}: cannot be read ({error.strerror or error})"))

    # followlinks=False: a symlink loop cannot make the walk endless. One folder's names
    # are held at a time, so a folder of a million files is read as it is walked.
    for root, dirs, files in os.walk(folder, followlinks=False, onerror=report):
        dirs.sort()
        for name in sorted(files):
            path = Path(root, name)
            if path.suffix.lower() in TEXT_SUFFIXES:
                yield path


def measure(paths: Iterable[str]) -> tuple[int, int]:
    """Return how many text files ``paths`` name and their total size in bytes, without
    reading them (for a progress bar); stdin and missing paths count as nothing."""
    files = size = 0
    for raw in paths:
        path = Path(raw)
        if raw == "-" or not path.exists():
            continue
        for file in [path] if not path.is_dir() else _walk(path, lambda _: None):
            try:
                size += file.stat().st_size
            except OSError:
                continue
            files += 1
    return files, size


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
            # sys.stdin is None when the shell closed it (`kg build - <&-`).
            data = sys.stdin.buffer.read() if sys.stdin is not None else b""
            if not data.strip():
                skip(
                    InputError("stdin: nothing to read (pipe text in, or name files instead of -)")
                )
                continue
            try:
                yield Document("-", read_text(data, "stdin"))
            except InputError as e:
                skip(e)
            continue
        path = Path(raw)
        if not path.exists():
            raise InputError(f"{raw}: no such file or folder")
        named = not path.is_dir()
        for file in iter([path]) if named else _walk(path, skip):
            source = _source_name(file)
            try:
                text = read_text(_read_file(file, named), _shown(source))
            except InputError as e:
                skip(e)
                continue
            if not text.strip():
                skip(InputError(f"{_shown(source)}: empty; skipped"))
                continue
            yield Document(source, text)
