"""docs/cli.md is generated from the commands' --help and must match them (docs that cannot rot)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_cli_reference_is_up_to_date():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "cli_reference.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_cli_reference_names_every_command_in_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    reference = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    commands = [
        line[len("## `saidwhat ") : -1] for line in reference.splitlines() if line.startswith("## `saidwhat ")
    ]
    assert commands, "no commands in docs/cli.md"
    for command in commands:
        assert f"saidwhat {command}" in readme, f"README does not mention `saidwhat {command}`"
