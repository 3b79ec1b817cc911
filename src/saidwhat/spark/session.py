"""One place that starts Spark, so the CLI, spark-submit and the tests get the same settings.

Executors must run the Python that has saidwhat and its spaCy model installed; in local mode that is
the driver's own interpreter. Nothing here asks Spark to fetch packages (no ``spark.jars.packages``),
so a run never downloads anything.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

from pyspark.sql import SparkSession

from saidwhat.spark.java import require_java

APP_NAME = "saidwhat"
# Quiet, small defaults for one machine; a cluster's spark-defaults.conf or --conf overrides them.
LOCAL_DEFAULTS: dict[str, str] = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.shuffle.partitions": "8",
    "spark.python.worker.reuse": "true",  # the spaCy model stays loaded between tasks
}


def use_this_python(conf: Mapping[str, str]) -> None:
    """Executors run the Python named by ``spark.pyspark.python`` (a packed env on a cluster, relative
    to each executor's directory), else ``PYSPARK_PYTHON``, else ``sys.executable``.

    A driver started as plain Python (not by spark-submit) gives every Python function the interpreter
    in its own ``PYSPARK_PYTHON`` and never reads ``spark.pyspark.python``: without this the executors
    would run the driver's interpreter by its absolute path, and on one machine that silently works."""
    if chosen := conf.get("spark.pyspark.python"):
        os.environ["PYSPARK_PYTHON"] = chosen
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)


def under_spark_submit() -> bool:
    """True when spark-submit started this Python (it hands over its JVM through this variable)."""
    return "PYSPARK_GATEWAY_PORT" in os.environ


def spark_session(master: str | None = None, conf: Mapping[str, str] | None = None) -> SparkSession:
    """Get or start the session; ``master=None`` keeps spark-submit's master, else runs ``local[*]``."""
    if master is None and not under_spark_submit():
        master = "local[*]"
    if not under_spark_submit():
        require_java()
    use_this_python(conf or {})
    builder = SparkSession.builder.appName(APP_NAME)
    if master is not None:
        builder = builder.master(master)
        if master.startswith("local"):
            for key, value in LOCAL_DEFAULTS.items():
                builder = builder.config(key, value)
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("WARN")
    return session
