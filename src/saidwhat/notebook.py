"""An Extraction as HTML for Jupyter (``Extraction._repr_html_``) and for saving (``saidwhat.render``).

It is the web app's article page: the same view (``web.views``), speaker colours (``web.colours``)
and template macros (``_article.html``, autoescaped), so article text can never become markup.
The styles are the article page's own rules from ``web/static/style.css``, scoped to the output's
``div.saidwhat`` so that they leave the rest of the notebook alone; there is no script and nothing to
fetch, and hovering a quote shows who said it (CSS only).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import replace
from functools import lru_cache

from markupsafe import Markup

from saidwhat.model import Extraction
from saidwhat.web.templating import STATIC, make_environment
from saidwhat.web.views import ArticleView, from_extraction

SCOPE = ".saidwhat"
# The part of the web stylesheet that draws an article page: from the speaker colours to the lists.
_FIRST, _LAST = "/* speaker colours", "/* search results"
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_OWN = f"""
{SCOPE} {{ color: var(--ink); font-family: var(--sans); }}
{SCOPE} .reader {{ padding: 1rem 1.25rem; }}
{SCOPE} .article-text {{ font-size: 1rem; }}
{SCOPE} .sw-title {{ margin: 0 0 .3rem; font-size: 1.2rem; }}
@media (max-width: 800px) {{ {SCOPE} .article-layout {{ grid-template-columns: 1fr; }} }}
"""


def _scoped(rules: str, root_as_scope: bool = False) -> str:
    """CSS rules with every selector put inside ``div.saidwhat`` (``:root`` becomes the div itself)."""
    out = []
    for selectors, body in _RULE.findall(_COMMENT.sub("", rules)):
        names = [s.strip() for s in selectors.split(",") if s.strip()]
        scoped = [SCOPE if (root_as_scope and n == ":root") else f"{SCOPE} {n}" for n in names]
        out.append(f"{', '.join(scoped)} {{ {' '.join(body.split())} }}")
    return "\n".join(out)


@lru_cache(maxsize=1)
def stylesheet() -> str:
    """The notebook's styles: the web app's variables and article-page rules, scoped."""
    css = (STATIC / "style.css").read_text(encoding="utf-8")
    root = css[css.index(":root") : css.index("}", css.index(":root")) + 1]
    article = css[css.index(_FIRST) : css.index(_LAST)]
    return "\n".join([_scoped(root, root_as_scope=True), _scoped(article), _OWN.strip()])


def _view(extraction: Extraction, uid: str) -> ArticleView:
    """The web app's view of the extraction, with anchors unique to this output (a notebook shows
    several extractions on one page, and the side list links to its own quotes)."""
    article = extraction.article
    view = from_extraction(extraction, article.text, title=article.title)
    quotes = [replace(q, anchor=f"{uid}-q{q.index}") for q in view.quotes]
    meta = {"date": article.date, "source": article.source, "byline": article.byline}
    return ArticleView(text=view.text, quotes=quotes, title=article.title, meta=meta)


def _uid(extraction: Extraction) -> str:
    """An id for the output's anchors that differs between extractions and stays the same for one:
    the same extraction always renders to the same HTML."""
    content = json.dumps(
        [extraction.article.id, extraction.article.text, extraction.to_dict()], sort_keys=True
    )
    return "sw-" + hashlib.sha256(content.encode("utf-8", "surrogatepass")).hexdigest()[:10]


def render(extraction: Extraction) -> str:
    """Self-contained HTML of one extraction: the text with each quote highlighted in its speaker's
    colour and the list of who said what beside it. Save it as a file or show it in a notebook."""
    uid = _uid(extraction)
    template = make_environment().get_template("notebook.html")
    return template.render(
        view=_view(extraction, uid), uid=uid, css=Markup(stylesheet()), article_id=extraction.article.id
    )


def summary(extraction: Extraction) -> str:
    """The short plain repr: which article, how many quotes and speakers."""
    quotes, speakers = len(extraction.quotes), len(extraction.speakers)
    return f"Extraction(id={extraction.article.id!r}, quotes={quotes}, speakers={speakers})"
