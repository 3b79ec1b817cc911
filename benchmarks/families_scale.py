"""Quote families at scale: a synthetic store of N quotes (default 1,000,000) with planted families.

    PYTHONPATH=src python benchmarks/families_scale.py [--quotes 1000000] [--families 2000] [--db PATH]

Background quotes are random sentences over a Zipf-distributed vocabulary (so common words and
bigrams collide in LSH buckets as real news does). Each planted family is one sentence and 2 to 7
rewrites of it (an exact copy, other quotation marks and case, one word changed, cut short by a
third, a word dropped), spread over articles, outlets and dates; a sentence of 24 words or more also
gets three trims of 10 words (its start, its end and its middle), found by containment. Quotes are stored as the writer
stores them, then put in families by ``FamilyIndex.index_backlog``: the same per-quote code path as
``saidwhat ingest`` (look-ups by key in the LSH bucket table, a bounded number per band).

Reported: time per new quote for each tenth of the store (flat if the cost does not grow with the
store), total time and process peak memory for building families, recall of the planted families
(all members in one family), recall of the trims (in their sentence's family) and pairwise precision and recall over planted quotes, background
quotes wrongly put in a planted family, and time and peak memory (tracemalloc) of one ``trace`` query
(a partial quote), averaged over queries. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sqlite3
import tempfile
import time
import tracemalloc
from itertools import combinations
from pathlib import Path

import numpy as np

from saidwhat.store import Store
from saidwhat.store.families import FamilyIndex, trace

VOCABULARY = 20_000
QUOTES_PER_ARTICLE = 10
OUTLETS = [f"outlet-{i:02d}" for i in range(20)]


def _vocabulary(rng: random.Random) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    words: set[str] = set()
    while len(words) < VOCABULARY:
        words.add("".join(rng.choice(letters) for _ in range(rng.randint(2, 9))))
    return sorted(words, key=lambda w: (len(w), w))  # short words first: they are the common ones


def _rewrites(words: list[str], vocab: list[str], rng: random.Random) -> list[str]:
    sentence = " ".join(words)
    changed = list(words)
    changed[rng.randrange(len(changed))] = rng.choice(vocab)
    dropped = list(words)
    del dropped[rng.randrange(1, len(dropped) - 1)]
    cut = words[: max(6, (2 * len(words)) // 3)]
    options = [
        sentence,
        f"“{sentence[0].upper()}{sentence[1:]}.”",
        " ".join(changed),
        " ".join(cut) + " …",
        " ".join(dropped),
        sentence.upper() + "!",
        f'"{sentence}," ',
    ]
    return [sentence, *rng.sample(options[1:], rng.randint(1, 6))]


TRIM_WORDS = 10


def _trims(words: list[str]) -> list[str]:
    """A long sentence's start, end and middle, as outlets trim a quote; none for a short one."""
    if len(words) < 24:
        return []
    middle = (len(words) - TRIM_WORDS) // 2
    return [
        " ".join(part)
        for part in (words[:TRIM_WORDS], words[-TRIM_WORDS:], words[middle : middle + TRIM_WORDS])
    ]


def build_store(db: Path, n_quotes: int, n_families: int, seed: int) -> tuple[dict[int, int], set[int]]:
    """Write the synthetic store; return planted quote id -> planted family number, and the trims' ids."""
    rng = random.Random(seed)
    nprng = np.random.default_rng(seed)
    vocab = _vocabulary(rng)
    weights = 1.0 / np.arange(1, VOCABULARY + 1) ** 1.1
    weights /= weights.sum()
    planted: list[tuple[int, str, bool]] = []
    for family in range(n_families):
        words = [vocab[i] for i in nprng.choice(VOCABULARY, size=rng.randint(10, 30), p=weights)]
        planted.extend((family, text, False) for text in _rewrites(words, vocab, rng))
        planted.extend((family, text, True) for text in _trims(words))
    slots = set(rng.sample(range(n_quotes), len(planted)))
    planted_iter = iter(planted)
    lengths = nprng.integers(6, 31, size=n_quotes)
    background = nprng.choice(VOCABULARY, size=int(lengths.sum()), p=weights)
    conn = Store(db).writer()
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("BEGIN")
    offset = 0
    truth: dict[int, int] = {}
    trimmed: set[int] = set()
    quote_id = 0
    for article in range(0, -(-n_quotes // QUOTES_PER_ARTICLE)):
        day = f"2024-{1 + article % 12:02d}-{1 + article % 28:02d}"
        conn.execute(
            "INSERT INTO articles (id, ext_id, content_hash, date, source, text) VALUES (?, ?, ?, ?, ?, '')",
            (article + 1, f"a{article}", f"h{article}", day, OUTLETS[article % len(OUTLETS)]),
        )
        rows = []
        for seq in range(QUOTES_PER_ARTICLE):
            if quote_id >= n_quotes:
                break
            size = int(lengths[quote_id])
            if quote_id in slots:
                family, text, trim = next(planted_iter)
                truth[quote_id + 1] = family
                if trim:
                    trimmed.add(quote_id + 1)
            else:
                text = " ".join(vocab[i] for i in background[offset : offset + size])
            offset += size
            quote_id += 1
            rows.append((quote_id, article + 1, seq, 0, len(text), "[]", text, "direct", 0.9))
        conn.executemany(
            "INSERT INTO quotes (id, article_id, seq, start_char, end_char, spans, text, type, confidence)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    conn.execute("DELETE FROM family_backlog")
    conn.execute("INSERT INTO family_backlog (quote_id) SELECT id FROM quotes")
    conn.execute("COMMIT")
    conn.close()
    return truth, trimmed


def index(db: Path, n_quotes: int) -> tuple[list[float], float]:
    """Families for every quote, a tenth at a time; (microseconds per quote per tenth, total seconds)."""
    conn = Store(db).writer()
    families = FamilyIndex(conn)
    per_tenth: list[float] = []
    started = time.perf_counter()
    tenth = max(1, n_quotes // 10)
    while True:
        t0 = time.perf_counter()
        done = 0
        while done < tenth:
            got = _one_batch(families, 2000)
            if got == 0:
                break
            done += got
        if done == 0:
            break
        per_tenth.append((time.perf_counter() - t0) / done * 1e6)
    total = time.perf_counter() - started
    conn.close()
    return per_tenth, total


def _one_batch(families: FamilyIndex, size: int) -> int:
    """One transaction of ``size`` backlog quotes (index_backlog's loop body, so each tenth is timed)."""
    conn = families.conn
    ids = [
        r[0] for r in conn.execute("SELECT quote_id FROM family_backlog ORDER BY quote_id LIMIT ?", (size,))
    ]
    if not ids:
        return 0
    conn.execute("BEGIN IMMEDIATE")
    marks = ",".join("?" * len(ids))
    rows = conn.execute(f"SELECT id, text FROM quotes WHERE id IN ({marks}) ORDER BY id", ids).fetchall()
    families.add_quotes((r[0], r[1]) for r in rows)
    conn.execute(f"DELETE FROM family_backlog WHERE quote_id IN ({marks})", ids)
    conn.execute("COMMIT")
    return len(ids)


def score(db: Path, truth: dict[int, int], trimmed: set[int]) -> dict[str, float | int]:
    conn = sqlite3.connect(db)
    found = dict(conn.execute("SELECT quote_id, family_id FROM quote_family").fetchall())
    planted: dict[int, list[int]] = {}
    for quote, family in truth.items():
        planted.setdefault(family, []).append(quote)
    recovered = sum(len({found.get(q, -q) for q in qs}) == 1 for qs in planted.values())
    true_pairs = {frozenset(p) for qs in planted.values() for p in combinations(qs, 2)}
    by_family: dict[int, list[int]] = {}
    for quote in truth:
        if quote in found:
            by_family.setdefault(found[quote], []).append(quote)
    found_pairs = {frozenset(p) for qs in by_family.values() for p in combinations(qs, 2)}
    planted_families = {found[q] for q in truth if q in found}
    intruders = conn.execute(
        "SELECT count(*) FROM quote_family WHERE family_id IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(planted_families)),),
    ).fetchone()[0] - sum(1 for q in truth if q in found)
    conn.close()
    hit = len(true_pairs & found_pairs)
    whole = {f: [q for q in qs if q not in trimmed] for f, qs in planted.items()}
    trims_found = sum(
        1 for q in trimmed if q in found and any(found.get(o) == found[q] for o in whole[truth[q]])
    )
    return {
        "planted_trims": len(trimmed),
        "trim_recall": trims_found / len(trimmed) if trimmed else 1.0,
        "planted_families": len(planted),
        "planted_quotes": len(truth),
        "families_recovered_whole": recovered,
        "family_recall": recovered / len(planted),
        "pair_recall": hit / len(true_pairs),
        "pair_precision": hit / len(found_pairs) if found_pairs else 1.0,
        "background_quotes_in_planted_families": int(intruders),
    }


def time_trace(db: Path, truth: dict[int, int], queries: int, seed: int) -> dict[str, float]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    rng = random.Random(seed)
    sample = rng.sample(sorted(truth), queries)
    texts = [conn.execute("SELECT text FROM quotes WHERE id = ?", (q,)).fetchone()[0] for q in sample]
    hits, seconds, peaks = 0, [], []
    for quote, text in zip(sample, texts, strict=True):
        words = text.split()
        start = rng.randrange(0, max(1, len(words) - 6))
        partial = " ".join(words[start : start + 6])
        tracemalloc.start()
        t0 = time.perf_counter()
        found = trace(conn, partial)
        seconds.append(time.perf_counter() - t0)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        hits += any(quote in [m.quote_id for m in f.members] for f in found)
    conn.close()
    return {
        "trace_queries": queries,
        "trace_found_the_planted_quote": hits,
        "trace_mean_ms": 1000 * sum(seconds) / len(seconds),
        "trace_max_ms": 1000 * max(seconds),
        "trace_peak_python_kib": max(peaks) / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quotes", type=int, default=1_000_000)
    parser.add_argument("--families", type=int, default=2_000)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--db", type=Path, default=None, help="store to write (default: a temporary file)")
    args = parser.parse_args()
    db = args.db or Path(tempfile.mkdtemp(prefix="families-bench-")) / "store.db"
    if db.exists():
        db.unlink()
    t0 = time.perf_counter()
    truth, trimmed = build_store(db, args.quotes, args.families, args.seed)
    written = time.perf_counter() - t0
    per_tenth, total = index(db, args.quotes)
    peak_rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "quotes": args.quotes,
        "store_written_s": round(written, 1),
        "families_built_s": round(total, 1),
        "us_per_new_quote_by_tenth": [round(x) for x in per_tenth],
        "peak_rss_mib": round(peak_rss_mib),
        "db_mib": round(os.path.getsize(db) / 2**20),
        **score(db, truth, trimmed),
        **time_trace(db, truth, args.queries, args.seed),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
