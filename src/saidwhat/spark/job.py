"""The Spark job: read inputs, run the Extractor per partition, write the Parquet datasets.

Every dataset is written sorted by ``article_id`` (quotes also by their index), so a reader can
stream articles, their speakers and their quotes side by side without loading a whole dataset
(``saidwhat.ingest.spark_parquet``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

from pyspark import StorageLevel
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from saidwhat.pipeline import Settings
from saidwhat.spark.inputs import Fields, InputFormat, read_inputs
from saidwhat.spark.partition import extract_partition
from saidwhat.spark.schema import ARTICLE_FIELDS, RESULT_SCHEMA
from saidwhat.spark.speakers import merge_speakers, partial_key_map, with_speaker_id

QUOTE_COLUMNS: tuple[str, ...] = (
    *("article_id", "index", "start", "end", "spans", "text", "type"),
    *("speaker_id", "article_speaker_id", "speaker_name", "speaker_kind"),
    *("mention", "mention_start", "mention_end", "cue", "cue_start", "cue_end", "confidence"),
)
ARTICLE_SPEAKER_COLUMNS: tuple[str, ...] = (
    *("article_id", "index", "article_speaker_id", "speaker_id", "identity_key"),
    *("name", "kind", "aliases", "titles", "quote_count"),
)


@dataclass(frozen=True, slots=True)
class SparkJob:
    """Everything one run needs, with defaults; the CLI and spark-submit fill it from arguments."""

    inputs: tuple[str, ...]
    output: str
    input_format: InputFormat = InputFormat.auto
    fields: Fields = field(default_factory=Fields)
    partitions: int | None = None  # repartition the input to this many tasks; None keeps Spark's split
    settings: Settings = field(default_factory=Settings)
    overwrite: bool = False


@dataclass(frozen=True, slots=True)
class Summary:
    articles: int
    quotes: int
    speakers: int
    failures: int


def extract_results(spark: SparkSession, job: SparkJob) -> DataFrame:
    """One RESULT_SCHEMA row per article or failure, extracted on the executors."""
    inputs = read_inputs(spark, list(job.inputs), job.input_format, job.fields)
    if job.partitions:
        inputs = inputs.repartition(job.partitions)
    rows = inputs.rdd.mapPartitions(partial(extract_partition, job.settings))
    return spark.createDataFrame(rows, RESULT_SCHEMA, verifySchema=False)


def build_datasets(results: DataFrame) -> dict[str, DataFrame]:
    """The output datasets, from extraction results."""
    ok = results.where(F.col("failure_stage").isNull())
    quotes_raw = ok.select("article_id", F.explode("quotes").alias("q")).select("article_id", "q.*")
    speakers_raw = ok.select("article_id", F.explode("speakers").alias("s")).select("article_id", "s.*")
    key_map = partial_key_map(speakers_raw)
    article_speakers = with_speaker_id(speakers_raw, key_map)
    quotes = with_speaker_id(quotes_raw, key_map).drop("identity_key")
    return {
        "articles": ok.select(
            "article_id",
            *ARTICLE_FIELDS,
            "text",
            F.size("quotes").alias("quote_count"),
            F.size("speakers").alias("speaker_count"),
        ).orderBy("article_id"),
        "quotes": quotes.select(*QUOTE_COLUMNS).orderBy("article_id", "index"),
        "article_speakers": article_speakers.select(*ARTICLE_SPEAKER_COLUMNS).orderBy("article_id", "index"),
        "speakers": merge_speakers(article_speakers).orderBy("speaker_id"),
        "failures": results.where(F.col("failure_stage").isNotNull())
        .select(
            "article_id",
            F.col("failure_stage").alias("stage"),
            F.col("failure_reason").alias("reason"),
            "source",
        )
        .orderBy("article_id"),
    }


def run_job(spark: SparkSession, job: SparkJob) -> Summary:
    """Extract once (results persisted), then write every dataset under ``job.output``."""
    results = extract_results(spark, job).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        datasets = build_datasets(results)
        mode = "overwrite" if job.overwrite else "errorifexists"
        for name, df in datasets.items():
            df.write.mode(mode).parquet(f"{job.output.rstrip('/')}/{name}")
        read = spark.read.parquet
        root = job.output.rstrip("/")
        return Summary(
            articles=read(f"{root}/articles").count(),
            quotes=read(f"{root}/quotes").count(),
            speakers=read(f"{root}/speakers").count(),
            failures=read(f"{root}/failures").count(),
        )
    finally:
        results.unpersist()
