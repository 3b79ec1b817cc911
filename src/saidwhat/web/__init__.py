"""The web face of saidwhat: a FastAPI app with an HTTP API and server-rendered pages over the store.

``create_app(db_path)`` builds it; ``saidwhat serve`` runs it under uvicorn. Both names are imported
on first use, so that the command line can read ``saidwhat.web.settings`` without loading FastAPI.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from saidwhat.web.app import create_app
    from saidwhat.web.settings import WebSettings

__all__ = ["WebSettings", "create_app"]
_HOMES = {"WebSettings": "saidwhat.web.settings", "create_app": "saidwhat.web.app"}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'saidwhat.web' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOMES[name]), name)
    globals()[name] = value
    return value
