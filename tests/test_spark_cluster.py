"""saidwhat spark on a real Spark standalone cluster (a master and two 1-core workers on 127.0.0.1),
with the executors running the packed environment, as on a cluster of other machines.

The workers start in a clean environment (no PYTHONPATH or VIRTUAL_ENV, a PATH whose python cannot
import saidwhat), and the job ships saidwhat, its packages and the model with ``--pack`` (venv-pack,
``spark.archives``). The driver runs ``saidwhat spark``'s own entry point and then, on the same
executors, asks each Python worker which interpreter and which saidwhat it runs: both must be inside
the archive each executor unpacked. The Parquet output must equal local mode's row for row, with both
workers' executors running tasks (read from the Spark event log).
"""

from __future__ import annotations

import json
import os
import shutil
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


# The driver: saidwhat's own command line (``saidwhat.cli.main``), then a probe job on the executors the
# command used (the session stays up), printing what each Python worker runs as one JSON line.
DRIVER = """
import json, sys
from pyspark.sql import SparkSession
from saidwhat.cli import main

sys.argv = ["saidwhat", *sys.argv[1:]]
try:
    main()
except SystemExit as exc:
    if exc.code:
        raise

def probe(_):
    import os, sys
    import saidwhat
    return sys.executable, saidwhat.__file__, os.environ.get("PYTHONPATH", "")

spark = SparkSession.getActiveSession()
print(json.dumps(spark.sparkContext.parallelize(range(4), 4).map(probe).collect()))
spark.stop()
"""


def run_packed(corpus: Path, output: Path, master: str, archive: Path, *conf: str) -> list[list[str]]:
    """``saidwhat spark --pack ARCHIVE`` as the driver above runs it; what each probed worker runs."""
    command = [sys.executable, "-c", DRIVER, "spark", str(corpus), "--output", str(output)]
    command += ["--master", master, "--partitions", "4", "--pack", str(archive)]
    for item in conf:
        command += ["--conf", item]
    env = dict(os.environ, PYTHONPATH=str(SRC))
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def clean_environment() -> dict[str, str]:
    """What a cluster node's daemons see: system PATH, no virtualenv, no PYTHONPATH."""
    env = {"PATH": "/usr/bin:/bin", "HOME": os.environ.get("HOME", "/tmp"), "LANG": "C.UTF-8"}
    if "JAVA_HOME" in os.environ:
        env["JAVA_HOME"] = os.environ["JAVA_HOME"]
    return env


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


def test_spark_standalone_cluster_with_packed_env_equals_local_mode(
    tmp_path: Path, spark_archive: Path
) -> None:
    corpus = tmp_path / "news.jsonl"
    corpus.write_text("\n".join(corpus_lines()) + "\n", encoding="utf-8")
    local = tmp_path / "local"
    run_spark(corpus, local, "local[2]")

    clean = clean_environment()
    for python in filter(None, (shutil.which(n, path=clean["PATH"]) for n in ("python3", "python"))):
        cannot = subprocess.run(
            [python, "-c", "import saidwhat"], env=clean, capture_output=True, check=False
        )
        assert cannot.returncode != 0, f"{python} on the workers' PATH imports saidwhat"
    events = tmp_path / "events"
    events.mkdir()
    cluster = LocalCluster(tmp_path / "cluster", workers=2, cores=1, environ=clean)
    with cluster:
        workers = run_packed(
            corpus,
            tmp_path / "cluster-out",
            cluster.url,
            spark_archive,
            "spark.executor.memory=512m",
            "spark.driver.host=127.0.0.1",
            "spark.sql.shuffle.partitions=4",  # a cluster's default of 200 is for big data, not 30 articles
            "spark.scheduler.minRegisteredResourcesRatio=1.0",  # start once both executors are up
            "spark.eventLog.enabled=true",
            "spark.eventLog.compress=false",
            f"spark.eventLog.dir={events.as_uri()}",
        )
    assert not cluster.processes  # every daemon was stopped by its PID

    site = f"lib/python{sys.version_info.major}.{sys.version_info.minor}/site-packages"
    for executable, module, pythonpath in workers:
        unpacked = Path(executable).parent.parent  # <worker work dir>/app-.../<executor>/environment
        assert unpacked.name == "environment" and unpacked.is_relative_to(cluster.root), executable
        assert Path(module) == unpacked / site / "saidwhat" / "__init__.py", module
        assert str(SRC) not in pythonpath
    for name in DATASETS:
        assert rows(tmp_path / "cluster-out", name) == rows(local, name), name
    assert len(rows(local, "articles")) == 30 and rows(local, "families")
    executors = task_executors(events)
    assert {"0", "1"} <= executors, executors  # both workers' executors ran tasks
    assert "driver" not in executors
