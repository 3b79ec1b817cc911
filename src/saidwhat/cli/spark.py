"""``saidwhat spark``: extract from a corpus on Apache Spark and write Parquet datasets.

spark-submit runs it through ``saidwhat/__main__.py spark ...`` (the command as a program), where
``--master`` is left to spark-submit.
"""

from __future__ import annotations

from typing import Annotated

import typer

from saidwhat.cli.exits import fail
from saidwhat.cli.options import DEFAULT_SCOPE_CHOICE, ScopeOption
from saidwhat.errors import SaidwhatError


def _conf_pairs(items: list[str]) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise typer.BadParameter(f"{item!r}: expected KEY=VALUE", param_hint="--conf")
        pairs[key.strip()] = value.strip()
    return pairs


def _shipped(archive: str) -> dict[str, str]:
    """Spark settings for a packed environment, packing the running venv when the archive is missing."""
    import sys
    from pathlib import Path

    from saidwhat.spark.pack import archive_conf, pack_environment

    if "://" not in archive and not Path(archive).exists():
        packed = pack_environment(Path(sys.prefix), Path(archive))
        typer.echo(f"packed {sys.prefix} ({packed.files} files, model {packed.model}) -> {archive}", err=True)
    return archive_conf(archive)


def spark_command(
    inputs: Annotated[
        list[str],
        typer.Argument(help="Files, directories or globs Spark can read (file:, hdfs:, s3a:, ...)."),
    ],
    output: Annotated[str, typer.Option("--output", "-o", help="Directory for the Parquet datasets.")],
    master: Annotated[
        str | None, typer.Option(help="Spark master URL (default: spark-submit's, else local[*]).")
    ] = None,
    partitions: Annotated[
        int | None, typer.Option(min=1, help="Repartition the input into N tasks (default: as read).")
    ] = None,
    input_format: Annotated[
        str, typer.Option("--format", help="auto, jsonl, parquet, text or warc (auto: by file suffix).")
    ] = "auto",
    text_field: Annotated[str, typer.Option(help="JSONL/Parquet field holding the article text.")] = "text",
    id_field: Annotated[str, typer.Option(help="JSONL/Parquet field holding the article id.")] = "id",
    model: Annotated[str | None, typer.Option(help="spaCy pipeline installed on the executors.")] = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Articles per nlp.pipe batch.")] = 16,
    time_budget: Annotated[
        float,
        typer.Option(min=0, help="Seconds one article may take; slower ones are failures. 0: no limit."),
    ] = 60.0,
    scope: ScopeOption = DEFAULT_SCOPE_CHOICE,
    overwrite: Annotated[bool, typer.Option(help="Replace datasets already in --output.")] = False,
    chunks: Annotated[
        int,
        typer.Option(
            min=1,
            help="Extract the input in N parts, each committed on its own: a killed run started again "
            "with the same --output and --chunks redoes only the unfinished parts.",
        ),
    ] = 1,
    conf: Annotated[
        list[str] | None, typer.Option(help="Extra Spark setting KEY=VALUE (repeatable).")
    ] = None,
    pack: Annotated[
        str | None,
        typer.Option(
            help="Ship this venv-pack archive to the executors (spark.archives); built from the running "
            "venv first if the file does not exist. For cluster masters, not local[*]."
        ),
    ] = None,
) -> None:
    """Find who said what in a corpus on Spark; write quotes, speakers, articles and failures as Parquet."""
    from saidwhat.formats import SPARK_FORMATS, FieldMap, InputFormat
    from saidwhat.pipeline import Settings
    from saidwhat.spark import SparkJob, run_job, spark_session

    fmt = InputFormat(input_format) if input_format in SPARK_FORMATS else None
    if fmt is None:
        allowed = ", ".join(f.value for f in SPARK_FORMATS)
        raise typer.BadParameter(f"{input_format!r}: allowed are {allowed}", param_hint="--format") from None
    job = SparkJob(
        inputs=tuple(inputs),
        output=output,
        input_format=fmt,
        fields=FieldMap(text=text_field, id=id_field),
        partitions=partitions,
        settings=Settings(
            model=model, batch_size=batch_size, time_budget=time_budget or None, scope=scope.value
        ),
        overwrite=overwrite,
        chunks=chunks,
    )
    try:
        settings = {**(_shipped(pack) if pack else {}), **_conf_pairs(conf or [])}
        spark = spark_session(master, settings)
        summary = run_job(spark, job)
    except SaidwhatError as exc:
        raise fail(exc) from None
    typer.echo(
        f"{summary.articles} articles, {summary.quotes} quotes, {summary.speakers} speakers, "
        f"{summary.failures} failures -> {output}"
    )


def register(app: typer.Typer) -> None:
    """Add ``saidwhat spark`` to ``app``."""
    app.command("spark")(spark_command)
