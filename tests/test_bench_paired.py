"""The paired benchmark's arithmetic: medians with ranges, per-pair ratios, and when it gives a verdict."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from _paired import Spread, ratios, target_verdict, verdict


def test_bench_paired_spread_is_median_with_min_max() -> None:
    spread = Spread.of([3.0, 1.0, 2.0, 10.0, 2.5])
    assert (spread.median, spread.low, spread.high) == (2.5, 1.0, 10.0)
    assert spread.show(1, "×") == "2.5× (1.0–10.0)"


def test_bench_paired_ratios_are_taken_within_each_pair() -> None:
    # the machine slowed down in the second pair: the ratio within the pair still holds
    assert ratios([1.0, 2.0], [2.0, 4.0]) == [2.0, 2.0]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ([1.0, 1.1, 1.0, 1.2, 1.1], [2.0, 2.1, 2.2, 2.0, 2.1], "A is faster than B"),
        ([2.0, 2.1, 2.2, 2.0, 2.1], [1.0, 1.1, 1.0, 1.2, 1.1], "B is faster than A"),
        ([1.0, 3.0, 1.0, 1.2, 1.1], [2.0, 2.1, 2.2, 2.0, 2.1], "no verdict: the spread"),
        ([1.0, 1.1], [2.0, 2.1], "no verdict: 2 pairs"),
    ],
)
def test_bench_paired_verdict_only_when_the_difference_beats_the_spread(
    a: list[float], b: list[float], expected: str
) -> None:
    assert verdict("A", a, "B", b).startswith(expected)


@pytest.mark.parametrize(
    ("per_pair", "target", "at_most", "expected"),
    [
        ([2.6, 2.7, 2.8, 2.9, 3.0], 2.5, False, "meets"),
        ([2.0, 2.1, 2.2, 2.3, 2.4], 2.5, False, "misses"),
        ([2.0, 2.6, 2.7, 2.8, 2.9], 2.5, False, "no verdict on 2.5×"),
        ([1.1, 1.2, 1.2, 1.25, 1.28], 1.3, True, "meets"),
        ([1.4, 1.5, 1.5, 1.6, 1.7], 1.3, True, "misses"),
    ],
)
def test_bench_paired_target_needs_every_pair_on_one_side(
    per_pair: list[float], target: float, at_most: bool, expected: str
) -> None:
    assert target_verdict(per_pair, target, at_most=at_most).startswith(expected)
