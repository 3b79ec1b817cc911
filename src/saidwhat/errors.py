"""Errors of saidwhat, one tree so callers can catch as broadly or narrowly as they need.

    SaidwhatError              (500)
    ├── InputError             (400)  the input cannot be read as an article
    │   ├── EmptyInputError    (400)
    │   ├── BinaryInputError   (400)
    │   ├── InputTooLargeError (413)
    │   └── InputFormatError   (400)  a Spark input whose format or text field cannot be told
    ├── TooSlowError           (422)  one article took longer than the time budget
    ├── ModelNotFoundError     (500)  no spaCy pipeline could be loaded
    ├── StoreError             (500)  the SQLite store is unusable
    │   └── StoreWriteError    (507)  the store cannot be written: disk full, quota, I/O error
    ├── NotFoundError          (404)  a requested record does not exist
    ├── BusyError              (503)  too many live extractions are waiting (web)
    ├── NoStoreError           (503)  the web app was started without a database
    ├── JavaNotFoundError      (500)  no Java runtime that Spark can use
    ├── OutputExistsError      (500)  a Spark output directory holds datasets, without --overwrite
    └── MissingExtraError      (500)  an optional dependency (pandas) is not installed; also an ImportError

Each class carries the HTTP status the web API answers with, so one handler can render them all; the
command line gives every one of them the same exit code (``saidwhat.cli.exits``).
"""

from __future__ import annotations


class SaidwhatError(Exception):
    """Base of every error saidwhat raises on purpose."""

    status: int = 500


class InputError(SaidwhatError):
    """The input cannot be read as an article."""

    status = 400


class EmptyInputError(InputError):
    """The article has no text."""


class BinaryInputError(InputError):
    """The input looks like binary data, not text."""


class InputTooLargeError(InputError):
    """The input is over the configured size limit."""

    status = 413


class InputFormatError(InputError):
    """An input path whose format cannot be told, or that lacks the configured text field."""


class TooSlowError(SaidwhatError):
    """One article took longer than the time budget (or its caller went away first)."""

    status = 422
    code = "took_too_long"

    def __init__(self, stage: str, reason: str) -> None:
        super().__init__(reason)
        self.stage = stage
        self.reason = reason


class ModelNotFoundError(SaidwhatError):
    """No spaCy pipeline could be loaded under the names tried."""


class StoreError(SaidwhatError):
    """The SQLite store cannot be opened or written."""


class StoreWriteError(StoreError):
    """A write to the store failed (disk full, over quota, an I/O error); what was committed is kept."""

    status = 507


class NotFoundError(SaidwhatError):
    """A requested article, speaker or quote does not exist."""

    status = 404


class BusyError(SaidwhatError):
    """Too many extractions are already waiting; the client should try again shortly."""

    status = 503


class NoStoreError(SaidwhatError):
    """The app was started without a database, so store pages and endpoints cannot answer."""

    status = 503


class JavaNotFoundError(SaidwhatError):
    """No Java runtime that Spark can use."""


class OutputExistsError(SaidwhatError):
    """The output directory already holds datasets and --overwrite was not given."""


class MissingExtraError(SaidwhatError, ImportError):
    """An optional dependency is not installed; the message names the extra that brings it."""

    def __init__(self, module: str, extra: str) -> None:
        super().__init__(
            f"{module} is not installed: pip install 'saidwhat[{extra}]' (or pip install {module})"
        )
        self.extra = extra
