"""Notebooks (issue 25): an Extraction shows itself as the web app's article page, self-contained and
escaped; its plain repr stays short; and the example notebook runs on the bundled corpus."""

from __future__ import annotations

import html
import re

import nbformat
import pytest
from nbclient import NotebookClient

import saidwhat
from saidwhat import Article, Extractor
from saidwhat.web.colours import assign
from sample_articles import HOSTILE, ROOT, WEB_ARTICLES

NOTEBOOK = ROOT / "examples" / "who-said-what.ipynb"


@pytest.fixture(scope="module")
def hostile(extractor: Extractor) -> saidwhat.Extraction:
    title = '<script>alert("title")</script> & <i>co</i>'
    return extractor.extract(Article(id='<b id="x">', text=HOSTILE, title=title, source="<Evening> Post"))


def test_notebook_html_escapes_hostile_text(hostile: saidwhat.Extraction):
    page = hostile._repr_html_()
    assert hostile.quotes, "the hostile article has quotes to highlight"
    for raw in ("<script", "<b ", "<b>", "<img", "<i>"):
        assert raw not in page
    assert "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert html.escape('<script>alert("title")</script> & <i>co</i>') in page.replace("&#34;", "&quot;")


def test_notebook_html_is_self_contained(hostile: saidwhat.Extraction):
    page = saidwhat.render(hostile)
    assert page == hostile._repr_html_()  # the same extraction always renders to the same HTML
    tags = re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>", page)
    assert {name for name, _ in tags} <= {
        "div",
        "style",
        "h2",
        "h3",
        "p",
        "span",
        "mark",
        "aside",
        "nav",
        "section",
        "ol",
        "li",
        "a",
        "details",  # Copy with citation: a box that opens without script
        "summary",
        "input",
    }
    links = [href for _, attrs in tags for href in re.findall(r'href="([^"]*)"', attrs)]
    assert links and all(href.startswith("#sw-") for href in links)  # only to its own quotes
    names_only = [re.sub(r'"[^"]*"', '""', attrs) for _, attrs in tags]  # escaped text in a value is text
    assert not [attrs for attrs in names_only if re.search(r"\b(src|style|on\w+)=", attrs)]
    style = page[page.index("<style>") : page.index("</style>")]
    assert "url(" not in style and "@import" not in style and ":root" not in style
    assert page.count("<style>") == 1 and ".saidwhat .sp-0" in style


def test_notebook_html_highlights_quotes_in_speaker_colours(extractor: Extractor):
    extraction = extractor.extract(WEB_ARTICLES[0])
    page = saidwhat.render(extraction)
    ordered = sorted(extraction.quotes, key=lambda q: q.start)
    colours = assign(q.speaker.id for q in ordered if q.speaker)
    for quote in extraction.quotes:
        assert quote.speaker is not None
        marks = re.findall(r'<mark class="q (sp-\w+)"[^>]*>([^<]*)</mark>', page)
        assert (f"sp-{colours[quote.speaker.id]}", html.escape(quote.text, quote=False)) in [
            (cls, text.replace("&#39;", "'")) for cls, text in marks
        ]
    assert "Who said what" in page and "Jane Holloway" in page and "Tom Baker" in page


def test_notebook_plain_repr_is_short(hostile: saidwhat.Extraction):
    text = repr(hostile)
    assert (
        text
        == f"Extraction(id={hostile.article.id!r}, quotes={len(hostile.quotes)}, speakers={len(hostile.speakers)})"
    )
    assert HOSTILE[:20] not in text


def test_notebook_example_is_stored_without_outputs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code and all(cell.outputs == [] and cell.execution_count is None for cell in code)


@pytest.mark.slow
def test_notebook_example_runs_on_the_bundled_corpus():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    )
    client.execute()
    outputs = [out for cell in notebook.cells if cell.cell_type == "code" for out in cell.outputs]
    assert not [out for out in outputs if out.output_type == "error"]
    shown = [out.get("data", {}) for out in outputs]
    assert any('class="saidwhat"' in data.get("text/html", "") for data in shown)  # an Extraction
    assert any(
        "<table" in data.get("text/html", "") and "speaker" in data.get("text/html", "") for data in shown
    )
