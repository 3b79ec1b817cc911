"""Run one command in a fresh process and measure it: wall time, peak RSS, exit status.

Each system runs in its own subprocess so its peak memory is its own. Two memory figures are taken:
``ru_maxrss`` of that very child (``os.wait4``, the kernel's own high-water mark of the largest process,
so short peaks are never missed) and the sum of RSS over the child's whole process tree, sampled every
50 ms (what several worker processes hold together, which ``ru_maxrss`` does not add up).
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

SAMPLE_SECONDS = 0.05


@dataclass(frozen=True, slots=True)
class Run:
    """What one measured command did."""

    seconds: float
    cpu_seconds: float  # user + system time of the child and the workers it reaped
    max_rss_mb: float  # largest single process (kernel high-water mark)
    tree_rss_mb: float  # largest sampled sum over the process tree
    returncode: int
    stdout: Path
    stderr: Path

    @property
    def peak_mb(self) -> float:
        """Peak memory of the run: the tree sum where workers add up, else the single process."""
        return max(self.max_rss_mb, self.tree_rss_mb)


def _tree_rss(root: psutil.Process) -> int:
    total = 0
    try:
        processes = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    for process in processes:
        try:
            total += process.memory_info().rss
        except psutil.Error:
            continue
    return total


def _sample(pid: int, stop: threading.Event, peak: list[int]) -> None:
    try:
        root = psutil.Process(pid)
    except psutil.Error:
        return
    while not stop.is_set():
        peak[0] = max(peak[0], _tree_rss(root))
        stop.wait(SAMPLE_SECONDS)


def measure(command: list[str], out_dir: Path, name: str, env: dict[str, str] | None = None) -> Run:
    """Run ``command`` with stdout and stderr in ``out_dir/name.{out,err}``; wait for it and measure."""
    stdout, stderr = out_dir / f"{name}.out", out_dir / f"{name}.err"
    with stdout.open("wb") as out, stderr.open("wb") as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, env={**os.environ, **(env or {})})
        stop, peak = threading.Event(), [0]
        sampler = threading.Thread(target=_sample, args=(process.pid, stop, peak), daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        stop.set()
        sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must not wait again
    return Run(
        seconds=seconds,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        max_rss_mb=usage.ru_maxrss / 1024,  # Linux reports kilobytes
        tree_rss_mb=peak[0] / 2**20,
        returncode=process.returncode,
        stdout=stdout,
        stderr=stderr,
    )
