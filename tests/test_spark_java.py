"""Without Java 17+, ``saidwhat spark`` says what to install instead of failing inside py4j."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from saidwhat.cli import app
from saidwhat.spark.java import JavaNotFoundError, java_major, require_java


def _fake_java(directory: Path, version: str) -> Path:
    java = directory / "java"
    java.write_text(f"#!/bin/sh\necho 'openjdk version \"{version}\" 2024-01-16' >&2\n")
    java.chmod(java.stat().st_mode | stat.S_IXUSR)
    return java


@pytest.mark.parametrize(
    ("output", "major"),
    [
        ('openjdk version "17.0.15" 2025-04-15', 17),
        ('openjdk version "21" 2023-09-19', 21),
        ('java version "1.8.0_392"', 8),
        ("no version here", None),
    ],
)
def test_spark_java_major_parses_version_lines(output, major):
    assert java_major(output) == major


def test_spark_java_missing_names_the_fix(tmp_path):
    with pytest.raises(JavaNotFoundError, match=r"Java 17\+ runtime.*openjdk-17-jre-headless"):
        require_java({"PATH": str(tmp_path)})


def test_spark_java_too_old_is_refused(tmp_path):
    _fake_java(tmp_path, "1.8.0_392")
    with pytest.raises(JavaNotFoundError, match="is Java 8"):
        require_java({"PATH": str(tmp_path)})


def test_spark_java_home_is_preferred(tmp_path):
    (tmp_path / "bin").mkdir()
    java = _fake_java(tmp_path / "bin", "21.0.2")
    assert require_java({"JAVA_HOME": str(tmp_path), "PATH": ""}) == str(java)


def test_spark_cli_without_java_exits_with_message(tmp_path, monkeypatch):
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.delenv("PYSPARK_GATEWAY_PORT", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    result = CliRunner().invoke(app, ["spark", str(tmp_path), "--output", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "needs a Java 17+ runtime" in result.stderr
    assert not (tmp_path / "out").exists()
