"""What the stages hand each other: frozen values with character offsets into the article's text only.

No spaCy object crosses a stage: a stage that reads the parse turns offsets into tokens itself, through
``text.offsets``, and hands on offsets (``model.Span``) and plain words (a cue's lemma) again. The flow:
``quotes`` makes ``Quoted``; ``cues`` makes ``Attribution``; ``candidates`` pairs them into
``Candidate``; ``speakers`` resolves each candidate's speaker mention; ``report`` builds the quotes.
"""

from __future__ import annotations

from dataclasses import dataclass

from saidwhat.model import QuoteType, Span


@dataclass(frozen=True, slots=True)
class Quoted:
    """Text between quotation marks: ``start``/``end`` cover the content, marks excluded."""

    start: int
    end: int
    open_at: int
    close_at: int | None  # None: the mark was never closed and the quote ends with its paragraph


@dataclass(frozen=True, slots=True)
class Attribution:
    """A cue with the speaker mention it names and the content it reports, when the parse has one.

    ``content`` is one range, or two when the cue interrupts its content.
    """

    cue_start: int  # the cue word's token begins here
    cue_end: int
    cue_lemma: str  # the cue word's lemma, lower case ("say", "according", ":")
    cue_head: int  # where the word the cue hangs on in the parse begins (the cue's own start at a root)
    speaker: Span | None  # the words that name who speaks
    content: tuple[Span, ...]
    # "verb", "passive", "according", "noun", "stance" (adjective), "label" (transcripts),
    # "credit" (“...” ― Name), "colon" (a quotation introduced by a colon alone), "headline" ("Name: ...")
    kind: str
    probability: float = 1.0  # how often this cue in this frame reports content in annotated news


@dataclass(frozen=True, slots=True, eq=False)
class Candidate:
    """A proposed quote: its content ranges, the marks inside it and where its speaker comes from.

    Frozen: a stage that changes one (joining halves, linking a continuation) makes a new one.
    """

    spans: tuple[Span, ...]
    type: QuoteType
    attribution: Attribution | None
    confidence: float  # what its pairing rule is worth (``confidence``)
    continuation_of: Candidate | None = None  # the quote whose speaker a cue-less quote continues
    quoted: tuple[Quoted, ...] = ()

    @property
    def start(self) -> int:
        return self.spans[0].start

    @property
    def end(self) -> int:
        return self.spans[-1].end
