"""Who a speaker is across articles: one key, one shown name and kind, one gender, from all the evidence.

Pure functions, spaCy-free and without storage: the SQLite store and the Spark aggregation both call
them, so a corpus gets the same speakers whichever way it is processed. Three rules, in this order in
the module: the identity key (below), the name and kind shown, and the gender.

The identity key
----------------
1. **Key.** Within an article the extractor has already grouped the mentions of one source into one
   speaker with its fullest name. Across articles, speakers are compared by ``identity_key(name)``:
   the name lower-cased, accents, possessives and punctuation dropped, titles and honorifics dropped
   ("President", "Mr", "Dr", "Jr", ...), and single-letter middle initials dropped when the first name
   is spelled out. "Donald Trump", "Donald J. Trump", "President Donald Trump" and "DONALD TRUMP'S"
   all give ``"donald trump"``.
2. **Descriptions stay in their article.** A speaker whose "name" is a noun phrase (a lower-case word
   other than a title or a name particle such as "von", or no capitalised word besides titles, role
   nouns and generic words: "Officials", "the company", "a White House spokeswoman") is a different
   source in each article. Its key is scoped to the
   article (``"~<article id>~officials"``) so that it never merges across articles.
3. **Partial names attach to a unique full name.** A *partial* key is a surname alone, or initials
   and a surname ("President Trump" -> ``"trump"``, "J. Smith" -> ``"j smith"``). It attaches to the
   one full key (two or more words, spelled-out first name) with the same last word and, if the
   partial has an initial, the same first letter. If no full key or more than one fits, the partial
   stays a speaker of its own: "Smith" is not guessed to be either "John Smith" or "Jane Smith", and
   "John Smith" and "Jane Smith" never merge. A partial labelled an organisation does not attach;
   the full name may have any kind, since named-entity labels of one person vary between articles.

The attachment depends on the whole set of keys, so a store recomputes it for one surname whenever a
key with that surname arrives (``attach_partial``), and a batch job does it once (``resolve_keys``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping

from saidwhat.lexicon import GENERIC_SOURCE_WORDS, NAME_PARTICLE_WORDS, NAME_TITLES, ROLE_NOUNS
from saidwhat.namewords import name_words

DESCRIPTION_MARK = "~"
# Words that name a kind of source rather than a source; with titles and role nouns, never a name
# (data/lexicon.toml: generic_source_words). Lower-case words that do occur inside people's names
# ("Ursula von der Leyen"): name_particles.
GENERIC_WORDS: frozenset[str] = GENERIC_SOURCE_WORDS
NAME_PARTICLES: frozenset[str] = NAME_PARTICLE_WORDS
_WORD = re.compile(r"[^\W\d_]+")


def _generic(lower: str) -> bool:
    """A title, role or generic word, singular or plural ("officials", "economists", "parents")."""
    words = NAME_TITLES | ROLE_NOUNS | GENERIC_WORDS
    return lower in words or (lower.endswith("s") and lower[:-1] in words)


def _is_description(name: str) -> bool:
    """A noun phrase, not a name: a lower-case word in it, or no capitalised word that could be a name."""
    proper = False
    for word in _WORD.findall(name):
        lower = word.lower()
        if lower in NAME_TITLES or lower in NAME_PARTICLES:
            continue
        if not word[0].isupper():
            return True
        if not _generic(lower):
            proper = True
    return not proper


def identity_key(name: str, kind: str = "person", *, article_id: str | None = None) -> str:
    """The cross-article key of a speaker named ``name``; descriptions are scoped to ``article_id``.

    ``kind`` ("person", "organisation", "unknown") does not change the key of a proper name, so that
    one source labelled differently by two articles stays one speaker; it decides only attachment.
    """
    words = name_words(name)
    if not words:
        return f"{DESCRIPTION_MARK}{article_id or ''}{DESCRIPTION_MARK}"
    if _is_description(name):
        return f"{DESCRIPTION_MARK}{article_id or ''}{DESCRIPTION_MARK}{' '.join(words)}"
    if kind != "organisation" and len(words) > 2 and len(words[0]) > 1:
        words = [words[0], *(w for w in words[1:-1] if len(w) > 1), words[-1]]
    return " ".join(words)


def is_description(key: str) -> bool:
    """True for an article-scoped key (rule 2)."""
    return key.startswith(DESCRIPTION_MARK)


def surname(key: str) -> str:
    """The last word of a key: what partial and full names are matched on."""
    return "" if is_description(key) else key.rsplit(" ", 1)[-1]


def is_partial(key: str) -> bool:
    """A surname alone or initials and a surname (rule 3)."""
    if is_description(key) or not key:
        return False
    words = key.split()
    return all(len(w) == 1 for w in words[:-1])


def attach_partial(key: str, full_keys: Iterable[str]) -> str:
    """The one full key that partial ``key`` belongs to, or ``key`` itself when none or several fit.

    ``full_keys`` are the keys of people known so far (any keys may be passed: descriptions, other
    partials and other surnames are ignored). Callers pass only person (or unknown-kind) keys.
    """
    if not is_partial(key):
        return key
    words = key.split()
    last, initial = words[-1], (words[0] if len(words) > 1 else "")
    fits = {
        full
        for full in full_keys
        if full != key
        and not is_partial(full)
        and surname(full) == last
        and (not initial or full.startswith(initial))
    }
    return fits.pop() if len(fits) == 1 else key


def resolve_keys(keys: Iterable[str]) -> dict[str, str]:
    """Map every key to its canonical key in one pass over a whole corpus (the batch form of rule 3)."""
    by_surname: dict[str, set[str]] = defaultdict(set)
    unique = set(keys)
    for key in unique:
        if not is_partial(key) and not is_description(key):
            by_surname[surname(key)].add(key)
    return {key: attach_partial(key, by_surname.get(surname(key), ())) for key in unique}


__all__ = [
    "as_rows",
    "attach_partial",
    "decide",
    "display_name",
    "identity_key",
    "is_description",
    "is_partial",
    "merge",
    "resolve_keys",
    "speaker_kind",
    "surname",
]


# -- The name and kind shown: decided from all the evidence, never by order ------------------------
#
# Every article that names a speaker is one piece of evidence: the spelling it used and the kind
# (person, organisation, unknown) its entity label gave. The store keeps the counts and recomputes both
# choices whenever evidence arrives; the Spark job applies the same rule over the whole corpus, so the
# same articles give the same speakers in any order, concurrently or not.
# - Name: a mixed-case spelling over ALL CAPS or all lower case ("Twitter" over "TWITTER"), then the
#   fullest (longest), then the most frequent, then the greatest in code-point order, so that
#   "PolitiFact" (2 articles) beats "Politifact" (1) and a tie is still decided the same way.
# - Kind: any kind over "unknown", then the most frequent, then "person" over "organisation".

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


# -- Gender: from evidence counts, the rule that decides and how counts add up ----------------------
#
# The store adds up what many articles say about one person; the extraction finds the evidence in one
# article (``saidwhat.extraction.speakers.gender``); both decide by ``decide`` below.

FEMALE = "female"
MALE = "male"
GENDERS: tuple[str, ...] = (FEMALE, MALE)
TEXT_EVIDENCE: tuple[str, ...] = ("pronoun", "honorific", "role")  # strongest first
EVIDENCE_KINDS: tuple[str, ...] = (*TEXT_EVIDENCE, "name")
CONFLICT = "conflict"  # gender_evidence of a person whose textual evidence disagrees
CORRECTED = "corrected"  # gender_evidence of a person a reader has corrected (stores only)

# How much one piece of evidence counts: an honorific is printed by the writer and never mis-resolved.
WEIGHTS: Mapping[str, float] = {"pronoun": 1.0, "honorific": 3.0, "role": 1.0}
AGREEMENT = 0.75  # share of the weighted textual evidence the winning side needs

Counts = Mapping[str, tuple[int, int]]  # evidence kind -> (female, male)


def decide(counts: Counts, *, names: bool = True) -> tuple[str | None, str | None]:
    """``(gender, evidence)`` from evidence counts; ``names=False`` ignores the ``name`` kind."""
    female = sum(WEIGHTS[k] * counts[k][0] for k in TEXT_EVIDENCE if k in counts)
    male = sum(WEIGHTS[k] * counts[k][1] for k in TEXT_EVIDENCE if k in counts)
    if female or male:
        if female >= AGREEMENT * (female + male):
            winner, side = FEMALE, 0
        elif male >= AGREEMENT * (female + male):
            winner, side = MALE, 1
        else:
            return None, CONFLICT
        # What decided it: the kind that gave the winner the most weight, strongest kind on a tie.
        best = max(
            (k for k in TEXT_EVIDENCE if k in counts and counts[k][side]),
            key=lambda k: (WEIGHTS[k] * counts[k][side], -TEXT_EVIDENCE.index(k)),
        )
        return winner, best
    if names and "name" in counts:
        f, m = counts["name"]
        if f and not m:
            return FEMALE, "name"
        if m and not f:
            return MALE, "name"
        if f or m:
            return None, CONFLICT
    return None, None


def merge(*many: Iterable[tuple[str, int, int]]) -> dict[str, tuple[int, int]]:
    """Add up ``(kind, female, male)`` rows into counts per kind."""
    out: dict[str, tuple[int, int]] = {}
    for rows in many:
        for kind, f, m in rows:
            old = out.get(kind, (0, 0))
            out[kind] = (old[0] + int(f), old[1] + int(m))
    return out


def as_rows(counts: Counts) -> tuple[tuple[str, int, int], ...]:
    """Counts as ``(kind, female, male)`` rows in a fixed order (what a Speaker carries)."""
    return tuple((k, *counts[k]) for k in EVIDENCE_KINDS if k in counts and any(counts[k]))
