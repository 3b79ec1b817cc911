"""Live extraction alone, and under search load: does search traffic starve ``POST /api/extract``?

A real ``saidwhat serve`` (own process, loopback) over a synthetic store; first ``--extract`` requests
from 4 clients alone, then the same while ``--searchers`` clients search without pause until the
extractions are done. Prints extraction requests/s and latency for both, and the searches answered.
Bounded: fixed request counts and ``load_test.TIME_CAP_SECONDS`` per scenario.

    .venv/bin/python benchmarks/extract_under_search.py [--db saidwhat.db] [--extract 120] [--searchers 32]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load_test import (
    HOST,
    TIME_CAP_SECONDS,
    Result,
    build_store,
    extract,
    free_port,
    run,
    search,
    start_server,
)

EXTRACT_CLIENTS = 4
REFUSED: Counter[str] = Counter()  # status codes other than 200, by endpoint


async def counted_extract(client: httpx.AsyncClient, rng: random.Random) -> httpx.Response:
    response = await extract(client, rng)
    if response.status_code != 200:
        REFUSED[f"extract {response.status_code}"] += 1
    return response


async def searching(base: str, clients: int, stop: asyncio.Event) -> tuple[int, int]:
    """Searches from ``clients`` connections until ``stop``; (answered, errors)."""
    done = errors = 0

    async def worker(seed: int) -> None:
        nonlocal done, errors
        rng = random.Random(seed)
        async with httpx.AsyncClient(base_url=base, timeout=60) as client:
            while not stop.is_set():
                try:
                    status = (await search(client, rng)).status_code
                except httpx.HTTPError as exc:
                    status = type(exc).__name__
                ok = status == 200
                if not ok:
                    REFUSED[f"search {status}"] += 1
                done += 1
                errors += not ok

    await asyncio.gather(*(worker(1000 + n) for n in range(clients)))
    return done, errors


async def under_load(base: str, total: int, searchers: int) -> tuple[Result, int, int, float]:
    stop = asyncio.Event()
    started = time.perf_counter()
    load = asyncio.create_task(searching(base, searchers, stop))
    await asyncio.sleep(1.0)  # let the searches get going first
    result = await run("extract, with searches", base, EXTRACT_CLIENTS, total, counted_extract)
    stop.set()
    done, errors = await load
    return result, done, errors, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="an existing store (default: build one)")
    parser.add_argument("--articles", type=int, default=300, help="synthetic articles when building a store")
    parser.add_argument("--extract", type=int, default=120, help="extract requests per scenario")
    parser.add_argument("--searchers", type=int, default=32, help="search clients in the second scenario")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "load.db"
            build_store(db, args.articles)
        port = free_port()
        server = start_server(db, port)
        base = f"http://{HOST}:{port}"
        try:
            asyncio.run(run("warm-up", base, 1, 3, extract))
            alone = asyncio.run(run("extract alone", base, EXTRACT_CLIENTS, args.extract, counted_extract))
            mixed, searches, search_errors, seconds = asyncio.run(
                under_load(base, args.extract, args.searchers)
            )
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"time cap {TIME_CAP_SECONDS:.0f} s per scenario; {EXTRACT_CLIENTS} extraction clients\n")
    print("| scenario | requests | errors | requests/s | p50 ms | p99 ms |")
    print("|---|---|---|---|---|---|")
    print(alone.row())
    print(mixed.row())
    rate = searches / seconds if seconds else 0.0
    print(
        f"\n{args.searchers} search clients answered {searches} searches ({search_errors} errors, {rate:.0f}/s)"
    )
    print(f"not 200: {dict(REFUSED) or 'none'}")


if __name__ == "__main__":
    main()
