"""Train the cue model (src/saidwhat/data/cue_model.json) on PolNeAR train in ../shared.

Every verb outside quotation marks is an example; it is positive when it heads an annotated cue.
Logistic regression by plain SGD with L2, fixed seed and epochs: same data and model, same file.

    .venv/bin/python scripts/train_cues.py [--docbin /tmp/train.spacy]   # reads $SAIDWHAT_SHARED or ../shared
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from saidwhat.extraction.cues.cue_model import verb_features
from saidwhat.extraction.cues.reporting import _frame_content, verb_frame
from saidwhat.extraction.quotes.marks import find_quoted
from saidwhat.extraction.text.loading import load_model

EPOCHS = 8
LEARNING_RATE = 0.2
L2 = 1e-5
KEEP_ABOVE = 0.005  # weights closer to zero are left out of the file: it stays small


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


def examples(doc: Doc, heads: set[int]) -> list[tuple[list[str], int]]:
    """One example per verb outside quotation marks, in its own frame and, if it has one, frame none."""
    inside = {i for q in find_quoted(doc.text) for i in range(q.start, q.end)}
    found: list[tuple[list[str], int]] = []
    for token in doc:
        if token.pos_ != "VERB" or token.idx in inside:
            continue
        label = int(token.i in heads)
        frame = verb_frame(token)
        content = _frame_content(token, frame) if frame != "none" else ()
        found.append((verb_features(token, frame, content), label))
    return found


def parsed(nlp: Language, records: list[dict], cache: Path | None) -> list[Doc]:
    if cache is not None and cache.exists():
        return list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    docs = list(nlp.pipe((r["text"] for r in records), batch_size=16))
    if cache is not None:
        store = DocBin()
        for doc in docs:
            store.add(doc)
        store.to_disk(cache)
    return docs


def train(data: list[tuple[list[str], int]]) -> dict[str, float]:
    weights: dict[str, float] = {}
    rng = random.Random(13)
    for epoch in range(EPOCHS):
        rng.shuffle(data)
        rate = LEARNING_RATE / (1 + epoch)
        for features, label in data:
            z = sum(weights.get(f, 0.0) for f in features)
            p = 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))
            gradient = p - label
            for f in features:
                w = weights.get(f, 0.0)
                weights[f] = w - rate * (gradient + L2 * w)
    return weights


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    shared = Path(os.environ.get("SAIDWHAT_SHARED", "../shared"))
    parser.add_argument("--train", type=Path, default=shared / "data/polnear/train.jsonl")
    parser.add_argument("--out", type=Path, default=Path("src/saidwhat/data/cue_model.json"))
    parser.add_argument("--docbin", type=Path, help="reuse (or save) the parses of the training texts here")
    args = parser.parse_args()
    records = [json.loads(line) for line in args.train.open(encoding="utf-8")]
    nlp = load_model()
    data: list[tuple[list[str], int]] = []
    for record, doc in zip(records, parsed(nlp, records, args.docbin), strict=True):
        data.extend(examples(doc, cue_heads(doc, record["quotes"])))
    weights = train(data)
    kept = {k: round(v, 4) for k, v in sorted(weights.items()) if abs(v) >= KEEP_ABOVE}
    payload = {"source": "PolNeAR train", "articles": len(records), "examples": len(data), "weights": kept}
    args.out.write_text(json.dumps(payload, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(
        f"{len(data)} examples, {sum(label for _, label in data)} cues; wrote {len(kept)} weights to {args.out}"
    )


if __name__ == "__main__":
    main()
