"""Text decoding of files that are nearly, or differently, UTF-8: the bad bytes are lost, never the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from saidwhat import Article, Extractor
from saidwhat.article_text import decode_text
from saidwhat.errors import BinaryInputError
from saidwhat.ingest import IngestOptions
from saidwhat.ingest.reading import read_inputs

QUOTE = "“We will rebuild the bridge before winter,” Mayor Jane Holloway said on Monday in Zürich."


def _read(path: Path) -> Article:
    [item] = list(read_inputs([str(path)], IngestOptions()))
    assert isinstance(item, Article), item
    return item


def test_utf8_with_one_invalid_byte_keeps_its_quote_direct(tmp_path: Path, extractor: Extractor):
    data = QUOTE.encode()
    (tmp_path / "a.txt").write_bytes(data[:40] + b"\xff" + data[40:])
    article = _read(tmp_path / "a.txt")
    assert article.text == QUOTE[:40] + "\ufffd" + QUOTE[40:] or "\ufffd" in article.text
    assert "Zürich" in article.text and "“We will" in article.text
    [quote] = extractor.extract(article).quotes
    assert quote.type == "direct"
    decoded = decode_text(data[:40] + b"\xff" + data[40:])
    assert (decoded.encoding, decoded.replaced) == ("utf-8", 1)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_a_bom_is_honoured(tmp_path: Path, encoding: str):
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    (tmp_path / "a.txt").write_bytes(bom + QUOTE.encode(encoding))
    assert _read(tmp_path / "a.txt").text == QUOTE


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("“Déjà vu,” he said of the café.", "cp1252"),
        ("Привет, мир. «Это» тест длинного текста на русском языке, сказал он.", "cp1251"),
    ],
)
def test_legacy_encodings_are_named_and_read(text: str, encoding: str):
    decoded = decode_text(text.encode(encoding))
    assert decoded.text == text and decoded.encoding == encoding


def test_binary_without_a_bom_is_still_binary():
    with pytest.raises(BinaryInputError):
        decode_text(b"\x89PNG\x00\x00\x01\x02" * 100)
