"""The shapes of the data between readers, executors and the Parquet datasets, declared once.

Explicit schemas keep Spark from scanning the input to guess types, and make the written datasets
the same from one run to the next whatever the corpus holds.
"""

from __future__ import annotations

from pyspark.sql.types import (
    ArrayType,
    BinaryType,
    BooleanType,
    DoubleType,
    IntegerType,
    StringType,
    StructField,
    StructType,
)


def _strings(*names: str) -> list[StructField]:
    return [StructField(name, StringType()) for name in names]


ARTICLE_FIELDS: tuple[str, ...] = ("title", "url", "date", "source", "byline")

# One row per input item, whatever the reader: ``container`` says how the executor turns it into
# articles ("record": text or bytes of one article; "warc": a whole WARC file), ``problem`` carries a
# reason the reader already found (malformed JSON, no text field) so the row becomes a failure.
INPUT_SCHEMA = StructType(
    [
        *_strings("id", "text"),
        StructField("data", BinaryType()),
        *_strings(*ARTICLE_FIELDS, "container", "problem"),
    ]
)

SPAN = StructType([StructField("start", IntegerType(), False), StructField("end", IntegerType(), False)])

QUOTE = StructType(
    [
        StructField("index", IntegerType(), False),
        StructField("start", IntegerType(), False),
        StructField("end", IntegerType(), False),
        StructField("spans", ArrayType(SPAN, False), False),
        StructField("text", StringType(), False),
        StructField("type", StringType(), False),
        *_strings("article_speaker_id", "speaker_name", "speaker_kind", "identity_key", "mention"),
        StructField("mention_start", IntegerType()),
        StructField("mention_end", IntegerType()),
        StructField("cue", StringType()),
        StructField("cue_start", IntegerType()),
        StructField("cue_end", IntegerType()),
        StructField("confidence", DoubleType(), False),
        StructField("kind", StringType(), False),  # speech, writing, thought or finding
    ]
)

ARTICLE_SPEAKER = StructType(
    [
        StructField("index", IntegerType(), False),
        *_strings("article_speaker_id", "name", "kind"),
        StructField("aliases", ArrayType(StringType(), False), False),
        StructField("titles", ArrayType(StringType(), False), False),
        *_strings("identity_key", "surname"),
        StructField("partial", BooleanType(), False),
        StructField("quote_count", IntegerType(), False),
        *_strings("gender", "gender_evidence", "gender_counts"),  # gender_counts: JSON [[kind, f, m], ...]
    ]
)

# What an executor returns: one row per article, or per failure (then only the failure columns are set).
RESULT_SCHEMA = StructType(
    [
        *_strings("article_id", "text", *ARTICLE_FIELDS),
        StructField("quotes", ArrayType(QUOTE, False)),
        StructField("speakers", ArrayType(ARTICLE_SPEAKER, False)),
        *_strings("failure_stage", "failure_reason"),
    ]
)

# Names of the Parquet datasets under --output.
DATASETS: tuple[str, ...] = ("articles", "quotes", "article_speakers", "speakers", "failures", "families")
