"""The Spark types of the data between readers, executors and the Parquet datasets.

The columns are declared once, without Spark, in ``saidwhat.datasets`` (ingest reads the datasets by
those names); this module turns them into Spark types. Explicit schemas keep Spark from scanning the
input to guess types, and make the written datasets the same from one run to the next whatever the
corpus holds.
"""

from __future__ import annotations

from collections.abc import Callable

from pyspark.sql.types import (
    ArrayType,
    BinaryType,
    BooleanType,
    DataType,
    DoubleType,
    IntegerType,
    StringType,
    StructField,
    StructType,
)

from saidwhat.datasets import ARTICLE_FIELDS, ARTICLE_SPEAKER, DATASETS, QUOTE, RESULT, Column

__all__ = ["ARTICLE_FIELDS", "DATASETS", "INPUT_SCHEMA", "RESULT_SCHEMA", "SPAN", "struct"]


def _strings(*names: str) -> list[StructField]:
    return [StructField(name, StringType()) for name in names]


# One row per input item, whatever the reader: ``container`` says how the executor turns it into
# articles ("record": text or bytes of one record; "text": a plain-text file; "warc": a whole WARC
# file), ``path`` is the file it came from (named in failures, never an article's source), ``problem``
# carries a reason the reader already found (malformed JSON, no text field) so the row becomes a failure.
INPUT_SCHEMA = StructType(
    [
        *_strings("id", "text"),
        StructField("data", BinaryType()),
        *_strings(*ARTICLE_FIELDS, "container", "path", "problem"),
    ]
)

SPAN = StructType([StructField("start", IntegerType(), False), StructField("end", IntegerType(), False)])


def struct(columns: tuple[Column, ...]) -> StructType:
    """The Spark type of a row declared in ``saidwhat.datasets``."""
    return StructType([StructField(name, _TYPES[kind](), nullable) for name, kind, nullable in columns])


_TYPES: dict[str, Callable[[], DataType]] = {
    "string": StringType,
    "int": IntegerType,
    "double": DoubleType,
    "bool": BooleanType,
    "strings": lambda: ArrayType(StringType(), False),
    "spans": lambda: ArrayType(SPAN, False),
    "quotes": lambda: ArrayType(struct(QUOTE), False),
    "article_speakers": lambda: ArrayType(struct(ARTICLE_SPEAKER), False),
}

# What an executor returns: one row per article, or per failure (then only the failure columns are set).
RESULT_SCHEMA = struct(RESULT)
