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

_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}
_FULL = "the disk is full"
_CAUSES = {
    "SQLITE_FULL": _FULL,
    "SQLITE_READONLY": "the file or its directory is read-only",
    "SQLITE_CANTOPEN": "the file cannot be created or opened",
}


def _cause(exc: BaseException) -> str | None:
    """What went wrong in a few words, or None if ``exc`` is not a failed write."""
    if isinstance(exc, sqlite3.Error):
        name = getattr(exc, "sqlite_errorname", "") or ""
        if name in _CAUSES:
            return _CAUSES[name]
        if name.startswith(("SQLITE_IOERR", "SQLITE_READONLY")):
            return "a write to disk failed (out of space, a file size limit or an I/O error)"
        if "disk is full" in str(exc):  # an error raised without a code (tests inject these)
            return _FULL
        return None
    if isinstance(exc, OSError) and exc.errno in _FULL_ERRNOS:
        return _FULL
    return None


def write_error(exc: BaseException, path: str | Path, *, held: str = "") -> StoreWriteError | None:
    """The one-line StoreWriteError for ``exc``, a failed write to the store at ``path``; else None.

    ``held`` says what became of the store ("the 12 articles stored so far are kept").
    """
    cause = _cause(exc)
    if cause is None:
        return None
    held = held or "what was stored so far is kept"
    return StoreWriteError(
        f"cannot write the store {path}: {cause} ({exc}); {held}; "
        "free some space and re-run the same command to resume"
    )


def remove_new_store(path: str | Path) -> None:
    """Delete a store file this run created but could not set up (and its -wal/-shm), so no empty file stays."""
    base = Path(path)
    for file in (base, base.with_name(base.name + "-wal"), base.with_name(base.name + "-shm")):
        with suppress(OSError):
            file.unlink()
