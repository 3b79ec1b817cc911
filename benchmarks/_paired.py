"""Paired measurement: systems run in turn (A B A B …), each run a fresh process, after a warm-up.

On a shared machine whose speed drifts from minute to minute, one run per system gives ratios that
differ by a factor of two between runs. Running the systems in turn puts each pair under nearly the
same conditions, so the ratio within a pair holds better than the ratio of two separate runs; the
median of the per-pair ratios is the figure to quote, with its min–max. A verdict ("A is faster") is
given only when the difference between the medians is wider than the spread of either system's runs;
a target ("at least 2.5×") is met or missed only when every pair's ratio is on the same side of it.
"""

from __future__ import annotations

import statistics
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from _measure import Run, measure

MIN_PAIRS = 5  # fewer pairs give no verdict (a smoke test)


@dataclass(frozen=True, slots=True)
class Spread:
    """The median of some figures and their min–max."""

    median: float
    low: float
    high: float

    @classmethod
    def of(cls, values: Sequence[float]) -> Spread:
        if not values:
            raise ValueError("no values to summarise")
        return cls(statistics.median(values), min(values), max(values))

    @property
    def width(self) -> float:
        return self.high - self.low

    def show(self, digits: int = 2, unit: str = "") -> str:
        return f"{self.median:.{digits}f}{unit} ({self.low:.{digits}f}–{self.high:.{digits}f})"


@dataclass(frozen=True, slots=True)
class Contender:
    """One system of a paired comparison: a name, and the command that runs it in a given round
    (a function of the round, so that a run that writes a database writes a new one)."""

    name: str
    command: Callable[[int], list[str]]


def run_in_turn(
    contenders: Sequence[Contender],
    pairs: int,
    work: Path,
    env: dict[str, str],
    *,
    warmup: int = 1,
    check: Callable[[Contender, Run], None] | None = None,
    log: Callable[[str], None] | None = None,
) -> dict[str, list[Run]]:
    """Run every contender once per round, in the same order, for ``warmup`` rounds not kept and then
    ``pairs`` rounds kept; each run is a fresh process. ``check`` may reject a run (exit status)."""
    kept: dict[str, list[Run]] = {c.name: [] for c in contenders}
    for round_ in range(warmup + pairs):
        label = "warm-up" if round_ < warmup else f"pair {round_ - warmup + 1}/{pairs}"
        for contender in contenders:
            if log:
                log(f"{label}: {contender.name}")
            tag = f"{contender.name}-{round_}".replace(" ", "_").replace("/", "_")
            run = measure(contender.command(round_), work, tag, env)
            if check:
                check(contender, run)
            if round_ >= warmup:
                kept[contender.name].append(run)
    return kept


def ratios(faster: Sequence[float], slower: Sequence[float]) -> list[float]:
    """Per pair: how many times longer ``slower`` took than ``faster`` (its time over ``faster``'s)."""
    return [s / f for f, s in zip(faster, slower, strict=True)]


def verdict(a_name: str, a: Sequence[float], b_name: str, b: Sequence[float]) -> str:
    """Which of two systems took less time, or why the runs cannot say."""
    if len(a) < MIN_PAIRS:
        return f"no verdict: {len(a)} pairs, fewer than {MIN_PAIRS}"
    sa, sb = Spread.of(a), Spread.of(b)
    difference = abs(sa.median - sb.median)
    spread = max(sa.width, sb.width)
    if spread > difference:
        return f"no verdict: the spread ({spread:.2f} s) is wider than the difference ({difference:.2f} s)"
    quicker, slower = (a_name, b_name) if sa.median < sb.median else (b_name, a_name)
    return f"{quicker} is faster than {slower}"


def target_verdict(per_pair: Sequence[float], target: float, *, at_most: bool = False) -> str:
    """Whether per-pair ratios meet ``target`` (at least it; ``at_most``: at most it), all pairs agreeing."""
    if len(per_pair) < MIN_PAIRS:
        return f"no verdict: {len(per_pair)} pairs, fewer than {MIN_PAIRS}"
    spread = Spread.of(per_pair)
    if spread.low <= target <= spread.high:
        return f"no verdict on {target:g}×: the pairs' ratios ({spread.low:.2f}–{spread.high:.2f}) span it"
    met = spread.high < target if at_most else spread.low > target
    return f"{'meets' if met else 'misses'} the target of {'at most' if at_most else 'at least'} {target:g}×"


def log_to_stderr(group: str, message: str) -> None:
    print(f"bench: {group}: {message}", file=sys.stderr, flush=True)
