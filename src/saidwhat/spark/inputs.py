"""Driver side: any path Spark can read, as one DataFrame of INPUT_SCHEMA rows.

Formats, field names and ids follow ``saidwhat.formats``, as ``saidwhat ingest`` does.

JSONL is read as lines by Spark's text source (split across tasks, decompressed by Spark), each
line's bytes as they are in the file; executors read each line by ingest's own rule
(``ingest.records.json_line_article``), so a record is an article, or a failure, for the same reason
under both. Text and WARC files arrive whole through the ``binaryFile`` source and are decoded on the
executors. A local directory that mixes formats is read file by file by extension, as ingest reads it.
"""

from __future__ import annotations

from collections import Counter
from functools import reduce
from pathlib import Path

from pyspark.sql import Column, DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import BinaryType, StringType

from saidwhat.errors import InputFormatError
from saidwhat.formats import (
    COMPRESSED,
    EXTENSIONS,
    SPARK_FORMATS,
    FieldMap,
    InputFormat,
    file_id,
    format_of_name,
    input_root,
)
from saidwhat.spark.schema import ARTICLE_FIELDS, INPUT_SCHEMA


def _format_of_name(name: str) -> InputFormat | None:
    return format_of_name(name, decompressing=True)


def _local_kinds(path: str) -> Counter[InputFormat] | None:
    """How many files of each known format a local directory holds (None: not a local directory)."""
    local = Path(path.removeprefix("file://").removeprefix("file:"))
    if not local.is_dir():
        return None
    return Counter(
        fmt
        for file in local.rglob("*")
        if file.is_file() and not file.name.startswith(("_", "."))
        for fmt in [_format_of_name(file.name)]
        if fmt is not None
    )


def detect_formats(path: str) -> list[tuple[InputFormat, str | None]]:
    """The formats of ``path`` from its name, or from the files of a local directory, each with the
    file name pattern that selects its files (None: every file) when a directory mixes formats."""
    found = _format_of_name(path.rstrip("/"))
    if found is not None:
        return [(_readable(found, path), None)]
    kinds = _local_kinds(path)
    if kinds is not None and len(kinds) == 1:
        return [(_readable(next(iter(kinds)), path), None)]
    if kinds:
        for fmt, n in kinds.items():
            _readable(fmt, f"{path} ({n} {fmt.value} files)")
        return [(fmt, _name_pattern(fmt)) for fmt in sorted(kinds)]
    raise InputFormatError(f"cannot tell the format of {path}; pass --format jsonl|parquet|text|warc")


def _name_pattern(fmt: InputFormat) -> str:
    """A Hadoop glob for the file names of ``fmt`` (JSONL also compressed), for ``pathGlobFilter``."""
    endings = [ext[1:] for ext, kind in EXTENSIONS.items() if kind is fmt]
    if fmt is InputFormat.jsonl:
        endings += [f"{ext}{suffix}" for ext in endings for suffix in COMPRESSED]
    return "*.{" + ",".join(sorted(endings)) + "}"


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


def read_jsonl(
    spark: SparkSession, paths: list[str], fields: FieldMap, pattern: str | None = None
) -> DataFrame:
    """One row per non-blank line, its bytes as in the file; executors apply ingest's JSON rule."""
    df = _load(spark, "text", paths, pattern)
    line = F.col("value")
    return _uniform(
        df.where(F.trim(line) != ""),
        id=_fallback_id(F.col("_path"), line),  # names a failure; a record's own id or text hash wins
        data=line.cast("binary"),
        container=F.lit("jsonl"),
        path=F.col("_path"),
    )


def _load(spark: SparkSession, source: str, paths: list[str], pattern: str | None) -> DataFrame:
    """The files at ``paths`` (those matching ``pattern``, in subdirectories too), each row with its file's
    path in ``_path``."""
    reader = spark.read.format(source)
    if pattern is not None:
        reader = reader.option("pathGlobFilter", pattern).option("recursiveFileLookup", "true")
    return reader.load(paths).withColumn("_path", F.col("_metadata.file_path"))


def read_parquet(
    spark: SparkSession, paths: list[str], fields: FieldMap, pattern: str | None = None
) -> DataFrame:
    df = _load(spark, "parquet", paths, pattern)
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


def _read_files(spark: SparkSession, paths: list[str], container: str, pattern: str | None) -> DataFrame:
    frames = []
    for path in paths:  # one read per path: each file's id is its path under the one it was found in
        reader = spark.read.format("binaryFile").option("recursiveFileLookup", "true")
        if pattern is not None:
            reader = reader.option("pathGlobFilter", pattern)
        df = reader.load(path)
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


def read_text(
    spark: SparkSession, paths: list[str], fields: FieldMap, pattern: str | None = None
) -> DataFrame:
    """One article per file, its id ``formats.file_id`` (its path under the directory given)."""
    return _read_files(spark, paths, "text", pattern)


def read_warc(
    spark: SparkSession, paths: list[str], fields: FieldMap, pattern: str | None = None
) -> DataFrame:
    """One row per WARC file; executors split it into articles."""
    return _read_files(spark, paths, "warc", pattern)


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
    groups: dict[tuple[InputFormat, str | None], list[str]] = {}
    for path in paths:
        found = (
            detect_formats(path)
            if input_format is InputFormat.auto
            else [(_readable(input_format, path), None)]
        )
        for fmt, pattern in found:
            groups.setdefault((fmt, pattern), []).append(path)
    frames = [
        _READERS[fmt](spark, group, fields or FieldMap(), pattern) for (fmt, pattern), group in groups.items()
    ]
    return reduce(DataFrame.unionByName, frames)
