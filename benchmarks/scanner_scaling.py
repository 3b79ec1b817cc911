"""Does the cost grow linearly with the input? ``find_quoted`` and the full extractor at 10 KB, 100 KB, 1 MB.

Not a test (no timings are asserted anywhere): a table of time per KB, which should stay flat as the
input grows tenfold. Inputs are synthetic and full of quotation marks, including hostile ones (openers
that never close, all in one paragraph). A size whose time, projected from the previous one, would pass
the budget is not run; the table says so, since that projection is itself the finding.

    python benchmarks/scanner_scaling.py [--budget SECONDS] [--no-extractor]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

SIZES = (10_000, 100_000, 1_000_000)  # characters; the Extractor's limit is raised here to reach 1 MB
NEWS = (
    "“We will not give up on the deal,” Kim said. The president told reporters that the talks were "
    "‘productive’ but added: “There is more to do.” Smith's aide said \"nothing\" was agreed in the '90s.\n\n"
    "« Nous verrons », a-t-il dit. „Wir schaffen das“, sagte sie. ``Fine,'' he said. Rock 'n' roll.\n\n"
)
PIECES = [
    *"“”‘’\"'«»„‚‹›",
    "``",
    "''",
    "don't",
    "Korea's",
    " said",
    " told reporters",
    "we",
    "win",
    " ",
    " ",
    "\n",
]


def repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def random_marks(size: int) -> str:
    rng = random.Random(8)
    parts: list[str] = []
    length = 0
    while length < size:
        piece = rng.choice(PIECES)
        parts.append(piece)
        length += len(piece)
    return "".join(parts)[:size]


INPUTS: dict[str, Callable[[int], str]] = {
    "news paragraphs, paired marks": lambda n: repeat(NEWS, n),
    "random marks and newlines": random_marks,
    "straight marks, one paragraph": lambda n: repeat('"a b" ', n),
    "curly openers never closed, one paragraph": lambda n: repeat("“a ", n),
    "each paragraph opens a quote": lambda n: repeat("“a b\n", n),
}
EXTRACTOR_INPUTS = ("news paragraphs, paired marks", "random marks and newlines")

EXTRACT_CHILD = """
import resource, sys, time
sys.path.insert(0, {here!r})
from scanner_scaling import INPUTS
from saidwhat import Extractor, Settings
text = INPUTS[{name!r}]({size})
extractor = Extractor(settings=Settings(max_chars=2_000_000))
extractor.nlp
start = time.perf_counter()
extraction = extractor.extract(text)
print(time.perf_counter() - start, len(extraction.quotes), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def time_scanner(text: str) -> tuple[float, int]:
    from saidwhat.extraction.quotes.marks import find_quoted

    start = time.perf_counter()
    found = find_quoted(text)
    return time.perf_counter() - start, len(found)


def time_extractor(name: str, size: int, budget: float) -> tuple[float, int, float] | str:
    """Seconds, quotes and peak MB of one extraction in a fresh process, or why there are none."""
    code = EXTRACT_CHILD.format(here=str(Path(__file__).resolve().parent), name=name, size=size)
    try:
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=budget + 30
        )
    except subprocess.TimeoutExpired:
        return f"over {budget:.0f} s, stopped"
    if done.returncode != 0:
        return f"failed: {done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode}"
    seconds, quotes, rss_kb = done.stdout.split()
    return float(seconds), int(quotes), int(rss_kb) / 1024


def row(
    what: str, name: str, size: int, seconds: float, found: int, base: float | None, extra: str = ""
) -> str:
    per_kb = seconds * 1000 / (size / 1000)
    growth = f"{per_kb / base:.1f}x" if base else "1.0x"
    return f"| {what} | {name} | {size // 1000:,} KB | {seconds:.3f} | {per_kb:.2f} | {growth} | {found} | {extra} |"


def skipped(what: str, name: str, size: int, projected: float) -> str:
    return f"| {what} | {name} | {size // 1000:,} KB | not run | — | — | — | projected {projected:,.0f} s |"


def projection(seconds: float, size: int, next_size: int, growth: float) -> float:
    """Next time if the cost per KB keeps growing as it just did (linear: growth 1)."""
    return seconds * (next_size / size) * max(growth, 1.0)


def measure_series(
    what: str, name: str, run: Callable[[int], tuple[float, int, str] | str], budget: float
) -> list[str]:
    """Rows for 10 KB, 100 KB, 1 MB; stop where the projected time passes ``budget``."""
    lines: list[str] = []
    base: float | None = None  # ms per KB at the first size
    growth = 1.0  # how much the cost per KB grew at the last step
    previous: tuple[float, int] | None = None  # seconds, size
    for size in SIZES:
        if previous is not None:
            expected = projection(previous[0], previous[1], size, growth)
            if expected > budget:
                lines.append(skipped(what, name, size, expected))
                break
        result = run(size)
        if isinstance(result, str):
            lines.append(f"| {what} | {name} | {size // 1000:,} KB | — | — | — | — | {result} |")
            break
        seconds, found, extra = result
        per_kb = seconds * 1000 / (size / 1000)
        if previous is not None:
            growth = per_kb / (previous[0] * 1000 / (previous[1] / 1000))
        lines.append(row(what, name, size, seconds, found, base, extra))
        base = base or per_kb
        previous = (seconds, size)
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", type=float, default=60.0, help="longest single measurement, seconds")
    parser.add_argument("--no-extractor", action="store_true", help="time the scanner only")
    args = parser.parse_args(argv)
    print("| stage | input | size | seconds | ms per KB | per KB vs 10 KB | quotes | note |")
    print("|---|---|--:|--:|--:|--:|--:|---|")
    for name, make in INPUTS.items():

        def scan(size: int, make: Callable[[int], str] = make) -> tuple[float, int, str]:
            seconds, found = time_scanner(make(size))
            return seconds, found, ""

        for line in measure_series("find_quoted", name, scan, args.budget):
            print(line, flush=True)
    if args.no_extractor:
        return 0
    for name in EXTRACTOR_INPUTS:

        def extract(size: int, name: str = name) -> tuple[float, int, str] | str:
            result = time_extractor(name, size, args.budget)
            if isinstance(result, str):
                return result
            seconds, quotes, peak = result
            return seconds, quotes, f"peak {peak:,.0f} MB"

        for line in measure_series("Extractor", name, extract, args.budget):
            print(line, flush=True)
    print("\nLinear growth keeps 'per KB vs 10 KB' near 1.0x; about 10x per tenfold size means quadratic.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
