"""A Spark standalone cluster on this machine, from pyspark's own distribution (master and workers).

The cluster test and the throughput benchmark use it to run ``saidwhat spark`` the way a cluster does:
separate executor JVMs, each with its own Python workers and work directory, driven over the network
by a driver that shares nothing with them but the master URL. Each daemon is a child process stopped by
its PID (``stop``), so a failed run never leaves a JVM behind and nothing else on the machine is touched.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pyspark

from saidwhat.errors import ClusterError

HOST = "127.0.0.1"
MASTER_CLASS = "org.apache.spark.deploy.master.Master"
WORKER_CLASS = "org.apache.spark.deploy.worker.Worker"


def spark_home() -> Path:
    """pyspark's bundled Spark distribution: ``bin/spark-class`` and the jars."""
    return Path(pyspark.__file__).resolve().parent


def free_port() -> int:
    """A TCP port nobody listens on now (the OS picks it), for a daemon about to bind it."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


@dataclass
class LocalCluster:
    """A master and ``workers`` workers of ``cores`` cores each, their files under ``root``."""

    root: Path
    workers: int = 2
    cores: int = 1
    memory: str = "1g"
    master_port: int = field(default_factory=free_port)
    ui_port: int = field(default_factory=free_port)
    environ: dict[str, str] | None = None  # the daemons' environment (default: this process's)
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"spark://{HOST}:{self.master_port}"

    def _env(self) -> dict[str, str]:
        env = dict(os.environ if self.environ is None else self.environ)
        env.update(
            SPARK_HOME=str(spark_home()),
            SPARK_LOCAL_IP=HOST,
            SPARK_LOG_DIR=str(self.root / "logs"),
            SPARK_NO_DAEMONIZE="1",
        )
        return env

    def _start(self, name: str, *args: str) -> None:
        log = (self.root / "logs" / f"{name}.log").open("wb")
        command = [str(spark_home() / "bin" / "spark-class"), *args]
        self.processes.append(
            subprocess.Popen(command, env=self._env(), stdout=log, stderr=subprocess.STDOUT)
        )
        log.close()

    def start(self, timeout: float = 120.0) -> LocalCluster:
        """Start the daemons and wait until every worker has registered with the master."""
        (self.root / "logs").mkdir(parents=True, exist_ok=True)
        self._start(
            "master",
            MASTER_CLASS,
            "--host",
            HOST,
            "--port",
            str(self.master_port),
            "--webui-port",
            str(self.ui_port),
        )
        for n in range(self.workers):
            work = self.root / f"worker-{n}"
            work.mkdir(exist_ok=True)
            self._start(
                f"worker-{n}",
                WORKER_CLASS,
                self.url,
                "--host",
                HOST,
                "--cores",
                str(self.cores),
                "--memory",
                self.memory,
                "--work-dir",
                str(work),
                "--webui-port",
                str(free_port()),
            )
        deadline = time.monotonic() + timeout
        while self.alive_workers() < self.workers:
            if time.monotonic() > deadline or any(p.poll() is not None for p in self.processes):
                self.stop()
                raise ClusterError(f"the standalone cluster did not start; see {self.root / 'logs'}")
            time.sleep(1)
        return self

    def alive_workers(self) -> int:
        """Workers the master counts as alive, from its JSON status page (0 while it starts)."""
        try:
            with urllib.request.urlopen(f"http://{HOST}:{self.ui_port}/json/", timeout=5) as response:
                return int(json.load(response).get("aliveworkers", 0))
        except (OSError, ValueError):
            return 0

    def stop(self) -> None:
        """Stop every daemon this object started, by its PID; workers first, so they leave cleanly."""
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.processes.clear()

    def __enter__(self) -> LocalCluster:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
