"""Driver side: any path Spark can read, as one DataFrame of INPUT_SCHEMA rows.

Formats, field names and ids follow ``saidwhat.formats``, as ``saidwhat ingest`` does.

JSONL is read by Spark's JSON source with a fixed schema (no pass over the data to infer one), so
malformed or non-UTF-8 lines land in a corrupt-record column and become failures instead of
stopping the job. Text and WARC files arrive whole through the ``binaryFile`` source and are decoded
on the executors.
"""

from __future__ import annotations

from collections import Counter
from functools import reduce
from pathlib import Path

from pyspark.sql import Column, DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import BinaryType, StringType, StructField, StructType

from saidwhat.errors import InputFormatError
from saidwhat.formats import SPARK_FORMATS, FieldMap, InputFormat, file_id, format_of_name, input_root
from saidwhat.spark.schema import ARTICLE_FIELDS, INPUT_SCHEMA

CORRUPT = "_corrupt_record"


def _format_of_name(name: str) -> InputFormat | None:
    return format_of_name(name, decompressing=True)


def detect_format(path: str) -> InputFormat:
    """The format of ``path`` from its name, or from the files of a local directory."""
    found = _format_of_name(path.rstrip("/"))
    if found is not None:
        return _readable(found, path)
    local = Path(path.removeprefix("file://").removeprefix("file:"))
    if local.is_dir():
        kinds = Counter(
            fmt
            for file in local.rglob("*")
            if file.is_file() and not file.name.startswith(("_", "."))
            for fmt in [_format_of_name(file.name)]
            if fmt is not None
        )
        if len(kinds) == 1:
            return _readable(next(iter(kinds)), path)
        if kinds:
            listed = ", ".join(f"{n} {fmt.value}" for fmt, n in kinds.most_common())
            raise InputFormatError(f"{path} mixes input formats ({listed}); pass --format")
    raise InputFormatError(f"cannot tell the format of {path}; pass --format jsonl|parquet|text|warc")


def _readable(fmt: InputFormat, path: str) -> InputFormat:
    if fmt not in SPARK_FORMATS:
        raise InputFormatError(f"{path}: saidwhat spark does not read {fmt.value} input; use saidwhat ingest")
    return fmt


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


def _field_names(fields: FieldMap) -> dict[str, str]:
    """Article field (``title``, ...) -> the input field that holds it."""
    return {name: getattr(fields, name) for name in ARTICLE_FIELDS}


def read_jsonl(spark: SparkSession, paths: list[str], fields: FieldMap) -> DataFrame:
    mapped = _field_names(fields)
    names = list(dict.fromkeys([fields.id, fields.text, *mapped.values()]))
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
        **{n: F.col(column) for n, column in mapped.items()},
        container=F.lit("record"),
        path=F.col("_path"),
        problem=problem,
    )


def read_parquet(spark: SparkSession, paths: list[str], fields: FieldMap) -> DataFrame:
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
    columns: dict[str, Column] = {
        n: F.col(column).cast("string") for n, column in _field_names(fields).items() if column in types
    }
    return _uniform(
        df,
        id=F.coalesce(F.col(fields.id).cast("string"), _fallback_id(F.col("_path"), content))
        if fields.id in types
        else _fallback_id(F.col("_path"), content),
        text=F.lit(None) if is_binary else content,
        data=text if is_binary else F.lit(None),
        **columns,
        container=F.lit("record"),
        path=F.col("_path"),
        problem=F.when(text.isNull(), F.lit(f"record has no {fields.text!r} value")),
    )


# A lambda: Spark 4 reads a def's type hints as a request for an Arrow UDF, which needs pandas.
_file_id = F.udf(lambda path, root: file_id(path, root), StringType())


def _read_files(spark: SparkSession, paths: list[str], container: str) -> DataFrame:
    frames = []
    for path in paths:  # one read per path: each file's id is its path under the one it was found in
        df = spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(path)
        local = path.removeprefix("file://").removeprefix("file:")
        if "://" in local:  # hdfs:, s3a:, ...: a name without a known ending is a directory
            root = path if _format_of_name(path.rstrip("/")) is None else None
        else:
            root = input_root(local)
        frames.append(
            _uniform(
                df,
                id=_file_id(F.col("path"), F.lit(root)) if container != "warc" else F.lit(None),
                data=F.col("content"),
                container=F.lit(container),
                path=F.col("path"),
            )
        )
    return reduce(DataFrame.unionByName, frames)


def read_text(spark: SparkSession, paths: list[str], fields: FieldMap) -> DataFrame:
    """One article per file, its id ``formats.file_id`` (its path under the directory given)."""
    return _read_files(spark, paths, "text")


def read_warc(spark: SparkSession, paths: list[str], fields: FieldMap) -> DataFrame:
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
    fields: FieldMap | None = None,
) -> DataFrame:
    """Every input path as INPUT_SCHEMA rows, paths of one format read together."""
    if not paths:
        raise InputFormatError("no input paths given")
    groups: dict[InputFormat, list[str]] = {}
    for path in paths:
        fmt = detect_format(path) if input_format is InputFormat.auto else _readable(input_format, path)
        groups.setdefault(fmt, []).append(path)
    frames = [_READERS[fmt](spark, group, fields or FieldMap()) for fmt, group in groups.items()]
    return reduce(DataFrame.unionByName, frames)
