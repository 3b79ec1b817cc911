"""Throughput of ``saidwhat spark`` in local[2] and on a 2-worker standalone cluster, and of ingest.

Both read the same PolNeAR JSONL from ../shared in place (a slice of it, when --limit is given, goes to
a temporary directory outside the repository and is deleted afterwards) and each runs in a fresh
process: JVM and model start-up included. (CPU seconds are left out: Spark's JVM and its Python workers
are not reaped by the measured process, so its rusage would undercount them.) A one-article run of each gives its fixed start-up cost, so
the table also shows steady-state throughput. The table is Markdown, ready for the README.

``--cluster`` adds ``saidwhat spark`` on a standalone cluster of two 1-core workers started on this
machine (``saidwhat.spark.standalone``), executors finding saidwhat by PYTHONPATH, or with ``--pack
ARCHIVE`` (``scripts/pack_env.sh``) running the packed environment as on a real cluster (start-up then
includes shipping and unpacking it); its peak memory is the driver's only (executors belong to the
workers). From each Spark row's steady rate per core it
prints a projection of core-hours for 10^7 and 10^8 articles.

    python benchmarks/spark_throughput.py [--split dev|train] [--limit N] [--cluster [--pack ARCHIVE]]
                                          [--no-ingest]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _measure import Run, measure
from saidwhat.spark.standalone import LocalCluster

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _shared() -> Path:
    return Path(os.environ.get("SAIDWHAT_SHARED", ROOT.parent / "shared"))


def _slice(source: Path, target: Path, limit: int | None) -> tuple[Path, int]:
    """``source`` itself, or its first ``limit`` lines written to ``target``; and the article count."""
    with source.open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip()]
    if limit is None or limit >= len(lines):
        return source, len(lines)
    target.write_text("".join(lines[:limit]), encoding="utf-8")
    return target, limit


CLUSTER_CONF = [
    "--conf", "spark.executor.memory=1g",
    "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.sql.shuffle.partitions=4",
    "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0",
]  # fmt: skip


def _commands(
    corpus: Path, work: Path, name: str, cluster: str | None, pack: Path | None = None
) -> dict[str, list[str]]:
    spark = [str(BIN / "saidwhat"), "spark", str(corpus), "--partitions", "2"]
    commands = {
        "saidwhat spark --master local[2]": [
            *spark, "--output", str(work / f"{name}-spark"), "--master", "local[2]",
        ],
        "saidwhat ingest --workers 2": [
            str(BIN / "saidwhat"), "ingest", str(corpus), "--db", str(work / f"{name}.db"), "--workers", "2",
        ],
    }  # fmt: skip
    if cluster:
        commands["saidwhat spark --master spark:// (2 workers x 1 core)"] = [
            *spark, "--output", str(work / f"{name}-cluster"), "--master", cluster, *CLUSTER_CONF,
            *(["--pack", str(pack)] if pack else ["--conf", f"spark.executorEnv.PYTHONPATH={ROOT / 'src'}"]),
        ]  # fmt: skip
    return commands


def projection(per_core: float) -> list[str]:
    """Core-hours for 10^7 and 10^8 articles at ``per_core`` articles/s, and wall hours on 100 and 1000
    cores: extraction only, scaling linearly (articles are independent), start-up and the final
    aggregation left out, articles the size of the measured ones."""
    lines = []
    for articles in (10**7, 10**8):
        core_hours = articles / per_core / 3600
        lines.append(
            f"| {articles:.0e} | {core_hours:,.0f} | {core_hours / 100:,.1f} | {core_hours / 1000:,.1f} |"
        )
    return lines


def _check(run: Run, label: str) -> None:
    if run.returncode != 0:
        raise SystemExit(f"{label} failed ({run.returncode}): {run.stderr.read_text()[-2000:]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "train"], default="dev")
    parser.add_argument("--limit", type=int, default=None, help="first N articles of the split")
    parser.add_argument("--cluster", action="store_true", help="also on a 2-worker standalone cluster")
    parser.add_argument("--pack", type=Path, help="the cluster's executors run this packed environment")
    parser.add_argument("--no-ingest", action="store_true", help="leave out saidwhat ingest")
    args = parser.parse_args()
    source = _shared() / "data" / "polnear" / f"{args.split}.jsonl"
    if not source.exists():
        raise SystemExit(f"PolNeAR {args.split} not found at {source}; set SAIDWHAT_SHARED")
    with tempfile.TemporaryDirectory(prefix="saidwhat-spark-bench-") as tmp:
        work = Path(tmp)
        corpus, articles = _slice(source, work / "corpus.jsonl", args.limit)
        one, _ = _slice(source, work / "one.jsonl", 1)
        chars = sum(len(json.loads(line)["text"]) for line in corpus.open(encoding="utf-8") if line.strip())
        rows, rates = [], {}
        cluster = LocalCluster(work / "cluster", workers=2, cores=1, memory="2g") if args.cluster else None
        try:
            if cluster:
                cluster.start()
            url = cluster.url if cluster else None
            for label, command in _commands(corpus, work, "corpus", url, args.pack).items():
                if args.no_ingest and "ingest" in label:
                    continue
                startup = measure(_commands(one, work, "one", url, args.pack)[label], work, "one")
                _check(startup, label)
                run = measure(command, work, "run")
                _check(run, label)
                steady = articles / max(run.seconds - startup.seconds, 1e-9)
                rates[label] = steady
                rows.append(
                    f"| {label} | {articles} | {run.seconds:.1f} | {articles / run.seconds:.2f} | "
                    f"{startup.seconds:.1f} | {steady:.2f} | {run.peak_mb:.0f} |"
                )
        finally:
            if cluster:
                cluster.stop()
    print(
        f"PolNeAR {args.split}, {articles} articles, {chars:,} characters; load average {os.getloadavg()[0]:.1f}"
    )
    print()
    print(
        "| command | articles | wall s | articles/s | start-up s (1 article) | articles/s after start-up "
        "| peak MB |"
    )
    print("|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    print()
    print("Projection from each Spark row's rate after start-up, per core (2 cores):")
    print()
    print("| from | articles/s per core | articles | core-hours | hours on 100 cores | hours on 1000 cores |")
    print("|---|---|---|---|---|---|")
    for label, rate in rates.items():
        if "spark" in label:
            print("\n".join(f"| {label} | {rate / 2:.2f} {line}" for line in projection(rate / 2)))


if __name__ == "__main__":
    main()
