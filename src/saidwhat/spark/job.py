"""The Spark job: read inputs, run the Extractor per partition, write the Parquet datasets.

Every dataset is written sorted by ``article_id`` (quotes also by their index), so a reader can
stream articles, their speakers and their quotes side by side without loading a whole dataset
(``saidwhat.ingest.spark_parquet``). Extraction results are first committed part by part under
``_extracted`` (``--chunks``), so a killed run resumes; that directory goes once every dataset is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Any

from pyspark import StorageLevel
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from saidwhat.datasets import (
    ARTICLE_COLUMNS,
    ARTICLE_SPEAKER_COLUMNS,
    DATASETS,
    FAILURE_COLUMNS,
    QUOTE_COLUMNS,
)
from saidwhat.errors import OutputExistsError
from saidwhat.formats import FieldMap, InputFormat
from saidwhat.pipeline import Settings
from saidwhat.spark.corpus_speakers import merge_speakers, partial_key_map, with_speaker_id
from saidwhat.spark.families import build_families
from saidwhat.spark.inputs import read_inputs
from saidwhat.spark.partition import extract_partition
from saidwhat.spark.schema import INPUT_SCHEMA, RESULT_SCHEMA

EXTRACTED = "_extracted"  # under the output: parts of the input already extracted, until the run ends


@dataclass(frozen=True, slots=True)
class SparkJob:
    """Everything one run needs, with defaults; the CLI and spark-submit fill it from arguments."""

    inputs: tuple[str, ...]
    output: str
    input_format: InputFormat = InputFormat.auto
    fields: FieldMap = field(default_factory=FieldMap)
    partitions: int | None = None  # repartition the input to this many tasks; None keeps Spark's split
    settings: Settings = field(default_factory=Settings)
    overwrite: bool = False
    chunks: int = 1  # parts of the input extracted and committed one by one: a restart skips finished ones


@dataclass(frozen=True, slots=True)
class Summary:
    articles: int
    quotes: int
    speakers: int
    failures: int


def extract_results(spark: SparkSession, job: SparkJob, chunk: int = 0) -> DataFrame:
    """One RESULT_SCHEMA row per article or failure of input part ``chunk``, extracted on the executors.

    A row's part is a hash of the row itself, so the same input splits the same way in every run."""
    inputs = read_inputs(spark, list(job.inputs), job.input_format, job.fields)
    if job.chunks > 1:
        inputs = inputs.where(F.pmod(F.xxhash64(*INPUT_SCHEMA.fieldNames()), F.lit(job.chunks)) == chunk)
    if job.partitions:
        inputs = inputs.repartition(job.partitions)
    rows = inputs.rdd.mapPartitions(partial(extract_partition, job.settings, fields=job.fields))
    return spark.createDataFrame(rows, RESULT_SCHEMA, verifySchema=False)


def extract_chunks(spark: SparkSession, job: SparkJob, root: str) -> DataFrame:
    """Extract each part of the input into ``root/_extracted`` as a job of its own, skipping parts a
    previous run committed (Spark writes ``_SUCCESS`` when a write job commits), and read them back.

    A run killed midway loses only the parts in flight: started again with the same output, it
    redoes those and nothing else, and a part half written is replaced whole, so no row is doubled."""
    paths = [f"{root}/{EXTRACTED}/of-{job.chunks}/part-{n}" for n in range(job.chunks)]
    for n, path in enumerate(paths):
        if not _exists(spark, f"{path}/_SUCCESS"):
            extract_results(spark, job, n).write.mode("overwrite").parquet(path)
    return spark.read.schema(RESULT_SCHEMA).parquet(*paths)


def _exploded(results: DataFrame, column: str) -> DataFrame:
    ok = results.where(F.col("failure_stage").isNull())
    return ok.select("article_id", F.explode(column).alias("x")).select("article_id", "x.*")


def speaker_key_map(results: DataFrame) -> DataFrame:
    """Rule 3 over the whole corpus; small (one row per partial key), so worth persisting once."""
    return partial_key_map(_exploded(results, "speakers"))


def build_datasets(results: DataFrame, key_map: DataFrame) -> dict[str, DataFrame]:
    """The output datasets, from extraction results and the partial-key map."""
    ok = results.where(F.col("failure_stage").isNull())
    quotes_raw = _exploded(results, "quotes")
    speakers_raw = _exploded(results, "speakers")
    article_speakers = with_speaker_id(speakers_raw, key_map)
    quotes = with_speaker_id(quotes_raw, key_map).drop("identity_key")
    datasets = {
        "articles": ok.withColumn("quote_count", F.size("quotes"))
        .withColumn("speaker_count", F.size("speakers"))
        .select(*ARTICLE_COLUMNS)
        .orderBy("article_id"),
        "quotes": quotes.select(*QUOTE_COLUMNS).orderBy("article_id", "index"),
        "article_speakers": article_speakers.select(*ARTICLE_SPEAKER_COLUMNS).orderBy("article_id", "index"),
        "speakers": merge_speakers(article_speakers).orderBy("speaker_id"),
        "failures": results.where(F.col("failure_stage").isNotNull())
        .withColumnRenamed("failure_stage", "stage")
        .withColumnRenamed("failure_reason", "reason")
        .select(*FAILURE_COLUMNS)
        .orderBy("article_id"),
    }
    datasets["families"] = build_families(datasets["quotes"], datasets["articles"])
    return datasets


def _hadoop_path(spark: SparkSession, path: str) -> tuple[Any, Any]:
    """``path`` and its file system, through Hadoop, so any path Spark writes to works (s3a:, hdfs:)."""
    jvm = spark.sparkContext._jvm
    assert jvm is not None
    hadoop_path = jvm.org.apache.hadoop.fs.Path(path)
    return hadoop_path, hadoop_path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())


def _exists(spark: SparkSession, path: str) -> bool:
    hadoop_path, fs = _hadoop_path(spark, path)
    return bool(fs.exists(hadoop_path))


def _delete(spark: SparkSession, path: str) -> None:
    hadoop_path, fs = _hadoop_path(spark, path)
    fs.delete(hadoop_path, True)


def _existing(spark: SparkSession, root: str) -> list[str]:
    """Datasets already under ``root``."""
    return [name for name in DATASETS if _exists(spark, f"{root}/{name}")]


def run_job(spark: SparkSession, job: SparkJob) -> Summary:
    """Extract once (results persisted), then write every dataset under ``job.output``."""
    root = job.output.rstrip("/")
    resuming = _exists(spark, f"{root}/{EXTRACTED}") and not job.overwrite
    if job.overwrite:
        _delete(spark, f"{root}/{EXTRACTED}")
    elif not resuming and (found := _existing(spark, root)):
        raise OutputExistsError(
            f"{job.output} already holds {', '.join(found)}; pass --overwrite to replace them"
        )
    if resuming and not _exists(spark, f"{root}/{EXTRACTED}/of-{job.chunks}"):
        raise OutputExistsError(
            f"{job.output} holds an unfinished run split into a different number of --chunks; "
            "pass the same --chunks to resume it, or --overwrite to start again"
        )
    results = extract_chunks(spark, job, root).persist(StorageLevel.MEMORY_AND_DISK)
    key_map = speaker_key_map(results).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        for name, df in build_datasets(results, key_map).items():
            df.write.mode("overwrite").parquet(f"{root}/{name}")
        totals = results.agg(
            F.count(F.when(F.col("failure_stage").isNull(), 1)).alias("articles"),
            F.coalesce(F.sum(F.size(F.coalesce("quotes", F.array())).cast("long")), F.lit(0)).alias("quotes"),
            F.count("failure_stage").alias("failures"),
        ).first()
        assert totals is not None
        summary = Summary(
            articles=totals["articles"],
            quotes=totals["quotes"],
            speakers=spark.read.parquet(f"{root}/speakers").count(),
            failures=totals["failures"],
        )
        _delete(spark, f"{root}/{EXTRACTED}")  # every dataset is written: the run is finished
        return summary
    finally:
        key_map.unpersist()
        results.unpersist()
