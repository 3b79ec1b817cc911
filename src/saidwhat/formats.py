"""What an input is and what its articles are called: one set of rules for ``ingest/`` and ``spark/``.

- **Formats.** ``InputFormat`` names every input format; ``EXTENSIONS`` says which file name
  announces which (longest ending first: ``a.warc.gz`` is WARC). ``saidwhat spark`` reads the
  ``SPARK_FORMATS`` among them, and JSONL also compressed (Spark decompresses ``.gz``, ``.bz2``, ...).
- **Fields.** ``FieldMap`` says which JSONL/CSV/Parquet field holds what, for both.
- **Ids.** A record with an id field keeps it. A record without one is ``<file name>:<16 hex digits of
  the SHA-256 of its text>`` (``record_id``): the same from run to run and from ingest to Spark. A
  text or HTML file is its path under the directory (or glob) named as input without its extension,
  ``/`` between folders; a file named directly is its stem, as ``saidwhat extract`` names it
  (``file_id``). A WARC page is its target URI, else its record id.
- **Sources.** An article's ``source`` is an outlet: a record's source field, the site name an HTML
  page gives, or ``--source``; never a file path (failures name the file they came from).
- **Titles.** A plain-text file's first line is its title when it reads as a headline (``headline``);
  it stays in the text, so offsets and the content hash do not change.
- **The WARC rule.** An article is a ``response`` record with HTTP status 200 and an HTML content
  type (``is_html_response``); requests, redirects, images and the like are passed over silently.

No third-party imports here: the CLI, the ingest readers and the Spark executors all load it.
"""

from __future__ import annotations

import glob
import hashlib
import os
import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote, urlparse


class InputFormat(StrEnum):
    """Every input format; ``auto`` goes by the file name (and a sniff of .txt files for URL lists)."""

    auto = "auto"
    text = "text"
    html = "html"
    jsonl = "jsonl"
    csv = "csv"
    warc = "warc"
    urls = "urls"
    parquet = "parquet"


FORMATS: tuple[str, ...] = tuple(f.value for f in InputFormat)
SPARK_FORMATS: tuple[InputFormat, ...] = (
    InputFormat.auto,
    InputFormat.jsonl,
    InputFormat.parquet,
    InputFormat.text,
    InputFormat.warc,
)

EXTENSIONS: dict[str, InputFormat] = {
    ".txt": InputFormat.text,
    ".text": InputFormat.text,
    ".html": InputFormat.html,
    ".htm": InputFormat.html,
    ".xhtml": InputFormat.html,
    ".jsonl": InputFormat.jsonl,
    ".ndjson": InputFormat.jsonl,
    ".csv": InputFormat.csv,
    ".tsv": InputFormat.csv,
    ".warc": InputFormat.warc,
    ".warc.gz": InputFormat.warc,
    ".arc": InputFormat.warc,
    ".arc.gz": InputFormat.warc,
    ".urls": InputFormat.urls,
    ".parquet": InputFormat.parquet,
}
COMPRESSED: tuple[str, ...] = (".gz", ".bz2", ".zst", ".deflate")  # JSONL that Spark decompresses itself
# What ``ingest`` decompresses itself (the standard library's codecs): ``a.html.gz`` is read as HTML.
DECOMPRESSED: tuple[str, ...] = (".gz", ".bz2", ".xz")


def extension(name: str) -> str:
    """The known ending of ``name`` (longest first, lower case), else its last suffix."""
    lower = PurePosixPath(name).name.lower()
    for ext in sorted(EXTENSIONS, key=len, reverse=True):
        if lower.endswith(ext):
            return ext
    return PurePosixPath(lower).suffix


def compression(name: str) -> tuple[str, InputFormat] | None:
    """(``.gz``, format) when ``name`` is a known type compressed (``a.html.gz``, ``b.jsonl.zst``),
    else None; a ``.warc.gz`` is a WARC file of its own, not a compressed one."""
    lower = PurePosixPath(name).name.lower()
    if extension(lower) in EXTENSIONS:
        return None
    for suffix in COMPRESSED + DECOMPRESSED:
        if lower.endswith(suffix):
            inner = EXTENSIONS.get(extension(lower[: -len(suffix)]))
            return (suffix, inner) if inner is not None else None
    return None


def format_of_name(name: str, *, decompressing: bool = False) -> InputFormat | None:
    """The format a file name announces, or None; with ``decompressing`` (Spark) ``a.jsonl.gz`` is JSONL."""
    found = EXTENSIONS.get(extension(name))
    if found is None and decompressing:
        lower = name.lower()
        for suffix in COMPRESSED:
            if (
                lower.endswith(suffix)
                and EXTENSIONS.get(extension(lower[: -len(suffix)])) is InputFormat.jsonl
            ):
                return InputFormat.jsonl
    return found


@dataclass(frozen=True, slots=True)
class FieldMap:
    """Which fields of a JSONL object, CSV row or Parquet record hold what; no id: see ``record_id``."""

    text: str = "text"
    id: str = "id"
    title: str = "title"
    url: str = "url"
    date: str = "date"
    source: str = "source"
    byline: str = "author"


ID_HASH_CHARS = 16


def record_id(file_name: str, text: str) -> str:
    """``news.jsonl:1a2b...``: the id of a record that has none, from its file's name and its text."""
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:ID_HASH_CHARS]
    return f"{PurePosixPath(file_name.replace(os.sep, '/')).name}:{digest}"


def _local_path(path: str) -> str:
    """``path`` as a '/'-separated path: the path part of a URI (``file:``, ``hdfs:``, ...), else as given."""
    parsed = urlparse(path)
    if parsed.scheme and len(parsed.scheme) > 1:  # not a Windows drive letter
        return unquote(parsed.path)
    return path.replace(os.sep, "/")


def input_root(target: str) -> str | None:
    """The directory a target names its files under: itself for a directory, the part of a glob before
    its first wildcard; None for a single file."""
    if glob.has_magic(target):
        parts = target.replace(os.sep, "/").split("/")
        fixed = [p for p in parts[: next(i for i, p in enumerate(parts) if glob.has_magic(p))]]
        return "/".join(fixed) or "."
    return target if os.path.isdir(target) or target.endswith("/") else None


def file_id(path: str, root: str | None = None) -> str:
    """The id of a text or HTML file: its path under ``root`` ('/' between folders), else its name,
    without the file's extension (``2024/budget`` for ``corpus/2024/budget.txt`` under ``corpus``).

    ``path`` and ``root`` may be local paths or URIs (Spark's ``file:/...``); a relative root is taken
    from the current directory.
    """
    file = _local_path(path)
    if root is not None:
        base = _local_path(root)
        if not urlparse(root).scheme:
            base = os.path.abspath(base).replace(os.sep, "/")
            file = os.path.abspath(file).replace(os.sep, "/") if not urlparse(path).scheme else file
        base = base.rstrip("/")
        if file.startswith(base + "/"):
            return _without_extension(file[len(base) + 1 :])
    return _without_extension(PurePosixPath(file).name) or path


def _without_extension(path: str) -> str:
    if (compressed := compression(path)) is not None:
        path = path[: -len(compressed[0])]
    ext = extension(path)
    return path[: -len(ext)] if ext and len(ext) < len(PurePosixPath(path).name) else path


_DATELINE = re.compile(r"^[A-Z][A-Z .'-]+,\s")  # "CAPITAL CITY, March 4 (Wire) - ..."
_BYLINE = re.compile(r"^(by|from)\s", re.IGNORECASE)


def headline(text: str) -> str | None:
    """The first line of a plain-text article when it reads as a headline, else None.

    A headline stands alone (a blank line or the body follows it), is short (2 to 25 words, at most
    200 characters) and does not end like a sentence of the body (with . , ; or :), a dateline
    ("CAPITAL CITY, March 4 -") or a byline ("By ...").
    """
    lines = text.lstrip("\ufeff").splitlines()
    first_at = next((n for n, line in enumerate(lines) if line.strip()), None)
    if first_at is None or first_at + 1 >= len(lines):
        return None
    line = lines[first_at].strip()
    words = line.split()
    if not 2 <= len(words) <= 25 or len(line) > 200:
        return None
    if line.endswith((".", ",", ";", ":", "-", "\u2014")) and not line.endswith("..."):
        return None
    if _DATELINE.match(line) or _BYLINE.match(line) or line.startswith(("http://", "https://")):
        return None
    return line


HTML_TYPES: tuple[str, ...] = ("text/html", "application/xhtml+xml")


def is_html_response(record: Any) -> bool:
    """Whether a warcio record is an article: a response, HTTP 200, an HTML content type."""
    if record.rec_type != "response" or record.http_headers is None:
        return False
    if record.http_headers.get_statuscode() != "200":
        return False
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return content_type.split(";")[0].strip() in HTML_TYPES


def warc_page_id(record: Any, file: str) -> str:
    """A WARC page's article id: its target URI, else its record id, else the file it is in."""
    headers = record.rec_headers
    return headers.get_header("WARC-Target-URI") or headers.get_header("WARC-Record-ID") or file
