"""Turn raw bytes or strings into article text, or say clearly why they cannot be one."""

from __future__ import annotations

from saidwhat.errors import BinaryInputError, EmptyInputError, InputTooLargeError

DEFAULT_MAX_CHARS = 300_000  # a news article is far shorter; spaCy needs ~1.4 GB per 300 KB parsed at once
_FALLBACK_ENCODINGS = ("cp1252", "latin-1")


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control bytes in the first 8 KB, mean this is not text."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return bool(head) and controls / len(head) > 0.1


def decode_bytes(data: bytes) -> str:
    """UTF-8 (with or without BOM) first, then the usual legacy news encodings."""
    if looks_binary(data):
        raise BinaryInputError("input looks binary (NUL or control bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    for encoding in _FALLBACK_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise BinaryInputError("input is not valid text in UTF-8, cp1252 or latin-1")  # pragma: no cover


def check_text(text: str, *, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """Return ``text`` if it can be processed as an article; raise an InputError saying why not."""
    if not text or not text.strip():
        raise EmptyInputError("article text is empty")
    if len(text) > max_chars:
        raise InputTooLargeError(f"article has {len(text):,} characters, over the limit of {max_chars:,}")
    if "\x00" in text:
        raise BinaryInputError("article text contains NUL characters")
    return text
