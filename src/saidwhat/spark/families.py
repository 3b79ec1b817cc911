"""Quote families on Spark: the ``families`` dataset, by the same rules as the SQLite store.

The store builds families one quote at a time; here they are built at once, with the same functions
of ``saidwhat.families``: each distinct normal form is a node, nodes of which one's stored keys meet
the other's probe keys (LSH band keys, datasketch MinHash computed in a UDF, and the containment keys
of trimmed quotes) and that pass ``same_statement`` are joined, and families are the
connected components (min-label propagation, one join per round). Both give the same families on the
same input; the store's only bound, ``CANDIDATES_PER_BAND`` quotes looked up per band, is far above
what a bucket holds in practice (a test checks the two agree).
"""

from __future__ import annotations

from pyspark import StorageLevel
from pyspark.sql import DataFrame
from pyspark.sql import functions as F
from pyspark.sql.types import ArrayType, BooleanType, LongType, StringType

from saidwhat import families as fam
from saidwhat.identity import is_description

# Lambdas: Spark 4 reads a def's type hints as a request for an Arrow UDF, which needs pandas.
normal_udf = F.udf(lambda text: fam.normal_form(text or ""), StringType())
bands_udf = F.udf(lambda normal: fam.band_keys(normal), ArrayType(LongType(), False))
stored_udf = F.udf(lambda normal: fam.stored_keys(normal), ArrayType(LongType(), False))
probe_udf = F.udf(lambda normal: fam.probe_keys(normal), ArrayType(LongType(), False))
key_udf = F.udf(lambda normal: fam.normal_key(normal), LongType())
same_udf = F.udf(lambda a, b: fam.same_statement(a, b), BooleanType())
conflict_udf = F.udf(
    lambda members: fam.conflict_of(
        (m["speaker_id"], m["type"], is_description(m["speaker_id"]) if m["speaker_id"] else False)
        for m in members
    ),
    StringType(),
)


def components(edges: DataFrame) -> DataFrame:
    """``(node, label)`` for every node with an edge: the smallest node key of its connected component.

    Edges join distinct normal forms that are near-copies, a small fraction of all quotes, and are
    collected as pairs of 64-bit keys and put together with the same union-find the tests check the
    store against; every other node is a family of its own."""
    comps = fam.Components()
    for row in edges.toLocalIterator():
        comps.union(row["a"], row["b"])
    pairs = [(node, group[0]) for group in comps.groups() for node in group]
    spark = edges.sparkSession
    return spark.createDataFrame(pairs, "node long, label long")


def family_members(quotes: DataFrame) -> DataFrame:
    """``quotes`` (article_id, index, text, ...) of at least ``MIN_WORDS`` words, plus ``family``
    (the label of their component: its smallest normal-form key)."""
    normals = quotes.withColumn("normal", normal_udf("text")).withColumn("node", key_udf("normal"))
    nodes = (
        normals.select("node", "normal")
        .dropDuplicates(["node"])
        .withColumn("bands", bands_udf("normal"))
        .where(F.size("bands") > 0)
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    stored = nodes.select("node", "normal", F.explode(stored_udf("normal")).alias("key"))
    probes = nodes.select("node", "normal", F.explode(probe_udf("normal")).alias("key"))
    pairs = (
        stored.alias("x")
        .join(probes.alias("y"), "key")
        .where(F.col("x.node") != F.col("y.node"))
        .select(
            F.least("x.node", "y.node").alias("a"),
            F.greatest("x.node", "y.node").alias("b"),
            F.col("x.normal").alias("na"),
            F.col("y.normal").alias("nb"),
        )
        .dropDuplicates(["a", "b"])
    )
    labels = components(pairs.where(same_udf("na", "nb")).select("a", "b"))
    labelled = nodes.select("node").join(labels, "node", "left")
    labelled = labelled.select("node", F.coalesce("label", "node").alias("family"))
    result = normals.join(labelled, "node").persist(StorageLevel.MEMORY_AND_DISK)
    nodes.unpersist()
    return result


def build_families(quotes: DataFrame, articles: DataFrame) -> DataFrame:
    """The ``families`` dataset: one row per family of two quotes or more, with its first report,
    every quote with its article, outlet and date, the speakers credited and whether they conflict."""
    members = family_members(quotes).join(
        articles.select("article_id", "date", "source"), "article_id", "left"
    )
    member = F.struct(
        "article_id",
        "index",
        "text",
        "type",
        "speaker_id",
        "speaker_name",
        "date",
        F.col("source").alias("outlet"),
    )
    grouped = members.groupBy("family").agg(
        F.min(F.struct("article_id", "index")).alias("first"),
        F.count("*").alias("quote_count"),
        F.countDistinct("article_id").alias("article_count"),
        F.countDistinct("source").alias("outlet_count"),
        F.min(F.substring("date", 1, 10)).alias("first_date"),
        F.max(F.substring("date", 1, 10)).alias("last_date"),
        F.mode("text").alias("text"),
        F.array_sort(F.collect_list(member)).alias("quotes"),
    )
    credits = (
        members.groupBy("family", "speaker_id")
        .agg(
            F.first("speaker_name", ignorenulls=True).alias("speaker_name"),
            F.countDistinct("article_id").alias("articles"),
            F.count("*").alias("quotes"),
        )
        .groupBy("family")
        .agg(
            F.array_sort(F.collect_list(F.struct("speaker_id", "speaker_name", "articles", "quotes"))).alias(
                "credits"
            )
        )
    )
    firsts = (
        members.join(grouped.select("family", "first_date"), "family")
        .where(F.substring("date", 1, 10) == F.col("first_date"))
        .groupBy("family")
        .agg(F.array_sort(F.collect_set("article_id")).alias("first_articles"))
    )
    return (
        grouped.where(F.col("quote_count") >= 2)
        .join(credits, "family")
        .join(firsts, "family", "left")
        .select(
            F.concat_ws("#", F.col("first.article_id"), F.col("first.index").cast("string")).alias(
                "family_id"
            ),
            "text",
            "quote_count",
            "article_count",
            "outlet_count",
            "first_date",
            "last_date",
            F.coalesce("first_articles", F.array().cast("array<string>")).alias("first_articles"),
            "credits",
            conflict_udf("quotes").alias("conflict"),
            "quotes",
        )
        .orderBy("family_id")
    )
