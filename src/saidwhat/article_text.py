"""Turn raw bytes or strings into article text, or say clearly why they cannot be one."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from saidwhat.errors import BinaryInputError, EmptyInputError, InputTooLargeError

DEFAULT_MAX_CHARS = 300_000  # a news article is far shorter; spaCy needs ~1.4 GB per 300 KB parsed at once


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE, whose BOM it starts with
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text and how it was read: ``encoding`` as Python names it, ``replaced`` bad bytes put as U+FFFD."""

    text: str
    encoding: str
    replaced: int = 0


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control bytes in the first 8 KB, mean this is not text."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return bool(head) and controls / len(head) > 0.1


def decode_text(data: bytes) -> Decoded:
    """Bytes to text, saying how: a BOM (UTF-8, UTF-16, UTF-32) decides; else UTF-8, with the odd
    invalid byte replaced when the rest is UTF-8 (so one bad byte does not turn a whole article to
    mojibake); else the legacy encoding charset-normalizer names, cp1252 when it names none."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding)
            except UnicodeDecodeError:
                text = data.decode(encoding, errors="replace")
                return Decoded(text, encoding, text.count("\ufffd"))
    if looks_binary(data):
        raise BinaryInputError("input looks binary (NUL or control bytes), not text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    good = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    if good > bad:  # mostly UTF-8, with some bytes broken: keep the UTF-8, replace only those
        return Decoded(text, "utf-8", bad)
    return _legacy(data)


def _legacy(data: bytes) -> Decoded:
    encoding = "cp1252"
    try:
        from charset_normalizer import from_bytes

        matches = list(from_bytes(data[:65536]))
        if matches:
            best = matches[0]
            tied = {m.encoding for m in matches if m.chaos <= best.chaos + 0.01}
            # Short texts fit several code pages equally well; cp1252 is then the likeliest for news.
            if "cp1252" not in tied and best.encoding not in ("utf_8", "ascii"):
                encoding = best.encoding
    except ImportError:  # pragma: no cover - a dependency; cp1252 is the usual legacy news encoding
        pass
    for candidate in (encoding, "cp1252", "latin-1"):
        try:
            return Decoded(data.decode(candidate), codecs.lookup(candidate).name)
        except (UnicodeDecodeError, LookupError):
            continue
    raise BinaryInputError("input is not valid text in any encoding tried")  # pragma: no cover


def decode_bytes(data: bytes) -> str:
    """The text of ``data`` (see ``decode_text``)."""
    return decode_text(data).text


_SURROGATES = re.compile(r"[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def repair_text(value: str) -> str:
    """``value`` with lone surrogates (valid in a JSON string, not in UTF-8) replaced one for one by
    U+FFFD, so offsets stay true and SQLite, Parquet and HTTP can encode it."""
    return _SURROGATES.sub(REPLACEMENT, value)


def repair_optional(value: str | None) -> str | None:
    """``repair_text`` for a field that may be absent."""
    return None if value is None else repair_text(value)


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
