"""``saidwhat serve``: the web app and HTTP API over a store, under uvicorn, on loopback by default."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

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
) -> None:
    """Explore the store in a browser, and extract quotes live, at http://HOST:PORT."""
    import uvicorn

    from saidwhat.errors import SaidwhatError
    from saidwhat.web import WebSettings, create_app
    from saidwhat.web.protocol import guarded_protocol

    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.secho(
            f"warning: binding {host} makes the store readable from other machines", fg="yellow", err=True
        )
    settings = WebSettings(model=model, max_body_bytes=max_body)
    try:
        app = create_app(db, settings=settings)
    except SaidwhatError as exc:
        typer.secho(f"error: {exc}", fg="red", err=True)
        raise typer.Exit(ERROR) from exc
    app.state.live.warm_up()
    typer.echo(f"saidwhat: serving {db} at http://{host}:{port}  (Ctrl+C to stop)")
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
