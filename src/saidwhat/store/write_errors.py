"""Telling a failed write to the store (disk full, quota, I/O error) from a bug, and saying it in one line.

SQLite reports a full disk as ``SQLITE_FULL`` ("database or disk is full", also past ``max_page_count``),
a write the OS refused otherwise (``EFBIG`` past a file size limit, ``EIO``) as ``SQLITE_IOERR_*``, and
a file it may not write as ``SQLITE_READONLY``/``SQLITE_CANTOPEN``; an ``OSError`` can say ``ENOSPC`` or
``EDQUOT`` itself. Each becomes a ``StoreWriteError``; anything else is left alone, since it is a bug.
A transaction that fails is rolled back whole, so the store stays valid and a re-run resumes.
"""

from __future__ import annotations

import errno
import sqlite3
from contextlib import suppress
from pathlib import Path

from saidwhat.errors import StoreWriteError

# The most the write-ahead log keeps on disk once checkpointed. Without a limit the log keeps the size
# of the most ever written between two checkpoints, and a resume on a nearly full disk must first find
# room to copy all of it into the store; the writer also checkpoints between batches (StoreWriter).
JOURNAL_SIZE_LIMIT = 4 << 20

_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}
_RESUME = "free some space and re-run the same command to resume"
_FULL = ("the disk is full", _RESUME)
_IO = ("a write to disk failed (out of space, a file size limit or an I/O error)", _RESUME)
_READ_ONLY = (
    "the file or its directory is read-only",
    "reading commands and serve work on it as it is; to add to it, make it writable or copy it elsewhere",
)
_CANT_OPEN = ("the file cannot be created or opened", "check the path and its permissions")


def _cause(exc: BaseException) -> tuple[str, str] | None:
    """What went wrong in a few words and what to do, or None if ``exc`` is not a failed write."""
    if isinstance(exc, sqlite3.Error):
        name = getattr(exc, "sqlite_errorname", "") or ""
        if name == "SQLITE_FULL" or "disk is full" in str(exc):  # tests inject errors without a code
            return _FULL
        if name.startswith("SQLITE_READONLY") and "readonly" in str(exc):
            return _READ_ONLY
        if name.startswith("SQLITE_CANTOPEN"):
            return _CANT_OPEN
        if name.startswith(("SQLITE_IOERR", "SQLITE_READONLY")):
            return _IO
        return None
    if isinstance(exc, OSError) and exc.errno in _FULL_ERRNOS:
        return _FULL
    return None


def write_error(exc: BaseException, path: str | Path, *, held: str = "") -> StoreWriteError | None:
    """The one-line StoreWriteError for ``exc``, a failed write to the store at ``path``; else None.

    ``held`` says what became of the store ("the 12 articles stored so far are kept").
    """
    found = _cause(exc)
    if found is None:
        return None
    cause, advice = found
    if advice == _RESUME:
        advice = _resume_advice(Path(path))
    held = held or "what was stored so far is kept"
    return StoreWriteError(f"cannot write the store {path}: {cause} ({exc}); {held}; {advice}")


def resume_needs(path: Path) -> int:
    """Bytes a resume needs free to get going: the write-ahead log left behind is copied into the store
    when it is next opened, and the next batches need a log of their own (``JOURNAL_SIZE_LIMIT``)."""

    try:
        log = (path.parent / (path.name + "-wal")).stat().st_size
    except OSError:
        log = 0
    return log + JOURNAL_SIZE_LIMIT


def _resume_advice(path: Path) -> str:
    megabytes = max(1, -(-resume_needs(path) // 1_000_000))
    return (
        f"free at least {megabytes} MB beside the store (more for the articles still to come) "
        "and re-run the same command to resume"
    )


def remove_new_store(path: str | Path) -> None:
    """Delete a store file this run created but could not set up (and its -wal/-shm), so no empty file stays."""
    base = Path(path)
    for file in (base, base.with_name(base.name + "-wal"), base.with_name(base.name + "-shm")):
        with suppress(OSError):
            file.unlink()
