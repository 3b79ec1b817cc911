"""The same articles in another order, or ingested concurrently, give the same speakers: names and kinds
come from all the evidence (``saidwhat.identity``), not from whichever article came first.

The articles are short and real extraction labels them differently: "Twitter" (person) and "TWITTER"
(organisation), "PolitiFact" (organisation) and "Politifact" (person).
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import saidwhat
from saidwhat.identity import display_name, speaker_kind
from saidwhat.ingest import IngestOptions, ingest

SRC = str(Path(saidwhat.__file__).resolve().parent.parent)
TEXTS = {
    "t1": '"We removed the posts because they broke our rules," Twitter said in a statement on Monday.',
    "t2": '"We removed the posts because they broke our rules," TWITTER said in a statement on Monday.',
    "t3": '"The claim is false and has been for years," PolitiFact said in its review of the speech.',
    "t4": '"The claim is false and has been for years," Politifact said in its review of the speech.',
    "t5": '"Our teams worked through the night to fix it," Twitter said on Tuesday about the outage.',
    "t6": '"The rating stands after a second look," PolitiFact said on Wednesday.',
    "t7": '"The harbour bridge will open in May," Mayor Jane Holloway said on Monday.',
    "t8": '"Every pound was spent in the open," Holloway told reporters on Thursday.',
}


def _jsonl(path: Path, ids: list[str]) -> Path:
    path.write_text("".join(json.dumps({"id": i, "text": TEXTS[i]}) + "\n" for i in ids), encoding="utf-8")
    return path


def _speakers(db: Path) -> list[tuple[str, str, str, str | None]]:
    with sqlite3.connect(db) as conn:
        return sorted(
            conn.execute(
                "SELECT s.key, s.name, s.kind, c.key FROM speakers s"
                " LEFT JOIN speakers c ON c.id = s.canonical_id WHERE s.is_description = 0"
            ).fetchall()
        )


def test_two_orders_give_the_same_speaker_table(tmp_path: Path):
    forward = ["t1", "t3", "t5", "t6", "t7", "t2", "t4", "t8"]
    backward = ["t8", "t2", "t4", "t1", "t3", "t5", "t6", "t7"]
    tables = []
    for name, order in (("forward", forward), ("backward", backward)):
        db = tmp_path / f"{name}.db"
        ingest([str(_jsonl(tmp_path / f"{name}.jsonl", order))], db, IngestOptions())
        tables.append(_speakers(db))
    assert tables[0] == tables[1]
    shown = {key: (name, kind) for key, name, kind, _ in tables[0]}
    assert shown["twitter"][0] == "Twitter"  # mixed case over ALL CAPS
    assert shown["politifact"][0] == "PolitiFact"  # two articles to one


@pytest.mark.slow
def test_concurrent_ingests_give_the_speakers_of_a_sequential_one(tmp_path: Path):
    halves = [["t2", "t4", "t5", "t8"], ["t1", "t3", "t6", "t7"]]
    sequential = tmp_path / "sequential.db"
    ingest([str(_jsonl(tmp_path / "all.jsonl", halves[0] + halves[1]))], sequential, IngestOptions())
    together = tmp_path / "together.db"
    command = [sys.executable, "-c", "from saidwhat.cli import main; main()", "ingest"]
    runs = [
        subprocess.Popen(
            [
                *command,
                str(_jsonl(tmp_path / f"half{n}.jsonl", half)),
                "--db",
                str(together),
                "--no-progress",
            ],
            env={"PYTHONPATH": SRC, "PATH": "/usr/bin:/bin"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for n, half in enumerate(halves)
    ]
    for run in runs:
        _, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
    assert _speakers(together) == _speakers(sequential)


@pytest.mark.parametrize(
    ("counts", "name"),
    [
        ({"TWITTER": 5, "Twitter": 1}, "Twitter"),
        ({"Politifact": 1, "PolitiFact": 1}, "Politifact"),  # a tie: the greater in code-point order
        ({"Politifact": 1, "PolitiFact": 2}, "PolitiFact"),
        ({"Donald Trump": 3, "Donald J. Trump": 1}, "Donald J. Trump"),  # the fullest
        ({"ACLU": 2, "aclu": 1}, "ACLU"),
    ],
)
def test_the_display_name_rule(counts: dict[str, int], name: str):
    assert display_name(counts) == name
    assert display_name(dict(reversed(list(counts.items())))) == name


@pytest.mark.parametrize(
    ("counts", "kind"),
    [
        ({"person": 1, "organisation": 1}, "person"),
        ({"person": 1, "organisation": 2, "unknown": 5}, "organisation"),
        ({"unknown": 2}, "unknown"),
        ({}, "unknown"),
    ],
)
def test_the_kind_rule(counts: dict[str, int], kind: str):
    assert speaker_kind(counts) == kind
    assert speaker_kind(dict(reversed(list(counts.items())))) == kind
