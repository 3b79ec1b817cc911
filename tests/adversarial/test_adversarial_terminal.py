"""Terminal escapes in articles: the human output of every printing command drops them (no colour,
erase, cursor move or OSC 8 link comes from an article), and the JSON output keeps them exactly.

Runs the real commands through typer's runner over the hostile store; the stored names, titles and
quotes hold ESC sequences, an OSC 8 link, BEL, and 0x9b (an 8-bit CSI).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hostile_store import ESCAPES
from typer.testing import CliRunner

from saidwhat.cli import app
from saidwhat.display import printable

CONTROLS = ("\x1b", "\x07", "\x9b", "\r", "\x08")


@pytest.mark.parametrize(
    "args",
    [
        ["search", "fine"],
        ["quotes", "--speaker", "Ann Lee"],
        ["speakers", "--descriptions"],
        ["failures"],
        ["trace", "fine"],
    ],
)
def test_terminal_printed_output_has_no_control_characters(hostile_store: Path, args: list[str]):
    result = CliRunner().invoke(app, [*args, "--db", str(hostile_store)])
    assert result.exit_code == 0, result.output
    assert not [c for c in CONTROLS if c in result.output], repr(result.output[:400])


def test_terminal_markup_in_a_name_is_printed_not_obeyed():
    assert printable(f"a{ESCAPES}b") == "a[2J[31mred[0m ]8;;http://evil.testlink]8;; [1A[2K31mb"


def test_terminal_json_output_keeps_text_exact(hostile_store: Path):
    result = CliRunner().invoke(app, ["search", "fine", "--db", str(hostile_store), "--json"])
    assert result.exit_code == 0
    page = json.loads(result.output)
    assert any(ESCAPES in item["text"] for item in page["items"])


def test_terminal_extract_pretty_has_no_control_characters(tmp_path: Path):
    article = tmp_path / "a.txt"
    calm = "The council met on Monday to discuss the budget for the coming year. " * 3
    text = f'{calm}\n\n"We will \x1b[2Jwin \x1b]8;;http://evil.test\x07this\x1b]8;;\x07," said Ann Lee.\n'
    article.write_text(text, encoding="utf-8")
    pretty = CliRunner().invoke(app, ["extract", str(article), "--format", "pretty"])
    assert pretty.exit_code == 0, pretty.output
    assert "win" in pretty.output and "Ann Lee" in pretty.output
    assert not [c for c in CONTROLS if c in pretty.output], repr(pretty.output)
    exact = CliRunner().invoke(app, ["extract", str(article)])
    [quote] = json.loads(exact.output)["quotes"]
    assert "\x1b[2Jwin \x1b]8;;" in quote["text"]
