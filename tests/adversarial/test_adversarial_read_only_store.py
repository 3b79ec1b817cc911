"""A store in a place nobody may write (a read-only mount, a shared archive, another user's file):
every read command and ``serve`` work on it, and a write says so in one line.

The real commands run in a child process that may not write the store: as root, by dropping the
capabilities that let root write anything (``setpriv``); otherwise the file modes alone do it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import saidwhat

SRC = str(Path(saidwhat.__file__).resolve().parent.parent)
CHECK = """
import json, sys
from fastapi.testclient import TestClient
from typer.testing import CliRunner
from saidwhat.cli import app
from saidwhat.web import create_app

db = sys.argv[1]
runner = CliRunner()
out = {}
for args in (["stats"], ["search", "fine"], ["speakers"], ["failures"], ["export", "--format", "jsonl"]):
    result = runner.invoke(app, [*args, "--db", db])
    out[args[0]] = [result.exit_code, result.output[-300:]]
client = TestClient(create_app(db))
for path in ("/", "/articles", "/search?q=fine", "/api/quotes", "/api/stats", "/speakers"):
    out[path] = client.get(path).status_code
print(json.dumps(out))
"""


def _unprivileged() -> list[str]:
    if os.geteuid() != 0:
        return []
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--inh-caps=-all"]


@pytest.fixture
def read_only_store(hostile_store: Path, tmp_path: Path) -> Iterator[Path]:
    place = tmp_path / "archive"
    place.mkdir()
    db = place / "store.db"
    shutil.copy(hostile_store, db)
    db.chmod(0o444)
    place.chmod(0o555)
    yield db
    place.chmod(0o755)


@pytest.mark.skipif(os.geteuid() == 0 and shutil.which("setpriv") is None, reason="root writes everywhere")
def test_read_only_store_reads_and_serves(read_only_store: Path):
    done = subprocess.run(
        [*_unprivileged(), sys.executable, "-c", CHECK, str(read_only_store)],
        capture_output=True,
        text=True,
        timeout=300,
        env={"PYTHONPATH": SRC, "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    for command in ("stats", "search", "speakers", "failures", "export"):
        assert out[command][0] == 0, (command, out[command])
    assert "1-8 of 8 quotes" in out["search"][1]
    assert {k: v for k, v in out.items() if k.startswith("/")} == dict.fromkeys(
        ("/", "/articles", "/search?q=fine", "/api/quotes", "/api/stats", "/speakers"), 200
    )
    assert sorted(p.name for p in read_only_store.parent.iterdir()) == ["store.db"]


@pytest.mark.skipif(os.geteuid() == 0 and shutil.which("setpriv") is None, reason="root writes everywhere")
def test_read_only_store_refuses_a_write_in_one_line(read_only_store: Path, tmp_path: Path):
    one = tmp_path / "one.jsonl"
    one.write_text(json.dumps({"id": "x", "text": '"Hi," said Bo Ek.'}) + "\n", encoding="utf-8")
    command = "from saidwhat.cli import main; main()"
    done = subprocess.run(
        [*_unprivileged(), sys.executable, "-c", command, "ingest", str(one), "--db", str(read_only_store)],
        capture_output=True,
        text=True,
        timeout=300,
        env={"PYTHONPATH": SRC, "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 3
    [line] = done.stderr.strip().splitlines()
    assert "read-only" in line and "free some space" not in line
