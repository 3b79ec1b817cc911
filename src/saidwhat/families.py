"""Quote families: the same words, or nearly the same, quoted in several articles.

One definition serves the SQLite store (``saidwhat.store.families``) and Spark
(``saidwhat.spark.families``), so both give the same families on the same input:

- a quote's words are its **normalised** text: Unicode NFKC, case folded, curly and straight quotation
  marks and apostrophes alike, punctuation dropped (``words``);
- quotes of fewer than ``MIN_WORDS`` words ("no comment", "fake news") join no family: they are said
  by everyone and trace nothing;
- candidates are found by datasketch's MinHash over word bigrams and LSH banding (``band_keys``: the
  band and row counts are datasketch's own optimum for a Jaccard threshold of ``LSH_THRESHOLD``);
- a candidate pair is the same statement (``same_statement``) when the bigram sets are at least
  ``MIN_JACCARD`` alike, or the shorter quote's bigrams lie ``MIN_CONTAINMENT`` inside the longer's
  (a quote cut short) and it has at least ``MIN_CONTAINED_BIGRAMS`` of them;
- a quote of ``CONTAIN_WORDS`` words or more trimmed from a longer one (its start, end or middle) shares
  too few bigrams with it for MinHash, so candidates are also found by containment (``stored_keys``,
  ``probe_keys``): every quote is filed under each of its ``CONTAIN_WORDS``-word windows and under its
  first window as a head; a new quote looks up its first window among the windows (it is inside a
  longer one) and each of its windows among the heads (a shorter one is inside it). At most
  ``MAX_WINDOWS`` windows a quote, so a quote costs a bounded number of keys;
- families are the connected components of those pairs. Quotes with equal normalised words are one
  node, so a wire story copied a thousand times costs one comparison, not a million.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

import numpy as np

MIN_WORDS = 5
NUM_PERM = 64
SEED = 1
LSH_THRESHOLD = 0.4
MIN_JACCARD = 0.5
MIN_CONTAINMENT = 0.9
MIN_CONTAINED_BIGRAMS = 5
SCHEME = "affine32"
CONTAIN_WORDS = 8
MAX_WINDOWS = 96

_MARKS = str.maketrans({c: "'" for c in "‘’‚‛′`´"} | {c: '"' for c in "“”„‟″«»"} | {c: "-" for c in "‐‑‒–—―"})
_WORD = re.compile(r"\w+(?:'\w+)*")
_TOKEN = re.compile(r"\w+(?:['’]\w+)*|\s+|[^\w\s]")


def words(text: str) -> list[str]:
    """The normalised words of ``text``: what two quotes must share to be one statement."""
    text = unicodedata.normalize("NFKC", text).translate(_MARKS).casefold()
    return _WORD.findall(text)


def normal_form(text: str) -> str:
    """The normalised words joined by spaces: equal for quotes that differ only in marks and case."""
    return " ".join(words(text))


def normal_key(normal: str) -> int:
    """A signed 64-bit key of a normal form (an SQLite INTEGER; a Spark long)."""
    return int.from_bytes(
        hashlib.blake2b(normal.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big", signed=True
    )


def bigrams(tokens: Sequence[str]) -> set[str]:
    """Word bigrams (a one-word text has its word), the shingles MinHash and the check both use."""
    if len(tokens) == 1:
        return {tokens[0]}
    return {f"{a} {b}" for a, b in pairwise(tokens)}


def eligible(tokens: Sequence[str]) -> bool:
    """Whether a quote of these words can join a family."""
    return len(tokens) >= MIN_WORDS


@lru_cache(maxsize=1)
def _lsh_shape() -> tuple[int, int, np.ndarray]:
    """(bands, rows per band, permutations): datasketch's optimal banding for the threshold.

    datasketch (and the scipy it imports, most of a second) is imported here, on first use, so that
    commands which never group quotes (``extract``, a store opened to read) do not pay for it.
    """
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    permutations = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations
    return int(lsh.b), int(lsh.r), permutations


def signature(shingles: Iterable[str]) -> np.ndarray:
    """The MinHash hash values of a set of shingles."""
    from datasketch import MinHash

    _, _, permutations = _lsh_shape()
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=permutations, scheme=SCHEME)
    minhash.update_batch([s.encode("utf-8", "surrogatepass") for s in shingles])
    return minhash.hashvalues


def band_keys(normal: str) -> list[int]:
    """The LSH bucket keys of a normal form, one per band (signed 64-bit); [] if it is too short."""
    tokens = normal.split()
    if not eligible(tokens):
        return []
    bands, rows, _ = _lsh_shape()
    values = np.ascontiguousarray(signature(bigrams(tokens)), dtype="<u4")
    keys = []
    for band in range(bands):
        digest = hashlib.blake2b(
            values[band * rows : (band + 1) * rows].tobytes(), digest_size=8, person=band.to_bytes(2, "big")
        ).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


def _window_key(words: Sequence[str], kind: bytes) -> int:
    digest = hashlib.blake2b(" ".join(words).encode("utf-8", "surrogatepass"), digest_size=8, person=kind)
    return int.from_bytes(digest.digest(), "big", signed=True)


def _windows(tokens: Sequence[str]) -> list[Sequence[str]]:
    """The ``CONTAIN_WORDS``-word windows of a quote, at most ``MAX_WINDOWS`` of them, evenly spread."""
    count = len(tokens) - CONTAIN_WORDS + 1
    step = max(1, -(-count // MAX_WINDOWS))
    starts = list(range(0, count, step))
    if starts and starts[-1] != count - 1:
        starts.append(count - 1)  # the last window too: a quote's end is as often quoted as its start
    return [tokens[i : i + CONTAIN_WORDS] for i in starts]


def stored_keys(normal: str) -> list[int]:
    """The keys a quote is filed under: its LSH bands, its windows and its head (first window)."""
    tokens = normal.split()
    if len(tokens) < CONTAIN_WORDS:
        return band_keys(normal)
    windows = [_window_key(w, b"window") for w in _windows(tokens)]
    return [*band_keys(normal), *windows, _window_key(tokens[:CONTAIN_WORDS], b"head")]


def probe_keys(normal: str) -> list[int]:
    """The keys a new quote looks up: its LSH bands, its head among windows (it is inside a longer
    quote) and its windows among heads (a shorter quote is inside it)."""
    tokens = normal.split()
    if len(tokens) < CONTAIN_WORDS:
        return band_keys(normal)
    heads = [_window_key(w, b"head") for w in _windows(tokens)]
    return [*band_keys(normal), _window_key(tokens[:CONTAIN_WORDS], b"window"), *heads]


def same_statement(a: str, b: str) -> bool:
    """Whether two normal forms are one statement: near-equal words, or one cut short of the other."""
    if a == b:
        return True
    ta, tb = a.split(), b.split()
    if not (eligible(ta) and eligible(tb)):
        return False
    sa, sb = bigrams(ta), bigrams(tb)
    shared = len(sa & sb)
    if shared / len(sa | sb) >= MIN_JACCARD:
        return True
    smaller = min(len(sa), len(sb))
    return smaller >= MIN_CONTAINED_BIGRAMS and shared / smaller >= MIN_CONTAINMENT


def matches_query(query: str, normal: str) -> bool:
    """Whether a quote (normal form) matches words someone traces: the same statement, or the query's
    words inside the quote (a partial quote, however short, of at least two words)."""
    q = query.split()
    if len(q) < 2:
        return False
    if f" {query} " in f" {normal} ":
        return True
    if same_statement(query, normal):
        return True
    sq, sn = bigrams(q), bigrams(normal.split())
    return len(sq) >= 3 and len(sq & sn) / len(sq) >= MIN_CONTAINMENT


class Components:
    """Union-find over hashable nodes; a component is named by its smallest node."""

    def __init__(self) -> None:
        self._parent: dict = {}

    def find(self, x: object) -> object:
        parent = self._parent
        parent.setdefault(x, x)
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: object, b: object) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            low, high = (ra, rb) if ra < rb else (rb, ra)  # type: ignore[operator]
            self._parent[high] = low

    def groups(self) -> list[list]:
        found: dict = {}
        for x in list(self._parent):
            found.setdefault(self.find(x), []).append(x)
        return sorted((sorted(g) for g in found.values()), key=lambda g: g[0])


def group_normals(normals: Iterable[str]) -> list[list[str]]:
    """Families of distinct normal forms, all against all through LSH buckets (no store): the
    reference the store's incremental path and the Spark job are checked against."""
    comps = Components()
    buckets: dict[int, list[str]] = {}
    for normal in sorted(set(normals)):
        keys = band_keys(normal)
        if not keys:
            continue
        comps.find(normal)
        seen: set[str] = set()
        for key in keys:
            for other in buckets.get(key, ()):
                if other not in seen:
                    seen.add(other)
                    if same_statement(normal, other):
                        comps.union(normal, other)
            buckets.setdefault(key, []).append(normal)
    return comps.groups()


def conflict_of(credits: Iterable[tuple[object, str, bool]]) -> str | None:
    """Whether a family's articles disagree on who said it, from (speaker, quote type, unnamed source)
    of each quote: "direct vs paraphrase" when one quotes X in marks (direct or mixed) and another
    reports the words as Y's (indirect); "speakers" when they credit different named speakers; else
    None. Quotes with no speaker and unnamed sources ("officials") never make a conflict."""
    named = [(speaker, qtype) for speaker, qtype, unnamed in credits if speaker is not None and not unnamed]
    if len({speaker for speaker, _ in named}) < 2:
        return None
    quoted = {speaker for speaker, qtype in named if qtype != "indirect"}
    reported = {speaker for speaker, qtype in named if qtype == "indirect"}
    if any(q != r for q in quoted for r in reported):
        return "direct vs paraphrase"
    return "speakers"


# -- showing a family ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of a variant's text: ``op`` is "same", "added" (not in the main wording) or "dropped"."""

    text: str
    op: str

    def to_dict(self) -> dict[str, str]:
        return {"text": self.text, "op": self.op}


def marked_differences(base: str, variant: str) -> list[Run]:
    """``variant`` against ``base`` word by word, normalised words compared (marks and case ignored):
    words only the variant has are "added", words only the base has are "dropped"."""
    bt, vt = _TOKEN.findall(base), _TOKEN.findall(variant)
    bw, vw = [_norm_token(t) for t in bt], [_norm_token(t) for t in vt]
    runs: list[Run] = []
    matcher = difflib.SequenceMatcher(a=bw, b=vw, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            _add(runs, "".join(vt[j1:j2]), "same")
            continue
        dropped = "".join(bt[i1:i2])
        added = "".join(vt[j1:j2])
        if not _WORD.search(dropped + added):  # only marks, punctuation or spacing differ
            _add(runs, added, "same")
            continue
        if _WORD.search(dropped):
            _add(runs, dropped, "dropped")
        if _WORD.search(added):
            _add(runs, added, "added")
        elif added:
            _add(runs, added, "same")
    return runs


def _norm_token(token: str) -> str:
    if token.isspace():
        return " "
    found = words(token)
    return found[0] if found else ""  # punctuation and marks compare equal to each other


def _add(runs: list[Run], text: str, op: str) -> None:
    if not text:
        return
    if runs and runs[-1].op == op:
        runs[-1] = Run(runs[-1].text + text, op)
    else:
        runs.append(Run(text, op))
