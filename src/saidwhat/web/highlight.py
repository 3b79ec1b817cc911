"""Cut an article's text into runs for the template: plain text, quote pieces, speaker mentions, cues.

The template escapes every run; nothing here builds markup, so article text can never become HTML.
Offsets from the store or the extractor are clipped to the text, and overlapping quotes resolve to the
innermost one, so odd data degrades locally instead of breaking the page.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

RunKind = Literal["text", "quote", "mention", "cue"]


@dataclass(frozen=True, slots=True)
class Marked:
    """One quote as the highlighter needs it: where its content, speaker mention and cue are."""

    spans: Sequence[tuple[int, int]]
    mention: tuple[int, int] | None = None
    cue: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Run:
    kind: RunKind
    text: str
    quote: int | None = None  # index into the quotes given to ``runs``
    first: bool = False  # the first piece of its quote (carries the anchor id)


def _clip(span: tuple[int, int] | Sequence[int], size: int) -> tuple[int, int] | None:
    start, end = max(0, int(span[0])), min(size, int(span[1]))
    return (start, end) if start < end else None


def runs(text: str, quotes: Sequence[Marked]) -> list[Run]:
    """The text split at every quote, mention and cue boundary; quotes take precedence over the others."""
    size = len(text)
    layers: list[tuple[int, RunKind, int, int, int]] = []  # (priority, kind, quote, start, end)
    for index, quote in enumerate(quotes):
        clipped = [c for c in (_clip(s, size) for s in quote.spans) if c]
        length = sum(end - start for start, end in clipped)
        layers.extend((length, "quote", index, start, end) for start, end in clipped)
        for kind, span in (("mention", quote.mention), ("cue", quote.cue)):
            piece = _clip(span, size) if span is not None else None
            if piece is not None:
                layers.append((sys.maxsize, kind, index, *piece))  # type: ignore[arg-type]  # quotes win
    cuts = sorted({0, size, *(s for *_, s, _ in layers), *(e for *_, e in layers)})
    opening: dict[int, list[int]] = {}
    closing: dict[int, list[int]] = {}
    for n, (*_, layer_start, layer_end) in enumerate(layers):
        opening.setdefault(layer_start, []).append(n)
        closing.setdefault(layer_end, []).append(n)
    active: set[int] = set()  # a sweep over the cuts: layers covering the current piece
    out: list[Run] = []
    seen: set[int] = set()
    for start, end in itertools.pairwise(cuts):
        active.difference_update(closing.get(start, ()))
        active.update(opening.get(start, ()))
        covering = [layers[n] for n in active]
        words = text[start:end]
        run_kind: RunKind = "text"
        owner: int | None = None
        if covering:
            _, run_kind, owner, *_ = min(covering, key=lambda layer: (layer[0], layer[2]))
        if out and out[-1].kind == run_kind and out[-1].quote == owner:
            last = out[-1]
            out[-1] = Run(run_kind, last.text + words, owner, last.first)
            continue
        first = run_kind == "quote" and owner not in seen
        if run_kind == "quote" and owner is not None:
            seen.add(owner)
        out.append(Run(run_kind, words, owner, first))
    return out
