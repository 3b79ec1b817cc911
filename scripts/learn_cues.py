"""Learn the cue table (data/cues.json) from PolNeAR train in ../shared.

For every verb in the training articles, count how often it heads an annotated cue, by lemma and by
frame (where the verb keeps its content). Reproducible: same data and model, same file.

    .venv/bin/python scripts/learn_cues.py            # reads $SAIDWHAT_SHARED or ../shared
"""

from __future__ import annotations

import argparse
import json
import os
from collections import Counter
from pathlib import Path

from spacy.tokens import Doc

from saidwhat.attribution import subject_context, verb_frame
from saidwhat.nlp import load_model
from saidwhat.quotes import find_quoted

MIN_TOTAL = 3  # keep only keys seen at least this often: the file stays small


def cue_heads(doc: Doc, quotes: list[dict]) -> set[int]:
    """Token indices of the syntactic heads of annotated cues."""
    heads: set[int] = set()
    for quote in quotes:
        if quote.get("cue_start") is None:
            continue
        span = doc.char_span(quote["cue_start"], quote["cue_end"], alignment_mode="expand")
        if span is not None and len(span):
            heads.add(span.root.i)
    return heads


def count_verbs(doc: Doc, heads: set[int], hits: Counter[str], totals: Counter[str]) -> None:
    """Add one article's verbs to the counts; verbs inside quotation marks are not cues at run time."""
    inside = {i for q in find_quoted(doc.text) for i in range(q.start, q.end)}
    for token in doc:
        if token.pos_ != "VERB" or token.idx in inside:
            continue
        lemma = token.lemma_.lower()
        frame = verb_frame(token)
        for key in (f"{lemma}|*", f"{lemma}|{frame}", f"{lemma}|{frame}|{subject_context(token)}"):
            totals[key] += 1
            hits[key] += token.i in heads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    shared = Path(os.environ.get("SAIDWHAT_SHARED", "../shared"))
    parser.add_argument("--train", type=Path, default=shared / "data/polnear/train.jsonl")
    parser.add_argument("--out", type=Path, default=Path("src/saidwhat/data/cues.json"))
    args = parser.parse_args()
    records = [json.loads(line) for line in args.train.open(encoding="utf-8")]
    nlp = load_model()
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    for record, doc in zip(records, nlp.pipe((r["text"] for r in records), batch_size=16), strict=True):
        count_verbs(doc, cue_heads(doc, record["quotes"]), hits, totals)
    counts = {k: [hits[k], totals[k]] for k in sorted(totals) if totals[k] >= MIN_TOTAL and hits[k] > 0}
    payload = {"source": "PolNeAR train", "articles": len(records), "counts": counts}
    args.out.write_text(json.dumps(payload, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {len(counts)} keys to {args.out}")


if __name__ == "__main__":
    main()
