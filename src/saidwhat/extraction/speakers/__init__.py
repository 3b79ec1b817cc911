"""Who said it: every way an article names a source becomes one entity, and each quote links to one.

Three steps, with frozen values between them, as a reader resolves speakers:

1. ``mentions``: the names of people and organisations, the subjects of verbs of saying, sentences.
2. ``table``: the article's entity table, built once from its names and frozen. A name joins an entity
   only when every attribute agrees (``matching``): surname and first name, honorific and gender,
   kinship ("his wife, Deborah"), initials of an organisation. Titles are learned from the article
   ("US President Donald Trump"), so "the US leader" finds him later.
3. ``rules``: each quote's mention is linked by an ordered list of small rules (``by_name``,
   ``by_description``), the most precise first; each returns a ``Link`` that says how it decided
   (``how``, shown to readers as "why this speaker?"). ``discourse`` holds the table and what the links
   so far add to it (an unnamed source, a pronoun's gender), applied by ``linking`` alone.
"""

from saidwhat.extraction.speakers.entity import Resolved
from saidwhat.extraction.speakers.linking import SpeakerLinker

__all__ = ["Resolved", "SpeakerLinker"]
