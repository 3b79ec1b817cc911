"""saidwhat spark on a real Spark standalone cluster (a master and two 1-core workers on 127.0.0.1).

The job runs as a user runs it, ``saidwhat spark --master spark://...`` in its own process, and its
Parquet output must equal local mode's row for row, with both workers' executors running tasks (read
from the Spark event log). The executors find saidwhat through ``spark.executorEnv.PYTHONPATH``:
shipping a packed venv (``--pack``) is tested as an archive build in test_spark_pack.py, since packing
and unpacking the 2 GB test venv twice is too slow for a shared 2-core machine.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from saidwhat.datasets import DATASETS
from saidwhat.spark.standalone import LocalCluster

pytestmark = pytest.mark.spark

SRC = Path(__file__).resolve().parent.parent / "src"
PEOPLE = [
    ("Mayor", "Jane Holloway"),
    ("Councillor", "Tom Baker"),
    ("Dr", "Amara Okafor"),
    ("Chief", "Omar Haddad"),
]
TOPICS = ["bridge", "budget", "harbour", "school", "library", "tram"]
WIRE = "We will not accept a deal that leaves our town worse off than it is today"


def corpus_lines(count: int = 30) -> list[str]:
    """``count`` small articles: every person on every topic, and a wire quote repeated (a family)."""
    lines = []
    for n in range(count):
        title, name = PEOPLE[n % len(PEOPLE)]
        topic = TOPICS[n % len(TOPICS)]
        last = name.split()[-1]
        text = (
            f"{title} {name} spoke about the {topic} on day {n}.\n\n"
            f'"The {topic} will be finished by the spring of year {n % 5 + 1}," {last} said.\n\n'
            f"{last} told reporters that the council had met {n} times."
        )
        if n % 7 == 0:
            text += f'\n\n"{WIRE}," said {title} {name}.'
        lines.append(json.dumps({"id": f"a{n:03d}", "text": text, "source": f"Outlet {n % 3}"}))
    return lines


def run_spark(corpus: Path, output: Path, master: str, *conf: str) -> None:
    """``saidwhat spark`` in its own process, as a user runs it; this worktree's source first."""
    env = dict(os.environ, PYTHONPATH=str(SRC))
    command = [str(Path(sys.executable).parent / "saidwhat"), "spark", str(corpus), "--output", str(output)]
    command += ["--master", master, "--partitions", "4"]
    for item in conf:
        command += ["--conf", item]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-3000:]


def rows(root: Path, name: str) -> list[dict]:
    return ds.dataset(root / name, format="parquet").to_table().to_pylist()


def task_executors(events: Path) -> set[str]:
    """Executor ids of every finished task, from the Spark event log(s) under ``events`` (Spark 4 rolls
    each application's log into a directory of ``events_N_...`` files)."""
    found = set()
    for log in events.rglob("events_*"):
        for line in log.read_text(encoding="utf-8").splitlines():
            event = json.loads(line)
            if event["Event"] == "SparkListenerTaskEnd":
                found.add(event["Task Info"]["Executor ID"])
    return found


def test_spark_standalone_cluster_equals_local_mode(tmp_path: Path) -> None:
    corpus = tmp_path / "news.jsonl"
    corpus.write_text("\n".join(corpus_lines()) + "\n", encoding="utf-8")
    local = tmp_path / "local"
    run_spark(corpus, local, "local[2]")

    events = tmp_path / "events"
    events.mkdir()
    cluster = LocalCluster(tmp_path / "cluster", workers=2, cores=1)
    with cluster:
        run_spark(
            corpus,
            tmp_path / "cluster-out",
            cluster.url,
            f"spark.executorEnv.PYTHONPATH={SRC}",
            "spark.executor.memory=512m",
            "spark.driver.host=127.0.0.1",
            "spark.sql.shuffle.partitions=4",  # a cluster's default of 200 is for big data, not 30 articles
            "spark.scheduler.minRegisteredResourcesRatio=1.0",  # start once both executors are up
            "spark.eventLog.enabled=true",
            "spark.eventLog.compress=false",
            f"spark.eventLog.dir={events.as_uri()}",
        )
    assert not cluster.processes  # every daemon was stopped by its PID

    for name in DATASETS:
        assert rows(tmp_path / "cluster-out", name) == rows(local, name), name
    assert len(rows(local, "articles")) == 30 and rows(local, "families")
    executors = task_executors(events)
    assert {"0", "1"} <= executors, executors  # both workers' executors ran tasks
    assert "driver" not in executors
