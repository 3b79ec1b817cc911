"""``saidwhat extract``: plain-text articles in, the EVAL.md JSONL contract (or a readable view) out."""

from __future__ import annotations

import json
import re
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from saidwhat.article_text import decode_bytes
from saidwhat.cli.exits import SOME_FAILED
from saidwhat.cli.options import DEFAULT_SCOPE_CHOICE, NameGenderOption, ScopeOption
from saidwhat.cli.render import print_pretty
from saidwhat.errors import InputError
from saidwhat.model import Article, Extraction, Failure

_HTML = re.compile(r"\s*(<!doctype html|<html|<head|<body|<div|<p[\s>])", re.IGNORECASE)


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    pretty = "pretty"


def _read_articles(files: list[str], ids: list[str]) -> tuple[list[Article | Failure], set[str]]:
    """Articles (or why not) in input order, and the ids of those read from HTML pages."""
    sources = files or ["-"]
    items: list[Article | Failure] = []
    pages: set[str] = set()
    for n, name in enumerate(sources):
        article_id = ids[n] if n < len(ids) else ("stdin" if name == "-" else Path(name).stem)
        try:
            data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
            text = decode_bytes(data)
        except (OSError, InputError) as exc:
            items.append(Failure(article_id, "read", str(exc), source=name))
            continue
        if _HTML.match(text):
            # A page, not plain text: read its main text, as ingest does; the output then carries it.
            # Imported here: trafilatura and its lxml cost a second of start-up that text never needs.
            from saidwhat.ingest.files import html_article

            items.append(html_article(text, article_id=article_id, source=name))
            pages.add(article_id)
        else:
            items.append(Article(id=article_id, text=text, source=name))
    return items, pages


def extract_command(
    files: Annotated[
        list[str] | None, typer.Argument(help="Text or HTML files, one article each; - for stdin.")
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="jsonl or pretty.")
    ] = OutputFormat.jsonl,
    ids: Annotated[
        list[str] | None, typer.Option("--id", help="Article id, once per input (default: file stem).")
    ] = None,
    model: Annotated[
        str | None, typer.Option(help="spaCy pipeline to use (default: en_core_web_sm).")
    ] = None,
    keep_not_speech: Annotated[
        bool, typer.Option(help="Also output quoted strings that are not speech.")
    ] = False,
    name_gender: NameGenderOption = True,
    scope: ScopeOption = DEFAULT_SCOPE_CHOICE,
) -> None:
    """Find who said what in articles (plain text, or the main text of HTML pages)."""
    from saidwhat.pipeline import Extractor, Settings
    from saidwhat.scopes import as_scope

    extractor = Extractor(
        settings=Settings(
            model=model, keep_not_speech=keep_not_speech, name_gender=name_gender, scope=as_scope(scope.value)
        )
    )
    items, pages = _read_articles(files or [], ids or [])
    articles = [a for a in items if isinstance(a, Article)]
    results: dict[str, Extraction | Failure] = {}
    for item in items:
        if isinstance(item, Failure):
            results[item.article_id] = item
    for result in extractor.pipe(articles):
        results[result.article_id if isinstance(result, Failure) else result.article.id] = result
    failed = False
    for item in items:
        key = item.article_id if isinstance(item, Failure) else item.id
        result = results[key]
        if isinstance(result, Failure):
            failed = True
            typer.echo(f"saidwhat: {result.article_id}: {result.stage}: {result.reason}", err=True)
        elif output_format is OutputFormat.pretty:
            print_pretty(result)
        else:
            record = result.to_dict()
            if result.article.id in pages:
                record["text"] = result.article.text  # offsets point into the page's main text
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    if failed:
        raise typer.Exit(code=SOME_FAILED)


def register(app: typer.Typer) -> None:
    app.command("extract")(extract_command)
