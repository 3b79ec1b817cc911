"""Same output before and after a change: extract the evaluation texts, then diff two runs.

    python scripts/compare_outputs.py run DIR [--sets hanoi,polnear-dev,...] [--scope attributions]
    python scripts/compare_outputs.py diff BEFORE AFTER
    python scripts/compare_outputs.py store BEFORE.db AFTER.db

``run`` writes one JSONL per set into DIR, each line what ``saidwhat extract --format jsonl`` writes
for one article (the Extractor with its default settings, or the ``--scope`` given, articles in file
order). The texts are read
from ``$SAIDWHAT_SHARED`` (default ``../shared``) and never enter the repository. ``diff`` reports, per
set, "identical" or the first lines that differ, and exits 1 when any set differs or is missing.
``store`` compares two stores (say ``saidwhat ingest examples/corpus`` before and after) table by
table, every row, leaving out the columns that record when (``*_at``).
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import time
from collections.abc import Iterator
from pathlib import Path

SETS = {
    "hanoi": "fixtures/hanoi-summit.txt",
    "polnear-dev": "data/polnear/dev.jsonl",
    "polnear-train": "data/polnear/train.jsonl",
    "ggt-dev": "data/ggt/dev.jsonl",
    "invented-dev": "data/invented/dev.jsonl",
}


def _articles(path: Path) -> Iterator[tuple[str, str]]:
    if path.suffix == ".txt":
        yield path.stem, path.read_text(encoding="utf-8")
        return
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                doc = json.loads(line)
                yield str(doc["id"]), doc["text"]


def run(out: Path, names: list[str], scope: str | None = None) -> int:
    from saidwhat import Article, Extractor, Failure, Settings

    shared = Path(os.environ.get("SAIDWHAT_SHARED", "../shared"))
    out.mkdir(parents=True, exist_ok=True)
    extractor = Extractor(settings=Settings(scope=scope)) if scope else Extractor()
    for name in names:
        source = shared / SETS[name]
        articles = [Article(id=i, text=t) for i, t in _articles(source)]
        started = time.perf_counter()
        with (out / f"{name}.jsonl").open("w", encoding="utf-8") as handle:
            for result in extractor.pipe(articles):
                if isinstance(result, Failure):
                    record = {"failure": [result.article_id, result.stage, result.reason]}
                else:
                    record = result.to_dict()
                handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
        seconds = time.perf_counter() - started
        print(f"{name}: {len(articles)} articles in {seconds:.1f} s", file=sys.stderr)
    return 0


def diff(before: Path, after: Path, names: list[str], shown: int = 3) -> int:
    status = 0
    for name in names:
        a, b = before / f"{name}.jsonl", after / f"{name}.jsonl"
        if not a.exists() or not b.exists():
            print(f"{name}: missing ({a if not a.exists() else b})")
            status = 1
            continue
        left = a.read_text(encoding="utf-8").splitlines()
        right = b.read_text(encoding="utf-8").splitlines()
        differing = [n for n in range(max(len(left), len(right))) if left[n : n + 1] != right[n : n + 1]]
        if not differing:
            print(f"{name}: identical ({len(left)} articles)")
            continue
        status = 1
        print(f"{name}: {len(differing)} of {max(len(left), len(right))} articles differ")
        for n in differing[:shown]:
            print(f"  line {n + 1}:")
            print(f"    before: {(left[n] if n < len(left) else '<none>')[:400]}")
            print(f"    after:  {(right[n] if n < len(right) else '<none>')[:400]}")
    return status


def _tables(path: Path) -> dict[str, list[tuple[object, ...]]]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [
            r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        ]
        tables: dict[str, list[tuple[object, ...]]] = {}
        for name in names:
            columns = [r[1] for r in db.execute(f'PRAGMA table_info("{name}")') if not r[1].endswith("_at")]
            listed = ", ".join(f'"{c}"' for c in columns)
            tables[name] = sorted(db.execute(f'SELECT {listed} FROM "{name}"').fetchall(), key=repr)
        return tables
    finally:
        db.close()


def store(before: Path, after: Path) -> int:
    left, right = _tables(before), _tables(after)
    status = 0
    for name in sorted(set(left) | set(right)):
        if left.get(name) == right.get(name):
            print(f"{name}: identical ({len(left[name])} rows)")
            continue
        status = 1
        a, b = left.get(name, []), right.get(name, [])
        print(f"{name}: differs ({len(a)} rows before, {len(b)} after)")
        for row in [r for r in a if r not in b][:2]:
            print(f"  only before: {repr(row)[:300]}")
        for row in [r for r in b if r not in a][:2]:
            print(f"  only after:  {repr(row)[:300]}")
    return status


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="mode", required=True)
    run_parser = sub.add_parser("run", help="extract every set into DIR")
    run_parser.add_argument("directory", type=Path)
    run_parser.add_argument("--scope", help="the guideline to extract under (default: the Extractor's)")
    diff_parser = sub.add_parser("diff", help="compare two run directories")
    diff_parser.add_argument("before", type=Path)
    diff_parser.add_argument("after", type=Path)
    for p in (run_parser, diff_parser):
        p.add_argument("--sets", default=",".join(SETS), help="comma-separated: " + ", ".join(SETS))
    store_parser = sub.add_parser("store", help="compare two SQLite stores table by table")
    store_parser.add_argument("before", type=Path)
    store_parser.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.mode == "store":
        return store(args.before, args.after)
    names = [n for n in args.sets.split(",") if n]
    unknown = [n for n in names if n not in SETS]
    if unknown:
        parser.error(f"unknown sets {unknown}; known: {', '.join(SETS)}")
    if args.mode == "run":
        return run(args.directory, names, args.scope)
    return diff(args.before, args.after, names)


if __name__ == "__main__":
    raise SystemExit(main())
