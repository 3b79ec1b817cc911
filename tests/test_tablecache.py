"""The table cache gives what deriving the table gives, and derives again whenever an input changes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from saidwhat import tablecache
from saidwhat.extraction.speakers import gazetteer, gender
from saidwhat.tablecache import cached_table


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv(tablecache.CACHE_ENV, str(directory))
    return directory


def _counting(value: frozenset[str], calls: list[int]):
    def build() -> frozenset[str]:
        calls.append(1)
        return value

    return build


def test_tablecache_derives_once_then_reads(cache: Path, tmp_path: Path) -> None:
    source = tmp_path / "words.txt"
    source.write_text("a b", encoding="utf-8")
    calls: list[int] = []
    build = _counting(frozenset({"a", "b"}), calls)
    first = cached_table("words", build, kind=frozenset, sources=[source])
    second = cached_table("words", build, kind=frozenset, sources=[source])
    assert first == second == frozenset({"a", "b"})
    assert calls == [1]
    assert len(list(cache.glob("words-*.marshal"))) == 1


@pytest.mark.parametrize("change", ["source", "settings"])
def test_tablecache_derives_again_when_an_input_changes(cache: Path, tmp_path: Path, change: str) -> None:
    source = tmp_path / "words.txt"
    source.write_text("a", encoding="utf-8")
    calls: list[int] = []
    cached_table("words", _counting(frozenset({"a"}), calls), kind=frozenset, sources=[source], settings=1)
    settings = 1
    if change == "source":
        source.write_text("a c", encoding="utf-8")
        os.utime(source, ns=(1, 1))  # a different size and time, as an edit gives
    else:
        settings = 2
    again = cached_table(
        "words", _counting(frozenset({"a", "c"}), calls), kind=frozenset, sources=[source], settings=settings
    )
    assert again == frozenset({"a", "c"})
    assert calls == [1, 1]


def test_tablecache_a_damaged_file_is_derived_again(cache: Path, tmp_path: Path) -> None:
    calls: list[int] = []
    build = _counting(frozenset({"x"}), calls)
    cached_table("words", build, kind=frozenset, sources=[])
    for path in cache.glob("words-*.marshal"):
        path.write_bytes(b"\x00not marshal")
    assert cached_table("words", build, kind=frozenset, sources=[]) == frozenset({"x"})
    assert calls == [1, 1]


def test_tablecache_off_and_unwritable_still_answer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    build = _counting(frozenset({"y"}), calls)
    monkeypatch.setenv(tablecache.CACHE_ENV, "off")
    assert cached_table("words", build, kind=frozenset, sources=[]) == frozenset({"y"})
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(tablecache.CACHE_ENV, str(blocker / "cache"))  # cannot be created
    assert cached_table("words", build, kind=frozenset, sources=[]) == frozenset({"y"})
    assert calls == [1, 1]


def test_tablecache_real_tables_match_what_is_derived(cache: Path) -> None:
    """The cached first-name and city tables are exactly the derived ones, written and read back."""
    derived_names, derived_cities = gender._load(), gazetteer._derive_cities()
    derived_particles = gazetteer._derive_particles()
    for _ in range(2):  # the first call writes the cache, the second reads it
        assert gender._cached_load() == derived_names
        assert gazetteer._cities() == derived_cities
        gazetteer.name_particles.cache_clear()
        assert gazetteer.name_particles() == derived_particles
    assert {p.name.split("-")[0] for p in cache.glob("*.marshal")} == {"first", "cities", "particles"}
