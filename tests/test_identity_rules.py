"""The cross-article identity rule (saidwhat.identity), edge case by edge case."""

from __future__ import annotations

import pytest

from saidwhat.identity import attach_partial, identity_key, is_description, is_partial, resolve_keys


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Donald Trump", "donald trump"),
        ("Donald J. Trump", "donald trump"),
        ("President Donald Trump", "donald trump"),
        ("DONALD TRUMP'S", "donald trump"),
        ("President Trump", "trump"),
        ("Mr. Trump", "trump"),
        ("José Ángel Gurría", "jose angel gurria"),
        ("J. K. Rowling", "j k rowling"),
        ("Robert Downey Jr.", "robert downey"),
        ("Ursula von der Leyen", "ursula von der leyen"),
        ("the White House", "white house"),
    ],
)
def test_identity_key_normalises_names(name: str, key: str) -> None:
    assert identity_key(name, "person", article_id="a1") == key


@pytest.mark.parametrize(
    "name", ["Officials", "the company", "a White House spokeswoman", "Sources", "Economists"]
)
def test_identity_key_scopes_descriptions_to_their_article(name: str) -> None:
    first, second = (
        identity_key(name, "unknown", article_id="a1"),
        identity_key(name, "unknown", article_id="a2"),
    )
    assert is_description(first) and is_description(second)
    assert first != second


def test_identity_key_ignores_kind_for_proper_names() -> None:
    assert identity_key("Karen Holt", "organisation") == identity_key("Karen Holt", "person")


@pytest.mark.parametrize(
    ("key", "partial"),
    [
        ("trump", True),
        ("j smith", True),
        ("j k rowling", True),
        ("donald trump", False),
        ("~a1~officials", False),
    ],
)
def test_identity_is_partial(key: str, partial: bool) -> None:
    assert is_partial(key) is partial


@pytest.mark.parametrize(
    ("key", "known", "expected"),
    [
        ("trump", ["donald trump"], "donald trump"),  # unique full name: attach
        ("smith", ["john smith", "jane smith"], "smith"),  # two Smiths: leave alone
        ("smith", [], "smith"),  # nobody to attach to
        ("j smith", ["john smith", "mary smith"], "john smith"),  # the initial decides
        ("j smith", ["john smith", "jane smith"], "j smith"),  # still ambiguous
        ("trump", ["donald trump", "trump"], "donald trump"),  # other partials are not targets
        ("donald trump", ["donald trump"], "donald trump"),  # full names never move
        ("~a1~officials", ["x officials"], "~a1~officials"),  # descriptions never attach
    ],
)
def test_identity_attach_partial(key: str, known: list[str], expected: str) -> None:
    assert attach_partial(key, known) == expected


def test_identity_resolve_keys_whole_corpus() -> None:
    keys = ["donald trump", "trump", "john smith", "jane smith", "smith", "ivanka trump"]
    resolved = resolve_keys(keys)
    assert resolved["john smith"] == "john smith" and resolved["jane smith"] == "jane smith"
    assert resolved["smith"] == "smith"
    assert resolved["trump"] == "trump"  # two Trumps now: "Trump" alone is ambiguous
    assert resolve_keys(["donald trump", "trump"])["trump"] == "donald trump"
