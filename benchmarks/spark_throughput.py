"""Local throughput of ``saidwhat spark --master local[2]`` against ``saidwhat ingest --workers 2``.

Both read the same PolNeAR JSONL from ../shared in place (a slice of it, when --limit is given, goes to
a temporary directory outside the repository and is deleted afterwards) and each runs in a fresh
process: JVM and model start-up included. (CPU seconds are left out: Spark's JVM and its Python workers
are not reaped by the measured process, so its rusage would undercount them.) A one-article run of each gives its fixed start-up cost, so
the table also shows steady-state throughput. The table is Markdown, ready for the README.

    python benchmarks/spark_throughput.py [--split dev|train] [--limit N]
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


def _commands(corpus: Path, work: Path, name: str) -> dict[str, list[str]]:
    return {
        "saidwhat spark --master local[2]": [
            str(BIN / "saidwhat"), "spark", str(corpus), "--output", str(work / f"{name}-spark"),
            "--master", "local[2]", "--partitions", "2",
        ],
        "saidwhat ingest --workers 2": [
            str(BIN / "saidwhat"), "ingest", str(corpus), "--db", str(work / f"{name}.db"), "--workers", "2",
        ],
    }  # fmt: skip


def _check(run: Run, label: str) -> None:
    if run.returncode != 0:
        raise SystemExit(f"{label} failed ({run.returncode}): {run.stderr.read_text()[-2000:]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "train"], default="dev")
    parser.add_argument("--limit", type=int, default=None, help="first N articles of the split")
    args = parser.parse_args()
    source = _shared() / "data" / "polnear" / f"{args.split}.jsonl"
    if not source.exists():
        raise SystemExit(f"PolNeAR {args.split} not found at {source}; set SAIDWHAT_SHARED")
    with tempfile.TemporaryDirectory(prefix="saidwhat-spark-bench-") as tmp:
        work = Path(tmp)
        corpus, articles = _slice(source, work / "corpus.jsonl", args.limit)
        one, _ = _slice(source, work / "one.jsonl", 1)
        chars = sum(len(json.loads(line)["text"]) for line in corpus.open(encoding="utf-8") if line.strip())
        rows = []
        for label, command in _commands(corpus, work, "corpus").items():
            startup = measure(_commands(one, work, "one")[label], work, "one")
            _check(startup, label)
            run = measure(command, work, "run")
            _check(run, label)
            steady = articles / max(run.seconds - startup.seconds, 1e-9)
            rows.append(
                f"| {label} | {articles} | {run.seconds:.1f} | {articles / run.seconds:.2f} | "
                f"{startup.seconds:.1f} | {steady:.2f} | {run.peak_mb:.0f} |"
            )
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


if __name__ == "__main__":
    main()
