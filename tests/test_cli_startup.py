"""The command line starts without spaCy, FastAPI or Spark: ``--help`` of every command loads none."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
HEAVY = ("spacy", "thinc", "numpy", "fastapi", "starlette", "uvicorn", "pyspark", "pyarrow", "datasketch")

PROBE = f"""
import json, sys
import saidwhat.cli
after_import = sorted({{m.split(".")[0] for m in sys.modules}} & set({HEAVY!r}))
import typer
from typer.testing import CliRunner
from saidwhat.cli import app
names = list(typer.main.get_command(app).commands)
runner = CliRunner()
codes = [runner.invoke(app, [*args, "--help"]).exit_code for args in ([], *([n] for n in names))]
after_help = sorted({{m.split(".")[0] for m in sys.modules}} & set({HEAVY!r}))
print(json.dumps({{"import": after_import, "help": after_help, "codes": codes, "names": names}}))
"""


def test_cli_help_loads_no_heavy_library():
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, env=env, timeout=120
    )
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["import"] == [], f"import saidwhat.cli loaded {seen['import']}"
    assert "extract" in seen["names"] and "serve" in seen["names"]
    assert set(seen["codes"]) == {0}
    assert seen["help"] == [], f"--help loaded {seen['help']}"
