"""Entry point for spark-submit (or ``python -m saidwhat.spark``), with ``saidwhat spark``'s arguments.

    spark-submit --master yarn "$(python -c 'import saidwhat.spark.__main__ as m; print(m.__file__)')" \
        s3a://bucket/crawl/*.warc.gz --output s3a://bucket/saidwhat/
"""

from __future__ import annotations

import typer

from saidwhat.cli.spark import spark_command


def spark_app() -> typer.Typer:
    """``saidwhat spark`` as an app of one command: spark-submit hands it the arguments after the file."""
    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    app.command()(spark_command)
    return app


def main() -> None:
    spark_app()()


if __name__ == "__main__":
    main()
