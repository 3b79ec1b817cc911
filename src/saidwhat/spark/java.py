"""Spark runs on a Java virtual machine: find one, or say plainly what to install.

Without this check a missing Java shows up as a py4j stack trace about a gateway that never started;
users deserve one line that names the fix.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from saidwhat.errors import JavaNotFoundError

MIN_JAVA = 17  # Spark 4 runs on Java 17 or 21
_VERSION = re.compile(r'version "(\d+)(?:\.(\d+))?')


def java_executable(env: dict[str, str] | None = None) -> str | None:
    """The ``java`` Spark will start: ``$JAVA_HOME/bin/java`` if JAVA_HOME is set, else ``java`` on PATH."""
    env = dict(os.environ) if env is None else env
    home = env.get("JAVA_HOME")
    if home:
        candidate = Path(home) / "bin" / "java"
        return str(candidate) if candidate.is_file() else None
    return shutil.which("java", path=env.get("PATH", ""))


def java_major(version_output: str) -> int | None:
    """The major version in ``java -version`` output: 17 for "17.0.15", 8 for "1.8.0_392"."""
    match = _VERSION.search(version_output)
    if match is None:
        return None
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


def require_java(env: dict[str, str] | None = None) -> str:
    """The path of a Java 17+ runtime, or a JavaNotFoundError that says how to get one."""
    java = java_executable(env)
    where = "JAVA_HOME" if (env if env is not None else os.environ).get("JAVA_HOME") else "PATH"
    if java is None:
        raise JavaNotFoundError(
            f"saidwhat spark needs a Java {MIN_JAVA}+ runtime and found none on {where}. "
            "Install one (Debian/Ubuntu: apt-get install openjdk-17-jre-headless; or run "
            "`make setup-system`) or point JAVA_HOME at an installed JDK/JRE."
        )
    try:
        done = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60, check=False)
    except OSError as exc:
        raise JavaNotFoundError(f"saidwhat spark could not run {java}: {exc}") from exc
    major = java_major(done.stderr + done.stdout)
    if major is not None and major < MIN_JAVA:
        raise JavaNotFoundError(
            f"saidwhat spark needs Java {MIN_JAVA}+ but {java} is Java {major}. "
            "Install openjdk-17-jre-headless or point JAVA_HOME at a newer runtime."
        )
    return java
