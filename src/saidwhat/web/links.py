"""Which stored URLs may become links: ``http`` and ``https`` only.

An article's ``url`` comes from its input, so it may be ``javascript:``, ``vbscript:`` or ``data:``
in any case and with tabs or newlines inside, which browsers drop before they read the scheme
(WHATWG URL: leading and trailing C0 controls and spaces are stripped, tabs and newlines removed).
The URL is read the way a browser reads it, and only a web address with a host is linked; the
Content-Security-Policy is a second line, not the only one.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_EDGES = "".join(chr(c) for c in range(0x21))  # C0 controls and space
_INSIDE = re.compile(r"[\t\n\r]")
WEB_SCHEMES = frozenset({"http", "https"})


def web_link(url: str | None) -> str | None:
    """``url`` as a browser would follow it when it is an http(s) address with a host, else None."""
    if not url:
        return None
    cleaned = _INSIDE.sub("", url.strip(_EDGES))
    try:
        parts = urlsplit(cleaned)
    except ValueError:  # an unclosed IPv6 bracket and the like
        return None
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.hostname:
        return None
    return cleaned
