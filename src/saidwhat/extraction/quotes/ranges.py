"""Character ranges: overlap, coverage and fast look-ups over sorted, non-overlapping ranges."""

from __future__ import annotations

import bisect
from array import array
from functools import lru_cache
from itertools import accumulate

from saidwhat.extraction.handoff import Quoted

_SHORT = 512  # characters: a shorter range is counted directly, a longer one from the prefix sums


def alnum_count(text: str, start: int, end: int) -> int:
    """Letters and digits in ``text[start:end]``; long ranges in constant time, so asking it of every
    quote's whole sentence stays linear when a sentence holds thousands of quotes."""
    if end - start <= _SHORT:
        return sum(1 for c in text[start:end] if c.isalnum())
    prefix = _alnum_prefix(text)
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    return max(0, prefix[end] - prefix[start])


@lru_cache(maxsize=2)
def _alnum_prefix(text: str) -> array[int]:
    """``prefix[i]``: letters and digits in ``text[:i]``, built once per article text."""
    return array("l", accumulate((c.isalnum() for c in text), initial=0))


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping ranges covering the same positions, for ``inside``."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def inside(pos: int, ranges: list[tuple[int, int]]) -> bool:
    """Whether ``pos`` falls in one of ``ranges`` (sorted, non-overlapping)."""
    k = bisect.bisect_right(ranges, (pos, float("inf"))) - 1
    return k >= 0 and ranges[k][0] <= pos < ranges[k][1]


def quotes_within(quoted: list[Quoted], ends: list[int], start: int, end: int) -> range:
    """Indices of the quotes (sorted, never overlapping) that may overlap ``[start, end)``."""
    first = bisect.bisect_right(ends, start)
    last = first
    while last < len(quoted) and quoted[last].start < end:
        last += 1
    return range(first, last)
