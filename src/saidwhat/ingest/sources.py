"""From what the user typed (paths, globs, directories, ``-``) to inputs with a format each.

Directories are walked in sorted order so two runs see the same inputs in the same order; hidden
files are left out. Formats come from the file name by ``saidwhat.formats.EXTENSIONS``; a ``.txt``
file whose first lines are all URLs is a URL list; ``a.html.gz`` (or ``.bz2``, ``.xz``) is read as
HTML, decompressed on the fly.

Only regular files are opened: opening a FIFO blocks until something writes to it, so FIFOs, sockets
and devices, and directories that cannot be listed, are inputs with a ``problem`` (a named failure),
never a hang and never silently left out.
"""

from __future__ import annotations

import bz2
import glob
import gzip
import io
import lzma
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from saidwhat.formats import DECOMPRESSED, InputFormat, compression, format_of_name, input_root

STDIN = "-"


@dataclass(frozen=True, slots=True)
class Input:
    """One file (or stdin) and the format it will be read as; ``format`` None: not recognised."""

    path: str
    format: str | None
    size: int | None  # bytes, when known, for the progress bar
    root: str | None = None  # the directory (or glob) it was found under: ids are paths under it
    problem: str | None = None  # why it cannot be read at all (a FIFO, an unreadable directory)


def looks_like_url_list(path: str, lines: int = 20) -> bool:
    """True when the first non-blank, non-comment lines of a text file are all http(s) URLs."""
    try:
        with open_binary(path) as handle:
            head = handle.read(8192).decode("utf-8", "replace").splitlines()
    except OSError:
        return False
    seen = [line.strip() for line in head[:lines] if line.strip() and not line.lstrip().startswith("#")]
    return bool(seen) and all(line.startswith(("http://", "https://")) and " " not in line for line in seen)


def detect_format(path: str) -> str | None:
    """The format of ``path`` by extension (``None`` if unknown); .txt URL lists are spotted by content;
    a compressed file is its inner format when ingest can decompress it (``.zst``: not)."""
    fmt = format_of_name(path)
    if fmt is None and (compressed := compression(path)) is not None and compressed[0] in DECOMPRESSED:
        fmt = compressed[1]
    if fmt is InputFormat.text and looks_like_url_list(path):
        return InputFormat.urls.value
    return fmt.value if fmt is not None else None


def _walk(directory: str) -> Iterator[tuple[str, str | None]]:
    """(path, problem) for every file under ``directory``; a directory that cannot be listed is one
    (path, reason) pair, as an unreadable file becomes one failure."""
    unreadable: list[OSError] = []
    for root, dirs, files in os.walk(directory, onerror=unreadable.append):
        while unreadable:
            yield from _unlistable(unreadable.pop(0))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield os.path.join(root, name), None
    while unreadable:
        yield from _unlistable(unreadable.pop(0))


def _unlistable(exc: OSError) -> Iterator[tuple[str, str | None]]:
    yield str(exc.filename), f"cannot read directory: {exc.strerror or exc}"


_SPECIAL = {
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFDIR: "a directory",
}


def not_regular(path: str) -> str | None:
    """Why ``path`` (a symbolic link followed) must not be opened, or None for a regular file (or one
    that does not exist, which the reader names)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode):
        return None
    kind = _SPECIAL.get(stat.S_IFMT(mode), "not a regular file")
    return f"not a regular file ({kind}): only regular files are read; pipe a stream to `-`"


def expand(targets: Iterable[str], fmt: str = "auto") -> Iterator[Input]:
    """Every input named by ``targets``; a target that matches nothing yields an Input with no size."""
    for target in targets:
        if target == STDIN:
            yield Input(STDIN, None if fmt == "auto" else fmt, None)
            continue
        if os.path.isdir(target) and fmt == "parquet":  # a saidwhat spark output is a directory
            yield Input(target, fmt, sum(os.path.getsize(p) for p, _ in _walk(target) if os.path.isfile(p)))
            continue
        if os.path.isdir(target):
            paths: Iterable[tuple[str, str | None]] = _walk(target)
            from_directory = True
        elif glob.has_magic(target):
            paths = sorted((p, None) for p in glob.glob(target, recursive=True) if not os.path.isdir(p))
            from_directory = True
        else:
            paths = [(target, None)]
            from_directory = False
        root = input_root(target) if from_directory else None
        for path, problem in paths:
            problem = problem or not_regular(path)
            if problem is not None:
                yield Input(path, None, None, root, problem)
                continue
            found = detect_format(path) if fmt == "auto" else fmt
            if found is None and (compressed := compression(path)) is not None:
                reason = (
                    f"compressed as {compressed[0]}, which ingest does not decompress: decompress it first"
                )
                yield Input(path, None, None, root, reason)
                continue
            if found is None and from_directory:
                continue  # a directory may hold READMEs, images and the like: only known formats count
            try:
                size: int | None = os.path.getsize(path)
            except OSError:
                size = None
            yield Input(path, found, size, root)


@dataclass(slots=True)
class ByteCount:
    """Bytes read so far from every input of a run: what the progress bar shows against the total.

    One object that every reader adds to, instead of a value each would have to return up through the
    generators that yield articles as they read."""

    total: int = 0

    def add(self, n: int) -> None:
        self.total += n


class CountingReader(io.RawIOBase):
    """A binary stream that counts the bytes read through it, for progress on large files."""

    def __init__(self, raw: BinaryIO, counter: ByteCount) -> None:
        self._raw = raw
        self._counter = counter

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self._counter.add(n)
        return n

    def close(self) -> None:
        if self._raw is not sys.stdin.buffer:
            self._raw.close()
        super().close()


_OPENERS = {".gz": gzip.GzipFile, ".bz2": bz2.BZ2File, ".xz": lzma.LZMAFile}


class _Decompressing(io.RawIOBase):
    """The decompressed bytes of a compressed stream; closing it closes the file under it too."""

    def __init__(self, stream: BinaryIO, raw: BinaryIO) -> None:
        self._stream = stream
        self._raw = raw

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._stream.close()
        if self._raw is not sys.stdin.buffer:
            self._raw.close()
        super().close()


def open_binary(path: str, counter: ByteCount | None = None) -> BinaryIO:
    """A buffered binary reader of ``path`` (or stdin), counting bytes into ``counter`` if given;
    ``a.html.gz`` and the like are decompressed as they are read (the bytes counted are the file's, and
    readers cap what they take from the stream, so a bomb costs no more than its cap)."""
    raw: BinaryIO = sys.stdin.buffer if path == STDIN else open(path, "rb")  # noqa: SIM115
    if counter is not None:
        raw = io.BufferedReader(CountingReader(raw, counter), buffer_size=1 << 16)
    compressed = compression(path) if path != STDIN else None
    if compressed is not None and compressed[0] in _OPENERS:
        stream = _OPENERS[compressed[0]](fileobj=raw, mode="rb")
        return io.BufferedReader(_Decompressing(stream, raw), buffer_size=1 << 16)
    return raw
