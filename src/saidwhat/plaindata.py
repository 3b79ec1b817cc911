"""An Extraction's quotes and speakers as plain data (dicts, lists, strings, numbers) and back.

The spaCy component keeps its results in ``Doc.user_data`` in this form, because that is what
``Doc.to_bytes``, ``DocBin`` and ``nlp.pipe(n_process=...)`` carry (msgpack): objects would be lost or
refused there. Reading it back gives values equal to the ones written; a sequence may come back as a
list or a tuple (``DocBin`` reads tuples), so both are accepted. The article text is not kept: the
Doc holds it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import fields
from typing import Any

from saidwhat.model import Article, Extraction, Mention, Quote, Span, Speaker

_SPEAKER_FIELDS = tuple(f.name for f in fields(Speaker))
_QUOTE_FIELDS = tuple(f.name for f in fields(Quote))


def _plain(value: Any) -> Any:
    """Tuples (of tuples) as lists; strings, numbers, booleans and None as they are."""
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def _frozen(value: Any) -> Any:
    """Lists (of lists) back as the tuples the frozen model holds."""
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    return value


def speaker_data(speaker: Speaker) -> dict[str, Any]:
    return {name: _plain(getattr(speaker, name)) for name in _SPEAKER_FIELDS}


def speaker_from(data: Mapping[str, Any]) -> Speaker:
    return Speaker(**{name: _frozen(data[name]) for name in _SPEAKER_FIELDS if name in data})


def _mention(mention: Mention | None) -> list[Any] | None:
    return None if mention is None else [mention.text, mention.start, mention.end]


def _mention_from(data: Sequence[Any] | None) -> Mention | None:
    return None if data is None else Mention(str(data[0]), int(data[1]), int(data[2]))


def quote_data(quote: Quote) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in _QUOTE_FIELDS:
        value = getattr(quote, name)
        if name == "spans":
            data[name] = [span.to_list() for span in value]
        elif name == "speaker":
            data[name] = None if value is None else speaker_data(value)
        elif isinstance(value, Mention) or (value is None and name in ("mention", "cue")):
            data[name] = _mention(value)
        else:
            data[name] = _plain(value)
    return data


def quote_from(data: Mapping[str, Any]) -> Quote:
    values: dict[str, Any] = {}
    for name in _QUOTE_FIELDS:
        if name not in data:
            continue
        value = data[name]
        if name == "spans":
            values[name] = tuple(Span(int(a), int(b)) for a, b in value)
        elif name == "speaker":
            values[name] = None if value is None else speaker_from(value)
        elif name in ("mention", "cue"):
            values[name] = _mention_from(value)
        else:
            values[name] = _frozen(value)
    return Quote(**values)


def extraction_data(extraction: Extraction) -> dict[str, Any]:
    """What an Extraction found, without its article: msgpack- and JSON-safe."""
    return {
        "quotes": [quote_data(q) for q in extraction.quotes],
        "speakers": [speaker_data(s) for s in extraction.speakers],
    }


def extraction_from(data: Mapping[str, Any], article: Article) -> Extraction:
    """The Extraction ``extraction_data`` described, for ``article``."""
    return Extraction(
        article=article,
        quotes=tuple(quote_from(q) for q in data["quotes"]),
        speakers=tuple(speaker_from(s) for s in data["speakers"]),
    )
