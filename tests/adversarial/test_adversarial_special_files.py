"""Directories holding what is not a regular file: FIFOs, sockets, unreadable subdirectories and
compressed files. Each is read or named in ``failures``; none blocks the run or vanishes silently.

The FIFO case runs the real command in a subprocess (with a generous timeout, so a regression fails
instead of hanging the suite); the unreadable directory is made unreadable to root too, by dropping
the capabilities that let root read any directory (``setpriv``).
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import saidwhat
from saidwhat.ingest import IngestOptions, ingest

SRC = str(Path(saidwhat.__file__).resolve().parent.parent)
PAGE = """<html><head><title>Talks end</title></head><body><article><h1>Talks end without a deal</h1>
<p>The mayor said on Tuesday that the talks had ended. "Sometimes you have to walk away," the mayor told
reporters at a news conference in the city after a long night of meetings about the strike.</p>
<p>Union leaders said they would meet again next week to decide what to do about the offer.</p>
</article></body></html>"""


def _good(path: Path, n: int = 2) -> None:
    lines = [
        json.dumps({"id": f"good-{i}", "text": f'"We are fine," said Ann Lee on day {i}.'}) for i in range(n)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def _ingest_cli(
    directory: Path, db: Path, prefix: list[str] | None = None
) -> subprocess.CompletedProcess[str]:
    command = "from saidwhat.cli import main; main()"
    return subprocess.run(
        [
            *(prefix or []),
            sys.executable,
            "-c",
            command,
            "ingest",
            str(directory),
            "--db",
            str(db),
            "--no-progress",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env={"PYTHONPATH": SRC, "PATH": "/usr/bin:/bin"},
    )


@pytest.mark.slow
def test_special_files_fifo_in_a_directory_is_a_failure_not_a_hang(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _good(corpus / "a.jsonl")
    os.mkfifo(corpus / "b.jsonl")  # nothing ever writes to it: opening it would block for ever
    db = tmp_path / "s.db"
    done = _ingest_cli(corpus, db)
    assert done.returncode == 0, done.stderr
    assert len(_rows(db, "SELECT 1 FROM articles")) == 2
    [(where, reason)] = _rows(db, "SELECT article_ext_id, reason FROM failures")
    assert where.endswith("b.jsonl") and "FIFO" in reason


def test_special_files_socket_and_named_fifo_are_named_failures(tmp_path: Path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    _good(corpus / "a.jsonl")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(corpus / "s.txt"))
    try:
        db = tmp_path / "s.db"
        summary = ingest([str(corpus), str(corpus / "s.txt")], db, IngestOptions())
    finally:
        server.close()
    assert summary.articles == 2
    reasons = [r for (r,) in _rows(db, "SELECT reason FROM failures")]
    assert reasons and all("socket" in r for r in reasons)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("setpriv") is None and os.geteuid() == 0, reason="root reads everything")
def test_special_files_unreadable_subdirectory_is_named(tmp_path: Path):
    corpus = tmp_path / "corpus"
    (corpus / "locked").mkdir(parents=True)
    _good(corpus / "a.jsonl")
    _good(corpus / "locked" / "hidden.jsonl")
    (corpus / "locked").chmod(0)
    db = tmp_path / "s.db"
    prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-all"]
    try:
        done = _ingest_cli(corpus, db, prefix if os.geteuid() == 0 else None)
    finally:
        (corpus / "locked").chmod(0o755)
    assert done.returncode == 0, done.stderr
    [(where, reason)] = _rows(db, "SELECT article_ext_id, reason FROM failures")
    assert where.endswith("locked") and "cannot read directory" in reason


def test_special_files_compressed_known_types_are_read_or_named(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "page.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    (corpus / "notes.txt.gz").write_bytes(gzip.compress(b'"It works," said Ann Lee.\n'))
    (corpus / "records.jsonl.zst").write_bytes(b"(not really zstd)")
    (corpus / "archive.tar.gz").write_bytes(b"unknown inner type: left out like a README")
    db = tmp_path / "s.db"
    summary = ingest([str(corpus)], db, IngestOptions())
    assert summary.articles == 2
    assert sorted(r for (r,) in _rows(db, "SELECT ext_id FROM articles")) == ["notes", "page"]
    [(where, reason)] = _rows(db, "SELECT article_ext_id, reason FROM failures")
    assert where.endswith("records.jsonl.zst") and ".zst" in reason
