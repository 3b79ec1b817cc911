"""Shared fixtures: one real model load for the whole session, and the path to ../shared."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from saidwhat import Extractor

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def shared_path() -> Path:
    """../shared beside the checkout, or wherever SAIDWHAT_SHARED points."""
    return Path(os.environ.get("SAIDWHAT_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def shared() -> Path:
    path = shared_path()
    if not (path / "EVAL.md").exists():
        pytest.fail(f"../shared not found at {path}; set SAIDWHAT_SHARED")
    return path
