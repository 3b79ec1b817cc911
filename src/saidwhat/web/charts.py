"""Geometry of the inline SVG charts, computed here and drawn by a template macro (which escapes labels).

Counts per day are bucketed by day, week or month so that any date range fits one readable chart.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

WIDTH = 720
HEIGHT = 200
MARGIN_LEFT = 40
MARGIN_BOTTOM = 26
MARGIN_TOP = 12
MARGIN_RIGHT = 36  # room for half of the last date label
MAX_BAR = 56  # a few days should not make slabs
MAX_DAILY_BUCKETS = 92
MAX_WEEKLY_BUCKETS = 104
LABEL_CHAR_WIDTH = 12  # the widest a label character gets (20px text on a phone, in chart units)
LABEL_GAP = 24


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: int


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str
    anchor: str = "middle"  # the first label starts at its bar and the last ends at its bar: none is cut off


@dataclass(frozen=True, slots=True)
class BarChart:
    """Everything a template needs to draw one chart, plus a sentence describing it for screen readers."""

    bars: list[Bar]
    ticks: list[Tick]
    max_value: int
    unit: str
    summary: str
    width: int = WIDTH
    height: int = HEIGHT
    left: int = MARGIN_LEFT
    top: int = MARGIN_TOP
    bottom: int = HEIGHT - MARGIN_BOTTOM
    right: int = WIDTH - MARGIN_RIGHT

    @property
    def empty(self) -> bool:
        return not self.bars


def _parse(day: str) -> date | None:
    try:
        return date.fromisoformat(day[:10])
    except (TypeError, ValueError):
        return None


def _bucket_start(day: date, unit: str) -> date:
    if unit == "week":
        return day - timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    return day


def _next(day: date, unit: str) -> date:
    if unit == "week":
        return day + timedelta(days=7)
    if unit == "month":
        return (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return day + timedelta(days=1)


def _label(day: date, unit: str) -> str:
    return day.strftime("%Y-%m") if unit == "month" else day.isoformat()


def tick_picks(count: int, plot_width: float, label_chars: int) -> list[int]:
    """Which bars get a date label: as many as fit side by side without touching (at most six), evenly
    spread, the last always included (the first, where it fits).

    Labels are reckoned at their widest (20px text on a phone) and with room for the first label to start
    at its bar and the last to end at its bar, which push them inwards.
    """
    if count <= 1:
        return [0] if count == 1 else []
    step = plot_width / count
    room = label_chars * LABEL_CHAR_WIDTH + LABEL_GAP
    if (count - 1) * step < 2 * room:  # not even the first and the last fit: the last alone
        return [count - 1]
    stride = max(1, math.ceil(1.5 * room / step), math.ceil((count - 1) / 5))
    picks = list(range(0, count, stride))
    if picks[-1] != count - 1:
        if (count - 1 - picks[-1]) * step >= 1.5 * room:
            picks.append(count - 1)
        else:
            picks[-1] = count - 1
    return picks


def per_period(
    counts: Iterable[tuple[str, int]], what: str = "quotes", width: int = WIDTH, height: int = HEIGHT
) -> BarChart:
    """A bar chart of ``(YYYY-MM-DD, count)`` pairs; days without a count are drawn as zero."""
    by_day: dict[date, int] = {}
    for day_text, count in counts:
        day = _parse(day_text)
        if day is not None:
            by_day[day] = by_day.get(day, 0) + int(count)
    if not by_day:
        return BarChart(
            bars=[], ticks=[], max_value=0, unit="day", summary=f"No dated {what} yet.", width=width
        )
    first, last = min(by_day), max(by_day)
    span_days = (last - first).days + 1
    unit = (
        "day"
        if span_days <= MAX_DAILY_BUCKETS
        else "week"
        if span_days <= MAX_WEEKLY_BUCKETS * 7
        else "month"
    )
    buckets: dict[date, int] = {}
    cursor = _bucket_start(first, unit)
    while cursor <= last:
        buckets[cursor] = 0
        cursor = _next(cursor, unit)
    for day, count in by_day.items():
        buckets[_bucket_start(day, unit)] += count
    peak_day, peak = max(buckets.items(), key=lambda item: (item[1], item[0]))
    plot_width = width - MARGIN_LEFT - MARGIN_RIGHT
    plot_height = height - MARGIN_TOP - MARGIN_BOTTOM
    step = plot_width / len(buckets)
    bar_width = max(min(step * 0.8, MAX_BAR), 1.0)
    bars = []
    for n, (start, count) in enumerate(buckets.items()):
        bar_height = plot_height * count / peak if peak else 0
        bars.append(
            Bar(
                x=round(MARGIN_LEFT + n * step + (step - bar_width) / 2, 2),
                y=round(MARGIN_TOP + plot_height - bar_height, 2),
                width=round(bar_width, 2),
                height=round(bar_height, 2),
                label=_label(start, unit),
                value=count,
            )
        )
    picks = tick_picks(len(bars), plot_width, max(len(b.label) for b in bars))
    ticks = []
    for i in picks:
        anchor = (
            "start"
            if i == 0 and len(bars) > 1
            else "end"
            if i == len(bars) - 1 and len(bars) > 1
            else "middle"
        )
        x = (
            bars[i].x
            if anchor == "start"
            else bars[i].x + bars[i].width
            if anchor == "end"
            else bars[i].x + bars[i].width / 2
        )
        ticks.append(Tick(x=round(x, 2), label=bars[i].label, anchor=anchor))
    total = sum(buckets.values())
    summary = (
        f"{total} {what} per {unit} from {_label(first, unit)} to {_label(last, unit)}; "
        f"the most, {peak}, in the {unit} of {_label(peak_day, unit)}."
    )
    return BarChart(
        bars=bars,
        ticks=ticks,
        max_value=peak,
        unit=unit,
        summary=summary,
        width=width,
        height=height,
        bottom=height - MARGIN_BOTTOM,
        right=width - MARGIN_RIGHT,
    )
