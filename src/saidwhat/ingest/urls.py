"""A file listing URLs, one a line, fetched politely with httpx and read as HTML pages.

Polite: a named user agent, robots.txt honoured, a few requests in flight in all and fewer per host,
timeouts on every read, a deadline and a size cap on each URL as a whole, and retries with doubling
waits on timeouts, 429 and 5xx only. Fetching
runs on an event loop in a background thread that hands pages over through a small bounded queue,
so a list of a million URLs never holds more than a handful of pages in memory.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
from collections import defaultdict
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from saidwhat.ingest.files import html_article
from saidwhat.ingest.options import FetchOptions
from saidwhat.ingest.records import capped_lines
from saidwhat.ingest.sources import ByteCount, open_binary
from saidwhat.model import Article, Failure

_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
_DONE = object()


def url_lines(path: str, counter: ByteCount | None = None) -> Iterator[str]:
    """The URLs of a list file: blank lines and ``#`` comments skipped."""
    with open_binary(path, counter) as handle:
        for _, line in capped_lines(handle, 8192):
            if line is None:
                continue
            url = line.decode("utf-8", "replace").strip()
            if url and not url.startswith("#"):
                yield url


class _Fetcher:
    """The async side: one client, a global and a per-host semaphore, robots.txt per host."""

    def __init__(self, options: FetchOptions, max_bytes: int, source: str) -> None:
        self.options = options
        self.max_bytes = max_bytes
        self.source = source
        self.hosts: dict[str, asyncio.Semaphore] = defaultdict(lambda: asyncio.Semaphore(options.per_host))
        self.robots: dict[str, RobotFileParser | None] = {}
        self.robots_lock = asyncio.Lock()

    async def _get(self, client: httpx.AsyncClient, url: str, retries: int | None = None) -> httpx.Response:
        """GET with retries on transient trouble; the body is read up to ``max_bytes`` only."""
        delay = self.options.backoff
        retries = self.options.retries if retries is None else retries
        for attempt in range(retries + 1):
            last = attempt == retries
            try:
                async with client.stream("GET", url) as response:
                    if response.status_code in _RETRY_STATUS and not last:
                        raise _Retry(f"HTTP {response.status_code}")
                    declared = response.headers.get("content-length", "")
                    if declared.isdigit() and int(declared) > self.max_bytes:
                        raise _TooLarge  # said up front: not a byte of it is read
                    body = bytearray()
                    async for chunk in response.aiter_bytes():
                        body += chunk
                        if len(body) > self.max_bytes:
                            raise _TooLarge
                    return httpx.Response(
                        response.status_code,
                        headers=response.headers,
                        content=bytes(body),
                        request=response.request,
                    )
            except (_Retry, httpx.TimeoutException, httpx.TransportError):
                if last:
                    raise
            await asyncio.sleep(delay)
            delay *= 2
        raise AssertionError("unreachable")  # pragma: no cover

    async def _allowed(self, client: httpx.AsyncClient, url: str) -> bool:
        if not self.options.robots:
            return True
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        async with self.robots_lock:
            if origin not in self.robots:
                parser: RobotFileParser | None = None
                try:
                    async with asyncio.timeout(self.options.deadline):
                        response = await self._get(client, f"{origin}/robots.txt", retries=0)
                    if response.status_code == 200:
                        parser = RobotFileParser()
                        parser.parse(response.text.splitlines())
                except (httpx.HTTPError, _Retry, _TooLarge, TimeoutError):
                    parser = None  # no robots.txt we can read: nothing is disallowed
                self.robots[origin] = parser
        parser = self.robots[origin]
        return parser is None or parser.can_fetch(self.options.user_agent, url)

    async def fetch(self, client: httpx.AsyncClient, url: str) -> Article | Failure:
        """One URL as an Article, or a Failure with the reason (stage ``fetch``)."""
        if urlsplit(url).scheme not in ("http", "https"):
            return Failure(url, "fetch", "not an http(s) URL", source=self.source)
        async with self.hosts[urlsplit(url).netloc]:
            try:
                if not await self._allowed(client, url):
                    return Failure(url, "fetch", "disallowed by robots.txt", source=self.source)
                async with asyncio.timeout(self.options.deadline):
                    response = await self._get(client, url)
            except TimeoutError:
                reason = (
                    f"took over the deadline of {self.options.deadline:g} s for one page (--fetch-deadline)"
                )
                return Failure(url, "fetch", reason, source=self.source)
            except _TooLarge:
                return Failure(
                    url, "fetch", f"page is over the limit of {self.max_bytes:,} bytes", source=self.source
                )
            except (_Retry, httpx.HTTPError) as exc:
                reason = str(exc) or type(exc).__name__
                return Failure(
                    url, "fetch", f"{reason} (after {self.options.retries + 1} attempts)", source=self.source
                )
        if response.status_code != 200:
            return Failure(url, "fetch", f"HTTP {response.status_code}", source=self.source)
        content_type = response.headers.get("content-type", "").lower()
        if "html" not in content_type:
            return Failure(
                url, "fetch", f"not an HTML page: {content_type or 'no content type'}", source=self.source
            )
        return html_article(response.content, article_id=url, source=self.source, url=str(response.url))


class _Retry(Exception):
    """A response worth trying again (429, 5xx)."""


class _TooLarge(Exception):
    """The body went over the size limit."""


async def _produce(
    urls: Iterator[str], fetcher: _Fetcher, out: queue.Queue[object], stop: threading.Event
) -> None:
    options = fetcher.options
    timeout = httpx.Timeout(options.timeout)
    limits = httpx.Limits(max_connections=options.concurrency, max_keepalive_connections=options.concurrency)
    headers = {"User-Agent": options.user_agent, "Accept": "text/html,application/xhtml+xml"}
    slots = asyncio.Semaphore(options.concurrency)

    async def one(url: str) -> None:
        try:
            result = await fetcher.fetch(client, url)
        finally:
            slots.release()
        await asyncio.to_thread(out.put, result)  # blocks while the consumer is behind

    async with httpx.AsyncClient(
        timeout=timeout, limits=limits, headers=headers, follow_redirects=True
    ) as client:
        tasks: set[asyncio.Task[None]] = set()
        for url in urls:
            if stop.is_set():
                break
            await slots.acquire()
            task = asyncio.create_task(one(url))
            tasks.add(task)
            task.add_done_callback(tasks.discard)
        if tasks:
            await asyncio.gather(*tasks)


def read_urls(
    path: str,
    *,
    options: FetchOptions,
    max_bytes: int,
    known: Callable[[str], bool] | None = None,
    counter: ByteCount | None = None,
) -> Iterator[Article | Failure]:
    """Fetch every URL of the list not already ``known`` (stored), yielding pages as they arrive."""
    out: queue.Queue[object] = queue.Queue(maxsize=max(2, options.concurrency * 2))
    stop = threading.Event()
    urls = (u for u in url_lines(path, counter) if known is None or not known(u))
    fetcher = _Fetcher(options, max_bytes, path)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            asyncio.run(_produce(urls, fetcher, out, stop))
        except BaseException as exc:  # handed to the consumer, raised there
            errors.append(exc)
        finally:
            out.put(_DONE)

    thread = threading.Thread(target=run, name="saidwhat-fetch", daemon=True)
    thread.start()
    try:
        while (item := out.get()) is not _DONE:
            yield item  # type: ignore[misc]
    finally:
        stop.set()
        while thread.is_alive():  # unblock a producer waiting on a full queue
            with contextlib.suppress(queue.Empty):
                out.get(timeout=0.1)
    if errors:
        raise errors[0]
