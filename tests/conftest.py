"""Shared fixtures: one real model load for the whole session, the path to ../shared, and the web tests'
store (hand-written articles written by the store's own writer with the real extractor), built once, and
the environment packed for Spark executors, built once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from saidwhat import Extractor
from saidwhat.pipeline import Settings
from sample_articles import FIXTURES, HOLLOWAY_1, HOLLOWAY_2, HOSTILE, ROOT, UNDATED, WEB_ARTICLES

__all__ = ["FIXTURES", "HOLLOWAY_1", "HOLLOWAY_2", "HOSTILE", "ROOT", "UNDATED", "WEB_ARTICLES"]


def build_store(path: Path, extractor: Extractor) -> Path:
    """A store holding the fixture articles, written by the store's own writer."""
    from saidwhat.store import Store
    from saidwhat.store.writer import StoreWriter

    conn = Store(path).writer()
    writer = StoreWriter(conn)
    for article in WEB_ARTICLES:
        writer.write(extractor.extract(article))
    conn.close()
    return path


def shared_path() -> Path:
    """../shared beside the checkout, or wherever SAIDWHAT_SHARED points."""
    return Path(os.environ.get("SAIDWHAT_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """Under the attributions guideline, which keeps every report: the stage tests were written to see
    them all; the default (statements) and what it leaves out are tested in test_scope_rules."""
    return Extractor(settings=Settings(scope="attributions"))


@pytest.fixture(scope="session")
def shared() -> Path:
    path = shared_path()
    if not (path / "EVAL.md").exists():
        pytest.fail(f"../shared not found at {path}; set SAIDWHAT_SHARED")
    return path


@pytest.fixture(scope="session")
def web_store(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> Path:
    """The web tests' store, built once per session whichever module asks first."""
    return build_store(tmp_path_factory.mktemp("web") / "web.db", extractor)


@pytest.fixture(scope="session")
def spark_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """saidwhat's environment packed for ``spark.archives``, built from the test venv once per session
    (``packed_env``: saidwhat from a wheel, its run-time packages and the model, no pyspark)."""
    from packed_env import build_shippable_venv
    from saidwhat.spark.pack import pack_environment

    work = tmp_path_factory.mktemp("packed")
    return pack_environment(build_shippable_venv(work), work / "saidwhat-env.tar.gz").path


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that start Spark or a browser are slow as well: `make check` leaves out every `slow` test."""
    for item in items:
        if item.get_closest_marker("spark") or item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.slow)
