"""Which name and kind a cross-article speaker is shown with: decided from all the evidence, never by order.

Every article that names a speaker is one piece of evidence: the spelling it used and the kind
(person, organisation, unknown) its entity label gave. The store keeps the counts and recomputes both
choices whenever evidence arrives; the Spark job applies the same rule over the whole corpus, so
the same articles give the same speakers in any order, concurrently or not.

- **Name**: a mixed-case spelling over ALL CAPS or all lower case ("Twitter" over "TWITTER"), then the
  fullest (longest), then the most frequent, then the greatest in code-point order, so that
  "PolitiFact" (2 articles) beats "Politifact" (1) and a tie is still decided the same way.
- **Kind**: any kind over "unknown", then the most frequent, then "person" over "organisation".
"""

from __future__ import annotations

from collections.abc import Mapping

_KIND_ORDER = {"unknown": 0, "organisation": 1, "person": 2}


def mixed_case(name: str) -> bool:
    """True if ``name`` has both upper- and lower-case letters (or no cased letters at all)."""
    cased = [c for c in name if c.isupper() or c.islower()]
    return not cased or (any(c.isupper() for c in cased) and any(c.islower() for c in cased))


def name_rank(name: str, count: int) -> tuple[bool, int, int, str]:
    """Sort key of a spelling seen ``count`` times: the greatest is shown."""
    return (mixed_case(name), len(name), count, name)


def kind_rank(kind: str, count: int) -> tuple[bool, int, int]:
    """Sort key of a kind seen ``count`` times: the greatest is the speaker's kind."""
    return (kind != "unknown", count, _KIND_ORDER.get(kind, 0))


def display_name(counts: Mapping[str, int]) -> str:
    """The name to show for a speaker whose spellings were seen ``counts`` times each."""
    return max(counts.items(), key=lambda item: name_rank(*item))[0]


def speaker_kind(counts: Mapping[str, int]) -> str:
    """The kind of a speaker labelled each kind ``counts`` times ("unknown" if there is none)."""
    if not counts:
        return "unknown"
    return max(counts.items(), key=lambda item: kind_rank(*item))[0]
