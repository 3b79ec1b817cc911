"""The ``saidwhat`` command: each group of subcommands lives in its own module and registers itself."""

from __future__ import annotations

import os

# Before spaCy loads numpy: the parse multiplies small matrices, where OpenBLAS's extra threads cost more
# CPU than they save (about 7% of an extract run here) and make worker processes contend for the cores.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import typer

from saidwhat.cli import (
    correct,
    diversity,
    evaluate,
    export,
    extract,
    ingest,
    search,
    serve,
    spark,
    speakers,
    stats,
    trace,
)

app = typer.Typer(
    name="saidwhat",
    help="Who said what in the news: find quotes, attribute them, store and explore them.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# The order of registration is the order of ``saidwhat --help`` (groups such as speakers come last).
for module in (
    extract,
    evaluate,
    ingest,
    search,
    stats,
    export,
    diversity,
    serve,
    spark,
    trace,
    speakers,
    correct,
):
    module.register(app)


def main() -> None:
    """Entry point of the ``saidwhat`` script; exit codes are those of ``saidwhat.cli.exits``."""
    from saidwhat.cli.exits import fail
    from saidwhat.errors import SaidwhatError

    try:
        app()
    except SaidwhatError as exc:  # one a command did not catch itself: the same code as those it did
        raise SystemExit(fail(exc).exit_code) from None
