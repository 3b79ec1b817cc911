"""Exit codes of the ``saidwhat`` command: the same code for the same kind of outcome in every command.

code   meaning
0      done (ingest and spark record articles they could not process as failures, and still succeed)
1      extract: done, but some inputs could not be read or processed; each is named on stderr
2      nothing done: a usage error (bad option or argument, Click's own code) or any error of
       saidwhat's tree (``saidwhat.errors``: unreadable input, store, model, Java, existing output)
3      stopped: the store could not be written (disk full, quota, I/O error); every article committed
       before is kept and the store stays valid, so the same command resumes once there is space
128+N  stopped by signal N: 130 for Ctrl+C (SIGINT), 143 for SIGTERM; ingest commits what it has first;
       ``serve`` exits 0 on either, after a graceful shutdown, as stopping is how a server ends
"""

from __future__ import annotations

import typer

OK = 0
SOME_FAILED = 1
ERROR = 2
WRITE_FAILED = 3


def signalled(signum: int) -> int:
    """The shell's convention for a run stopped by a signal."""
    return 128 + signum


def code_for(exc: Exception) -> int:
    """The exit code of a command that stopped on ``exc``."""
    from saidwhat.errors import StoreWriteError

    return WRITE_FAILED if isinstance(exc, StoreWriteError) else ERROR


def fail(exc: Exception, *, prefix: str = "saidwhat") -> typer.Exit:
    """Report ``exc`` on stderr in one line; the Exit to raise for it."""
    typer.echo(f"{prefix}: {exc}", err=True)
    return typer.Exit(code=code_for(exc))
