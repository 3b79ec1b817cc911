"""Quote families: one definition (saidwhat.families), kept incrementally by the store's writer."""

from __future__ import annotations

from pathlib import Path

import pytest

from saidwhat import families as fam
from saidwhat.model import Article, Extraction, Quote, Span, Speaker
from saidwhat.store import Store
from saidwhat.store import families as sf
from saidwhat.store.writer import StoreWriter

WIRE = "We will not accept a deal that leaves our farmers worse off than they are today"
CURLY = "“We will NOT accept a deal that leaves our farmers worse off than they are today!”"
CHANGED = "We will never accept a deal that leaves our farmers worse off than they are today"
CUT = "a deal that leaves our farmers worse off than they are today"
OTHER = "The harbour will reopen on Monday once the divers have checked the hull of every ship"
# A long statement and three outlets' trims of it: its first sentence, its last and a middle part.
LONG = (
    "We were told the sea wall would be finished before the storms came back this winter. "
    "Every family on the waterfront planned around that promise and bought nothing for their cellars. "
    "Now the council tells us the money ran out in the spring and nobody thought to say so"
)
TRIMS = [
    "We were told the sea wall would be finished before the storms came back this winter",
    "Now the council tells us the money ran out in the spring and nobody thought to say so",
    "Every family on the waterfront planned around that promise",
]


def extraction(
    article_id: str, said: list[tuple[str, str, str]], *, date: str | None, source: str
) -> Extraction:
    """An article where each (speaker name, quote type, words) is one quote."""
    text, quotes, speakers = "", [], {}
    for name, qtype, words in said:
        start = len(text) + 1
        text += f'"{words}," they said. '
        sid = name.lower().replace(" ", "-")
        speakers.setdefault(sid, Speaker(sid, name, "person"))
        quotes.append(
            Quote(spans=(Span(start, start + len(words)),), text=words, type=qtype, speaker=speakers[sid])
        )
    article = Article(id=article_id, text=text, date=date, source=source, title=f"title {article_id}")
    return Extraction(article=article, quotes=tuple(quotes), speakers=tuple(speakers.values()))


CORPUS = [
    extraction(
        "a1",
        [("Jane Holloway", "direct", WIRE), ("Jane Holloway", "direct", OTHER)],
        date="2024-03-02",
        source="Wire",
    ),
    extraction("a2", [("Jane Holloway", "direct", CURLY)], date="2024-03-01", source="Daily"),
    extraction("a3", [("Holloway", "direct", CHANGED)], date="2024-03-01", source="Herald"),
    extraction("a4", [("Jane Holloway", "mixed", CUT)], date="2024-03-04", source="Daily"),
    extraction("a5", [("Tom Reyes", "indirect", WIRE)], date="2024-03-05", source="Post"),
    extraction("a6", [("Jane Holloway", "direct", "no comment")], date="2024-03-05", source="Post"),
]

TRIMMED = [
    extraction("t0", [("Ann Lee", "direct", LONG)], date="2024-05-01", source="Courier"),
    *(
        extraction(f"t{n}", [("Ann Lee", "direct", words)], date="2024-05-02", source=f"Outlet {n}")
        for n, words in enumerate(TRIMS, start=1)
    ),
]


@pytest.fixture
def store(tmp_path: Path) -> Path:
    db = tmp_path / "store.db"
    conn = Store(db).writer()
    writer = StoreWriter(conn)
    for item in CORPUS:
        writer.write(item)
    conn.close()
    return db


def test_normal_form_ignores_marks_case_and_punctuation() -> None:
    assert fam.normal_form(CURLY) == fam.normal_form(WIRE)
    assert fam.normal_form("Don’t “stop”, said — she") == "don't stop said she"


def test_same_statement_near_copies_and_cuts_but_not_other_words() -> None:
    wire = fam.normal_form(WIRE)
    assert fam.same_statement(wire, fam.normal_form(CHANGED))
    assert fam.same_statement(wire, fam.normal_form(CUT))
    assert not fam.same_statement(wire, fam.normal_form(OTHER))
    assert not fam.same_statement("no comment", "no comment at all")  # too short to trace
    assert fam.band_keys("no comment") == []
    assert len(fam.band_keys(wire)) == len(set(fam.band_keys(wire))) > 1


def test_marked_differences_shows_added_and_dropped_words() -> None:
    runs = fam.marked_differences(WIRE, CHANGED)
    assert [r for r in runs if r.op != "same"] == [fam.Run("not", "dropped"), fam.Run("never", "added")]
    assert "".join(r.text for r in runs if r.op != "dropped") == CHANGED
    assert all(r.op == "same" for r in fam.marked_differences(WIRE, CURLY.strip("“”!").replace("NOT", "not")))


def test_store_groups_copies_across_articles_with_first_report_and_credits(store: Path) -> None:
    conn = Store(store).reader()
    families, total = sf.list_families(conn)
    assert total == 1
    family = families[0]
    assert family.articles == 5 and family.quotes == 5
    assert family.first_date == "2024-03-01"
    assert sorted(m.article_ext_id for m in family.first_reports) == ["a2", "a3"]  # a tie
    assert [o.outlet for o in family.outlets][:2] in (["Daily", "Herald"], ["Herald", "Daily"])
    assert len(family.outlets) == 4
    credits = {c.name: c.articles for c in family.credits}
    assert credits == {"Jane Holloway": 4, "Tom Reyes": 1}  # "Holloway" is Jane Holloway
    assert family.conflict == "direct vs paraphrase"
    assert {v.text for v in family.variants} >= {CHANGED, CUT}
    assert family.text in (WIRE, CURLY)
    conflicts, n = sf.list_families(conn, conflicts=True)
    assert n == 1 and conflicts[0].id == family.id
    assert sf.list_families(conn, min_articles=6)[1] == 0
    assert sf.list_families(conn, speaker="Tom Reyes")[1] == 1
    assert sf.list_families(conn, speaker="Nobody Known")[1] == 0
    conn.close()


def test_family_links_and_singletons(store: Path) -> None:
    conn = Store(store).reader()
    rows = conn.execute("SELECT id, text FROM quotes ORDER BY id").fetchall()
    links = sf.family_links(conn, [r[0] for r in rows])
    texts = {r[0]: r[1] for r in rows}
    assert {texts[q] for q in links} == {WIRE, CURLY, CHANGED, CUT}
    assert {link.other_articles for link in links.values()} == {4}
    other = next(q for q, t in texts.items() if t == OTHER)
    alone = sf.get_family(conn, other)
    assert alone.quotes == 1 and alone.conflict is None
    conn.close()


def test_trace_finds_partial_and_reworded_quotes(store: Path) -> None:
    conn = Store(store).reader()
    for words in (
        "our farmers worse off",
        CHANGED.upper(),
        "We will not accept a deal that leaves our farmers poorer",
    ):
        found = sf.trace(conn, words)
        assert found and found[0].articles == 5, words
        assert found[0].matched
    assert [f.quotes for f in sf.trace(conn, "divers have checked the hull")] == [1]
    assert sf.trace(conn, "nothing like this was ever said") == []
    assert sf.trace(conn, "farmers") == []  # one word traces nothing
    conn.close()


def partition(conn) -> set[frozenset[str]]:
    rows = conn.execute(
        "SELECT f.family_id, q.text FROM quote_family f JOIN quotes q ON q.id = f.quote_id"
    ).fetchall()
    groups: dict[int, set[str]] = {}
    for family, text in rows:
        groups.setdefault(family, set()).add(fam.normal_form(text))
    return {frozenset(g) for g in groups.values()}


def test_incremental_families_equal_the_all_pairs_reference_in_any_order(tmp_path: Path) -> None:
    reference = {
        frozenset(g)
        for g in fam.group_normals(q.text and fam.normal_form(q.text) for e in CORPUS for q in e.quotes)
    }
    for name, order in (("forward", CORPUS), ("backward", CORPUS[::-1])):
        conn = Store(tmp_path / f"{name}.db").writer()
        writer = StoreWriter(conn)
        for item in order:
            writer.write(item)
        assert partition(conn) == reference
        conn.close()


def test_trimmed_quotes_join_the_long_one_by_containment_in_any_order(tmp_path: Path) -> None:
    normal = fam.normal_form(LONG)
    for trim in TRIMS:
        short = fam.normal_form(trim)
        assert fam.same_statement(normal, short)
        assert set(fam.probe_keys(short)) & set(fam.stored_keys(normal)), "found by the look-up"
        assert set(fam.probe_keys(normal)) & set(fam.stored_keys(short)), "in either order"
    for name, order in (("long-first", TRIMMED), ("long-last", TRIMMED[::-1])):
        conn = Store(tmp_path / f"{name}.db").writer()
        writer = StoreWriter(conn)
        for item in order:
            writer.write(item)
        assert partition(conn) == {frozenset(fam.normal_form(t) for t in [LONG, *TRIMS])}, name
        assert [tuple(r) for r in conn.execute("SELECT quotes, outlets FROM families")] == [(4, 4)]
        conn.close()


def test_containment_keys_are_bounded_and_skip_short_quotes() -> None:
    long = " ".join(f"w{n}" for n in range(1000))
    assert len(fam.stored_keys(long)) <= len(fam.band_keys(long)) + fam.MAX_WINDOWS + 2
    assert len(fam.probe_keys(long)) <= len(fam.band_keys(long)) + fam.MAX_WINDOWS + 2
    seven = "one two three four five six seven"
    assert fam.stored_keys(seven) == fam.probe_keys(seven) == fam.band_keys(seven)


def test_a_bridging_quote_merges_two_families(tmp_path: Path) -> None:
    left = "the council voted to close the old library on the main street"
    right = "to close the old library on the main street and sell the land to developers next year"
    bridge = "the council voted to close the old library on the main street and sell the land"
    assert not fam.same_statement(fam.normal_form(left), fam.normal_form(right))
    conn = Store(tmp_path / "s.db").writer()
    writer = StoreWriter(conn)
    writer.write(extraction("x1", [("A B", "direct", left)], date="2024-01-01", source="One"))
    writer.write(extraction("x2", [("A B", "direct", right)], date="2024-01-02", source="Two"))
    assert conn.execute("SELECT count(*) FROM families").fetchone()[0] == 0
    writer.write(extraction("x3", [("A B", "direct", bridge)], date="2024-01-03", source="Three"))
    rows = conn.execute("SELECT id, quotes, articles, outlets FROM families").fetchall()
    assert [tuple(r) for r in rows] == [(1, 3, 3, 3)]
    conn.close()


def test_quotes_stored_before_families_are_indexed_by_the_next_writer(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    conn = Store(db).writer()
    writer = StoreWriter(conn)
    for item in CORPUS:
        writer.write(item)
    expected = partition(conn)
    for table in ("quote_family", "family_buckets", "families"):  # as a store migrated to 005 looks
        conn.execute(f"DELETE FROM {table}")
    conn.execute("INSERT INTO family_backlog (quote_id) SELECT id FROM quotes")
    conn.close()
    conn = Store(db).writer()
    StoreWriter(conn)
    assert conn.execute("SELECT count(*) FROM family_backlog").fetchone()[0] == 0
    assert partition(conn) == expected
    assert conn.execute("SELECT quotes, articles FROM families").fetchall()[0][:] == (5, 5)
    conn.close()


def test_cli_trace_from_argument_file_and_stdin_and_families_list(store: Path, tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from saidwhat.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["trace", "our farmers worse off", "--db", str(store)])
    assert result.exit_code == 0, result.output
    assert "5 quotes in 5 articles, 4 outlets" in result.output
    assert "CONFLICT: direct vs paraphrase" in result.output
    assert "first reported 2024-03-01" in result.output
    assert "{+never+}" in result.output and "[-not-]" in result.output
    words = tmp_path / "words.txt"
    words.write_text(CHANGED, encoding="utf-8")
    from_file = runner.invoke(app, ["trace", "--file", str(words), "--db", str(store), "--json"])
    from_stdin = runner.invoke(app, ["trace", "--db", str(store), "--json"], input=CHANGED)
    assert from_file.exit_code == from_stdin.exit_code == 0
    assert json.loads(from_file.output) == json.loads(from_stdin.output)
    assert json.loads(from_file.output)[0]["articles"] == 5
    listed = runner.invoke(app, ["families", "--conflicts", "--db", str(store), "--json"])
    assert json.loads(listed.output)["total"] == 1
    assert (
        runner.invoke(app, ["families", "--min-articles", "6", "--db", str(store)]).output.strip()
        == "0 of 0 families"
    )
    by_speaker = runner.invoke(app, ["families", "--speaker", "Tom Reyes", "--db", str(store)])
    assert "Tom Reyes: 1 article (1 indirect)" in by_speaker.output


def test_web_family_pages_trace_box_conflicts_and_api(store: Path) -> None:
    from fastapi.testclient import TestClient

    from saidwhat.web import create_app

    client = TestClient(create_app(store))
    traced = client.get("/api/trace", params={"q": "our farmers worse off"})
    assert traced.status_code == 200
    family = traced.json()["items"][0]
    assert (
        family["articles"] == 5
        and family["outlet_count"] == 4
        and family["conflict"] == "direct vs paraphrase"
    )
    assert {c["name"] for c in family["credits"]} == {"Jane Holloway", "Tom Reyes"}
    assert client.get("/api/trace", params={"q": "x"}).json()["items"] == []
    listed = client.get("/api/families", params={"conflicts": "true"}).json()
    assert listed["total"] == 1 and listed["items"][0]["id"] == family["id"]
    assert client.get("/api/families", params={"min_articles": 6}).json()["total"] == 0
    one = client.get(f"/api/families/{family['id']}").json()
    assert len(one["members"]) == 5 and len(one["outlets"]) == 4
    assert client.get("/api/families/999999").status_code == 404

    page = client.get(f"/families/{family['id']}")
    assert page.status_code == 200
    assert "<ins>never</ins>" in page.text and "<del>not</del>" in page.text
    assert "Conflict (direct vs paraphrase)" in page.text and "Tom Reyes" in page.text
    box = client.get("/families", params={"q": "our farmers worse off"})
    assert "1 family match" in box.text and f'href="/families/{family["id"]}"' in box.text
    assert "1 conflict in two articles or more" in client.get("/families", params={"conflicts": "1"}).text
    search = client.get("/search", params={"q": "farmers"})
    assert "also in 4 articles (credited differently)" in search.text
    assert 'href="/families"' in client.get("/").text


def test_web_article_page_links_quotes_to_their_families(store: Path) -> None:
    from fastapi.testclient import TestClient

    from saidwhat.web import create_app

    client = TestClient(create_app(store))
    page = client.get("/articles/1")
    assert page.status_code == 200
    assert "Also reported elsewhere" in page.text and "also in 4 articles (credited differently)" in page.text
