"""``saidwhat serve``: the web app and HTTP API over a store, under uvicorn, on loopback by default."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from saidwhat.cli.exits import ERROR
from saidwhat.web.settings import DEFAULT_HOST, DEFAULT_PORT

KEEP_ALIVE_SECONDS = 5  # an idle kept-alive connection is closed after this


def serve_command(
    db: Annotated[Path, typer.Option(help="The SQLite store to explore (opened read-only).")] = Path(
        "saidwhat.db"
    ),
    host: Annotated[
        str, typer.Option(help="Interface to bind; the default keeps the server private to this machine.")
    ] = DEFAULT_HOST,
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = DEFAULT_PORT,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline for live extraction.")] = None,
    max_body: Annotated[
        int, typer.Option(min=1024, help="Largest request body accepted, in bytes.")
    ] = 1_000_000,
    extract_budget: Annotated[
        float, typer.Option(min=0.1, help="Seconds one live extraction may take; past it, a 422.")
    ] = 5.0,
    extract_workers: Annotated[
        int, typer.Option(min=1, max=16, help="Live extraction processes (one model each).")
    ] = 2,
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-host",
            help="Also answer requests for this Host name (repeatable; * for any). Always answered:"
            " the bound address, localhost, 127.0.0.1, ::1.",
        ),
    ] = None,
    edit: Annotated[
        bool,
        typer.Option(
            "--edit",
            help="Allow corrections from the browser and API, guarded by a token printed at start"
            " (default: read-only, every write answers 405).",
        ),
    ] = False,
) -> None:
    """Explore the store in a browser, and extract quotes live, at http://HOST:PORT."""
    import uvicorn

    from saidwhat.errors import SaidwhatError
    from saidwhat.web import WebSettings, create_app

    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.secho(
            f"warning: binding {host} makes the store readable from other machines; they must use a"
            " name given with --allow-host",
            fg="yellow",
            err=True,
        )
    from saidwhat.web.edit_token import new_token
    from saidwhat.web.hosts import allowed_hosts

    if edit and "*" in (allow_host or ()):
        typer.secho("error: --edit needs a list of allowed hosts, not --allow-host '*'", fg="red", err=True)
        raise typer.Exit(ERROR)
    token = new_token() if edit else None
    settings = WebSettings(
        edit_token=token,
        model=model,
        max_body_bytes=max_body,
        allowed_hosts=allowed_hosts(host, allow_host or ()),
        extract_process=True,  # search traffic cannot starve live extraction (web/extract_worker.py)
        extract_time_budget=extract_budget,
        extract_workers=extract_workers,
    )
    try:
        app = create_app(db, settings=settings)
    except SaidwhatError as exc:
        typer.secho(f"error: {exc}", fg="red", err=True)
        raise typer.Exit(ERROR) from exc
    app.state.live.warm_up()
    typer.echo(f"saidwhat: serving {db} at http://{host}:{port}  (Ctrl+C to stop)")
    if token is not None:
        typer.echo(
            f"saidwhat: corrections on; open http://{host}:{port}/check?token={token} to make them"
            f" (API: send the header X-Saidwhat-Token: {token})"
        )
    try:
        with _stopped_by_signals():
            _run(uvicorn, app, host, port, settings)
    finally:
        app.state.live.close()
    typer.echo("saidwhat: server stopped", err=True)


class _Stopped(Exception):
    """SIGTERM or SIGINT, re-raised by uvicorn once it has finished the requests in flight."""


@contextmanager
def _stopped_by_signals() -> Iterator[None]:
    """A stop by SIGTERM or Ctrl+C ends ``serve`` with exit code 0, the normal end of a server.

    uvicorn catches both signals, shuts down gracefully, then raises the signal again for the handler
    it found: this one, which ends the run here instead of the process dying by the signal (143).
    """

    def stop(signum: int, frame: object) -> None:
        raise _Stopped(signal.Signals(signum).name)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    except _Stopped:
        pass
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler if handler is not None else signal.SIG_DFL)


def _run(uvicorn: Any, app: Any, host: str, port: int, settings: Any) -> None:
    from saidwhat.web.protocol import guarded_protocol

    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="warning",
        # Slow and stalled clients are limited by the protocol (header and body timeouts, idle
        # connections per client, all connections), requests at once by the app: every refusal is a
        # JSON error, where uvicorn's own limit_concurrency answers plain text.
        http=guarded_protocol(settings),
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
        server_header=False,
    )


def register(app: typer.Typer) -> None:
    """Add ``serve`` to ``app``."""
    app.command("serve")(serve_command)
