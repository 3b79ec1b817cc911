"""saidwhat on Apache Spark: the same Extractor once per partition, results as Parquet datasets.

``saidwhat spark`` runs it from the command line; ``spark-submit .../saidwhat/__main__.py spark`` runs
it on a cluster. Modules: ``inputs`` (driver-side readers), ``records``/``partition`` (executor
side), ``corpus_speakers`` (the cross-article aggregation), ``job`` (the whole run). Formats, ids and the
WARC rule are ``saidwhat.formats``'; the Parquet columns ``saidwhat.datasets``'.
"""

from saidwhat.formats import FieldMap, InputFormat
from saidwhat.spark.java import JavaNotFoundError, require_java
from saidwhat.spark.job import SparkJob, Summary, run_job
from saidwhat.spark.session import spark_session

__all__ = [
    "FieldMap",
    "InputFormat",
    "JavaNotFoundError",
    "SparkJob",
    "Summary",
    "require_java",
    "run_job",
    "spark_session",
]
