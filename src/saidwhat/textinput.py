"""Turn raw bytes or strings into article text, or say clearly why they cannot be one."""

from __future__ import annotations

import re

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


# spaCy's tokenizer strips prefixes and suffixes one at a time, copying the rest of the chunk each time,
# so a chunk without spaces made of many of them costs the square of its length: 16,000 “ in a row take
# over half a minute, 50,000 never finish. Runs of 16 or more punctuation marks (or of a short unit
# with one in it, repeated: 's's's, US$US$) keep their first and last character and have the rest
# replaced by a neutral ``~`` in the text spaCy sees. Same length, so every offset stays valid.
SAFE_RUN = 16
_NEUTRAL = "~"
_PUNCT_RUN = re.compile(r"(?:['’][sS]|[^\w\s]|_){" + str(SAFE_RUN) + ",}")
_REPEATED_UNIT = re.compile(r"(\S{2,4}?)\1{" + str(SAFE_RUN - 1) + ",}")


def _neutralise(match: re.Match[str]) -> str:
    run = match.group()
    if match.re is _REPEATED_UNIT and match.group(1).isalnum():
        return run  # hahaha, zzzz: words, which the tokenizer takes in one step
    return run[0] + _NEUTRAL * (len(run) - 2) + run[-1]


def tokenizer_safe(text: str) -> str:
    """``text`` with the runs that would make spaCy's tokenizer slow neutralised, offsets unchanged."""
    safe = _PUNCT_RUN.sub(_neutralise, text)
    return _REPEATED_UNIT.sub(_neutralise, safe)
