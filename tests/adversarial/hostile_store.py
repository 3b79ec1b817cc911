"""A store whose every text field is hostile: script URLs, spreadsheet formulas, terminal escapes.

Rows are written by the store's own writer from an Extraction built by hand, as ``saidwhat spark``
output reaches the store, so each field holds exactly the value a test needs.
"""

from __future__ import annotations

from pathlib import Path

from saidwhat.model import Article, Extraction, Mention, Quote, Span, Speaker
from saidwhat.store import Store
from saidwhat.store.writer import StoreWriter

SCRIPT_URLS = (
    "javascript:alert(1)",
    "JaVaScRiPt:alert(2)",
    "java\tscript:alert(3)",
    " \x01vbscript:msgbox(4)",
    "VBScript:msgbox(5)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCg2KTwvc2NyaXB0Pg==",
    "DATA:text/html,<script>alert(7)</script>",
)
FORMULA = '=HYPERLINK("http://evil.test","click")'
ESCAPES = "\x1b[2J\x1b[31mred\x1b[0m \x1b]8;;http://evil.test\x07link\x1b]8;;\x07 \x1b[1A\x1b[2K\x07\x9b31m"
GOOD_URL = "https://news.test/fine"


def _hostile(n: int, url: str) -> Extraction:
    quote = f"{FORMULA} {ESCAPES} is fine"
    text = f'Ann Lee spoke on day {n}. "{quote}," said Ann Lee.'
    start = text.index(quote)
    name = f"-Ann Lee{ESCAPES}"
    speaker = Speaker(id="s1", name=name, kind="person")
    return Extraction(
        article=Article(
            id=f"hostile-{n}",
            text=text,
            title=f"{FORMULA} {ESCAPES} day {n}",
            url=url,
            date="2024-01-02",
            source="+SUM(1,1)",
            byline="@evil",
        ),
        quotes=(
            Quote(
                spans=(Span(start, start + len(quote)),),
                text=quote,
                type="direct",
                speaker=speaker,
                mention=Mention("Ann Lee", text.rindex("Ann Lee"), text.rindex("Ann Lee") + 7),
                cue=Mention("said", text.index("said"), text.index("said") + 4),
                confidence=0.9,
            ),
        ),
        speakers=(speaker,),
    )


def build_hostile_store(path: Path) -> Path:
    conn = Store(path).writer()
    writer = StoreWriter(conn)
    for n, url in enumerate((*SCRIPT_URLS, GOOD_URL)):
        writer.write(_hostile(n, url))
    conn.close()
    return path
