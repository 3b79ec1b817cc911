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


# What extracting plain text needs is spaCy and the extractor; the store, the web app, Spark, quote
# families (datasketch and its scipy) and HTML reading (trafilatura) belong to other commands.
NOT_FOR_TEXT = ("fastapi", "starlette", "uvicorn", "pyspark", "pyarrow", "datasketch", "scipy", "trafilatura")

EXTRACT_PROBE = f"""
import json, sys
from typer.testing import CliRunner
from saidwhat.cli import app
result = CliRunner().invoke(app, ["extract", sys.argv[1]])
loaded = sorted({{m.split(".")[0] for m in sys.modules}} & set({NOT_FOR_TEXT!r}))
print(json.dumps({{"code": result.exit_code, "output": result.output, "loaded": loaded}}))
"""


def test_cli_extract_of_text_loads_only_what_it_needs(tmp_path: Path) -> None:
    article = tmp_path / "one-line.txt"
    article.write_text("“We will open the bridge in May,” said Mayor Ana Lopez.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    result = subprocess.run(
        [sys.executable, "-c", EXTRACT_PROBE, str(article)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        timeout=300,
    )
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["code"] == 0
    assert '"name": "Ana Lopez"' in seen["output"]
    assert seen["loaded"] == [], f"extract of a text file loaded {seen['loaded']}"


# The writer of `ingest --workers N` forks its workers before it would load spaCy, and never loads it
# itself: its memory is the store's, not a model's (ingest/workers.py).
WRITER_PROBE = """
import json, sys
import saidwhat.ingest.runner, saidwhat.ingest.reading, saidwhat.cli.ingest
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules} & {"spacy", "thinc", "trafilatura"})))
"""


def test_ingest_writer_imports_no_spacy() -> None:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    result = subprocess.run(
        [sys.executable, "-c", WRITER_PROBE], capture_output=True, text=True, check=True, env=env, timeout=120
    )
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []
