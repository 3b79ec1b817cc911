"""What do readers' corrections cost the reads? The store's queries over a large store, with corrections.

Not a test (no timings are asserted anywhere): a table of the best of five runs per query. The store is
the bundled example corpus, really extracted, then copied in SQL (the same articles under new ids and
hashes, quotes given random speakers and words) to ``--quotes`` quotes; ``--corrections`` of them are
then corrected through ``saidwhat.store.corrections`` (speakers, rejects, types). Every read goes through
the ``quotes_corrected`` view, so this is the table to watch when the view changes.

    python benchmarks/corrections_reads.py [--quotes 200000] [--corrections 200] [--db PATH]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from saidwhat.store import Store, queries
from saidwhat.store import corrections as correct

ROOT = Path(__file__).resolve().parent.parent
WORDS = [
    "budget",
    "bridge",
    "council",
    "money",
    "strike",
    "harbour",
    "tolls",
    "public",
    "accounts",
    "spring",
    "audit",
    "election",
]


def build(path: Path, quotes: int) -> None:
    """The example corpus, extracted, then copied in SQL up to ``quotes`` quotes."""
    from saidwhat.ingest import IngestOptions, ingest

    ingest([str(ROOT / "examples" / "corpus")], str(path), IngestOptions(), progress=False)
    conn = sqlite3.connect(path)
    articles = conn.execute("SELECT title, url, source, byline, text FROM articles").fetchall()
    speakers = [r[0] for r in conn.execute("SELECT id FROM speakers")]
    rng = random.Random(1)
    n = 0
    while conn.execute("SELECT count(*) FROM quotes").fetchone()[0] < quotes:
        title, url, source, byline, text = articles[n % len(articles)]
        article = conn.execute(
            "INSERT INTO articles (ext_id, content_hash, title, url, date, source, byline, text)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                f"copy-{n}",
                f"copy-{n}",
                title,
                url,
                f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}",
                source,
                byline,
                text,
            ),
        ).lastrowid
        for seq in range(10):
            words = " ".join(rng.choice(WORDS) for _ in range(8))
            conn.execute(
                "INSERT INTO quotes (article_id, seq, start_char, end_char, spans, text, type, speaker_id,"
                " confidence, kind) VALUES (?, ?, ?, ?, '[[0, 10]]', ?, 'direct', ?, ?, 'speech')",
                (article, seq, 10 * seq, 10 * seq + 10, words, rng.choice(speakers), rng.random()),
            )
        n += 1
    conn.commit()
    conn.close()


def corrected(path: Path, count: int) -> None:
    conn = Store(path).writer()
    rng = random.Random(2)
    ids = [r[0] for r in conn.execute("SELECT id FROM quotes ORDER BY random() LIMIT ?", (count,))]
    speakers = [str(r[0]) for r in conn.execute("SELECT id FROM speakers WHERE canonical_id IS NULL")]
    for n, qid in enumerate(ids):
        if n % 3 == 0:
            correct.correct_speaker(conn, qid, rng.choice(speakers))
        elif n % 3 == 1:
            correct.reject(conn, qid)
        else:
            correct.correct_type(conn, qid, "indirect")
    conn.close()


def best(run: Callable[[], Any], times: int = 5) -> float:
    found = float("inf")
    for _ in range(times):
        start = time.perf_counter()
        run()
        found = min(found, time.perf_counter() - start)
    return found * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=200_000)
    parser.add_argument("--corrections", type=int, default=200)
    parser.add_argument("--db", type=Path, help="keep the store here (default: a temporary file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "bench.db"
        build(path, args.quotes)
        corrected(path, args.corrections)
        with Store(path).read() as conn:
            top = queries.list_speakers(conn, limit=1)[0].id
            article = int(conn.execute("SELECT max(id) FROM articles").fetchone()[0])
            total = conn.execute("SELECT count(*) FROM quotes_corrected").fetchone()[0]
            print(f"{total:,} quotes, {args.corrections} corrections")
            cases: dict[str, Callable[[], Any]] = {
                "stats": lambda: queries.stats(conn),
                "search 'budget', one page": lambda: queries.search_quotes(conn, "budget", limit=20),
                "quotes of one speaker": lambda: queries.search_quotes(conn, None, speaker_id=top, limit=20),
                "speaker page": lambda: queries.get_speaker(conn, top),
                "speaker list, top 20": lambda: queries.list_speakers(conn, limit=20),
                "facets of 'budget'": lambda: queries.facet_counts(conn, text="budget"),
                "article page": lambda: queries.get_article(conn, article),
            }
            for label, run in cases.items():
                print(f"{label:28s} {best(run):9.1f} ms")


if __name__ == "__main__":
    main()
