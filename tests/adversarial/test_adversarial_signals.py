"""Stopping ``saidwhat ingest`` from outside: SIGTERM and SIGINT stop cleanly with 143 and 130, committed
work kept; kill -9 of the parent leaves no worker behind. Real processes, small inputs."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import saidwhat

pytestmark = pytest.mark.slow  # real ingest processes

SRC = str(Path(saidwhat.__file__).resolve().parent.parent)
COMMAND = [sys.executable, "-c", "from saidwhat.cli import app; app()", "ingest"]


def _jsonl(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            text = f'"Site {i} will be finished on time," Mayor Thomas Okafor said on Monday about site {i}.'
            out.write(json.dumps({"id": f"n{i}", "text": text}) + "\n")


def _stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def _children(pid: int) -> set[int]:
    """Every descendant process of ``pid`` (workers and multiprocessing's resource tracker)."""
    found: set[int] = set()
    todo = [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                kids = {int(k) for k in (task / "children").read_text().split()}
            except OSError:
                continue
            todo.extend(kids - found)
            found |= kids
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _start(tmp_path: Path, workers: int, n: int = 2_000) -> tuple[subprocess.Popen[bytes], Path, Path]:
    source, db = tmp_path / "in.jsonl", tmp_path / "s.db"
    _jsonl(source, n)
    command = [*COMMAND, str(source), "--db", str(db), "--no-progress", "--workers", str(workers)]
    env = {**os.environ, "PYTHONPATH": SRC}
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 300  # a bound on a stuck start, not a measurement
    while _stored(db) < 5:
        assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
        assert time.monotonic() < deadline, "ingest stored nothing"
        time.sleep(0.05)
    return process, source, db


def _wait_gone(pids: set[int]) -> set[int]:
    deadline = time.monotonic() + 60
    while (left := {p for p in pids if _alive(p)}) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_stops_ingest_cleanly_with_its_exit_code(tmp_path: Path, sig: int, code: int):
    process, source, db = _start(tmp_path, workers=2)
    workers = _children(process.pid)
    assert workers
    process.send_signal(sig)
    _, err = process.communicate(timeout=120)
    assert process.returncode == code, err.decode()
    assert "re-run the same command to resume" in err.decode()
    assert "Traceback" not in err.decode()
    assert _wait_gone(workers) == set()
    kept = _stored(db)
    assert kept >= 5
    resumed = subprocess.run(
        [*COMMAND, str(source), "--db", str(db), "--no-progress", "--json"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": SRC},
    )
    assert json.loads(resumed.stdout)["skipped"] == kept
    assert _stored(db) == 2_000


def test_kill_9_of_ingest_leaves_no_worker_behind(tmp_path: Path):
    process, _, _ = _start(tmp_path, workers=2)
    workers = _children(process.pid)
    assert len(workers) >= 2
    process.kill()
    process.wait()
    assert _wait_gone(workers) == set()
