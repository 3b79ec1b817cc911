"""Driver side: any path Spark can read, as one DataFrame of INPUT_SCHEMA rows.

JSONL is read by Spark's JSON source with a fixed schema (no pass over the data to infer one), so
malformed or non-UTF-8 lines land in a corrupt-record column and become failures instead of
stopping the job. Text and WARC files arrive whole through the ``binaryFile`` source and are decoded
on the executors.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from functools import reduce
from pathlib import Path

from pyspark.sql import Column, DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import BinaryType, StringType, StructField, StructType

from saidwhat.errors import InputFormatError
from saidwhat.spark.schema import ARTICLE_FIELDS, INPUT_SCHEMA

CORRUPT = "_corrupt_record"


class InputFormat(StrEnum):
    auto = "auto"
    jsonl = "jsonl"
    parquet = "parquet"
    text = "text"
    warc = "warc"


_SUFFIXES: dict[str, InputFormat] = {
    ".jsonl": InputFormat.jsonl,
    ".ndjson": InputFormat.jsonl,
    ".json": InputFormat.jsonl,
    ".parquet": InputFormat.parquet,
    ".txt": InputFormat.text,
    ".text": InputFormat.text,
    ".md": InputFormat.text,
    ".warc": InputFormat.warc,
    ".arc": InputFormat.warc,
}
_COMPRESSION = (".gz", ".bz2", ".zst", ".deflate")


@dataclass(frozen=True, slots=True)
class Fields:
    """Which JSONL/Parquet fields hold the article id and text."""

    text: str = "text"
    id: str = "id"


def format_of_name(name: str) -> InputFormat | None:
    """The format a file name's suffix announces (``a.warc.gz`` is WARC), or None."""
    lower = name.lower()
    for suffix in _COMPRESSION:
        if lower.endswith(suffix):
            lower = lower[: -len(suffix)]
    return _SUFFIXES.get(Path(lower).suffix)


def detect_format(path: str) -> InputFormat:
    """The format of ``path`` from its suffix, or from the files of a local directory."""
    found = format_of_name(path.rstrip("/"))
    if found is not None:
        return found
    local = Path(path.removeprefix("file://").removeprefix("file:"))
    if local.is_dir():
        kinds = Counter(
            fmt
            for file in local.rglob("*")
            if file.is_file() and not file.name.startswith(("_", "."))
            for fmt in [format_of_name(file.name)]
            if fmt is not None
        )
        if len(kinds) == 1:
            return next(iter(kinds))
        if kinds:
            listed = ", ".join(f"{n} {fmt.value}" for fmt, n in kinds.most_common())
            raise InputFormatError(f"{path} mixes input formats ({listed}); pass --format")
    raise InputFormatError(f"cannot tell the format of {path}; pass --format jsonl|parquet|text|warc")


def _uniform(df: DataFrame, **columns: Column) -> DataFrame:
    """``df`` as INPUT_SCHEMA: the given columns, nulls for the rest, in schema order."""
    return df.select(
        *[
            (columns[f.name] if f.name in columns else F.lit(None)).cast(f.dataType).alias(f.name)
            for f in INPUT_SCHEMA.fields
        ]
    )


def _fallback_id(path: Column, content: Column) -> Column:
    """``file.jsonl:1a2b...``: an id for a record that has none, stable from run to run."""
    name = F.regexp_extract(path, r"([^/]*)$", 1)
    return F.concat(name, F.lit(":"), F.substring(F.sha2(content, 256), 1, 16))


def read_jsonl(spark: SparkSession, paths: list[str], fields: Fields) -> DataFrame:
    names = list(dict.fromkeys([fields.id, fields.text, *ARTICLE_FIELDS]))
    schema = StructType([StructField(n, StringType()) for n in names] + [StructField(CORRUPT, StringType())])
    df = (
        spark.read.schema(schema)
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", CORRUPT)
        .json(paths)
        .withColumn("_path", F.col("_metadata.file_path"))
    )
    problem = (
        F.when(F.col(CORRUPT).isNotNull(), F.lit("malformed JSON line (or not UTF-8)"))
        .when(F.col(fields.text).isNull(), F.lit(f"record has no {fields.text!r} field"))
        .otherwise(F.lit(None))
    )
    raw = F.coalesce(F.col(CORRUPT), F.col(fields.text), F.lit(""))
    return _uniform(
        df,
        id=F.coalesce(F.col(fields.id), _fallback_id(F.col("_path"), raw)),
        text=F.when(F.col(CORRUPT).isNull(), F.col(fields.text)),
        **{n: F.col(n) for n in ARTICLE_FIELDS if n != "source"},
        source=F.coalesce(F.col("source"), F.col("_path")),
        container=F.lit("record"),
        problem=problem,
    )


def read_parquet(spark: SparkSession, paths: list[str], fields: Fields) -> DataFrame:
    df = spark.read.parquet(*paths).withColumn("_path", F.col("_metadata.file_path"))
    types = {f.name: f.dataType for f in df.schema.fields}
    if fields.text not in types:
        listed = ", ".join(sorted(n for n in types if n != "_path"))
        raise InputFormatError(
            f"no {fields.text!r} column in {', '.join(paths)} (columns: {listed}); use --text-field"
        )
    text = F.col(fields.text)
    is_binary = isinstance(types[fields.text], BinaryType)
    content = text.cast("string")
    columns: dict[str, Column] = {n: F.col(n) for n in ARTICLE_FIELDS if n in types and n != "source"}
    return _uniform(
        df,
        id=F.coalesce(F.col(fields.id).cast("string"), _fallback_id(F.col("_path"), content))
        if fields.id in types
        else _fallback_id(F.col("_path"), content),
        text=F.lit(None) if is_binary else content,
        data=text if is_binary else F.lit(None),
        **columns,
        source=F.coalesce(F.col("source").cast("string"), F.col("_path"))
        if "source" in types
        else F.col("_path"),
        container=F.lit("record"),
        problem=F.when(text.isNull(), F.lit(f"record has no {fields.text!r} value")),
    )


def _read_files(spark: SparkSession, paths: list[str], container: str) -> DataFrame:
    df = spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(paths)
    return _uniform(df, data=F.col("content"), source=F.col("path"), container=F.lit(container))


def read_text(spark: SparkSession, paths: list[str], fields: Fields) -> DataFrame:
    """One article per file, its id the file stem (as ``saidwhat extract`` names it)."""
    return _read_files(spark, paths, "record")


def read_warc(spark: SparkSession, paths: list[str], fields: Fields) -> DataFrame:
    """One row per WARC file; executors split it into articles."""
    return _read_files(spark, paths, "warc")


_READERS = {
    InputFormat.jsonl: read_jsonl,
    InputFormat.parquet: read_parquet,
    InputFormat.text: read_text,
    InputFormat.warc: read_warc,
}


def read_inputs(
    spark: SparkSession,
    paths: list[str],
    input_format: InputFormat = InputFormat.auto,
    fields: Fields | None = None,
) -> DataFrame:
    """Every input path as INPUT_SCHEMA rows, paths of one format read together."""
    if not paths:
        raise InputFormatError("no input paths given")
    groups: dict[InputFormat, list[str]] = {}
    for path in paths:
        fmt = detect_format(path) if input_format is InputFormat.auto else input_format
        groups.setdefault(fmt, []).append(path)
    frames = [_READERS[fmt](spark, group, fields or Fields()) for fmt, group in groups.items()]
    return reduce(DataFrame.unionByName, frames)
