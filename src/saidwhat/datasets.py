"""The Parquet datasets of ``saidwhat spark``, declared once: Spark writes them, ``saidwhat ingest`` reads them.

Each column is (name, type, nullable) with types ``string``, ``int``, ``double``, ``bool``,
``strings`` (a list of strings) and ``spans`` (a list of ``{start, end}``). ``spark/schema.py`` builds
the Spark types from these tuples, ``spark/partition.py`` makes its rows with ``as_row`` (by column
name, so a reordering here cannot shift values), and ``ingest/spark_parquet.py`` reads the columns by
name and refuses a dataset that lacks one. No third-party imports: ingest loads it without Spark.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

Column = tuple[str, str, bool]  # name, type, nullable

ARTICLE_FIELDS: tuple[str, ...] = ("title", "url", "date", "source", "byline")

# One quote of an article, as the executors return it (nested in the article's result row).
QUOTE: tuple[Column, ...] = (
    ("index", "int", False),
    ("start", "int", False),
    ("end", "int", False),
    ("spans", "spans", False),
    ("text", "string", False),
    ("type", "string", False),
    ("article_speaker_id", "string", True),
    ("speaker_name", "string", True),
    ("speaker_kind", "string", True),
    ("identity_key", "string", True),
    ("mention", "string", True),
    ("mention_start", "int", True),
    ("mention_end", "int", True),
    ("cue", "string", True),
    ("cue_start", "int", True),
    ("cue_end", "int", True),
    ("confidence", "double", False),
    ("kind", "string", False),  # speech, writing, thought or finding
    ("how", "string", True),  # how the mention was linked to the speaker
)

# One speaker of an article, as the executors return it.
ARTICLE_SPEAKER: tuple[Column, ...] = (
    ("index", "int", False),
    ("article_speaker_id", "string", True),
    ("name", "string", True),
    ("kind", "string", True),
    ("aliases", "strings", False),
    ("titles", "strings", False),
    ("identity_key", "string", True),
    ("surname", "string", True),
    ("partial", "bool", False),
    ("quote_count", "int", False),
    ("gender", "string", True),
    ("gender_evidence", "string", True),
    ("gender_counts", "string", True),  # JSON [[kind, female, male], ...]
)

# What an executor returns: one row per article, or per failure (then only the failure columns are set).
RESULT: tuple[Column, ...] = (
    ("article_id", "string", True),
    ("text", "string", True),
    *((name, "string", True) for name in ARTICLE_FIELDS),
    ("quotes", "quotes", True),
    ("speakers", "article_speakers", True),
    ("failure_stage", "string", True),
    ("failure_reason", "string", True),
)

# The columns of the written datasets that ``saidwhat ingest`` reads back (Spark writes them in this order).
ARTICLE_COLUMNS: tuple[str, ...] = ("article_id", *ARTICLE_FIELDS, "text", "quote_count", "speaker_count")
QUOTE_COLUMNS: tuple[str, ...] = (
    *("article_id", "index", "start", "end", "spans", "text", "type"),
    *("speaker_id", "article_speaker_id", "speaker_name", "speaker_kind"),
    *("mention", "mention_start", "mention_end", "cue", "cue_start", "cue_end", "confidence"),
    *("kind", "how"),
)
ARTICLE_SPEAKER_COLUMNS: tuple[str, ...] = (
    *("article_id", "index", "article_speaker_id", "speaker_id", "identity_key"),
    *("name", "kind", "aliases", "titles", "quote_count", "gender", "gender_evidence", "gender_counts"),
)
FAILURE_COLUMNS: tuple[str, ...] = ("article_id", "stage", "reason", "source")

# Every dataset under --output, and the columns ingest needs of those it reads.
DATASETS: tuple[str, ...] = ("articles", "quotes", "article_speakers", "speakers", "failures", "families")
READ_COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ARTICLE_COLUMNS,
    "quotes": QUOTE_COLUMNS,
    "article_speakers": ARTICLE_SPEAKER_COLUMNS,
    "failures": FAILURE_COLUMNS,
}
# Columns that outputs of older saidwhat versions lack; read as missing (None) where absent.
OPTIONAL_READ_COLUMNS: frozenset[str] = frozenset({"how"})


def as_row(columns: tuple[Column, ...], values: Mapping[str, Any]) -> tuple[Any, ...]:
    """``values`` (by column name) as a row in the order of ``columns``; every name must be given."""
    if len(values) != len(columns):
        missing = {name for name, _, _ in columns} ^ set(values)
        raise ValueError(f"row does not match its columns: {', '.join(sorted(missing))}")
    return tuple(values[name] for name, _, _ in columns)
