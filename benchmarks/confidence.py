"""How well the confidence ranks right quotes above wrong ones, and what each kind of report adds.

A predicted quote is right when it matches a gold quote (EVAL.md's one-to-one matching). Prints the
ROC AUC of ``confidence`` over right and wrong predictions, P/R at a few confidence cut-offs, and
quote P/R/F1 with only some kinds kept (``speech,writing`` is GGT's notion if thought and finding
are not in it):

    SAIDWHAT_SHARED=../shared .venv/bin/python benchmarks/confidence.py data/ggt/dev.jsonl --pieces
    .venv/bin/python benchmarks/confidence.py GOLD --pred predictions.jsonl   # score saved output
"""

from __future__ import annotations

import argparse
import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

from saidwhat.evaluate import match_quotes, prf, split_pieces

KIND_SETS = (
    "speech,writing,thought,finding",
    "speech,writing,thought",
    "speech,writing,finding",
    "speech,writing",
)
CUTS = (0.0, 0.4, 0.5, 0.6)


def scored(
    gold: list[dict[str, Any]], preds: dict[str, dict[str, Any]], pieces: bool
) -> list[tuple[float, bool, str]]:
    """(confidence, right, kind) of every predicted quote."""
    found: list[tuple[float, bool, str]] = []
    for doc in gold:
        quotes = preds.get(str(doc["id"]), {"quotes": []})["quotes"]
        if pieces:
            quotes = split_pieces(quotes)
        right = {pi for _, pi, _ in match_quotes(doc["text"], doc["quotes"], quotes)}
        found += [(float(q["confidence"]), i in right, q.get("kind", "speech")) for i, q in enumerate(quotes)]
    return found


def auc(items: list[tuple[float, bool, str]]) -> float | None:
    """ROC AUC by ranks (ties count half): the chance a right quote outranks a wrong one."""
    ordered = sorted(items, key=lambda s: s[0])
    ranks: list[float] = [0.0] * len(ordered)
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1][0] == ordered[i][0]:
            j += 1
        for k in range(i, j + 1):
            ranks[k] = (i + j) / 2 + 1
        i = j + 1
    positives = sum(1 for s in ordered if s[1])
    negatives = len(ordered) - positives
    if not positives or not negatives:
        return None
    rank_sum = sum(r for r, s in zip(ranks, ordered, strict=True) if s[1])
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def kept(preds: dict[str, dict[str, Any]], kinds: set[str], cut: float) -> dict[str, dict[str, Any]]:
    return {
        key: {
            **doc,
            "quotes": [
                q for q in doc["quotes"] if q.get("kind", "speech") in kinds and q["confidence"] >= cut
            ],
        }
        for key, doc in preds.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", help="gold JSONL, or a path under $SAIDWHAT_SHARED")
    parser.add_argument("--pred", type=Path, help="predictions JSONL (default: run the extractor)")
    parser.add_argument("--pieces", action="store_true", help="the GGT protocol (EVAL.md)")
    args = parser.parse_args()
    path = Path(args.gold)
    if not path.exists():
        path = Path(os.environ.get("SAIDWHAT_SHARED", "../shared")) / args.gold
    gold = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    if args.pred is not None:
        preds = {str(d["id"]): d for d in map(json.loads, args.pred.open(encoding="utf-8"))}
    else:
        from saidwhat.cli.evaluate import gold_scope, predict

        preds = predict(gold, None, scope=gold_scope(args.pieces))
    items = scored(gold, preds, args.pieces)
    print(f"{path.name}: {len(items)} predicted, {sum(s[1] for s in items)} right, AUC {auc(items):.4f}")
    by_kind = Counter((s[2], s[1]) for s in items)
    for kind in ("speech", "writing", "thought", "finding"):
        print(f"  {kind:8} right {by_kind[(kind, True)]:5}  wrong {by_kind[(kind, False)]:5}")
    n_gold = sum(len(d["quotes"]) for d in gold)
    for kinds in KIND_SETS:
        for cut in CUTS:
            sub = scored(gold, kept(preds, set(kinds.split(",")), cut), args.pieces)
            score = prf(sum(s[1] for s in sub), len(sub), n_gold)
            print(
                f"  kinds {kinds:32} confidence >= {cut:.1f}: "
                f"P {score['precision']:.4f} R {score['recall']:.4f} F1 {score['f1']:.4f}"
            )


if __name__ == "__main__":
    main()
