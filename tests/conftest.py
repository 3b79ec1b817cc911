"""Shared fixtures: one real model load for the whole session, the path to ../shared, and the web tests'
store (hand-written articles written by the store's own writer with the real extractor), built once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from saidwhat import Article, Extractor
from saidwhat.pipeline import Settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


HOLLOWAY_1 = (
    "Mayor Jane Holloway opened the new harbour bridge on Monday after three years of building work.\n\n"
    '"This bridge joins two towns that have waited far too long," Holloway said at the ceremony.\n\n'
    "Councillor Tom Baker said the project had run over budget by four million pounds. "
    '"We will keep asking where the money went," Baker told reporters.\n\n'
    "Holloway added that tolls would be dropped within a year."
)
HOLLOWAY_2 = (
    "Mayor Jane Holloway defended the harbour budget on Thursday.\n\n"
    '"Every pound was spent in the open, and the accounts are public," Holloway said.\n\n'
    "The mayor said an audit would be published in the spring."
)
HOSTILE = (
    'Protesters carried signs reading <script>alert("pwned")</script> outside the town hall on Tuesday.\n\n'
    '"Put <b onmouseover="alert(1)">this</b> in your paper and see what happens," said Sara Lind, '
    "a spokeswoman for the residents' group.\n\n"
    'Lind said the group would meet again next week & would bring "more <img src=x onerror=alert(2)> signs".'
)
UNDATED = (
    "Fire chief Omar Haddad warned residents about dry weather.\n\n"
    '"Please do not light barbecues in the park this weekend," Haddad said.'
)

WEB_ARTICLES = [
    Article(
        id="bridge-opens",
        text=HOLLOWAY_1,
        title="Harbour bridge opens",
        date="2024-03-04",
        source="Riverside Gazette",
    ),
    Article(
        id="budget",
        text=HOLLOWAY_2,
        title="Mayor defends bridge budget",
        date="2024-03-07",
        source="Riverside Gazette",
    ),
    Article(
        id="protest",
        text=HOSTILE,
        title='Protest at <i>town hall</i> "signs"',
        date="2024-03-05",
        source="Evening Post",
    ),
    Article(id="fire", text=UNDATED, title="Fire warning", source="Evening Post"),
]


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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that start Spark or a browser are slow as well: `make check` leaves out every `slow` test."""
    for item in items:
        if item.get_closest_marker("spark") or item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.slow)
