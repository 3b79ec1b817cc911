"""The real ``saidwhat serve``: only the Host names it knows are answered (no DNS rebinding), refusals in
the JSON error shape, and SIGTERM ends it with exit code 0 after a graceful shutdown."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

import saidwhat
from saidwhat.web.hosts import allowed_hosts, host_name

SRC = str(Path(saidwhat.__file__).resolve().parent.parent)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(web_store: Path) -> Iterator[tuple[subprocess.Popen[str], int]]:
    port = _free_port()
    command = [sys.executable, "-c", "from saidwhat.cli import main; main()", "serve"]
    process = subprocess.Popen(
        [*command, "--db", str(web_store), "--port", str(port), "--allow-host", "News.Example"],
        env={"PYTHONPATH": SRC, "PATH": "/usr/bin:/bin"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2)
            break
        except httpx.HTTPError:
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            time.sleep(0.3)
    yield process, port
    if process.poll() is None:
        process.kill()
        process.wait()


def _get(port: int, host: str, path: str = "/api/stats") -> httpx.Response:
    return httpx.get(f"http://127.0.0.1:{port}{path}", headers={"Host": host}, timeout=10)


@pytest.mark.slow
@pytest.mark.parametrize(
    "host",
    ["127.0.0.1", "127.0.0.1:{port}", "localhost:{port}", "[::1]:{port}", "news.example", "NEWS.EXAMPLE."],
)
def test_the_bound_address_localhost_and_allowed_hosts_are_answered(server, host: str):
    _, port = server
    assert _get(port, host.format(port=port)).status_code == 200


@pytest.mark.parametrize(
    "host", ["evil.example", "attacker.test:{port}", "127.0.0.1.evil.example", "news.example.evil"]
)
def test_any_other_host_is_refused_in_the_json_error_shape(server, host: str):
    _, port = server
    response = _get(port, host.format(port=port))
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"error", "status", "message", "details"}
    assert body["error"] == "bad_host" and body["status"] == 400 and "--allow-host" in body["message"]
    page = _get(port, host.format(port=port), "/")
    assert page.status_code == 400 and page.headers["content-type"].startswith("text/html")


def test_a_request_without_host_is_refused(server):
    _, port = server
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(b"GET /api/stats HTTP/1.0\r\n\r\n")
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.split(b" ")[1] == b"400"
    assert json.loads(body)["error"] == "bad_host"


def test_live_extraction_runs_in_its_own_process_beside_searches(server):
    process, port = server
    text = '"The bridge will open in May," Mayor Jane Holloway said on Monday.'
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
        answer = client.post("/api/extract", json={"text": text})
        assert answer.status_code == 200, answer.text
        assert [q["speaker"]["name"] for q in answer.json()["quotes"]] == ["Jane Holloway"]
        assert client.get("/api/quotes", params={"q": "bridge"}).status_code == 200
    assert _children(process.pid), "the extraction worker is a child process of serve"


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found |= {int(k) for k in (task / "children").read_text().split()}
        except OSError:
            continue
    return found


def test_sigterm_stops_serve_with_exit_code_0_and_its_worker(server):
    process, port = server
    assert _get(port, "localhost").status_code == 200
    workers = _children(process.pid)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "server stopped" in err and "Traceback" not in err
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{w}").exists() for w in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [w for w in workers if Path(f"/proc/{w}").exists()]


@pytest.mark.parametrize(
    ("value", "name"),
    [("LocalHost:8000", "localhost"), ("[::1]:8000", "::1"), ("::1", "::1"), ("a.example.", "a.example")],
)
def test_host_names(value: str, name: str):
    assert host_name(value) == name


def test_allowed_hosts_default_to_the_bound_address_and_loopback():
    assert allowed_hosts("0.0.0.0", ["Box.lan"]) == ("0.0.0.0", "localhost", "127.0.0.1", "::1", "box.lan")
