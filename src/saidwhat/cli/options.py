"""Options that several commands share, declared once so that their flags and help never drift apart."""

from __future__ import annotations

from typing import Annotated

import typer

NameGenderOption = Annotated[
    bool,
    typer.Option(
        "--name-gender/--no-name-gender",
        help="Speaker gender also from first-name statistics where the article gives no evidence.",
    ),
]
