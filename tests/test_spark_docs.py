"""The README's spark-submit lines against what the code accepts, so they cannot rot.

Each line's arguments after the entry file must parse as ``saidwhat spark``'s, its inputs must have a
format saidwhat can tell (object-store paths included), and its archive alias and executor Python must
be those ``--pack`` sets. No Spark is started: this is about the words, not the cluster.
"""

from __future__ import annotations

import shlex

import pytest
import typer

from saidwhat.cli import app
from saidwhat.errors import InputFormatError
from saidwhat.formats import InputFormat
from saidwhat.spark.inputs import detect_formats
from saidwhat.spark.pack import ALIAS, archive_conf
from sample_articles import ROOT


def submit_lines() -> list[list[str]]:
    """Every ``spark-submit`` command in the README, continuation lines joined, split as a shell would."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").replace("\\\n", " ").splitlines()
    return [shlex.split(line.strip()) for line in lines if line.strip().startswith("spark-submit ")]


def arguments(words: list[str]) -> tuple[dict[str, str], list[str], list[str]]:
    """spark-submit's ``--archives`` and ``--conf`` settings, its other options, and the job's arguments."""
    settings: dict[str, str] = {}
    options: list[str] = []
    words = words[1:]
    while words and words[0].startswith("--"):
        name, value, words = words[0], words[1], words[2:]
        if name == "--conf":
            key, _, conf = value.partition("=")
            settings[key] = conf
        elif name == "--archives":
            settings["spark.archives"] = value
        else:
            options += [name, value]
    return settings, options, words


def test_spark_docs_submit_lines_for_each_cluster_manager() -> None:
    masters = [arguments(words)[1][1] for words in submit_lines()]
    assert [m.split(":")[0] for m in masters] == ["spark", "yarn", "k8s"]


@pytest.mark.parametrize("words", submit_lines(), ids=lambda w: w[2].split(":")[0])
def test_spark_docs_submit_line_matches_the_code(words: list[str]) -> None:
    settings, _, job = arguments(words)
    archive, _, alias = settings["spark.archives"].partition("#")
    assert alias == ALIAS and archive.endswith(".tar.gz")
    assert settings["spark.pyspark.python"] == archive_conf(archive)["spark.pyspark.python"]
    entry, name, args = job[0], job[1], job[2:]
    assert entry.endswith(".py") and name == "spark"  # the saidwhat command as a program, then spark
    if "://" not in entry:
        assert entry == "src/saidwhat/__main__.py" and (ROOT / entry).is_file(), entry
    group = typer.main.get_command(app)
    command = group.get_command(group.make_context("saidwhat", [name]), name)  # type: ignore[attr-defined]
    context = command.make_context("saidwhat spark", list(args))  # parses, runs nothing
    params = context.params
    assert any(params["output"].startswith(s) for s in ("s3a://", "gs://"))
    for path in params["inputs"]:
        assert path.startswith(("s3a://", "gs://"))
        if params["input_format"] == "auto":
            assert detect_formats(path)[0][0] in (InputFormat.warc, InputFormat.jsonl), path


def test_spark_docs_object_store_directory_needs_a_format() -> None:
    """Only local directories are looked into; an object-store one says to pass --format."""
    with pytest.raises(InputFormatError, match="--format"):
        detect_formats("s3a://bucket/news/")
    assert detect_formats("gs://bucket/news/*.jsonl.gz") == [(InputFormat.jsonl, None)]
