"""Speakers across articles as a Spark aggregation, by the rule of ``saidwhat.identity``.

The executors already gave each in-article speaker its ``identity_key`` (rules 1 and 2). Rule 3
needs the whole corpus: full keys are grouped by surname, each distinct partial key is joined to the
full keys of its surname and resolved with ``identity.attach_partial``, the same function the SQLite
store calls. A partial key labelled an organisation keeps its own key.
"""

from __future__ import annotations

from pyspark.sql import DataFrame, Row
from pyspark.sql import functions as F
from pyspark.sql.types import StringType

from saidwhat.identity import attach_partial
from saidwhat.speaker_choice import display_name, speaker_kind

# Lambdas: Spark 4 reads a def's type hints as a request for an Arrow UDF, which needs pandas.
attach_udf = F.udf(lambda key, full_keys: attach_partial(key, full_keys or ()), StringType())


def _shown_name(seen: list[Row]) -> str:
    """The store's choice among the spellings given under the speaker's own key (partial names that
    attach to it never win); ``seen`` holds each spelling with ``own`` (times given under that key)."""
    own = {r["name"]: r["own"] for r in seen if r["own"]}
    return display_name(own or {r["name"]: 0 for r in seen})


name_udf = F.udf(lambda seen: _shown_name(seen), StringType())
kind_udf = F.udf(lambda seen: speaker_kind({r["kind"]: r["n"] for r in seen}), StringType())


def partial_key_map(article_speakers: DataFrame) -> DataFrame:
    """``(identity_key, canonical_key)`` for every partial key that may attach (rule 3).

    Full keys of any kind are targets; a partial key attaches unless its kind over the corpus (as
    the store keeps one kind per key) is "organisation".
    """
    full = (
        article_speakers.where(~F.col("partial") & (F.col("surname") != ""))
        .select("surname", "identity_key")
        .distinct()
        .groupBy("surname")
        .agg(F.collect_list("identity_key").alias("full_keys"))
    )
    partial = (
        article_speakers.where(F.col("partial"))
        .groupBy("identity_key", "surname", "kind")
        .agg(F.count("*").alias("n"))
        .groupBy("identity_key", "surname")
        .agg(kind_udf(F.collect_list(F.struct("kind", "n"))).alias("kind"))
        .where(F.col("kind") != "organisation")
    )
    return partial.join(full, "surname", "left").select(
        "identity_key", attach_udf("identity_key", "full_keys").alias("canonical_key")
    )


def with_speaker_id(df: DataFrame, key_map: DataFrame) -> DataFrame:
    """``df`` plus ``speaker_id``: its identity key, or the full key its partial key attaches to."""
    joined = df.join(key_map, "identity_key", "left")
    return joined.withColumn("speaker_id", F.coalesce("canonical_key", "identity_key")).drop("canonical_key")


def merge_speakers(resolved: DataFrame) -> DataFrame:
    """One row per cross-article speaker from in-article speakers that carry ``speaker_id``.

    Name and kind by the rules the SQLite store applies (``saidwhat.speaker_choice``, called in a UDF
    over each speaker's counts): the name from the spellings given under the speaker's own key
    (partial names that attach to it never win); the kind, one other than "unknown" where any article
    says so, the most frequent, then "person"; aliases and titles, the union over articles.
    """
    own = (F.col("identity_key") == F.col("speaker_id")).cast("int")
    names = (  # saidwhat.speaker_choice, as the store decides: mixed case, longest, most frequent, greatest
        resolved.groupBy("speaker_id", "name")
        .agg(F.sum(own).alias("own"))
        .groupBy("speaker_id")
        .agg(name_udf(F.collect_list(F.struct("name", "own"))).alias("name"))
    )
    kinds = (
        resolved.groupBy("speaker_id", "kind")
        .agg(F.count("*").alias("n"))
        .groupBy("speaker_id")
        .agg(kind_udf(F.collect_list(F.struct("kind", "n"))).alias("kind"))
    )
    every_name = F.array_union(F.col("aliases"), F.array(F.col("name")))
    totals = resolved.groupBy("speaker_id").agg(
        F.array_distinct(F.flatten(F.collect_list(every_name))).alias("_names"),
        F.array_sort(F.array_distinct(F.flatten(F.collect_list("titles")))).alias("titles"),
        F.array_sort(F.collect_set("identity_key")).alias("identity_keys"),
        F.countDistinct("article_id").alias("article_count"),
        F.sum("quote_count").cast("long").alias("quote_count"),
    )
    return (
        names.join(kinds, "speaker_id")
        .join(totals, "speaker_id")
        .withColumn("aliases", F.array_sort(F.array_except("_names", F.array("name"))))
        .select(
            "speaker_id", "name", "kind", "aliases", "titles", "identity_keys", "article_count", "quote_count"
        )
    )
