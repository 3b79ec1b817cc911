"""The web face of saidwhat: a FastAPI app with an HTTP API and server-rendered pages over the store.

``create_app(db_path)`` builds it; ``saidwhat serve`` runs it under uvicorn.
"""

from saidwhat.web.app import create_app
from saidwhat.web.settings import WebSettings

__all__ = ["WebSettings", "create_app"]
