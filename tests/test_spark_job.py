"""saidwhat spark in local mode: the same quotes as the in-process Extractor, failures as rows.

One SparkSession (local[2]) for the module; each input format is run once and shared by the tests.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from pyspark.sql import Row
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from saidwhat import Article, Extraction, Extractor, Failure
from saidwhat.cli import app
from saidwhat.errors import OutputExistsError
from saidwhat.formats import FieldMap, InputFormat
from saidwhat.identity import identity_key, resolve_keys
from saidwhat.ingest.options import IngestOptions
from saidwhat.ingest.reading import read_inputs
from saidwhat.ingest.spark_parquet import read_extractions, read_failures
from saidwhat.pipeline import Settings
from saidwhat.spark import SparkJob, run_job, spark_session
from saidwhat.spark.job import EXTRACTED, extract_chunks, extract_results
from saidwhat.spark.partition import extract_partition
from saidwhat.spark.schema import INPUT_SCHEMA

pytestmark = pytest.mark.spark

ARTICLES: dict[str, str] = {
    "bridge": (
        "Mayor Jane Holloway opened the bridge on Monday.\n\n"
        '"This bridge joins two towns," Holloway said. "It took ten years."'
    ),
    "budget": (
        "Jane Holloway, the mayor, defended the budget. She said the town could afford it.\n\n"
        '"We will not raise taxes," said Holloway.'
    ),
    "council": 'Mayor Holloway told reporters that the council would vote in May. "We are ready," she said.',
    "smiths": (
        "John Smith said the factory would close. Jane Smith said it would not.\n\n"
        '"Nothing is decided," Smith said.'
    ),
    "agency": 'The Environment Agency said the river was safe. "Levels are normal," a spokeswoman said.',
    "quiet": "The market opened at nine and closed at five. Nobody was there.",
}
BAD_LINES = [
    b'{"id": "broken", "text": "no closing brace"\n',
    b'{"id": "notext", "title": "A headline only"}\n',
    b'{"id": "blank", "text": "   "}\n',
    b'{"id": "nul", "text": "a\\u0000b"}\n',
    b'{"id": "latin", "text": "caf\xe9 au lait \xff"}\n',
]


def _quote_view(extraction: Extraction) -> list[tuple]:
    """What must match: spans, type, speaker name and cue of every quote."""
    return [
        (
            [s.to_list() for s in q.spans],
            q.type,
            q.speaker.name if q.speaker else None,
            q.cue.text if q.cue else None,
        )
        for q in extraction.quotes
    ]


def _dataset(root: Path, name: str) -> list[dict]:
    return ds.dataset(root / name, format="parquet").to_table().to_pylist()


@pytest.fixture(scope="module")
def spark():
    session = spark_session("local[2]", {"spark.sql.shuffle.partitions": "2"})
    yield session
    session.stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    with (root / "news.jsonl").open("wb") as handle:
        for article_id, text in ARTICLES.items():
            handle.write(
                json.dumps({"id": article_id, "text": text, "title": article_id.title()}).encode() + b"\n"
            )
        handle.writelines(BAD_LINES)
    return root


@pytest.fixture(scope="module")
def jsonl_out(spark, corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("jsonl-out")
    run_job(
        spark, SparkJob(inputs=(str(corpus / "news.jsonl"),), output=str(out), partitions=2, overwrite=True)
    )
    return out


@pytest.fixture(scope="module")
def default_extractor() -> Extractor:
    """``saidwhat spark``'s own settings (the statements guideline), which ``extract`` has too."""
    return Extractor()


@pytest.fixture(scope="module")
def expected(default_extractor: Extractor) -> dict[str, Extraction]:
    results = default_extractor.pipe(Article(id=k, text=v, title=k.title()) for k, v in ARTICLES.items())
    return {r.article.id: r for r in results if isinstance(r, Extraction)}


def test_spark_quotes_equal_extractor_output(jsonl_out, expected):
    rows = _dataset(jsonl_out, "quotes")
    got: dict[str, list[tuple]] = {}
    for row in sorted(rows, key=lambda r: (r["article_id"], r["index"])):
        got.setdefault(row["article_id"], []).append(
            ([[s["start"], s["end"]] for s in row["spans"]], row["type"], row["speaker_name"], row["cue"])
        )
    want = {k: _quote_view(e) for k, e in expected.items() if e.quotes}
    assert want, "the hand-written corpus should yield quotes"
    assert got == want


def test_spark_round_trip_rebuilds_the_same_extractions(jsonl_out, expected):
    rebuilt = list(read_extractions(str(jsonl_out)))
    assert [e.article.id for e in rebuilt] == sorted([*expected, "latin"])  # latin-1, read as ingest does
    for extraction in (e for e in rebuilt if e.article.id in expected):
        want = expected[extraction.article.id]
        assert (extraction.quotes, extraction.speakers) == (want.quotes, want.speakers)
        assert (extraction.article.text, extraction.article.title) == (want.article.text, want.article.title)
        assert extraction.article.source is None  # records name none, and a file path is never a source


@pytest.mark.parametrize(
    ("article_id", "stage", "reason"),
    [
        ("notext", "read", "no text in field 'text'"),  # ingest's rule and words (ingest.records)
        ("blank", "read", "no text in field 'text'"),
        ("nul", "input", "NUL"),
    ],
)
def test_spark_bad_record_becomes_failure_row(jsonl_out, article_id, stage, reason):
    failures = {f["article_id"]: f for f in _dataset(jsonl_out, "failures")}
    assert failures[article_id]["stage"] == stage
    assert reason in failures[article_id]["reason"]


def test_spark_malformed_and_non_utf8_lines_become_failures(jsonl_out):
    failures = [f for f in read_failures(str(jsonl_out)) if f.reason.startswith("malformed JSON")]
    assert len(failures) == 1  # the unclosed object; the latin-1 line is read as cp1252, as ingest reads it
    assert all(isinstance(f, Failure) and f.article_id.startswith("news.jsonl:") for f in failures)
    assert {a["article_id"] for a in _dataset(jsonl_out, "articles")} == {*ARTICLES, "latin"}


def _expected_speakers(expected: dict[str, Extraction]) -> dict[str, set[str]]:
    """Canonical speaker -> its articles, by the identity rule applied in plain Python."""
    found = [
        (e.article.id, identity_key(s.name, s.kind, article_id=e.article.id), s.kind)
        for e in expected.values()
        for s in e.speakers
    ]
    mapping = resolve_keys(key for _, key, _ in found)
    merged: dict[str, set[str]] = {}
    for article_id, key, kind in found:
        merged.setdefault(key if kind == "organisation" else mapping[key], set()).add(article_id)
    return merged


def test_spark_speakers_merge_by_identity_rule(jsonl_out, expected):
    speakers = {s["speaker_id"]: s["article_count"] for s in _dataset(jsonl_out, "speakers")}
    want = {key: len(articles) for key, articles in _expected_speakers(expected).items()}
    assert speakers == want
    assert max(want.values()) > 1, "the corpus should name one person in several articles"


def test_spark_merge_speakers_aggregation(spark):
    from saidwhat.spark.corpus_speakers import merge_speakers, partial_key_map, with_speaker_id

    def row(article, name, kind, key, quotes=1, aliases=(), titles=()):
        last = key.rsplit(" ", 1)[-1]
        partial = len(key.split()) == 1
        return (article, name, kind, list(aliases), list(titles), key, last, partial, quotes)

    rows = [
        row("a1", "Jane Holloway", "person", "jane holloway", 2, ["Holloway"], ["Mayor"]),
        row("a2", "Mayor Jane Holloway", "unknown", "jane holloway", 1, [], ["mayor"]),
        row("a3", "Holloway", "person", "holloway", 3),
        row("a4", "Smith", "person", "smith"),
        row("a4", "John Smith", "person", "john smith"),
        row("a5", "Jane Smith", "person", "jane smith"),
        row("a6", "Ford", "organisation", "ford"),
        row("a7", "Henry Ford", "person", "henry ford"),
    ]
    columns = ["article_id", "name", "kind", "aliases", "titles", "identity_key", "surname", "partial"]
    columns.append("quote_count")
    df = spark.createDataFrame(rows, columns)
    resolved = with_speaker_id(df, partial_key_map(df))
    merged = {r["speaker_id"]: r.asDict() for r in merge_speakers(resolved).collect()}
    assert sorted(merged) == ["ford", "henry ford", "jane holloway", "jane smith", "john smith", "smith"]
    jane = merged["jane holloway"]
    assert (jane["name"], jane["kind"], jane["article_count"], jane["quote_count"]) == (
        "Mayor Jane Holloway",
        "person",
        3,
        6,
    )
    assert jane["aliases"] == ["Holloway", "Jane Holloway"]
    assert jane["titles"] == ["Mayor", "mayor"]
    assert merged["ford"]["kind"] == "organisation"  # a partial labelled an organisation never attaches


def test_spark_speaker_ids_follow_resolve_keys(jsonl_out):
    rows = _dataset(jsonl_out, "article_speakers")
    mapping = resolve_keys(r["identity_key"] for r in rows)
    attachable = [r for r in rows if r["kind"] != "organisation"]
    assert attachable, "the corpus should name people"
    assert {r["identity_key"]: r["speaker_id"] for r in attachable} == {
        r["identity_key"]: mapping[r["identity_key"]] for r in attachable
    }


def test_spark_text_files_match_saidwhat_extract(spark, tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    for article_id in ("bridge", "smiths"):
        (texts / f"{article_id}.txt").write_text(ARTICLES[article_id], encoding="utf-8")
    (texts / "cp1252.txt").write_bytes('"It is cheap," said Ana Ruiz of the caf\xe9.'.encode("cp1252"))
    (texts / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    out = tmp_path / "out"
    run_job(spark, SparkJob(inputs=(str(texts),), output=str(out)))
    files = sorted(str(p) for p in texts.glob("*.txt") if p.name != "image.txt")
    result = CliRunner().invoke(app, ["extract", *files])
    assert result.exit_code == 0, result.output
    cli = {d["id"]: d for d in map(json.loads, result.stdout.splitlines())}
    spark_side = {e.article.id: e for e in read_extractions(str(out))}
    assert {k: e.to_dict()["quotes"] for k, e in spark_side.items()} == {
        k: d["quotes"] for k, d in cli.items()
    }
    # ids, titles and sources as saidwhat ingest reads the same directory (formats.file_id, headline)
    ingested = [a for a in read_inputs([str(texts)], IngestOptions()) if isinstance(a, Article)]
    assert {k: (e.article.text, e.article.title, e.article.source) for k, e in spark_side.items()} == {
        a.id: (a.text, a.title, a.source) for a in ingested
    }
    assert [(f.article_id, f.stage) for f in read_failures(str(out))] == [("image", "read")]


def test_spark_parquet_input_with_other_field_names(spark, tmp_path, expected):
    source = tmp_path / "in.parquet"
    ids = list(ARTICLES)
    table = pa.table({"key": list(range(len(ids))), "body": [ARTICLES[i] for i in ids], "title": ids})
    pq.write_table(table, source)
    out = tmp_path / "out"
    job = SparkJob(inputs=(str(source),), output=str(out), fields=FieldMap(text="body", id="key"))
    run_job(spark, job)
    rebuilt = {e.article.id: e for e in read_extractions(str(out))}
    assert {k: _quote_view(e) for k, e in rebuilt.items()} == {
        str(n): _quote_view(expected[i]) for n, i in enumerate(ids)
    }


def _warc(path: Path, pages: list[tuple[str, str, bytes]]) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for url, content_type, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            )


def test_spark_warc_html_responses_only(spark, tmp_path, default_extractor):
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLES["bridge"].split("\n\n"))
    filler = "".join(
        f"<p>The bridge is the {n}th crossing built on the river since the war.</p>" for n in range(4, 9)
    )
    html = f"<html><head><title>Bridge</title></head><body><article><h1>Bridge opens</h1>{paragraphs}{filler}</article></body></html>"
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    _warc(
        crawl / "a.warc.gz",
        [
            ("https://news.example/bridge", "text/html; charset=utf-8", html.encode()),
            ("https://news.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n"),
        ],
    )
    (crawl / "broken.warc").write_bytes(b"<html>a page, not a crawl</html>")
    out = tmp_path / "out"
    run_job(spark, SparkJob(inputs=(str(crawl),), output=str(out), input_format=InputFormat.warc))
    rebuilt = list(read_extractions(str(out)))
    assert [e.article.id for e in rebuilt] == ["https://news.example/bridge"]
    article = rebuilt[0].article
    assert "This bridge joins two towns" in article.text
    assert _quote_view(rebuilt[0]) == _quote_view(default_extractor.extract(article))
    assert [f.stage for f in read_failures(str(out))] == ["read"]


def test_spark_cli_writes_datasets_and_refuses_to_overwrite(spark, corpus, tmp_path):
    out = tmp_path / "out"
    args = ["spark", str(corpus / "news.jsonl"), "--output", str(out), "--master", "local[2]"]
    first = CliRunner().invoke(app, args)
    assert first.exit_code == 0, first.output
    assert f"{len(ARTICLES) + 1} articles" in first.stdout and "4 failures" in first.stdout
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["articles", "quotes", "article_speakers", "speakers", "failures", "families"]
    )
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 2 and "pass --overwrite" in again.stderr
    assert CliRunner().invoke(app, [*args, "--overwrite"]).exit_code == 0


def _store_quotes(db: Path) -> list[tuple]:
    """Every stored quote with its canonical speaker key, in article and quote order."""
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT a.ext_id, q.seq, q.start_char, q.end_char, q.spans, q.type, q.text, q.cue, c.key"
            " FROM quotes q JOIN articles a ON a.id = q.article_id"
            " LEFT JOIN speakers s ON s.id = q.speaker_id"
            " LEFT JOIN speakers c ON c.id = coalesce(s.canonical_id, s.id)"
            " ORDER BY a.ext_id, q.seq"
        ).fetchall()


def test_spark_output_ingests_like_the_corpus_itself(jsonl_out, corpus, tmp_path):
    via_spark, direct = tmp_path / "spark.db", tmp_path / "direct.db"
    runner = CliRunner()
    loaded = runner.invoke(app, ["ingest", "--format", "parquet", str(jsonl_out), "--db", str(via_spark)])
    assert loaded.exit_code == 0, loaded.output
    assert runner.invoke(app, ["ingest", str(corpus / "news.jsonl"), "--db", str(direct)]).exit_code == 0
    stored = _store_quotes(via_spark)
    assert stored and stored == _store_quotes(direct)
    # the Spark speakers dataset and the store agree on who is who
    spark_ids = {(q["article_id"], q["index"]): q["speaker_id"] for q in _dataset(jsonl_out, "quotes")}
    assert {(row[0], row[1]): row[8] for row in stored} == spark_ids
    with sqlite3.connect(via_spark) as conn:
        failed = {row[0] for row in conn.execute("SELECT article_ext_id FROM failures")}
    assert {"notext", "blank", "nul"} <= failed


def test_spark_resumes_a_killed_run_without_redoing_or_doubling(spark, corpus, jsonl_out, tmp_path):
    """A run stopped after committing some parts of its input: the restart keeps those parts as they
    are (one is marked here by a row taken out of it), redoes the part in flight, doubles nothing."""
    out = tmp_path / "out"
    job = SparkJob(inputs=(str(corpus / "news.jsonl"),), output=str(out), chunks=3)
    extract_chunks(spark, job, str(out)).count()  # the parts are committed; the datasets never written
    parts = out / EXTRACTED / "of-3"
    # which part holds which article depends on the input's path (part of each row's hash): mark the
    # first part that holds an article, and take the next one for the part in flight
    tables = [pq.read_table(parts / f"part-{n}") for n in range(3)]
    kept = next(
        n for n, t in enumerate(tables) if any(a in ARTICLES for a in t.column("article_id").to_pylist())
    )
    committed, flight = tables[kept], parts / f"part-{(kept + 1) % 3}"
    dropped = next(a for a in committed.column("article_id").to_pylist() if a in ARTICLES)
    for file in (parts / f"part-{kept}").glob("*.parquet"):
        file.unlink()
    pq.write_table(
        committed.filter(pc.field("article_id") != dropped), parts / f"part-{kept}" / "kept.parquet"
    )
    shutil.rmtree(flight)  # the part in flight when the run was killed: half written
    flight.mkdir()
    (flight / "part-00000-half.parquet").write_bytes(b"PAR1 cut short")

    with pytest.raises(OutputExistsError, match="same --chunks"):
        run_job(spark, SparkJob(inputs=job.inputs, output=job.output, chunks=2))
    run_job(spark, job)
    assert not (out / EXTRACTED).exists()
    ids = [a["article_id"] for a in _dataset(out, "articles")]
    everything = {a["article_id"] for a in _dataset(jsonl_out, "articles")}
    assert sorted(ids) == sorted(everything - {dropped})  # the kept part was not redone; no row twice

    def view(root: Path) -> list[tuple]:
        return sorted(
            (q["article_id"], q["index"], q["text"], q["type"], q["speaker_name"])
            for q in _dataset(root, "quotes")
            if q["article_id"] != dropped
        )

    assert view(out) == view(jsonl_out)
    assert len(_dataset(out, "failures")) == len(_dataset(jsonl_out, "failures"))


def test_spark_partition_holds_one_batch_at_a_time(default_extractor):
    """A Python worker reads its partition as a stream: before the first row comes out it has taken
    one batch of articles from the input (``batch_size``), not the partition, whatever its size."""
    settings = Settings(batch_size=4)
    taken = []

    def partition():
        for n in range(40):
            taken.append(n)
            values = dict.fromkeys(INPUT_SCHEMA.fieldNames()) | {"container": "record", "path": "p.jsonl"}
            yield Row(**values | {"id": f"a{n:02d}", "text": ARTICLES["bridge"]})

    out = extract_partition(settings, partition())
    first = next(out)
    assert first[0] == "a00" and len(taken) == settings.batch_size
    assert len(list(out)) == 39 and len(taken) == 40


def test_spark_time_budget_makes_slow_articles_failures(spark, corpus, tmp_path):
    """``--time-budget`` reaches the executors: an article over it is a failure row, and the job goes
    on (a budget no article can meet, so every article is over it)."""
    job = SparkJob(
        inputs=(str(corpus / "news.jsonl"),), output=str(tmp_path), settings=Settings(time_budget=1e-9)
    )
    rows = {r["article_id"]: r for r in extract_results(spark, job).collect()}
    assert set(ARTICLES) <= set(rows)
    for article_id in ARTICLES:
        assert rows[article_id]["failure_reason"].startswith("took too long"), rows[article_id]
    assert rows["notext"]["failure_stage"] == "read"  # bad records still say why, as without a budget


def test_spark_resumes_after_a_real_kill(corpus, jsonl_out, tmp_path):
    """``saidwhat spark --chunks`` killed (SIGKILL to its process group: driver, JVM, Python workers)
    once a part holding an article is committed; that part is marked by a row taken out of it, and
    the same command started again finishes without redoing it or doubling any row."""
    out = tmp_path / "out"
    command = [str(Path(sys.executable).parent / "saidwhat"), "spark", str(corpus / "news.jsonl")]
    command += ["--output", str(out), "--master", "local[1]", "--chunks", "6"]
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent / "src"))
    parts = out / EXTRACTED / "of-6"
    run = subprocess.Popen(command, env=env, start_new_session=True, stderr=subprocess.PIPE)
    try:
        marked = None
        while marked is None and run.poll() is None:
            for done in sorted(parts.glob("part-*/_SUCCESS")):
                ids = pq.read_table(done.parent).column("article_id").to_pylist()
                if any(a in ARTICLES for a in ids):
                    marked = done.parent
                    break
            else:
                time.sleep(0.2)
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
        run.wait()
    assert marked is not None and run.returncode == -signal.SIGKILL, "the run ended before it was killed"
    assert not (out / "articles").exists()
    committed = pq.read_table(marked)
    dropped = next(a for a in committed.column("article_id").to_pylist() if a in ARTICLES)
    for file in marked.glob("*.parquet"):
        file.unlink()
    pq.write_table(committed.filter(pc.field("article_id") != dropped), marked / "kept.parquet")

    again = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert again.returncode == 0, again.stderr[-3000:]
    ids = [a["article_id"] for a in _dataset(out, "articles")]
    everything = {a["article_id"] for a in _dataset(jsonl_out, "articles")}
    assert sorted(ids) == sorted(everything - {dropped})  # the committed part was kept; no row twice
    assert len(_dataset(out, "failures")) == len(_dataset(jsonl_out, "failures"))
