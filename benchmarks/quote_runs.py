"""Time per KB of texts dense with quotation marks, 10 KB to 1 MB: it should stay flat.

Not a test (no timings are asserted anywhere): a table. Shapes:

- ``runs``: runs of one mark ("He said: “““…"). Before ``article_text.tokenizer_safe``, spaCy's tokenizer
  was quadratic on them (4,000 “ took 3.2 s, 16,000 took 34 s, 50,000 did not finish in 120 s).
- ``alternating``: thousands of short quotes in one sentence (“w1” “w2” …). Each quote's sentence was
  measured again for every quote (``Token.sent`` and a count of its letters): 25, 50, 100 KB took 6.3,
  9.7, 19.9 s and 250 KB hit the 60 s budget.
- ``said``: thousands of lines of ``"…," he said.`` Every line break set a sentence start through
  ``Token.is_sent_start``, which scans the whole Doc each time: 80 KB took 14 s.

    python benchmarks/quote_runs.py [--shapes runs,alternating,said] [--sizes 10000,100000,1000000]
"""

from __future__ import annotations

import argparse
import itertools
import time
from collections.abc import Callable, Iterator

from saidwhat.pipeline import Extractor, Settings

SIZES = (10_000, 100_000, 1_000_000)  # characters


def _runs(size: int) -> str:
    return "He said: " + "“" * size + " and left."


def _alternating(size: int) -> str:
    return _fill(size, (f"“w{i}”" for i in itertools.count()), " ")


def _said(size: int) -> str:
    return _fill(size, (f'"We will win {i}," he said.' for i in itertools.count()), "\n")


def _fill(size: int, pieces: Iterator[str], joiner: str) -> str:
    parts: list[str] = []
    length = 0
    for piece in pieces:
        if length >= size:
            break
        parts.append(piece)
        length += len(piece) + len(joiner)
    return joiner.join(parts)


SHAPES: dict[str, Callable[[int], str]] = {"runs": _runs, "alternating": _alternating, "said": _said}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated: " + ", ".join(SHAPES))
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="characters, comma-separated")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    extractor = Extractor(settings=Settings(max_chars=max(sizes) + 1_000, time_budget=None))
    _ = extractor.nlp
    print(f"{'shape':>12} {'chars':>9} {'extract s':>10} {'ms/KB':>8}")
    for shape in args.shapes.split(","):
        for size in sizes:
            text = SHAPES[shape](size)
            started = time.perf_counter()
            extractor.extract(text)
            seconds = time.perf_counter() - started
            per_kb = seconds * 1000 / (len(text) / 1000)
            print(f"{shape:>12} {len(text):>9,} {seconds:>10.3f} {per_kb:>8.2f}", flush=True)


if __name__ == "__main__":
    main()
