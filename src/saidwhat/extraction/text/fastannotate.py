"""Cheaper stand-ins for the model's attribute_ruler and lemmatizer that give the very same annotation.

Both components run per token in Python: the attribute ruler runs a Matcher with ~180 patterns and then
sets attributes match by match; the rule lemmatizer looks words up in lists of up to 57,000 entries
and caches only some of its answers. Together they took longer than the parser itself (2.2 s against
1.7 s over PolNeAR dev). Yet their output is a function of a few token attributes, so here it is
computed once per distinct combination, from the loaded components' own patterns and tables, and
written back in one array. Patterns using anything
other than plain values, IN, NOT_IN and REGEX on LOWER/TAG/DEP/IS_SPACE, or a lemmatizer that is not in
rule mode, leave the original component in place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.lookups import Table
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from thinc.types import Ints2d

# Token attributes a pattern may test, in the order of a key: (lower, tag, dep, is_space).
_KEY_ATTRS = (LOWER, TAG, DEP, IS_SPACE)
_KEY_INDEX = {"LOWER": 0, "TAG": 1, "DEP": 2, "IS_SPACE": 3}
_LOWER = 0
_OTHER_LOWER = 0  # key value for a lowercase form no pattern mentions (a real form never hashes to 0)
_LEMMA_CACHE_LIMIT = 500_000  # distinct (form, POS, morphology) kept; cleared beyond, like a bounded vocab


class Unsupported(ValueError):
    """A pattern this module cannot evaluate exactly; the original component is kept."""


@dataclass(frozen=True, slots=True)
class _Test:
    """One condition on one token attribute, evaluated on its string (or bool) value."""

    slot: int
    op: str  # "==", "IN", "NOT_IN", "REGEX"
    value: object

    def holds(self, key: tuple[str | bool | None, ...]) -> bool:
        value = key[self.slot]
        if value is None:  # a lowercase form no pattern names: it equals nothing and matches no regex
            return self.op == "NOT_IN"
        if self.op == "==":
            return value == self.value
        if self.op == "IN":
            return value in self.value  # type: ignore[operator]
        if self.op == "NOT_IN":
            return value not in self.value  # type: ignore[operator]
        return isinstance(value, str) and self.value.search(value) is not None  # type: ignore[attr-defined]


def _compile_token(spec: dict[str, object]) -> tuple[_Test, ...]:
    tests = []
    for name, wanted in spec.items():
        slot = _KEY_INDEX.get(name.upper())
        if slot is None:
            raise Unsupported(f"attribute {name}")
        if isinstance(wanted, dict):
            if len(wanted) != 1:
                raise Unsupported(f"predicate {wanted}")
            ((op, value),) = wanted.items()
            kind = bool if slot == _KEY_INDEX["IS_SPACE"] else str
            if op in ("IN", "NOT_IN") and isinstance(value, list) and all(isinstance(v, kind) for v in value):
                tests.append(_Test(slot, op, frozenset(value)))
            elif op == "REGEX" and isinstance(value, str) and slot == _LOWER:
                tests.append(_Test(slot, op, re.compile(value)))
            else:
                raise Unsupported(f"predicate {wanted}")
        elif isinstance(wanted, bool) == (slot == _KEY_INDEX["IS_SPACE"]) and isinstance(wanted, str | bool):
            tests.append(_Test(slot, "==", wanted))
        else:
            raise Unsupported(f"value {wanted!r} for {name}")
    return tuple(tests)


@dataclass(frozen=True, slots=True)
class _Rule:
    """One pattern of the ruler: the tests for each of its tokens, and which token it writes to."""

    rule_id: int  # the ruler's attrs index: later rules override earlier ones
    tokens: tuple[tuple[_Test, ...], ...]
    target: int


@dataclass(frozen=True, slots=True)
class _KeyInfo:
    """What the ruler does to a token with a given key, before multi-token patterns are looked at."""

    singles: tuple[int, ...]  # ids of the single-token rules that match
    mask: int  # bits of the multi-token rule positions whose tests hold
    values: tuple[int, ...]  # the value written to each column (0 where none is)
    written: tuple[bool, ...]  # whether each column is written


class CachedAttributeRuler:
    """The attribute ruler's effect, computed once per distinct (lower, tag, dep, is_space)."""

    def __init__(self, ruler: object) -> None:
        if not isinstance(ruler, AttributeRuler):
            raise Unsupported(f"attribute_ruler of type {type(ruler).__name__}")
        self.vocab = ruler.vocab
        self.attrs: list[dict[int, int]] = list(ruler.attrs)
        rules: list[_Rule] = []
        patterns: list[dict[str, Any]] = ruler.patterns  # type: ignore[assignment]  # spaCy types it loosely
        for rule_id, entry in enumerate(patterns):
            for pattern in entry["patterns"]:
                if not pattern or any("OP" in spec or not isinstance(spec, dict) for spec in pattern):
                    raise Unsupported(f"pattern {pattern}")
                index = int(entry.get("index", 0))
                target = index if index >= 0 else len(pattern) + index
                if not 0 <= target < len(pattern):
                    raise Unsupported(f"index {index} of {pattern}")
                tokens = tuple(_compile_token(spec) for spec in pattern)
                rules.append(_Rule(rule_id, tokens, target))
        self.single = [rule for rule in rules if len(rule.tokens) == 1]
        self.multi = [rule for rule in rules if len(rule.tokens) > 1]
        named: set[str] = set()
        regexes = []
        for rule in rules:
            for tests in rule.tokens:
                for test in tests:
                    if test.slot == _LOWER and test.op == "REGEX":
                        regexes.append(test.value)
                    elif test.slot == _LOWER:
                        named.update(test.value if test.op != "==" else {test.value})  # type: ignore[arg-type]
        self._named_lowers = frozenset(self.vocab.strings.add(form) for form in named)
        self._regexes: list[re.Pattern[str]] = regexes  # type: ignore[assignment]
        self.columns = sorted({attr for attrs in self.attrs for attr in attrs})
        self._columns: list[int | str] = list(self.columns)  # as Doc.to_array's signature types them
        # One bit per (multi-token rule, position) whose token tests hold, so matches are found with numpy.
        self._bits = {
            (n, position): bit
            for bit, (n, position) in enumerate(
                (n, position) for n, rule in enumerate(self.multi) for position in range(len(rule.tokens))
            )
        }
        if len(self._bits) > 62:
            raise Unsupported("too many multi-token pattern positions")
        self._keys: dict[tuple[int, ...], _KeyInfo] = {}
        self._effects: dict[tuple[int, ...], dict[int, int]] = {}

    def _relevant_lower(self, lower: int) -> bool:
        if lower in self._named_lowers:
            return True
        text = self.vocab.strings[lower]
        return any(regex.search(text) for regex in self._regexes)

    def _describe(self, key: tuple[int, ...]) -> _KeyInfo:
        strings = self.vocab.strings
        lower, tag, dep, space = key
        text_key = (
            strings[lower] if lower != _OTHER_LOWER else None,
            strings[tag] if tag else "",
            strings[dep] if dep else "",
            bool(space),
        )
        singles = tuple(
            rule.rule_id for rule in self.single if all(test.holds(text_key) for test in rule.tokens[0])
        )
        mask = 0
        for n, rule in enumerate(self.multi):
            for position, tests in enumerate(rule.tokens):
                if all(test.holds(text_key) for test in tests):
                    mask |= 1 << self._bits[n, position]
        effect = self._effect(singles)
        values = tuple(effect.get(attr, 0) for attr in self.columns)
        written = tuple(attr in effect for attr in self.columns)
        return _KeyInfo(singles, mask, values, written)

    def _effect(self, rule_ids: tuple[int, ...]) -> dict[int, int]:
        """Attribute values after applying ``rule_ids`` in the ruler's order (the last write wins)."""
        effect = self._effects.get(rule_ids)
        if effect is None:
            effect = {}
            for rule_id in sorted(rule_ids):
                effect.update(self.attrs[rule_id])
            self._effects[rule_ids] = effect
        return effect

    def _multi_matches(self, masks: np.ndarray) -> dict[int, list[int]]:
        """Token index -> ids of the multi-token rules that match with that token as their target."""
        found: dict[int, list[int]] = {}
        for n, rule in enumerate(self.multi):
            width = len(rule.tokens)
            if len(masks) < width:
                continue
            hits = np.ones(len(masks) - width + 1, dtype=bool)
            for position in range(width):
                bit = np.uint64(1 << self._bits[n, position])
                hits &= (masks[position : len(masks) - width + 1 + position] & bit) != 0
            for start in np.flatnonzero(hits).tolist():
                found.setdefault(start + rule.target, []).append(rule.rule_id)
        return found

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        raw = doc.to_array(list(_KEY_ATTRS))
        lowers, lower_index = np.unique(raw[:, 0], return_inverse=True)
        keep = np.fromiter((self._relevant_lower(int(lower)) for lower in lowers.tolist()), bool, len(lowers))
        raw[:, 0] = np.where(keep[lower_index.reshape(-1)], raw[:, 0], _OTHER_LOWER)
        keys, inverse = np.unique(raw, axis=0, return_inverse=True)
        inverse = inverse.reshape(-1)
        infos = []
        for row in keys.tolist():
            key = tuple(row)
            info = self._keys.get(key)
            if info is None:
                info = self._keys[key] = self._describe(key)
            infos.append(info)
        values = doc.to_array(self._columns)
        new = np.array([info.values for info in infos], dtype=values.dtype)
        written = np.array([info.written for info in infos], dtype=bool)
        values = np.where(written[inverse], new[inverse], values)
        if self.multi:
            masks = np.array([info.mask for info in infos], dtype=np.uint64)[inverse]
            for i, extra in self._multi_matches(masks).items():
                effect = self._effect(infos[inverse[i]].singles + tuple(extra))
                for c, attr in enumerate(self.columns):
                    if attr in effect:
                        values[i, c] = effect[attr]
        doc.from_array(self._columns, cast(Ints2d, values))
        return doc


class CachedLemmatizer:
    """The rule lemmatizer's lemma, computed once per distinct (form, POS, morphology)."""

    def __init__(self, lemmatizer: object) -> None:
        if not isinstance(lemmatizer, Lemmatizer):  # a trained or third-party "lemmatizer"
            raise Unsupported(f"lemmatizer of type {type(lemmatizer).__name__}")
        if lemmatizer.mode != "rule":
            raise Unsupported(f"lemmatizer mode {lemmatizer.mode}")
        # A twin of the model's lemmatizer (same class, same tables) whose word lists are sets: the
        # tables hold them as lists, so each rule lookup scanned up to 57,000 nouns.
        self.lemmatizer = type(lemmatizer)(
            lemmatizer.vocab, None, name=lemmatizer.name, mode="rule", overwrite=lemmatizer.overwrite
        )
        for name in lemmatizer.lookups.tables:
            table = lemmatizer.lookups.get_table(name)
            if name == "lemma_index":
                table = Table.from_dict({pos: frozenset(words) for pos, words in table.items()}, name=name)
            self.lemmatizer.lookups.set_table(name, table)
        self.overwrite = bool(lemmatizer.overwrite)
        self._lemmas: dict[tuple[int, int, int], int] = {}

    @contextmanager
    def memory_zone(self, mem: object = None) -> Iterator[None]:
        """spaCy frees the strings added inside ``Language.memory_zone`` when it ends, new lemmas among
        them: the lemmas cached inside it are forgotten with them, so a later doc never gets a lemma id
        whose string is gone."""
        known = set(self._lemmas)
        try:
            yield
        finally:
            self._lemmas = {key: lemma for key, lemma in self._lemmas.items() if key in known}

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        values = doc.to_array([ORTH, POS, MORPH, LEMMA])
        todo = np.arange(len(doc)) if self.overwrite else np.flatnonzero(values[:, 3] == 0)
        if len(todo) == 0:
            return doc
        keys, first, inverse = np.unique(values[todo, :3], axis=0, return_index=True, return_inverse=True)
        if len(self._lemmas) > _LEMMA_CACHE_LIMIT:
            self._lemmas.clear()
        lemmas = np.zeros(len(keys), dtype=values.dtype)
        strings = doc.vocab.strings
        for k, (row, at) in enumerate(zip(keys.tolist(), first.tolist(), strict=True)):
            key = (row[0], row[1], row[2])
            lemma = self._lemmas.get(key)
            if lemma is None:
                token = doc[int(todo[at])]
                lemma = self._lemmas[key] = strings.add(self.lemmatizer.rule_lemmatize(token)[0])
            lemmas[k] = lemma
        values[todo, 3] = lemmas[inverse.reshape(-1)]
        doc.from_array([LEMMA], cast(Ints2d, values[:, 3]))
        return doc


@Language.factory("cached_attribute_ruler")
def make_cached_attribute_ruler(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Stands in for the (disabled) ``attribute_ruler`` of the same pipeline."""
    return CachedAttributeRuler(nlp.get_pipe("attribute_ruler"))


@Language.factory("cached_lemmatizer")
def make_cached_lemmatizer(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Stands in for the (disabled) ``lemmatizer`` of the same pipeline."""
    lemmatizer = nlp.get_pipe("lemmatizer")
    lemmatizer(nlp.make_doc(""))  # checks its tables are there, as it does on first use
    return CachedLemmatizer(lemmatizer)


def use_cached_components(nlp: Language) -> None:
    """Swap the attribute ruler and lemmatizer for their cached forms, where these are exact."""
    checks: dict[str, Callable[[], object]] = {
        "attribute_ruler": lambda: CachedAttributeRuler(nlp.get_pipe("attribute_ruler")),
        "lemmatizer": lambda: CachedLemmatizer(nlp.get_pipe("lemmatizer")),
    }
    for original, check in checks.items():
        if original not in nlp.pipe_names:
            continue
        try:
            check()
        except Unsupported:
            continue
        nlp.add_pipe(f"cached_{original}", after=original)
        nlp.disable_pipe(original)
