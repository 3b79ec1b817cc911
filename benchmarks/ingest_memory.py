"""Peak memory of ``saidwhat ingest`` on a large JSONL file: it must stay flat (under 1 GB for 1 GB).

    python benchmarks/ingest_memory.py [SIZE_MB] [--workers N] [--keep]

Writes SIZE_MB (default 1024) of short synthetic articles to a temporary directory, runs the real
command on it, samples the resident memory of the process tree with psutil, and prints the peak.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import tempfile
import time
from pathlib import Path

import psutil

PARAGRAPH = (
    '"Project {i} will be finished on time," Mayor Thomas Okafor said on Monday. Daniel Reyes, the union '
    "leader, said workers on site {i} wanted better pay and shorter shifts. "
)


def write_corpus(path: Path, size_bytes: int) -> int:
    """JSONL articles of about 2 KB each until ``size_bytes`` are written; returns the count."""
    count = written = 0
    with path.open("w", encoding="utf-8") as out:
        while written < size_bytes:
            text = "".join(PARAGRAPH.format(i=count * 10 + k) for k in range(10))
            line = json.dumps({"id": f"bench-{count}", "text": text}) + "\n"
            out.write(line)
            written += len(line)
            count += 1
    return count


def tree_memory(process: psutil.Process) -> tuple[int, int]:
    """Resident memory of a process and all its children, in bytes: the sum of RSS, and the sum of PSS.

    RSS counts a page shared by several processes (a model forked into workers) once in each; PSS
    divides it among them, so its sum is what the tree really holds. PSS is read on Linux only (0
    elsewhere).
    """
    rss = pss = 0
    for proc in [process, *process.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            rss += proc.memory_info().rss
        with contextlib.suppress(psutil.Error, AttributeError):
            pss += getattr(proc.memory_full_info(), "pss", 0)
    return rss, pss


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("size_mb", nargs="?", type=int, default=1024)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="saidwhat-bench-"))
    source, db = tmp / "big.jsonl", tmp / "bench.db"
    started = time.monotonic()
    count = write_corpus(source, args.size_mb * 1024 * 1024)
    print(
        f"wrote {count:,} articles ({source.stat().st_size / 2**20:.0f} MB) in {time.monotonic() - started:.0f} s"
    )
    saidwhat = str(Path(sys.executable).parent / "saidwhat")
    command = [
        saidwhat,
        "ingest",
        str(source),
        "--db",
        str(db),
        "--no-progress",
        "--workers",
        str(args.workers),
    ]
    started = time.monotonic()
    process = psutil.Popen(command)
    peak = peak_pss = 0
    while process.poll() is None:
        rss, pss = tree_memory(process)
        peak, peak_pss = max(peak, rss), max(peak_pss, pss)
        time.sleep(0.2)
    seconds = time.monotonic() - started
    print(f"exit {process.returncode}; {seconds:.0f} s; {count / seconds:.1f} articles/s")
    print(
        f"peak RSS (process tree): {peak / 2**20:.0f} MB for {source.stat().st_size / 2**20:.0f} MB of input; "
        f"peak PSS (shared pages divided): {peak_pss / 2**20:.0f} MB"
    )
    if not args.keep:
        for path in tmp.iterdir():
            path.unlink()
        tmp.rmdir()


if __name__ == "__main__":
    main()
