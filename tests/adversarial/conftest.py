"""Fixtures of the adversarial tests: the hostile store, built once."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_store import build_hostile_store


@pytest.fixture(scope="session")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_hostile_store(tmp_path_factory.mktemp("hostile") / "hostile.db")
