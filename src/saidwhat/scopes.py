"""The guidelines that decide which reports are quotes, named once for every command and library entry.

``statements`` (the Gender Gap Tracker's notion) is the default wherever a person reads the output: it
is "who said what". ``attributions`` (PolNeAR's notion: every attributed content, thoughts and findings
included) is for research. spaCy-free, so that ``--help`` and the store never load a model.
"""

from __future__ import annotations

from typing import Literal, get_args

Scope = Literal["statements", "attributions"]
SCOPES: tuple[Scope, ...] = get_args(Scope)  # spelled once, in the type
DEFAULT_SCOPE: Scope = "statements"


def check_scope(scope: str) -> None:
    """Raise a ValueError that lists the guidelines when ``scope`` is none of them."""
    if scope not in SCOPES:
        raise ValueError(f"bad scope {scope!r}: allowed are {', '.join(SCOPES)}")
