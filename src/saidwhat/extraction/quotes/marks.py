"""Find text between quotation marks, safely: one pass, local recovery, never give up an article.

The scanner works paragraph by paragraph. A quote left open at the end of a paragraph continues into
the next one only when that paragraph opens with a quotation mark (the newspaper convention for quotes
over several paragraphs); otherwise it ends with its paragraph, so one stray mark spoils at most one
paragraph. Apostrophes (don't, Korea's, the '90s) are told from marks by their neighbours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from saidwhat.extraction.handoff import Quoted
from saidwhat.lexicon import CLOSE_DOUBLE, CLOSE_SINGLE, OPEN_DOUBLE, OPEN_SINGLE

Family = Literal["double", "single"]
Direction = Literal["open", "close", "either"]

_PARAGRAPH = re.compile(r"[^\n]+")
_OPENING_CONTEXT = frozenset(" \t\r\n([{—–-/")  # characters that may stand before an opening mark
_CLOSING_CONTEXT = frozenset(" \t\r\n)]}.,;:!?—–-/…")  # characters that may follow a closing mark
_TRIM = " \t\r\n,;:"
_MARK_CHARS = frozenset("`'\"") | OPEN_DOUBLE | CLOSE_DOUBLE | OPEN_SINGLE | CLOSE_SINGLE
MAX_DEPTH = 4  # quotes nest two or three deep in real text; deeper openers are stray, and ignoring them keeps the scan linear


@dataclass(frozen=True, slots=True)
class _Mark:
    at: int
    width: int
    family: Family
    direction: Direction
    straight: bool


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _classify(text: str, i: int) -> _Mark | None:
    """What the character at ``i`` is as a quotation mark, or None when it is not one."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if ch == "`" and nxt == "`":
        return _Mark(i, 2, "double", "open", False)
    if ch == "'" and nxt == "'":
        if prev in _OPENING_CONTEXT:
            return _Mark(i, 2, "double", "open", True)
        return _Mark(i, 2, "double", "close", True)
    if ch in OPEN_DOUBLE:
        return _Mark(i, 1, "double", "open", False)
    if ch in CLOSE_DOUBLE:
        if prev in "\n" and nxt.isalnum():
            return _Mark(i, 1, "double", "open", False)  # ”Fear. ...” at a paragraph's start: a misprinted “
        return _Mark(i, 1, "double", "close", False)
    if ch == '"':
        opens = prev in _OPENING_CONTEXT or prev in OPEN_SINGLE
        closes = nxt in _CLOSING_CONTEXT or nxt in CLOSE_SINGLE or nxt == "'"
        if opens and not closes:
            return _Mark(i, 1, "double", "open", True)
        if closes and not opens:
            return _Mark(i, 1, "double", "close", True)
        return _Mark(i, 1, "double", "either", True)
    if ch in OPEN_SINGLE or ch == "'" or ch in CLOSE_SINGLE:
        if _is_word(prev) and _is_word(nxt):
            return None  # don't, Korea's
        if ch in OPEN_SINGLE or (ch == "'" and prev in _OPENING_CONTEXT):
            if nxt.isdigit() or not (nxt.isalnum() or nxt in OPEN_DOUBLE or nxt == '"'):
                return None  # the '90s, or a mark standing alone
            return _Mark(i, 1, "single", "open", ch == "'")
        if prev.isspace():
            return None
        return _Mark(i, 1, "single", "close", ch == "'")
    return None


def _emit(text: str, start: int, end: int, open_at: int, close_at: int | None, out: list[Quoted]) -> None:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    if end > start and any(c.isalnum() for c in text[start:end]):
        out.append(Quoted(start, end, open_at, close_at))


def _reopens(text: str, start: int, opener: _Mark) -> bool:
    """Whether a paragraph opens with the same kind of mark as the quote left open before it."""
    i = start
    while i < len(text) and text[i] in " \t\r":
        i += 1
    if i >= len(text):
        return False
    mark = _classify(text, i)
    return (
        mark is not None
        and mark.direction in ("open", "either")
        and mark.family == opener.family
        and mark.straight == opener.straight
    )


def find_quoted(text: str) -> list[Quoted]:
    """All top-level quoted stretches of ``text``, in order, never overlapping."""
    out: list[Quoted] = []
    stack: list[_Mark] = []
    nested: list[Quoted] = []  # quotes closed inside a still-open one, in case that one was a stray mark
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    for n, (p_start, p_end) in enumerate(paragraphs):
        i = p_start
        continuing = bool(stack)
        while i < p_end:
            ch = text[i]
            if ch not in _MARK_CHARS:
                i += 1
                continue
            mark = _classify(text, i)
            if mark is None:
                i += 1
                continue
            if continuing and mark.direction != "close":
                continuing = False  # the mark that reopens a quote running over paragraphs
                i += mark.width
                continue
            continuing = False
            _step(text, mark, stack, out, nested)
            i += mark.width
        if stack:
            bottom = stack[0]
            nxt = paragraphs[n + 1][0] if n + 1 < len(paragraphs) else None
            if nxt is None or not _reopens(text, nxt, bottom):
                if bottom.straight and nested:
                    out.extend(nested)  # a stray straight mark: keep the quotes it swallowed
                else:
                    _emit(text, bottom.at + bottom.width, p_end, bottom.at, None, out)
                stack.clear()
        if not stack:
            nested.clear()
    return out


def _step(text: str, mark: _Mark, stack: list[_Mark], out: list[Quoted], nested: list[Quoted]) -> None:
    """Apply one mark to the stack of open marks, emitting a quote when the outermost one closes."""
    if mark.family == "double":
        open_double = [k for k, m in enumerate(stack) if m.family == "double"]
        direction = mark.direction
        if direction == "either":
            direction = "close" if any(stack[k].straight for k in open_double) else "open"
        elif direction == "open" and text[mark.at] == "“" and stack and text[stack[-1].at] == "„":
            direction = "close"  # German „…“
        if direction == "open":
            if len(stack) < MAX_DEPTH:
                stack.append(mark)
            return
        if not stack:
            return  # a closing mark with nothing open: ignore it
        # Close the innermost double mark, or a single one opened with a double mark closing it (‘…”).
        level = open_double[-1] if open_double else 0
        bottom = stack[0]
        inner = stack[level]
        del stack[level:]
        if not stack:
            _emit(text, bottom.at + bottom.width, mark.at, bottom.at, mark.at, out)
            nested.clear()
        elif len(stack) == 1:
            _emit(text, inner.at + inner.width, mark.at, inner.at, mark.at, nested)
        return
    if mark.direction == "open":
        if len(stack) < MAX_DEPTH:
            stack.append(mark)
        return
    if stack and stack[-1].family == "single":
        bottom = stack[0]
        inner = stack.pop()
        if not stack:
            _emit(text, bottom.at + bottom.width, mark.at, bottom.at, mark.at, out)
            nested.clear()
        elif len(stack) == 1:
            _emit(text, inner.at + inner.width, mark.at, inner.at, mark.at, nested)
