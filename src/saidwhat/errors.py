"""Errors of saidwhat, one tree so callers can catch as broadly or narrowly as they need.

    SaidwhatError            (500)
    ├── InputError           (400)  the input cannot be read as an article
    │   ├── EmptyInputError  (400)
    │   ├── BinaryInputError (400)
    │   └── InputTooLargeError (413)
    ├── ModelNotFoundError   (500)  no spaCy pipeline could be loaded
    ├── StoreError           (500)  the SQLite store is unusable
    └── NotFoundError        (404)  a requested record does not exist

Each class carries the HTTP status the web API answers with, so one handler can render them all.
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


class ModelNotFoundError(SaidwhatError):
    """No spaCy pipeline could be loaded under the names tried."""


class StoreError(SaidwhatError):
    """The SQLite store cannot be opened or written."""


class NotFoundError(SaidwhatError):
    """A requested article, speaker or quote does not exist."""

    status = 404
