"""Load test of ``saidwhat serve``: 50 concurrent clients on search and on live extraction.

Bounded on purpose: a fixed number of requests per scenario and a time cap, loopback only. The server
runs in its own process (a real uvicorn, as users run it) over a store that this script builds from
synthetic articles, unless ``--db`` names an existing one.

    .venv/bin/python benchmarks/load_test.py [--db saidwhat.db] [--clients 50] [--search 2000] [--extract 300]
        [--keep-alive-seconds 20]

The keep-alive scenario has every client keep its connection and pause (0.05-0.6 s) between searches
for a fixed time, as a browser or a polling script does: a paused connection is no slow client, so
none of its requests may be refused (a 408 counts as an error).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

HOST = "127.0.0.1"  # loopback only: this never talks to another machine
TIME_CAP_SECONDS = 120.0  # per scenario: stop sending when reached, report what was done

FIRST = ["Jane", "Tom", "Sara", "Omar", "Mia", "Lena", "Raj", "Ines", "Karl", "Yuki", "Ada", "Ben"]
LAST = [
    "Holloway",
    "Baker",
    "Lind",
    "Haddad",
    "Reyes",
    "Novak",
    "Iyer",
    "Costa",
    "Berg",
    "Sato",
    "Okafor",
    "Moss",
]
ROLES = ["Mayor", "Councillor", "Minister", "Senator", "Chief Executive", "Professor"]
TOPICS = [
    "the bridge",
    "the budget",
    "the new hospital",
    "rail fares",
    "the harbour",
    "school meals",
    "housing",
]
SAID = ["said", "told reporters", "added", "warned", "argued"]
WORDS = ["budget", "bridge", "hospital", "housing", "fares", "money", "year", "plan", "people", "harbour"]


def synthetic_article(rng: random.Random, n: int) -> tuple[str, str]:
    """A short made-up news story with direct and reported speech; (text, date)."""
    people = [(rng.choice(ROLES), rng.choice(FIRST), rng.choice(LAST)) for _ in range(3)]
    topic = rng.choice(TOPICS)
    paragraphs = [f"{people[0][0]} {people[0][1]} {people[0][2]} spoke about {topic} on Monday."]
    for role, first, last in people:
        paragraphs.append(
            f'"We have spent the money on {topic} in the open, and people can see every pound," '
            f"{last} {rng.choice(SAID)}."
        )
        paragraphs.append(f"{role} {first} {last} said the plan for {topic} would take another year.")
    day = f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}"
    return "\n\n".join(paragraphs), day


def build_store(path: Path, articles: int) -> None:
    from saidwhat import Article, Extractor
    from saidwhat.store import Store
    from saidwhat.store.writer import StoreWriter

    rng = random.Random(6)
    conn = Store(path).writer()
    writer = StoreWriter(conn)
    items = []
    for n in range(articles):
        text, day = synthetic_article(rng, n)
        items.append(
            Article(id=f"synthetic-{n}", text=text, title=f"Story {n}", date=day, source=f"paper-{n % 4}")
        )
    for result in Extractor().pipe(items):
        writer.write(result)
    conn.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-c", "from saidwhat.cli import main; main()", "serve", "--db", str(db)]
    command += ["--host", HOST, "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://{HOST}:{port}/api/stats", timeout=1).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError(f"server did not start: {server.stderr.read().decode() if server.stderr else ''}")


@dataclass
class Result:
    name: str
    latencies: list[float]
    errors: int
    seconds: float
    capped: bool

    def row(self) -> str:
        done = len(self.latencies)
        ms = sorted(x * 1000 for x in self.latencies) or [0.0]
        p50 = statistics.median(ms)
        p99 = ms[min(len(ms) - 1, round(0.99 * (len(ms) - 1)))]
        rate = done / self.seconds if self.seconds else 0.0
        cap = " (time cap hit)" if self.capped else ""
        return f"| {self.name} | {done}{cap} | {self.errors} | {rate:.1f} | {p50:.0f} | {p99:.0f} |"


Request = Callable[[httpx.AsyncClient, random.Random], Awaitable[httpx.Response]]


async def run(name: str, base: str, clients: int, total: int, make_request: Request) -> Result:
    """``clients`` workers, each with its own connection, share ``total`` requests."""
    counter = itertools.count()
    latencies: list[float] = []
    errors = 0
    started = time.perf_counter()
    capped = False

    async def worker(seed: int) -> None:
        nonlocal errors, capped
        rng = random.Random(seed)
        async with httpx.AsyncClient(base_url=base, timeout=60) as client:
            while next(counter) < total:
                if time.perf_counter() - started > TIME_CAP_SECONDS:
                    capped = True
                    return
                t0 = time.perf_counter()
                try:
                    response = await make_request(client, rng)
                    ok = response.status_code == 200
                except httpx.HTTPError:
                    ok = False
                latencies.append(time.perf_counter() - t0)
                errors += not ok

    await asyncio.gather(*(worker(n) for n in range(clients)))
    return Result(name, latencies, errors, time.perf_counter() - started, capped)


async def run_paced(name: str, base: str, clients: int, seconds: float, make_request: Request) -> Result:
    """``clients`` workers, each on one kept-alive connection, pausing between requests for ``seconds``."""
    latencies: list[float] = []
    errors = 0
    started = time.perf_counter()

    async def worker(seed: int) -> None:
        nonlocal errors
        rng = random.Random(seed)
        limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
        async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
            while time.perf_counter() - started < seconds:
                t0 = time.perf_counter()
                try:
                    ok = (await make_request(client, rng)).status_code == 200
                except httpx.HTTPError:
                    ok = False
                latencies.append(time.perf_counter() - t0)
                errors += not ok
                await asyncio.sleep(rng.uniform(0.05, 0.6))

    await asyncio.gather(*(worker(n) for n in range(clients)))
    return Result(name, latencies, errors, time.perf_counter() - started, False)


async def together(*runs: Awaitable[Result]) -> list[Result]:
    """Several client groups at once, e.g. searches while extractions keep the server busy."""
    return list(await asyncio.gather(*runs))


async def search(client: httpx.AsyncClient, rng: random.Random) -> httpx.Response:
    params: dict[str, str | int] = {"q": " ".join(rng.sample(WORDS, rng.choice([1, 1, 2])))}
    if rng.random() < 0.3:
        params["speaker"] = rng.choice(LAST)
    if rng.random() < 0.2:
        params["since"], params["until"] = "2024-03-01", "2024-09-30"
    params["page"] = rng.choice([1, 1, 1, 2, 3])
    return await client.get("/api/quotes", params=params)


def extract_body(rng: random.Random) -> dict[str, str]:
    text, _ = synthetic_article(rng, rng.randrange(1000))
    return {"text": text}


async def extract(client: httpx.AsyncClient, rng: random.Random) -> httpx.Response:
    return await client.post("/api/extract", json=extract_body(rng))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--db", type=Path, help="an existing store (default: build one from synthetic articles)"
    )
    parser.add_argument("--articles", type=int, default=300, help="synthetic articles when building a store")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--search", type=int, default=2000, help="search requests in total")
    parser.add_argument("--extract", type=int, default=300, help="extract requests in total")
    parser.add_argument(
        "--keep-alive-seconds", type=float, default=20.0, help="length of the keep-alive scenario (0: skip)"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "load.db"
            t0 = time.perf_counter()
            build_store(db, args.articles)
            print(f"built a store of {args.articles} synthetic articles in {time.perf_counter() - t0:.1f}s")
        port = free_port()
        server = start_server(db, port)
        try:
            base = f"http://{HOST}:{port}"
            results = [
                asyncio.run(run("GET /api/quotes (search)", base, args.clients, args.search, search)),
                asyncio.run(
                    run("POST /api/extract (~1 KB article)", base, args.clients, args.extract, extract)
                ),
            ]
            if args.keep_alive_seconds > 0:
                name = f"keep-alive: search with pauses ({args.keep_alive_seconds:g} s)"
                results.append(
                    asyncio.run(run_paced(name, base, args.clients, args.keep_alive_seconds, search))
                )
            searchers = args.clients * 4 // 5
            extractors = args.clients - searchers
            results += asyncio.run(
                together(
                    run(f"mixed: search ({searchers} clients)", base, searchers, args.search // 2, search),
                    run(
                        f"mixed: extract ({extractors} clients)", base, extractors, args.extract // 3, extract
                    ),
                )
            )
        finally:
            server.terminate()
            server.wait(timeout=30)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\n{args.clients} concurrent clients, one uvicorn worker, {os.cpu_count()} CPUs, loopback;")
    print(f"load average at the end {load} (the client runs on the same machine as the server)\n")
    print("| scenario | requests | errors | throughput (req/s) | p50 (ms) | p99 (ms) |")
    print("|---|---|---|---|---|---|")
    for result in results:
        print(result.row())


if __name__ == "__main__":
    main()
