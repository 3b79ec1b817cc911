"""View models for the article template, built from a live Extraction or from a stored article.

Both sources end up as the same ``ArticleView`` so that one template draws highlights and the side list
of who said what, whatever the quotes came from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from saidwhat.citation import citation, hit_citation
from saidwhat.display import quote_display
from saidwhat.model import Extraction
from saidwhat.store.queries import ArticleDetail, QuoteMarks
from saidwhat.web.colours import assign
from saidwhat.web.highlight import Marked, Run, runs


@dataclass(frozen=True, slots=True)
class QuoteView:
    index: int
    text: str
    type: str
    spans: list[tuple[int, int]]
    speaker_id: str | None
    speaker_name: str | None
    mention: str | None
    mention_span: tuple[int, int] | None
    cue: str | None
    cue_span: tuple[int, int] | None
    confidence: float | None = None
    kind: str = "speech"  # speech, writing, thought or finding
    anchor: str = ""  # the element id of the quote's first piece, for links from lists and search
    after: str | None = None  # the character after the quote in the text (a mixed quote's closing mark)
    how: str | None = None  # why this speaker: the rule that linked the mention, and its words
    citation: str = ""  # “…” — Speaker, Outlet, Date, URL (``saidwhat.citation``)

    @property
    def who(self) -> str:
        """Who said it, as shown inline after the quote on touch screens (no hover there)."""
        return self.speaker_name or "speaker not found"

    @property
    def shown(self) -> str:
        """The quote as the side list shows it: marks for direct speech, a label for reported speech."""
        return quote_display(self.text, self.type, self.after).plain()

    @property
    def tip(self) -> str:
        """What hovering or focusing the quote shows: who, by which words, and how."""
        who = self.speaker_name or "speaker not found"
        if self.mention and self.speaker_name and self.mention != self.speaker_name:
            who = f"{who} (“{self.mention}”)"
        cue = f" · {self.cue}" if self.cue else ""
        kind = f" · {self.kind}" if self.kind != "speech" else ""
        why = f" · why this speaker? {self.how}" if self.how and self.speaker_name else ""
        return f"{who}{cue} · {self.type}{kind}{why}"


@dataclass(frozen=True, slots=True)
class SpeakerGroup:
    speaker_id: str | None
    name: str
    colour: int | None
    quotes: list[QuoteView]
    linked: bool = False  # the speaker has a page in the store


@dataclass(slots=True)
class ArticleView:
    text: str
    quotes: list[QuoteView]
    title: str | None = None
    meta: dict[str, str | None] = field(default_factory=dict)
    link_speakers: bool = False
    colours: dict[str, int] = field(default_factory=dict)
    runs: list[Run] = field(default_factory=list)
    groups: list[SpeakerGroup] = field(default_factory=list)
    last_runs: set[int] = field(default_factory=set)  # indexes of the runs that end a quote

    def __post_init__(self) -> None:
        ordered = sorted(self.quotes, key=lambda q: q.spans[0] if q.spans else (0, 0))
        self.colours = assign(q.speaker_id for q in ordered if q.speaker_id)
        marked = [Marked(spans=q.spans, mention=q.mention_span, cue=q.cue_span) for q in self.quotes]
        self.runs = runs(self.text, marked)
        ends: dict[int, int] = {}
        for n, run in enumerate(self.runs):
            if run.kind == "quote" and run.quote is not None:
                ends[run.quote] = n
        self.last_runs = set(ends.values())
        self.groups = _groups(ordered, self.colours, self.link_speakers)

    def colour(self, quote: QuoteView | None) -> str:
        """The CSS class of a quote's speaker colour."""
        if quote is None or quote.speaker_id is None:
            return "sp-none"
        return f"sp-{self.colours.get(quote.speaker_id, 0)}"

    def quote(self, index: int | None) -> QuoteView | None:
        return self.quotes[index] if index is not None and 0 <= index < len(self.quotes) else None


def _groups(quotes: Sequence[QuoteView], colours: dict[str, int], linked: bool) -> list[SpeakerGroup]:
    by_speaker: dict[str | None, list[QuoteView]] = {}
    for quote in quotes:
        by_speaker.setdefault(quote.speaker_id, []).append(quote)
    groups = [
        SpeakerGroup(key, items[0].speaker_name or key, colours.get(key), items, linked)
        for key, items in by_speaker.items()
        if key is not None
    ]
    groups.sort(key=lambda g: -len(g.quotes))
    if None in by_speaker:
        groups.append(SpeakerGroup(None, "No speaker found", None, by_speaker[None]))
    return groups


def from_extraction(extraction: Extraction, text: str, title: str | None = None) -> ArticleView:
    """The paste page's view of a live extraction."""
    quotes = []
    for n, q in enumerate(extraction.quotes):
        quotes.append(
            QuoteView(
                index=n,
                text=q.text,
                type=q.type,
                spans=[(s.start, s.end) for s in q.spans],
                speaker_id=q.speaker.id if q.speaker else None,
                speaker_name=q.speaker.name if q.speaker else None,
                mention=q.mention.text if q.mention else None,
                mention_span=(q.mention.start, q.mention.end) if q.mention else None,
                cue=q.cue.text if q.cue else None,
                cue_span=(q.cue.start, q.cue.end) if q.cue else None,
                confidence=q.confidence,
                kind=q.kind,
                anchor=f"q-{n}",
                after=text[q.end : q.end + 2] if q.end < len(text) else None,
                how=q.how,
                citation=citation(
                    q.text,
                    q.type,
                    speaker=q.speaker.name if q.speaker else None,
                    after=text[q.end : q.end + 2] if q.end < len(text) else None,
                ),
            )
        )
    return ArticleView(text=text, quotes=quotes, title=title)


def from_stored(article: ArticleDetail, marks: dict[int, QuoteMarks]) -> ArticleView:
    """The article page's view of a stored article; speakers link to their pages."""
    quotes = []
    for n, hit in enumerate(article.quotes):
        mark = marks.get(hit.id)
        quotes.append(
            QuoteView(
                index=n,
                text=hit.text,
                type=hit.type,
                spans=[(int(s[0]), int(s[1])) for s in hit.spans if len(s) == 2],
                speaker_id=str(hit.speaker.id) if hit.speaker else None,
                speaker_name=hit.speaker.name if hit.speaker else None,
                mention=hit.mention,
                mention_span=mark.mention if mark else None,
                cue=hit.cue,
                cue_span=mark.cue if mark else None,
                confidence=hit.confidence,
                kind=hit.kind,
                anchor=f"quote-{hit.id}",
                after=hit.after,
                how=hit.how,
                citation=hit_citation(hit),
            )
        )
    meta = {"date": article.date, "source": article.source, "byline": article.byline, "url": article.url}
    return ArticleView(text=article.text, quotes=quotes, title=article.title, meta=meta, link_speakers=True)
