"""From what the user typed (paths, globs, directories, ``-``) to inputs with a format each.

Directories are walked in sorted order so two runs see the same inputs in the same order; hidden
files are left out. Formats come from the file name by ``saidwhat.formats.EXTENSIONS``; a ``.txt``
file whose first lines are all URLs is a URL list.
"""

from __future__ import annotations

import glob
import io
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from saidwhat.formats import InputFormat, format_of_name, input_root

STDIN = "-"


@dataclass(frozen=True, slots=True)
class Input:
    """One file (or stdin) and the format it will be read as; ``format`` None: not recognised."""

    path: str
    format: str | None
    size: int | None  # bytes, when known, for the progress bar
    root: str | None = None  # the directory (or glob) it was found under: ids are paths under it


def looks_like_url_list(path: str, lines: int = 20) -> bool:
    """True when the first non-blank, non-comment lines of a text file are all http(s) URLs."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(8192).decode("utf-8", "replace").splitlines()
    except OSError:
        return False
    seen = [line.strip() for line in head[:lines] if line.strip() and not line.lstrip().startswith("#")]
    return bool(seen) and all(line.startswith(("http://", "https://")) and " " not in line for line in seen)


def detect_format(path: str) -> str | None:
    """The format of ``path`` by extension (``None`` if unknown); .txt URL lists are spotted by content."""
    fmt = format_of_name(path)
    if fmt is InputFormat.text and looks_like_url_list(path):
        return InputFormat.urls.value
    return fmt.value if fmt is not None else None


def _walk(directory: str) -> Iterator[str]:
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield os.path.join(root, name)


def expand(targets: Iterable[str], fmt: str = "auto") -> Iterator[Input]:
    """Every input named by ``targets``; a target that matches nothing yields an Input with no size."""
    for target in targets:
        if target == STDIN:
            yield Input(STDIN, None if fmt == "auto" else fmt, None)
            continue
        if os.path.isdir(target) and fmt == "parquet":  # a saidwhat spark output is a directory
            yield Input(target, fmt, sum(os.path.getsize(p) for p in _walk(target)))
            continue
        if os.path.isdir(target):
            paths: Iterable[str] = _walk(target)
            from_directory = True
        elif glob.has_magic(target):
            paths = sorted(p for p in glob.glob(target, recursive=True) if os.path.isfile(p))
            from_directory = True
        else:
            paths = [target]
            from_directory = False
        for path in paths:
            found = detect_format(path) if fmt == "auto" else fmt
            if found is None and from_directory:
                continue  # a directory may hold READMEs, images and the like: only known formats count
            try:
                size: int | None = os.path.getsize(path)
            except OSError:
                size = None
            yield Input(path, found, size, input_root(target) if from_directory else None)


class CountingReader(io.RawIOBase):
    """A binary stream that counts the bytes read through it, for progress on large files."""

    def __init__(self, raw: BinaryIO, counter: list[int]) -> None:
        self._raw = raw
        self._counter = counter

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self._counter[0] += n
        return n

    def close(self) -> None:
        if self._raw is not sys.stdin.buffer:
            self._raw.close()
        super().close()


def open_binary(path: str, counter: list[int] | None = None) -> BinaryIO:
    """A buffered binary reader of ``path`` (or stdin), counting bytes into ``counter[0]`` if given."""
    raw: BinaryIO = sys.stdin.buffer if path == STDIN else open(path, "rb")  # noqa: SIM115
    if counter is None:
        return raw
    return io.BufferedReader(CountingReader(raw, counter), buffer_size=1 << 16)  # type: ignore[return-value]
