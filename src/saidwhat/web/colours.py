"""Speaker colours: stable across pages (a hash of the speaker id) yet distinct within one article.

The palette itself lives in static/style.css as classes ``sp-0`` .. ``sp-9`` so that the strict
Content-Security-Policy (no inline styles) holds; Python only picks the index.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable

PALETTE_SIZE = 10


def colour_of(speaker_id: str) -> int:
    """The speaker's home colour."""
    return zlib.crc32(speaker_id.encode("utf-8")) % PALETTE_SIZE


def assign(speaker_ids: Iterable[str]) -> dict[str, int]:
    """Colours for the speakers of one page, in order of appearance: each starts at its home colour and
    moves to the next free one if another speaker on the page has it, until the palette runs out."""
    taken: set[int] = set()
    colours: dict[str, int] = {}
    for speaker_id in speaker_ids:
        if speaker_id in colours:
            continue
        home = colour_of(speaker_id)
        choice = home
        if len(taken) < PALETTE_SIZE:
            for step in range(PALETTE_SIZE):
                candidate = (home + step) % PALETTE_SIZE
                if candidate not in taken:
                    choice = candidate
                    break
        taken.add(choice)
        colours[speaker_id] = choice
    return colours
