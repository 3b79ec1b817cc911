"""Options that several commands share, declared once so that their flags and help never drift apart."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

NameGenderOption = Annotated[
    bool,
    typer.Option(
        "--name-gender/--no-name-gender",
        help="Speaker gender also from first-name statistics where the article gives no evidence.",
    ),
]


class ScopeChoice(StrEnum):
    """The guidelines ``saidwhat.extraction.scope`` knows (kept here so that ``--help`` loads no spaCy)."""

    attributions = "attributions"
    statements = "statements"


ScopeOption = Annotated[
    ScopeChoice,
    typer.Option(
        "--scope",
        help="Which reports are quotes: attributions (every attributed content, PolNeAR's notion) "
        "or statements (speech and writing that state something, GGT's notion).",
    ),
]
