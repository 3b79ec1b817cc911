"""``saidwhat eval``: score extraction against gold, exactly as ../shared/EVAL.md defines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from saidwhat.cli.options import NameGenderOption, ScopeChoice
from saidwhat.evaluate import evaluate
from saidwhat.model import Article, Failure


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


_ATTRIBUTIONS = ScopeChoice("attributions")


def gold_scope(pieces: bool, scope: ScopeChoice | None = None) -> ScopeChoice:
    """The guideline to extract under when scoring: the one asked for, else the gold's own. ``--pieces``
    says the gold follows the Gender Gap Tracker's guidelines (EVAL.md), which count statements only;
    PolNeAR, scored without it, counts every attribution."""
    if scope is not None:
        return scope
    return ScopeChoice("statements") if pieces else _ATTRIBUTIONS


def predict(
    gold_docs: list[dict[str, Any]],
    model: str | None,
    *,
    name_gender: bool = True,
    scope: ScopeChoice = _ATTRIBUTIONS,
) -> dict[str, dict[str, Any]]:
    """Run the extractor over the gold texts."""
    from saidwhat.pipeline import Extractor, Settings
    from saidwhat.scopes import as_scope

    extractor = Extractor(
        settings=Settings(model=model, name_gender=name_gender, scope=as_scope(scope.value))
    )
    articles = (Article(id=str(d["id"]), text=d["text"]) for d in gold_docs)
    predictions: dict[str, dict[str, Any]] = {}
    for result in extractor.pipe(articles):
        if isinstance(result, Failure):
            predictions[result.article_id] = {"id": result.article_id, "quotes": []}
        else:
            predictions[result.article.id] = result.to_dict()
    return predictions


def _table(report: dict[str, Any]) -> Table:
    table = Table(title=f"{report['documents']} documents")
    table.add_column("measure")
    labels = [k for k in report if k not in ("documents", "sources")]
    for label in labels:
        table.add_column(label, justify="right")
    rows = [
        ("quote F1", lambda r: r["quote"]["f1"]),
        ("quote P", lambda r: r["quote"]["precision"]),
        ("quote R", lambda r: r["quote"]["recall"]),
        ("exact F1", lambda r: r["exact"]["f1"]),
        ("who-said-what strict F1", lambda r: r["who_said_what_strict"]["f1"]),
        ("who-said-what lenient F1", lambda r: r["who_said_what_lenient"]["f1"]),
        ("speaker accuracy strict", lambda r: r["speaker_accuracy_strict"]),
        ("mention accuracy", lambda r: r["mention_accuracy"]),
        ("gold / predicted / matched", lambda r: f"{r['gold']} / {r['predicted']} / {r['matched']}"),
        ("not-speech output", lambda r: f"{r['not_speech']['output']} of {r['not_speech']['total']}"),
    ]
    for name, get in rows:
        table.add_row(name, *[str(get(report[label])) for label in labels])
    for key, row_name in (
        ("speaker_accuracy_by_mention", "{} mention"),
        ("speaker_accuracy_by_tag", "tag {}"),
    ):
        groups = sorted({group for label in labels for group in report[label].get(key, {})})
        for group in groups:
            cells = []
            for label in labels:
                entry = report[label].get(key, {}).get(group)
                cells.append(f"{entry['accuracy']} ({entry['matched']})" if entry else "-")
            table.add_row(f"  speaker right, {row_name.format(group)}", *cells)
    return table


def _sources_table(sources: dict[str, Any]) -> Table:
    table = Table(title=f"who was quoted ({sources['documents']} documents)")
    for column in ("sources", "P", "R", "F1"):
        table.add_column(column, justify="right" if column != "sources" else "left")
    for label in ("people", "female", "male"):
        row = sources[label]
        table.add_row(label, str(row["precision"]), str(row["recall"]), str(row["f1"]))
    share = sources["female_share"]
    table.add_row("female share", f"predicted {share['predicted']}", f"gold {share['gold']}", "")
    return table


def eval_command(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL (EVAL.md format).", exists=True, dir_okay=False)],
    pred: Annotated[Path | None, typer.Option(help="Predictions JSONL; default: run the extractor.")] = None,
    types: Annotated[
        str, typer.Option(help="Comma-separated quote types for the second score set.")
    ] = "direct,mixed",
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline to use.")] = None,
    out: Annotated[Path | None, typer.Option(help="Also write the predictions here (JSONL).")] = None,
    pieces: Annotated[
        bool, typer.Option("--pieces", help="Split multi-span predictions into pieces (GGT protocol).")
    ] = False,
    name_gender: NameGenderOption = True,
    scope: Annotated[
        ScopeChoice | None,
        typer.Option(
            "--scope",
            help="Which reports are quotes (see extract --scope); default: the gold's guideline, "
            "statements with --pieces (GGT), attributions without (PolNeAR).",
        ),
    ] = None,
) -> None:
    """Score who-said-what against gold annotations."""
    gold_docs = _read_jsonl(gold)
    if pred is not None:
        predictions = {str(d["id"]): d for d in _read_jsonl(pred)}
    else:
        predictions = predict(gold_docs, model, name_gender=name_gender, scope=gold_scope(pieces, scope))
    if out is not None:
        with out.open("w", encoding="utf-8") as handle:
            for doc in gold_docs:
                handle.write(
                    json.dumps(predictions.get(str(doc["id"]), {"id": doc["id"], "quotes": []})) + "\n"
                )
    wanted = [t.strip() for t in types.split(",") if t.strip()]
    report = evaluate(gold_docs, predictions, wanted, pieces=pieces)
    if as_json:
        typer.echo(json.dumps(report, indent=2))
    else:
        console = Console()
        console.print(_table(report))
        if "sources" in report:
            console.print(_sources_table(report["sources"]))


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_command)
