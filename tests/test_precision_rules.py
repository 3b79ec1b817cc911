"""Precision rules, one phenomenon a row, on hand-written sentences: what is not anybody's words gives
no quote, what is still does; and every quote's kind (speech, writing, thought, finding) in the JSON
output, the store, search, export and the API."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from saidwhat import Extractor
from saidwhat.model import Article, Extraction, Mention, Quote, Span, Speaker
from saidwhat.store import Store
from saidwhat.store import queries as q
from saidwhat.store.export import export
from saidwhat.store.writer import StoreWriter
from saidwhat.web import create_app

NOTHING_SAID = [
    # link lines: a headline after a label is the title of another article or video
    "The strike entered its third week.\n\nREAD MORE: Port strike ends after union accepts deal, mayor says\n\n"
    "WATCH: Harbour workers rally outside city hall\n\nDock workers marched downtown.",
    # a link title may close on a quotation mark and still be a title
    "The strike entered its third week.\n\nREAD MORE: Mayor says dock workers were ‘treated unfairly’\n\n"
    "Dock workers marched downtown.",
    # section labels over prose name nobody
    "Markets were mixed.\n\nENERGY: Benchmark crude fell 40 cents to $61 a barrel. It gained 1 per cent "
    "on Wednesday.\n\nCURRENCIES: The dollar rose to 109 yen from 108 yen.",
    # a photo caption ends in its credit
    "Mayor Ruth Anand says the harbour will reopen next week. (Jane Roe/Harbour Times)\n\n"
    "The harbour has been closed since May.",
    # knowledge and expectation without anybody's words (the writer's hedge: test_scope_rules)
    "The island is known as Little Rock.",
    "The two leaders are expected to sign a trade deal on Friday.",
    # a verb of finding or memory with a thing for its object
    "Inspectors found traces of oil in the water.",
    "She remembered the night of the storm.",
    # a question's topic, with nobody's answer
    "When reporters asked if the talks had failed, Thomas Reed smiled and walked away.",
]


@pytest.mark.parametrize("text", NOTHING_SAID, ids=lambda t: t.split("\n")[-1][:40])
def test_precision_rules_nothing_said(extractor: Extractor, text: str) -> None:
    assert [q.text for q in extractor.extract(text).quotes] == []


def test_precision_rules_question_topic_is_not_the_answer(extractor: Extractor) -> None:
    text = "Asked about the possibility of a second strike, Maria Delgado said the union was ready for a long fight."
    quotes = extractor.extract(text).quotes
    assert [(q.text, q.speaker.name if q.speaker else None) for q in quotes] == [
        ("the union was ready for a long fight", "Maria Delgado")
    ]


def test_precision_rules_transcript_labels_still_speak(extractor: Extractor) -> None:
    quotes = extractor.extract("HOLT: Senator, do you accept the result of the vote?").quotes
    assert [(q.text, q.mention.text if q.mention else None) for q in quotes] == [
        ("Senator, do you accept the result of the vote?", "HOLT")
    ]


@pytest.mark.parametrize(
    ("text", "fragment", "kind"),
    [
        ("Maria Delgado told reporters the union would vote on Monday.", "the union would vote", "speech"),
        ("The mayor said the harbour would reopen next week.", "the harbour would reopen", "speech"),
        ("In a statement, the union said the offer was an insult.", "the offer was an insult", "writing"),
        ("Maria Delgado wrote on Facebook that the strike would go on.", "the strike would go on", "writing"),
        ("Thomas Reed believes the strike will end before the holidays.", "the strike will end", "thought"),
        (
            "A new study found that pollution in the harbour has doubled.",
            "pollution in the harbour",
            "finding",
        ),
        # a source named by its plural ("figures", "data") and a verb of finding whoever speaks
        ("Official figures showed that exports fell by a tenth.", "exports fell", "finding"),
        ("The harbour board estimated that repairs would cost a million.", "repairs would cost", "finding"),
    ],
)
def test_precision_rules_kind_of_report(extractor: Extractor, text: str, fragment: str, kind: str) -> None:
    result = extractor.extract(text)
    quote = next(q for q in result.quotes if fragment in q.text)
    assert quote.kind == kind
    assert result.to_dict()["quotes"][result.quotes.index(quote)]["kind"] == kind


def test_precision_rules_kind_is_checked() -> None:
    with pytest.raises(ValueError, match="allowed are speech, writing, thought, finding"):
        Quote(spans=(Span(0, 3),), text="abc", type="direct", kind="rumour")  # type: ignore[arg-type]


def _kinds_store(path: Path) -> Path:
    """A store with one article whose three quotes are speech, writing and finding."""
    said = [("speech", "the port reopens"), ("writing", "the offer stands"), ("finding", "pollution doubled")]
    text = " ".join(f'"{words}," Reed said.' for _, words in said)
    speaker = Speaker("thomas-reed", "Thomas Reed", "person", aliases=("Reed",))
    quotes, at = [], 0
    for kind, words in said:
        start = text.index(words, at)
        at = start + len(words)
        cue = text.index("said", at)
        quotes.append(
            Quote(
                spans=(Span(start, at),),
                text=words,
                type="direct",
                speaker=speaker,
                mention=Mention("Reed", cue - 5, cue - 1),
                cue=Mention("said", cue, cue + 4),
                confidence=0.9,
                kind=kind,  # type: ignore[arg-type]
            )
        )
    conn = Store(path).writer()
    StoreWriter(conn).write(
        Extraction(Article(id="kinds", text=text, date="2024-05-01"), tuple(quotes), (speaker,))
    )
    conn.close()
    return path


def test_precision_rules_kind_in_store_search_and_export(tmp_path: Path) -> None:
    db = _kinds_store(tmp_path / "kinds.db")
    conn = Store(db).writer()
    assert [h.kind for h in q.search_quotes(conn).items] == ["speech", "writing", "finding"]
    assert [h.text for h in q.search_quotes(conn, kind="writing").items] == ["the offer stands"]
    assert [h.text for h in q.search_quotes(conn, kind="speech,finding").items] == [
        "the port reopens",
        "pollution doubled",
    ]
    out = tmp_path / "finding.jsonl"
    assert export(conn, "jsonl", out, kinds=["finding"]) == 1
    assert json.loads(out.read_text(encoding="utf-8"))["kind"] == "finding"
    with pytest.raises(ValueError, match="bad quote kind"):
        export(conn, "jsonl", tmp_path / "x.jsonl", kinds=["rumour"])
    conn.close()


def test_precision_rules_kind_in_api_and_pages(tmp_path: Path) -> None:
    db = _kinds_store(tmp_path / "kinds.db")
    with TestClient(create_app(db)) as client:
        items = client.get("/api/quotes", params={"kind": "writing"}).json()["items"]
        assert [(i["text"], i["kind"]) for i in items] == [("the offer stands", "writing")]
        assert client.get("/api/quotes", params={"kind": "rumour"}).status_code == 422
        page = client.get("/search", params={"kind": "finding"}).text
        assert "pollution doubled" in page and "the offer stands" not in page
        assert '<option value="finding" selected>' in page


def test_precision_rules_hyphen_inside_a_word_does_not_cut_content(extractor: Extractor) -> None:
    text = "Maria Delgado said on Monday that she could not promise that half-day classes will continue next year."
    quotes = extractor.extract(text).quotes
    assert [q.text for q in quotes] == ["she could not promise that half-day classes will continue next year"]


def test_precision_rules_concessive_aside_ends_content(extractor: Extractor) -> None:
    text = "The union said the vote was its largest yet, although it may take days to count every ballot."
    quotes = extractor.extract(text).quotes
    assert [q.text for q in quotes] == ["the vote was its largest yet"]


@pytest.mark.parametrize(
    ("text", "speaker", "fragment"),
    [
        (
            "Senator Ruth Anand: Harbour Tolls Will Hurt Small Firms\n\nThe toll vote is on Monday.",
            "Ruth Anand",
            "Harbour Tolls",
        ),
        (
            "Harbour Poll: Voters Back New Bridge by Two to One\n\nThe poll asked 800 voters.",
            "Harbour Poll",
            "Voters Back",
        ),
    ],
)
def test_precision_rules_headline_credits_its_source(
    extractor: Extractor, text: str, speaker: str, fragment: str
) -> None:
    quotes = [q for q in extractor.extract(text).quotes if fragment in q.text]
    assert [q.speaker.name if q.speaker else None for q in quotes] == [speaker]


@pytest.mark.parametrize(
    "text",
    [
        "Update: The harbour bridge will reopen on Friday after repairs\n\nCrews worked overnight.",
        "Relief for Harbour Towns: A new fund will pay for flood walls\n\nThe fund opens in May.",
        "Stealth Over Harbour: Ferry Sailed Without Lights\n\nThe ferry docked safely.",
    ],
)
def test_precision_rules_headline_labels_and_titles_credit_nobody(extractor: Extractor, text: str) -> None:
    assert [q for q in extractor.extract(text).quotes if q.cue is not None and q.cue.text == ":"] == []


def test_precision_rules_headlines_are_not_statements() -> None:
    from saidwhat.pipeline import Settings

    text = "Senator Ruth Anand: Harbour Tolls Will Hurt Small Firms\n\nThe toll vote is on Monday."
    assert Extractor(settings=Settings(scope="statements")).extract(text).quotes == ()
