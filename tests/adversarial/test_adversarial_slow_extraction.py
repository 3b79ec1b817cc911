"""A body that trickles in gets its 408, and one slow live extraction cannot hold the others: live
extractions run in a small pool of worker processes, each with a budget of a few seconds.

No wall time is measured: the server's body timeout is made tiny and the test waits for the answer;
the pool test checks the order things finish in.
"""

from __future__ import annotations

import asyncio
import socket

import pytest
from live_server import live_server

from saidwhat.errors import TooSlowError
from saidwhat.web import WebSettings
from saidwhat.web.extraction import LiveExtractor


def test_slow_extraction_trickling_body_gets_a_json_408():
    with (
        live_server(WebSettings(body_timeout=0.5)) as port,
        socket.create_connection(("127.0.0.1", port)) as sock,
    ):
        sock.sendall(
            b"POST /api/extract HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\n"
            b"content-length: 100\r\n\r\n" + b'{"text": "'
        )
        sock.settimeout(60)
        answer = b""
        while chunk := sock.recv(65536):  # the server answers, then closes
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 408 "), answer[:200]
    assert b'"error": "timeout"' in answer


@pytest.mark.slow
def test_slow_extraction_holds_one_worker_not_all():
    live = LiveExtractor(None, 200_000, time_budget=3.0, process=True, workers=2)
    live.warm_up()
    slow_text = '"' * 2 + " ".join('a"b' for _ in range(40_000))  # alternating marks, 160,000 characters
    order: list[str] = []

    async def run(name: str, text: str) -> None:
        try:
            await live.run_async(article_id=name, text=text)
        except TooSlowError:
            order.append(f"{name} too slow")
        else:
            order.append(name)

    async def both() -> None:
        slow = asyncio.create_task(run("slow", slow_text))
        await asyncio.sleep(0.2)  # the slow one is under way first
        await run("quick", '"We are ready," said Ann Lee.')
        await slow

    try:
        asyncio.run(both())
    finally:
        live.close()
    assert order == ["quick", "slow too slow"]


def test_slow_extraction_budget_is_a_few_seconds_by_default():
    settings = WebSettings()
    assert settings.extract_time_budget is not None and settings.extract_time_budget <= 5
    assert settings.extract_workers >= 2
