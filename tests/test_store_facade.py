"""The Store as its callers see it: one object that answers, corrects and hands out the ingest writer.

Each method opens (or borrows from the pool) its own connection, so the tests here never hold one.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from saidwhat.errors import NotFoundError
from saidwhat.store import Store


@pytest.fixture()
def store(web_store: Path, tmp_path: Path) -> Store:
    """A copy of the web tests' store, so that corrections and writes here change nothing else."""
    copy = tmp_path / "store.db"
    shutil.copy(web_store, copy)
    return Store(copy)


def test_store_facade_answers_from_one_object(store: Store) -> None:
    stats = store.stats()
    page = store.search(limit=5)
    assert page.total == stats.quotes and len(page.items) == min(5, stats.quotes)
    hit = page.items[0]
    article = store.article(hit.article_id)
    assert hit.id in {q.id for q in article.quotes}
    assert set(store.quote_marks(hit.article_id)) <= {q.id for q in article.quotes}
    speakers = store.speakers(limit=3)
    assert speakers and all(s.quotes for s in speakers)
    top = store.speaker(speakers[0].id)
    assert (top.id, top.name) == (speakers[0].id, speakers[0].name)
    assert store.speaker_gender(top.id).call.gender == speakers[0].gender
    rows, total = store.articles(limit=None)
    assert total == stats.articles == len(rows)
    assert store.has_article(rows[0].ext_id) and not store.has_article("no-such-article")


def test_store_facade_streams_hold_their_connection_until_read(store: Store) -> None:
    records = store.quote_records(sort="date")
    assert len(list(records)) == store.stats().quotes


def test_store_facade_corrects_in_a_transaction_of_its_own(store: Store) -> None:
    hit = store.search(limit=1).items[0]
    said = store.reject(hit.id, note="not a quote")
    assert "rejected" in said
    assert hit.id not in {q.id for q in store.search(limit=100).items}
    assert [c.note for c in store.corrections()] == ["not a quote"]
    store.undo()
    assert hit.id in {q.id for q in store.search(limit=100).items}


def test_store_facade_missing_file_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError):
        Store(tmp_path / "nothing.db").stats()
    assert not (tmp_path / "nothing.db").exists()


def test_store_facade_open_writer_writes_what_readers_see(store: Store, extractor) -> None:
    before = store.stats().articles
    writer = store.open_writer()
    try:
        assert writer.write(extractor.extract("“We will stay,” said Mayor Ann Holt.", article_id="new"))
        assert writer.stats().articles == before + 1 == writer.articles_held()
    finally:
        writer.close()
    assert store.has_article("new")
