"""The quotation-mark scanner on the cases that make news hard: a table of text and expected quotes."""

from __future__ import annotations

import pytest

from saidwhat.extraction.quotes.marks import find_quoted


def contents(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quoted(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We won,” she said.", ["We won"]),
        ('"We won," she said.', ["We won"]),
        ("‘We won,’ she said.", ["We won"]),
        ("«Nous avons gagné», a-t-elle dit.", ["Nous avons gagné"]),
        ("„Wir haben gewonnen“, sagte sie.", ["Wir haben gewonnen"]),
        ("``We won,'' she said.", ["We won"]),
        ("''We won,'' she said.", ["We won"]),
        ("North Korea ‘wanted sanctions lifted,” Trump said.", ["wanted sanctions lifted"]),
        ("She didn’t say Korea’s talks in the ’90s failed.", []),
        ("“He called it ‘a disgrace’ on Friday,” she said.", ["He called it ‘a disgrace’ on Friday"]),
        ("“A,” he said. “B.”", ["A", "B."]),
    ],
)
def test_quotes_scanner_table(text: str, expected: list[str]):
    assert contents(text) == expected


def test_quotes_scanner_quote_over_paragraphs_continues_with_reopening_mark():
    text = "“First paragraph of the quote.\n\n“Second paragraph ends it,” he said."
    assert contents(text) == ["First paragraph of the quote.\n\n“Second paragraph ends it"]


def test_quotes_scanner_unclosed_mark_spoils_only_its_paragraph():
    text = "He said “this never closes.\n\nLater she said “this one does,” and left."
    assert contents(text) == ["this never closes.", "this one does"]


def test_quotes_scanner_stray_straight_mark_keeps_inner_quotes():
    text = '"Trump walked onto the stage, chanting “U-S-A!”\n\n“Right,” she said.'
    assert contents(text) == ["U-S-A!", "Right"]


def test_quotes_scanner_stray_closing_mark_is_ignored():
    assert contents("It was over.” Then “it began again,” he said.") == ["it began again"]
