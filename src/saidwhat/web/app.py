"""The app factory: ``create_app(db_path)`` wires settings, the read-only store, live extraction, routers,
error handlers, security headers and static files into one FastAPI application."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from saidwhat import __version__
from saidwhat.store import WEB_POOL_SIZE, Store
from saidwhat.web import (
    api_extract,
    api_store,
    diversity,
    editing,
    errors,
    explore,
    families,
    pages_paste,
    pages_store,
)
from saidwhat.web.extraction import LiveExtractor
from saidwhat.web.headers import SecurityHeaders
from saidwhat.web.hosts import HostCheck
from saidwhat.web.limits import BodyLimit
from saidwhat.web.protocol import ConcurrencyLimit
from saidwhat.web.render import error_page
from saidwhat.web.settings import WebSettings
from saidwhat.web.templating import STATIC, make_templates

DESCRIPTION = """Explore who said what in the news stored by `saidwhat ingest`, and extract quotes live.

All store queries run on a read-only connection. Errors are JSON: `{"error", "status", "message", "details"}`.
"""


def create_app(db_path: str | Path | None = None, *, settings: WebSettings | None = None) -> FastAPI:
    """Build the app over the store at ``db_path`` (opened read-only); ``None`` serves extraction only."""
    settings = settings or WebSettings()
    if db_path is not None:
        settings = replace(settings, db_path=Path(db_path))
    app = FastAPI(
        title="saidwhat",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,  # the stock docs pages load scripts from a CDN; /openapi.json and /api describe the API
        redoc_url=None,
        lifespan=_lifespan,
    )
    app.state.settings = settings
    app.state.templates = make_templates()
    app.state.live = LiveExtractor(
        settings.model,
        settings.max_extract_chars,
        settings.max_pending_extractions,
        time_budget=settings.extract_time_budget,
        process=settings.extract_process,
        workers=settings.extract_workers,
    )
    app.state.store = _open_store(settings)
    errors.install(app, error_page)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(ConcurrencyLimit, max_requests=settings.max_requests)
    app.add_middleware(SecurityHeaders)
    if settings.allowed_hosts is not None:  # outermost: a request to a name not ours never reaches the app
        app.add_middleware(HostCheck, allowed=settings.allowed_hosts)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _include_routers(app)
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Bound the threads that answer store queries (anyio's default is 40): fewer threads contending
    for the GIL leave the event loop and live extraction their share under heavy search traffic."""
    import anyio.to_thread

    anyio.to_thread.current_default_thread_limiter().total_tokens = app.state.settings.query_threads
    yield


def _open_store(settings: WebSettings) -> Store | None:
    if settings.db_path is None:
        return None
    store = Store(settings.db_path, pool_size=WEB_POOL_SIZE)
    with store.read():  # fail now, at startup, not on the first request
        pass
    return store


def _include_routers(app: FastAPI) -> None:
    for module in (api_extract, api_store, pages_paste, pages_store):
        app.include_router(module.router)
    app.include_router(diversity.api)
    app.include_router(diversity.pages)
    app.include_router(explore.api)
    app.include_router(explore.pages)
    app.include_router(families.api)
    app.include_router(families.pages)
    editing.install(app)
