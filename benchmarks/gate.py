"""The quality gate: score the extractor on the shared gold sets and fail if any figure drops below its floor.

Floors live in ``benchmarks/floors.json`` (measured, rounded down to two decimals). CI runs this after the
tests; a missing ``../shared`` is a failure, never a skip, because CI always has it.

    python benchmarks/gate.py                 # check, exit 1 on any drop
    python benchmarks/gate.py --raise-floors  # also raise floors the project now beats (never lowers one)
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FLOORS = Path(__file__).resolve().parent / "floors.json"


def shared_dir() -> Path:
    """``$SAIDWHAT_SHARED``, or ``../shared`` beside the checkout."""
    return Path(os.environ.get("SAIDWHAT_SHARED", ROOT.parent / "shared"))


def figure(report: Mapping[str, Any], key: str) -> float | None:
    """Look up ``"all/quote/f1"`` in an eval report; None where the report has no such figure."""
    node: Any = report
    for part in key.split("/"):
        if not isinstance(node, Mapping) or part not in node:
            return None
        node = node[part]
    return float(node) if isinstance(node, int | float) else None


def round_down(value: float) -> float:
    """A floor from a measured figure: two decimals, never above the measurement."""
    return math.floor(value * 100 + 1e-9) / 100


def score(gold_path: Path, *, pieces: bool = False, name_gender: bool = True) -> dict[str, Any]:
    """Run the extractor on one gold file and score it, as ``saidwhat eval --json [--pieces]
    [--no-name-gender]`` would."""
    from saidwhat.cli.evaluate import gold_scope, predict
    from saidwhat.evaluate import evaluate

    with gold_path.open(encoding="utf-8") as handle:
        gold = [json.loads(line) for line in handle if line.strip()]
    predictions = predict(gold, None, name_gender=name_gender, scope=gold_scope(pieces))
    return evaluate(gold, predictions, ["direct", "mixed"], pieces=pieces)


def check(
    floors: dict[str, Any], shared: Path
) -> tuple[list[tuple[str, str, float | None, float, bool]], bool]:
    """Rows of (set, figure, measured, floor, ok) and whether every figure holds."""
    rows: list[tuple[str, str, float | None, float, bool]] = []
    for name, spec in floors["sets"].items():
        report = score(
            shared / spec["gold"],
            pieces=bool(spec.get("pieces", False)),
            name_gender=bool(spec.get("name_gender", True)),
        )
        for key, floor in spec["floors"].items():
            value = figure(report, key)
            rows.append((name, key, value, float(floor), value is not None and value >= float(floor)))
    return rows, all(ok for *_, ok in rows)


def print_table(rows: list[tuple[str, str, float | None, float, bool]]) -> None:
    header = f"{'set':<14} {'figure':<34} {'measured':>9} {'floor':>6}  status"
    print(header)
    print("-" * len(header))
    for name, key, value, floor, ok in rows:
        shown = "missing" if value is None else f"{value:.4f}"
        status = "ok" if ok else "BELOW FLOOR"
        print(f"{name:<14} {key:<34} {shown:>9} {floor:>6.2f}  {status}")


def raise_floors(floors: dict[str, Any], rows: list[tuple[str, str, float | None, float, bool]]) -> int:
    """Raise each floor to the rounded-down measurement where that is higher; return how many moved."""
    moved = 0
    for name, key, value, floor, _ in rows:
        if value is not None and round_down(value) > floor:
            floors["sets"][name]["floors"][key] = round_down(value)
            moved += 1
    if moved:
        FLOORS.write_text(json.dumps(floors, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return moved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raise-floors", action="store_true", help="raise floors the project now beats")
    args = parser.parse_args(argv)
    shared = shared_dir()
    if not (shared / "EVAL.md").exists():
        print(
            f"gate: ../shared not found at {shared} (set SAIDWHAT_SHARED); cannot check floors",
            file=sys.stderr,
        )
        return 2
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    rows, ok = check(floors, shared)
    print_table(rows)
    if args.raise_floors:
        print(f"raised {raise_floors(floors, rows)} floor(s) in {FLOORS.relative_to(ROOT)}")
    if not ok:
        print("gate: FAILED: a figure fell below its floor", file=sys.stderr)
        return 1
    print("gate: all figures at or above their floors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
