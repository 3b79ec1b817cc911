"""Time per KB of runs of quotation marks, 1 KB to 1 MB: tokenizer-safe text keeps it flat.

Not a test (no timings are asserted anywhere): a table. Before ``article_text.tokenizer_safe``, spaCy's
tokenizer was quadratic on such runs (``saidwhat extract`` of 4,000 “ took 3.2 s, 16,000 took 34 s,
50,000 did not finish in 120 s).

    python benchmarks/quote_runs.py [--marks “\"]
"""

from __future__ import annotations

import argparse
import time

from saidwhat.article_text import tokenizer_safe
from saidwhat.pipeline import Extractor, Settings

SIZES = (1_000, 10_000, 100_000, 1_000_000)  # characters


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--marks", default='“"', help="characters to make runs of")
    args = parser.parse_args()
    extractor = Extractor(settings=Settings(max_chars=max(SIZES) + 100, time_budget=None))
    _ = extractor.nlp
    print(f"{'mark':>4} {'chars':>9} {'extract s':>10} {'ms/KB':>8}")
    for mark in args.marks:
        for size in SIZES:
            text = "He said: " + mark * size + " and left."
            assert tokenizer_safe(text) != text
            started = time.perf_counter()
            extractor.extract(text)
            seconds = time.perf_counter() - started
            print(
                f"{mark!r:>4} {size:>9,} {seconds:>10.3f} {seconds * 1000 / (size / 1000):>8.2f}", flush=True
            )


if __name__ == "__main__":
    main()
