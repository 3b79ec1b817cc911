"""Options that several commands share, declared once so that their flags and help never drift apart."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from saidwhat.scopes import DEFAULT_SCOPE, SCOPES

NameGenderOption = Annotated[
    bool,
    typer.Option(
        "--name-gender/--no-name-gender",
        help="Speaker gender also from first-name statistics where the article gives no evidence.",
    ),
]


# The guidelines of ``saidwhat.scopes``, as the choices typer shows; ``DEFAULT_SCOPE`` is every command's
# default where a person reads the output (``eval`` picks the gold's own guideline instead).
ScopeChoice = StrEnum("ScopeChoice", [(scope, scope) for scope in SCOPES])  # type: ignore[misc]
DEFAULT_SCOPE_CHOICE = ScopeChoice(DEFAULT_SCOPE)

ScopeOption = Annotated[
    ScopeChoice,
    typer.Option(
        "--scope",
        help="Which reports are quotes: statements (speech and writing that state something, GGT's "
        "notion: who said what) or attributions (every attributed content, PolNeAR's notion).",
    ),
]
