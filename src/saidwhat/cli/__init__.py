"""The ``saidwhat`` command: each group of subcommands lives in its own module and registers itself."""

from __future__ import annotations

import os

# Before spaCy loads numpy: the parse multiplies small matrices, where OpenBLAS's extra threads cost more
# CPU than they save (about 7% of an extract run here) and make worker processes contend for the cores.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import typer

from saidwhat.cli import diversity, evaluate, extract, serve, spark, store, trace

app = typer.Typer(
    name="saidwhat",
    help="Who said what in the news: find quotes, attribute them, store and explore them.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for module in (extract, evaluate, store, diversity, serve, spark, trace):
    module.register(app)


def main() -> None:
    """Entry point of the ``saidwhat`` script; exit codes are those of ``saidwhat.cli.exits``."""
    from saidwhat.cli.exits import fail
    from saidwhat.errors import SaidwhatError

    try:
        app()
    except SaidwhatError as exc:  # one a command did not catch itself: the same code as those it did
        raise SystemExit(fail(exc).exit_code) from None
