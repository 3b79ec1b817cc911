"""Hostile text through the Extractor: runs of quotation marks, articles that never finish, callers who leave.

Sizes are bounded so the whole file runs in seconds; none of these tests measure wall time. Before the
fixes, 50,000 “ in a row never finished (spaCy's tokenizer is quadratic on them).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from saidwhat import Article, Extraction, Extractor, Failure, Settings, pipeline
from saidwhat.article_text import SAFE_RUN, tokenizer_safe
from saidwhat.budget import Deadline, TookTooLong

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.mark.parametrize("run", ["“" * 50_000, '"' * 50_000, "?!" * 400, "'s" * 300, "US$" * 200, "=" * 70])
def test_tokenizer_safe_keeps_length_and_the_ends_of_a_run(run: str):
    text = f"He said: {run} and left."
    safe = tokenizer_safe(text)
    assert len(safe) == len(text)
    start = text.index(run)
    assert safe[: start + 1] == text[: start + 1]
    assert safe[start + len(run) - 1 :] == text[start + len(run) - 1 :]
    assert set(safe[start + 1 : start + len(run) - 1]) == {"~"}


@pytest.mark.parametrize(
    "text",
    [
        '"We will win," he said. "Don\'t," she said, \'maybe\'.',
        "“Fear.” — ‘the ’90s’ ... !!! ?!? ----- " + "“" * (SAFE_RUN - 1),
        "hahahahahahahahahahahahahahahahahahaha zzzzzzzzzzzzzzzzzzzzzzzzz",
        "https://example.com/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s?x=1&y=2",
    ],
)
def test_tokenizer_safe_leaves_ordinary_text_alone(text: str):
    assert tokenizer_safe(text) == text


def test_tokenizer_safe_leaves_news_fixtures_alone():
    for path in FIXTURE.rglob("*.txt"):
        text = path.read_text(encoding="utf-8", errors="replace")
        assert tokenizer_safe(text) == text, path


@pytest.mark.parametrize("mark", ["“", '"', ")"])
def test_fifty_thousand_marks_in_a_row_extract(extractor: Extractor, mark: str):
    text = (
        'Mayor Jane Holloway spoke.\n\n"We will build it," Holloway said.\n\n' + mark * 50_000 + " The end."
    )
    (result,) = list(extractor.pipe([Article(id="runs", text=text)]))
    assert isinstance(result, Extraction)
    firsts = [text[q.spans[0].start : q.spans[0].end] for q in result.quotes]
    assert "We will build it" in firsts
    for quote in result.quotes:
        assert 0 <= quote.start < quote.end <= len(text)
        assert quote.text == " … ".join(text[s.start : s.end] for s in quote.spans)


def test_a_run_reads_as_the_original_text(extractor: Extractor):
    text = "He said “" + "“" * 40 + " we are done. The end."
    result = extractor.extract(text)
    assert "~" not in "".join(q.text for q in result.quotes)


def _stalling(original):
    def stall(text: str) -> str:
        while "STALL" in text:  # a step that never ends, like the tokenizer on 50,000 “
            pass
        return original(text)

    return stall


def test_an_article_that_never_finishes_is_a_failure_and_the_run_goes_on(monkeypatch, extractor):
    monkeypatch.setattr(pipeline, "tokenizer_safe", _stalling(pipeline.tokenizer_safe))
    slow = Extractor(settings=Settings(time_budget=1.0, batch_size=4))
    slow._nlp = extractor.nlp
    articles = [
        Article(id="a", text='"We will win," said Tom Baker.'),
        Article(id="stuck", text="STALL " * 10),
        Article(id="b", text='"We lost," said Ann Lee.'),
    ]
    results = list(slow.pipe(articles))
    assert [r.article_id if isinstance(r, Failure) else r.article.id for r in results] == ["a", "stuck", "b"]
    assert isinstance(results[0], Extraction) and isinstance(results[2], Extraction)
    failure = results[1]
    assert isinstance(failure, Failure)
    assert failure.stage == "nlp"
    assert failure.reason.startswith("took too long") and "tokenizer" in failure.reason


def test_a_zero_budget_fails_every_article_with_took_too_long(extractor: Extractor):
    none_left = Extractor(settings=Settings(time_budget=0))
    none_left._nlp = extractor.nlp
    results = list(none_left.pipe([Article(id=str(n), text="Words here.") for n in range(3)]))
    assert all(isinstance(r, Failure) and r.reason.startswith("took too long") for r in results)
    with pytest.raises(pipeline.TooSlowError) as caught:
        none_left.extract("Words here.")
    assert caught.value.status == 422


def test_extract_stops_when_the_caller_goes(extractor: Extractor):
    with pytest.raises(pipeline.TooSlowError, match="cancelled"):
        extractor.extract("Words here.", cancelled=lambda: True)


def test_deadline_puts_back_an_alarm_already_set():
    import signal

    signal.setitimer(signal.ITIMER_REAL, 100)
    try:
        with Deadline(50).enforce():
            pass
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 0 < left <= 100
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def test_deadline_without_limit_never_raises():
    deadline = Deadline(None)
    with deadline.enforce():
        deadline.check("a")
    with pytest.raises(TookTooLong):
        Deadline(0).check("a")
