"""The scorer against a second, hand-worked reading of ../shared/EVAL.md.

Every expected figure is computed by hand in the comments from the rules in EVAL.md, not by running
the scorer: if the two readings disagree, one of them is wrong and the test says where.
"""

from __future__ import annotations

from typing import Any

import pytest

from saidwhat.evaluate import (
    alnum_positions,
    evaluate,
    jaccard,
    match_quotes,
    names_match,
    quote_spans,
)

LETTERS = "abcdefghijklmnopqrstuvwxyz"  # 26 alphanumeric characters, position = offset


def gold_quote(start: int, end: int, **extra: Any) -> dict[str, Any]:
    return {"start": start, "end": end, "type": "direct", **extra}


def pred_quote(start: int, end: int, speaker: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    return {"start": start, "end": end, "type": "direct", "speaker": speaker, **extra}


def score(text: str, gold: list[dict[str, Any]], pred: list[dict[str, Any]], **doc: Any) -> dict[str, Any]:
    """Score one document; the report of all types."""
    report = evaluate([{"id": "d", "text": text, "quotes": gold, **doc}], {"d": {"id": "d", "quotes": pred}})
    return report["all"]


# --- matching: Jaccard over alphanumeric positions, threshold 0.5 ------------------------------------


@pytest.mark.parametrize(
    ("gold", "pred", "matched"),
    [
        # gold 0..10 (10 positions); pred 3..13: shared 3..10 = 7, union 0..13 = 13 -> 7/13 = 0.538: match
        ((0, 10), (3, 13), True),
        # pred 4..14: shared 6, union 14 -> 6/14 = 0.429: no match
        ((0, 10), (4, 14), False),
        # pred 0..5 inside gold: 5/10 = 0.5 exactly, and the rule says "at least 0.5": match
        ((0, 10), (0, 5), True),
        # pred 0..4: 4/10 = 0.4: no match
        ((0, 10), (0, 4), False),
        # gold 0..20, pred 5..15 inside it: 10/20 = 0.5: match
        ((0, 20), (5, 15), True),
    ],
)
def test_evaluate_match_threshold_half(gold: tuple[int, int], pred: tuple[int, int], matched: bool) -> None:
    result = score(LETTERS, [gold_quote(*gold)], [pred_quote(*pred)])
    assert result["matched"] == int(matched)


def test_evaluate_marks_spaces_and_punctuation_never_count() -> None:
    text = "“Yes, we can,” she said."
    # gold content: Yes, we can (offsets 1..12): alphanumeric positions Y e s w e c a n = 8
    gold = gold_quote(1, 12)
    # prediction with both marks and the comma: 0..14 covers the same 8 alphanumeric positions -> 1.0
    pred = pred_quote(0, 14)
    result = score(text, [gold], [pred])
    assert result["matched"] == 1
    assert result["exact"]["f1"] == 1.0
    assert alnum_positions(text, [(0, 14)]) == alnum_positions(text, [(1, 12)])
    assert len(alnum_positions(text, [(1, 12)])) == 8


def test_evaluate_span_of_only_marks_matches_nothing() -> None:
    text = "“ , ” she said."
    # gold and prediction cover no alphanumeric character at all: Jaccard of two empty sets is no match
    result = score(text, [gold_quote(0, 5)], [pred_quote(0, 5)])
    assert result["matched"] == 0
    assert jaccard(frozenset(), frozenset()) == 0.0


# --- one-to-one, best overlap first ------------------------------------------------------------------


def test_evaluate_two_predictions_on_one_gold_best_overlap_wins() -> None:
    # gold 0..10. pred A 0..6 -> 6/10 = 0.6; pred B 1..10 -> 9/10 = 0.9. B is matched though listed second;
    # A stays unmatched. matched 1 of 2 predicted, 1 gold: P = 0.5, R = 1.0, F1 = 2*0.5*1/1.5 = 0.6667.
    gold = [gold_quote(0, 10)]
    pred = [pred_quote(0, 6), pred_quote(1, 10)]
    assert match_quotes(LETTERS, gold, pred) == [(0, 1, 0.9)]
    result = score(LETTERS, gold, pred)
    assert result["quote"] == {"precision": 0.5, "recall": 1.0, "f1": 0.6667}


def test_evaluate_one_prediction_over_two_golds_matches_at_most_one() -> None:
    # golds 0..10 (10) and 10..18 (8); pred 0..18 (18): with gold 1 10/18 = 0.556, with gold 2 8/18 = 0.444.
    # Only gold 1 matches. P = 1/1, R = 1/2, F1 = 2*1*0.5/1.5 = 0.6667.
    gold = [gold_quote(0, 10), gold_quote(10, 18)]
    pred = [pred_quote(0, 18)]
    pairs = match_quotes(LETTERS, gold, pred)
    assert [(g, p) for g, p, _ in pairs] == [(0, 0)]
    assert pairs[0][2] == pytest.approx(10 / 18)
    assert score(LETTERS, gold, pred)["quote"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667}


def test_evaluate_greedy_takes_best_pair_before_earlier_ones() -> None:
    # golds G0 = 0..10, G1 = 0..8; preds P0 = 0..8, P1 = 0..9.
    # overlaps: G0-P0 8/10 = 0.8, G0-P1 9/10 = 0.9, G1-P0 8/8 = 1.0, G1-P1 8/9 = 0.889.
    # best first: G1-P0 (1.0), then G0-P1 (0.9); both pairs used, 2 matched, 1 exact (>= 0.95).
    gold = [gold_quote(0, 10), gold_quote(0, 8)]
    pred = [pred_quote(0, 8), pred_quote(0, 9)]
    assert sorted((g, p) for g, p, _ in match_quotes(LETTERS, gold, pred)) == [(0, 1), (1, 0)]
    result = score(LETTERS, gold, pred)
    assert result["matched"] == 2
    # exact: 1 of 2 predicted, 1 of 2 gold -> P = R = F1 = 0.5
    assert result["exact"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5}


# --- spans lists against start/end envelopes ---------------------------------------------------------


def test_evaluate_spans_list_against_envelope() -> None:
    text = "“Alpha beta,” he said, “gamma delta.”"
    a, b = text.index("Alpha"), text.index("beta") + 4  # 1..11
    c, d = text.index("gamma"), text.index("delta") + 5  # 24..35
    gold = gold_quote(a, d, spans=[[a, b], [c, d]])
    # gold positions: Alpha 5 + beta 4 + gamma 5 + delta 5 = 19.
    # a prediction given only as the envelope a..d also covers "he said" (2 + 4 = 6): 19/25 = 0.76,
    # a match but not exact; the same two spans give 1.0, exact.
    envelope_only = score(text, [gold], [pred_quote(a, d)])
    assert envelope_only["matched"] == 1
    assert envelope_only["exact"]["f1"] == 0.0
    with_spans = score(text, [gold], [pred_quote(a, d, spans=[[a, b], [c, d]])])
    assert with_spans["exact"]["f1"] == 1.0
    assert quote_spans({"start": a, "end": d, "spans": []}) == [(a, d)]  # empty spans: the envelope


# --- exact: overlap >= 0.95 --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pred_end", "exact"),
    [
        (20, True),  # 20/20 = 1.0
        (19, True),  # 19/20 = 0.95: "at least"
        (18, False),  # 18/20 = 0.90
    ],
)
def test_evaluate_exact_threshold(pred_end: int, exact: bool) -> None:
    result = score(LETTERS, [gold_quote(0, 20)], [pred_quote(0, pred_end)])
    assert result["matched"] == 1
    assert result["exact"]["f1"] == (1.0 if exact else 0.0)


# --- speaker names, strict and lenient ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("gold", "pred", "strict", "lenient"),
    [
        ("Donald Trump", "donald TRUMP", True, True),  # case
        ("José Martínez", "Jose Martinez", True, True),  # accents
        ("Trump", "Trump's", True, True),  # possessive
        ("Tom Jones", "Tom Jones’", True, True),  # plural possessive, curly apostrophe
        ("Donald Trump", "President Donald Trump", True, True),  # title dropped
        ("Theresa May", "Mrs. Theresa May", True, True),  # honorific and its full stop dropped
        ("Kim Jong-un", "Kim Jong Un", True, True),  # punctuation: hyphen or space, same words
        ("Donald Trump", "Trump", False, True),  # lenient: inside, same last word
        ("Trump", "Mr. Donald Trump", False, True),  # the other way round, after dropping Mr
        ("Donald Trump", "Donald", False, False),  # inside but the last word differs
        ("Donald Trump", "Donald Duck", False, False),
        ("Donald Trump", "Donald J. Trump", False, True),  # a middle initial is a word of its own
        ("Donald Trump", None, False, False),  # no predicted speaker is never right
        (None, "Donald Trump", False, False),
    ],
)
def test_evaluate_names_strict_and_lenient(
    gold: str | None, pred: str | None, strict: bool, lenient: bool
) -> None:
    assert names_match(gold, pred, lenient=False) is strict
    assert names_match(gold, pred, lenient=True) is lenient


# --- who-said-what over all predicted and all gold ---------------------------------------------------


def test_evaluate_who_said_what_over_all_predicted_and_gold() -> None:
    # 3 gold, 4 predicted, 2 matched. Matched 1: speaker exactly right (strict and lenient);
    # matched 2: "Trump" for "Donald Trump" (lenient only). Two predictions match nothing.
    # strict tp 1: P = 1/4 = 0.25, R = 1/3 = 0.3333, F1 = 2*0.25*0.3333/0.5833 = 0.2857
    # lenient tp 2: P = 2/4 = 0.5, R = 2/3 = 0.6667, F1 = 2*0.5*0.6667/1.1667 = 0.5714
    gold = [
        gold_quote(0, 5, speaker="Kim Jong-un"),
        gold_quote(6, 11, speaker="Donald Trump"),
        gold_quote(12, 17, speaker="Mike Pompeo"),
    ]
    pred = [
        pred_quote(0, 5, {"name": "Kim Jong Un"}),
        pred_quote(6, 11, {"name": "Trump"}),
        pred_quote(18, 22, {"name": "Mike Pompeo"}),
        pred_quote(22, 26, None),
    ]
    result = score(LETTERS, gold, pred)
    assert (result["gold"], result["predicted"], result["matched"]) == (3, 4, 2)
    assert result["who_said_what_strict"] == {"precision": 0.25, "recall": 0.3333, "f1": 0.2857}
    assert result["who_said_what_lenient"] == {"precision": 0.5, "recall": 0.6667, "f1": 0.5714}
    # speaker accuracy on matched quotes only: strict 1/2, lenient 2/2
    assert (result["speaker_accuracy_strict"], result["speaker_accuracy_lenient"]) == (0.5, 1.0)


def test_evaluate_predicted_speaker_may_be_a_plain_name() -> None:
    result = score(LETTERS, [gold_quote(0, 5, speaker="Donald Trump")], [pred_quote(0, 5, "Donald Trump")])  # type: ignore[arg-type]
    assert result["who_said_what_strict"]["f1"] == 1.0


# --- speaker mention accuracy ------------------------------------------------------------------------


def test_evaluate_mention_accuracy_only_gold_with_speaker_span() -> None:
    # Four matched quotes. Gold 1 has a speaker span 20..25 and the prediction's mention 22..24
    # overlaps it: hit. Gold 2 has a span but the prediction has no speaker: scored, wrong.
    # Gold 3 has no speaker span: not scored. Gold 4 has span 20..25, the mention 25..26 only touches it:
    # scored, wrong. Accuracy = 1 / 3 = 0.3333 over 3 scored.
    gold = [
        gold_quote(0, 4, speaker_start=20, speaker_end=25),
        gold_quote(4, 8, speaker_start=20, speaker_end=25),
        gold_quote(8, 12),
        gold_quote(12, 16, speaker_start=20, speaker_end=25),
    ]
    pred = [
        pred_quote(0, 4, {"name": "x", "start": 22, "end": 24}),
        pred_quote(4, 8, None),
        pred_quote(8, 12, {"name": "x", "start": 0, "end": 1}),
        pred_quote(12, 16, {"name": "x", "start": 25, "end": 26}),
    ]
    result = score(LETTERS, gold, pred)
    assert result["matched"] == 4
    assert result["mention_scored"] == 3
    assert result["mention_accuracy"] == 0.3333


def test_evaluate_mention_accuracy_none_when_nothing_scored() -> None:
    result = score(LETTERS, [gold_quote(0, 10)], [pred_quote(0, 10)])
    assert result["mention_accuracy"] is None


# --- types, documents and not_speech -----------------------------------------------------------------


def test_evaluate_types_filter_gold_and_predictions() -> None:
    # gold: direct 0..5, mixed 6..11, indirect 12..17; predictions typed direct, indirect, indirect on
    # the same places. All types: 3 of 3 matched, F1 1.0.
    # direct,mixed: gold 2 (direct, mixed), predictions 1 (only the direct one keeps its type) ->
    # matched 1: P = 1/1, R = 1/2, F1 = 0.6667.
    gold = [
        {"start": 0, "end": 5, "type": "direct"},
        {"start": 6, "end": 11, "type": "mixed"},
        {"start": 12, "end": 17, "type": "indirect"},
    ]
    pred = [
        {"start": 0, "end": 5, "type": "direct"},
        {"start": 6, "end": 11, "type": "indirect"},
        {"start": 12, "end": 17, "type": "indirect"},
    ]
    report = evaluate([{"id": "d", "text": LETTERS, "quotes": gold}], {"d": {"id": "d", "quotes": pred}})
    assert report["all"]["quote"]["f1"] == 1.0
    assert report["direct,mixed"]["quote"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667}
    only = evaluate(
        [{"id": "d", "text": LETTERS, "quotes": gold}], {"d": {"quotes": pred}}, types=["mixed", "direct"]
    )
    assert set(only) == {"documents", "all", "direct,mixed"}


def test_evaluate_micro_average_over_documents_missing_prediction() -> None:
    # doc 1: 1 gold, 1 prediction, matched. doc 2: 1 gold and no prediction line at all (counts as none).
    # P = 1/1, R = 1/2, F1 = 0.6667.
    gold_docs = [
        {"id": "one", "text": LETTERS, "quotes": [gold_quote(0, 10)]},
        {"id": "two", "text": LETTERS, "quotes": [gold_quote(0, 10)]},
    ]
    report = evaluate(gold_docs, {"one": {"quotes": [pred_quote(0, 10)]}})
    assert report["documents"] == 2
    assert report["all"]["quote"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667}


def test_evaluate_not_speech_counts_any_overlapping_prediction() -> None:
    # not_speech items 0..10 and 20..26. The prediction 0..9 covers 9/10 of the first (>= 0.5): output.
    # Nothing covers the second. The prediction is typed indirect, yet still counts in the direct,mixed
    # set: not_speech is about what was output at all. 1 of 2 in both sets.
    not_speech = [
        {"start": 0, "end": 10, "text": "abcdefghij"},
        {"start": 20, "end": 26, "text": "uvwxyz"},
    ]
    report = evaluate(
        [{"id": "d", "text": LETTERS, "quotes": [], "not_speech": not_speech}],
        {"d": {"quotes": [{"start": 0, "end": 9, "type": "indirect"}]}},
    )
    for label in ("all", "direct,mixed"):
        assert report[label]["not_speech"] == {"total": 2, "output": 1, "hits": ["abcdefghij"]}
    # and with a prediction that holds under half of it (4/10), nothing is counted
    report = evaluate(
        [{"id": "d", "text": LETTERS, "quotes": [], "not_speech": not_speech}],
        {"d": {"quotes": [{"start": 0, "end": 4, "type": "direct"}]}},
    )
    assert report["all"]["not_speech"]["output"] == 0


def test_evaluate_nothing_predicted_scores_zero_not_error() -> None:
    result = score(LETTERS, [gold_quote(0, 10)], [])
    assert result["quote"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert result["speaker_accuracy_strict"] == 0.0


# --- pieces and who was quoted (EVAL.md's GGT protocol) ------------------------------------------------


def test_evaluate_pieces_split_multi_span_predictions() -> None:
    # gold gives the two pieces 0..5 and 10..15 separately; the prediction joins them in one quote.
    gold = [gold_quote(0, 5), gold_quote(10, 15)]
    pred = [{"start": 0, "end": 15, "spans": [[0, 5], [10, 15]], "type": "direct", "speaker": None}]
    doc = [{"id": "d", "text": LETTERS, "quotes": gold}]
    joined = evaluate(doc, {"d": {"id": "d", "quotes": pred}})["all"]
    split = evaluate(doc, {"d": {"id": "d", "quotes": pred}}, pieces=True)["all"]
    # joined: pred covers 10 positions, each gold 5: 5/10 = 0.5 for one gold, the other left: 1 match
    assert (joined["predicted"], joined["matched"]) == (1, 1)
    # split: two predicted pieces, each exactly one gold piece
    assert (split["predicted"], split["matched"]) == (2, 2)


def test_evaluate_sources_people_and_gender() -> None:
    meta = {"sourcesFemale": ["Ana Ruiz"], "sourcesMale": ["Tom Bell"], "sourcesUnknown": []}
    speakers = [
        {"id": "ana", "name": "Ana Ruiz", "kind": "person", "gender": "female"},
        {"id": "bob", "name": "Bob Tran", "kind": "person", "gender": "male"},
        {"id": "org", "name": "City Hall", "kind": "organisation"},
    ]
    quotes = [
        pred_quote(0, 5, {"id": sid, "name": "", "kind": kind})
        for sid, kind in (("ana", "person"), ("bob", "person"), ("org", "organisation"))
    ]
    gold_doc = {"id": "d", "text": LETTERS, "quotes": [], "meta": meta}
    sources = evaluate([gold_doc], {"d": {"id": "d", "quotes": quotes, "speakers": speakers}})["sources"]
    # people: predicted Ana, Bob (the organisation is not a person); gold Ana, Tom: 1 of 2 each way
    assert sources["people"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert sources["female"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert sources["male"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert sources["female_share"] == {"predicted": 0.5, "gold": 0.5}


def test_evaluate_speaker_accuracy_by_gold_mention_kind() -> None:
    gold = [
        gold_quote(0, 5, speaker="Ana Ruiz", speaker_mention="she", speaker_start=20, speaker_end=23),
        gold_quote(10, 15, speaker="Ana Ruiz", speaker_mention="the mayor", speaker_start=20, speaker_end=23),
    ]
    pred = [pred_quote(0, 5, {"name": "Ana Ruiz"}), pred_quote(10, 15, {"name": "Tom Bell"})]
    by_kind = score(LETTERS, gold, pred)["speaker_accuracy_by_mention"]
    assert by_kind == {
        "description": {"accuracy": 0.0, "matched": 1},
        "pronoun": {"accuracy": 1.0, "matched": 1},
    }
