"""The SQLite store: migrations, idempotent writes, cross-article identity and the read-only queries.

Extractions are built by hand here so that these tests pin the store, not the extractor.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from saidwhat.errors import NotFoundError
from saidwhat.model import Article, Extraction, Failure, Mention, Quote, Span, Speaker
from saidwhat.store import Store, schema_version
from saidwhat.store import queries as q
from saidwhat.store.migrate import available
from saidwhat.store.writer import StoreWriter, normalise_date


def make(article_id: str, said: list[tuple[str, str, str]], *, date: str | None = None, source: str = "test"):
    """An Extraction of an article in which each (speaker name, mention, words) is one direct quote."""
    text, quotes, speakers = "", [], {}
    for name, mention, words in said:
        start = len(text) + 1
        text += f'"{words}," {mention} said. '
        sid = name.lower().replace(" ", "-")
        speakers.setdefault(sid, Speaker(sid, name, "person", aliases=(mention,)))
        m_start = start + len(words) + 3
        quotes.append(
            Quote(
                spans=(Span(start, start + len(words)),),
                text=words,
                type="direct",
                speaker=speakers[sid],
                mention=Mention(mention, m_start, m_start + len(mention)),
                cue=Mention("said", m_start + len(mention) + 1, m_start + len(mention) + 5),
                confidence=0.9,
            )
        )
    article = Article(id=article_id, text=text, date=date, source=source, title=f"title {article_id}")
    return Extraction(article=article, quotes=tuple(quotes), speakers=tuple(speakers.values()))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "store.db"


def write_all(db: Path, items) -> StoreWriter:
    conn = Store(db).writer()
    writer = StoreWriter(conn)
    for item in items:
        writer.write(item)
    conn.close()
    return writer


def test_store_migrations_numbered_and_applied_once(db: Path) -> None:
    versions = [v for v, _, _ in available()]
    assert versions == sorted(versions) and versions[0] == 1
    conn = Store(db).writer()
    assert schema_version(conn) == versions[-1]
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    conn.close()
    conn = Store(db).writer()  # a second open applies nothing
    assert conn.execute("SELECT count(*) FROM schema_version").fetchone()[0] == len(versions)
    conn.close()


def test_store_readonly_connection_refuses_writes_and_missing_files(db: Path, tmp_path: Path) -> None:
    Store(db).writer().close()
    conn = Store(db).reader()
    with pytest.raises(sqlite3.OperationalError):
        conn.execute("INSERT INTO failures (article_ext_id, stage, reason) VALUES ('x', 'y', 'z')")
    with pytest.raises(NotFoundError):
        Store(tmp_path / "nope.db").reader()


def test_store_writer_is_idempotent(db: Path) -> None:
    items = [
        make("a1", [("Helen Achterberg", "Achterberg", "We cut spending")]),
        Failure("bad", "read", "binary"),
    ]
    first = write_all(db, items)
    second = write_all(db, items)
    assert (first.counts.articles, first.counts.failures) == (1, 1)
    assert (second.counts.articles, second.counts.skipped, second.counts.failures) == (0, 1, 0)
    with Store(db).read() as conn:
        s = q.stats(conn)
    assert (s.articles, s.quotes, s.failures) == (1, 1, 1)


def test_store_writer_skips_same_text_under_another_id(db: Path) -> None:
    one = make("a1", [("Helen Achterberg", "Achterberg", "We cut spending")])
    copy = Extraction(
        article=Article(id="copy", text=one.article.text), quotes=one.quotes, speakers=one.speakers
    )
    writer = write_all(db, [one, copy])
    assert (writer.counts.articles, writer.counts.skipped) == (1, 1)


def test_store_success_clears_earlier_failure_of_same_article(db: Path) -> None:
    write_all(db, [Failure("a1", "nlp", "crashed")])
    write_all(db, [make("a1", [("Helen Achterberg", "Achterberg", "Fine now")])])
    with Store(db).read() as conn:
        assert q.stats(conn).failures == 0


def test_store_identity_merges_name_variants_across_articles(db: Path) -> None:
    write_all(
        db,
        [
            make("a1", [("Donald Trump", "Trump", "We will see")], date="2019-02-27"),
            make("a2", [("Donald J. Trump", "the president", "Very productive")], date="2019-02-28"),
            make("a3", [("President Trump", "President Trump", "Sometimes you walk")], date="2019-02-28"),
        ],
    )
    with Store(db).read() as conn:
        speakers = q.list_speakers(conn)
        assert [(s.quotes, s.articles) for s in speakers] == [(3, 3)]
        detail = q.get_speaker(conn, speakers[0].id)
        assert detail.name == "Donald J. Trump"  # the fullest name seen
        assert {"Trump", "the president", "President Trump"} <= {a for a, _ in detail.aliases}
        assert detail.per_day == [("2019-02-27", 1), ("2019-02-28", 2)]
        assert q.find_speakers(conn, "Mr Trump") == [speakers[0].id]


def test_store_identity_keeps_different_smiths_apart(db: Path) -> None:
    write_all(
        db,
        [
            make("farm", [("Robert Smith", "Robert Smith", "Milk prices are too low")]),
            make("school", [("Laura Smith", "Laura Smith", "Small classes work")]),
            make("fair", [("Smith", "Smith", "I talk to my pumpkins")]),
        ],
    )
    with Store(db).read() as conn:
        names = sorted(s.name for s in q.list_speakers(conn))
    assert names == ["Laura Smith", "Robert Smith", "Smith"]


def test_store_identity_partial_attaches_whichever_article_comes_first(db: Path) -> None:
    write_all(
        db,
        [
            make("early", [("Okafor", "Mayor Okafor", "Nobody wins")]),
            make("late", [("Thomas Okafor", "Thomas Okafor", "We build the wall")]),
        ],
    )
    with Store(db).read() as conn:
        assert [(s.name, s.quotes) for s in q.list_speakers(conn)] == [("Thomas Okafor", 2)]


def test_store_identity_partial_detaches_when_a_second_full_name_arrives(db: Path) -> None:
    write_all(
        db,
        [
            make("a", [("Robert Smith", "Robert Smith", "Milk")]),
            make("b", [("Smith", "Mr Smith", "Prices")]),
        ],
    )
    with Store(db).read() as conn:
        assert len(q.list_speakers(conn)) == 1
    write_all(db, [make("c", [("Laura Smith", "Laura Smith", "Reading")])])
    with Store(db).read() as conn:
        assert sorted(s.name for s in q.list_speakers(conn)) == ["Laura Smith", "Robert Smith", "Smith"]


def test_store_descriptions_never_merge_across_articles(db: Path) -> None:
    write_all(
        db,
        [
            make("a", [("Officials", "Officials", "Deal is close")]),
            make("b", [("Officials", "Officials", "No")]),
        ],
    )
    with Store(db).read() as conn:
        assert q.list_speakers(conn) == []
        assert len(q.list_speakers(conn, include_descriptions=True)) == 2
        assert q.stats(conn).descriptions == 2


def test_store_search_filters_and_pages(db: Path) -> None:
    write_all(
        db,
        [
            make(
                "a1",
                [("Helen Achterberg", "Achterberg", "The economy is growing")],
                date="2024-01-10",
                source="Wire",
            ),
            make("a2", [("Peter Lindqvist", "Lindqvist", "The economy is shrinking")], date="2024-02-10"),
            make("a3", [("Helen Achterberg", "Ms Achterberg", "Économie and prices")], date="2024-03-10"),
            make("a4", [("Helen Achterberg", "Achterberg", "Nothing about it")]),
        ],
    )
    with Store(db).read() as conn:
        assert q.search_quotes(conn, "economy").total == 3  # stemmed: économie folds and stems alike
        assert q.search_quotes(conn, "economie").total == 3  # accents folded
        assert q.search_quotes(conn, 'economy" (*').total == 3  # FTS syntax cannot leak in
        assert q.search_quotes(conn, '"economy is"').total == 2  # a phrase
        assert q.search_quotes(conn, "growing OR shrinking").total == 2
        assert q.search_quotes(conn, "grow*").total == 1  # a prefix
        assert q.search_quotes(conn, "grows").total == 1  # a stem
        assert q.search_quotes(conn, "economy", speaker="Achterberg").total == 2
        assert q.search_quotes(conn, "economy", since="2024-02-01").items[0].article_ext_id in ("a2", "a3")
        assert q.search_quotes(conn, until="2024-02-10").total == 2
        assert q.search_quotes(conn, source="Wire").total == 1
        assert q.search_quotes(conn, speaker="Nobody Atall").total == 0
        hit = q.search_quotes(conn, "growing").items[0]
        assert (
            hit.highlight == "The economy is [growing]"
            and hit.speaker
            and hit.speaker.name == "Helen Achterberg"
        )
        pages = [q.search_quotes(conn, limit=3, offset=o) for o in (0, 3)]
        assert [len(p.items) for p in pages] == [3, 1] and pages[0].total == 4
        assert len({h.id for p in pages for h in p.items}) == 4


def test_store_get_article_and_not_found(db: Path) -> None:
    extraction = make(
        "a1", [("Helen Achterberg", "Achterberg", "One"), ("Peter Lindqvist", "Lindqvist", "Two")]
    )
    write_all(db, [extraction])
    with Store(db).read() as conn:
        article = q.get_article(conn, 1)
        assert article.text == extraction.article.text
        assert [h.text for h in article.quotes] == ["One", "Two"]
        assert all(article.text[h.start : h.end] == h.text for h in article.quotes)
        with pytest.raises(NotFoundError):
            q.get_article(conn, 99)
        with pytest.raises(NotFoundError):
            q.get_speaker(conn, 99)


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2024-05-14", "2024-05-14"),
        ("2024-05-14T09:30:00Z", "2024-05-14T09:30:00+00:00"),
        ("Tue, 14 May 2024 09:30:00 GMT", "2024-05-14T09:30:00+00:00"),
        ("2024-05-14 and more", "2024-05-14"),
        ("last Tuesday", None),
        ("", None),
        (None, None),
    ],
)
def test_store_normalise_date(raw: str | None, iso: str | None) -> None:
    assert normalise_date(raw) == iso
