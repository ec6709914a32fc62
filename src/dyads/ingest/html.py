"""HTML in, main text out: trafilatura for the article, a visible-text fallback of our own.

Nothing in the page is run: scripts, styles, event handlers and link targets never reach
the text. trafilatura is imported on first use; if it (or a package it needs) cannot be
imported, each HTML document fails with E013 and the run goes on.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

from ..errors import DyadsError


def extract_html(html: str) -> tuple[str, dict, bool]:
    """(main text, {"title", "date"}, whether the visible-text fallback was used).

    trafilatura finds the main text; when it finds none, all visible text is
    used. Neither runs anything: scripts, styles, event handlers and link
    targets never reach the text.
    """
    trafilatura = _html_reader()
    meta: dict = {}
    text = None
    try:
        if too_deep(html):  # trafilatura takes time quadratic in the depth: 5,000 nested divs, 10 s
            raise ValueError("nested too deeply")
        doc = trafilatura.bare_extraction(
            html,
            favor_recall=True,
            include_comments=False,
            include_tables=False,
            with_metadata=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # a parser failure on odd markup: fall back below
        doc = None
    if doc is not None:
        text = doc.text
        meta = {"title": doc.title, "date": doc.date}
    if text and text.strip():
        return text, meta, False
    try:
        md = trafilatura.extract_metadata(html, extensive=False)
        meta = {"title": md.title, "date": md.date}
    except Exception:
        pass
    return visible_text(html), meta, True


MAX_DEPTH = 400  # deeper markup goes to the visible-text fallback (real pages stay under ~60)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*?(/?)>")
# void elements, and those whose end tag pages often leave out: they do not count as depth
_FLAT = frozenset("area base br col embed hr img input link meta param source track wbr "
                  "p li dt dd tr td th option thead tbody tfoot".split())


def too_deep(html: str, limit: int = MAX_DEPTH) -> bool:
    """Whether the elements of `html` nest deeper than `limit` (a scan of the tags, no parse)."""
    if html.count("<") < limit:
        return False
    depth = 0
    for m in _TAG.finditer(html):
        if m.group(3) or m.group(2).lower() in _FLAT:
            continue
        depth = max(0, depth - 1) if m.group(1) else depth + 1
        if depth > limit:
            return True
    return False


# The pip package to install for a module the HTML reader imports (an ImportError names the module).
_PACKAGES = {"lxml.html.clean": "lxml_html_clean", "lxml_html_clean": "lxml_html_clean", "lxml": "lxml",
             "trafilatura": "trafilatura", "justext": "jusText", "htmldate": "htmldate",
             "courlan": "courlan", "charset_normalizer": "charset_normalizer"}


def _html_reader():
    """trafilatura, imported on first use (slow to import; plain text never needs it).

    If it, or a package it needs (lxml.html.clean is a separate package since lxml 5.2),
    cannot be imported, raise E013 naming the package to install: every HTML document
    fails with that code and the run goes on with the others.
    """
    try:
        import trafilatura
    except Exception as exc:  # ImportError, or a broken install failing while it imports
        # lxml's own message names the split-off package but sets no module name
        module = (getattr(exc, "name", None) or next((m for m in _PACKAGES if m in str(exc)), None)
                  or "trafilatura")
        package = _PACKAGES.get(module) or _PACKAGES.get(module.split(".")[0]) or module.split(".")[0]
        detail = f"{type(exc).__name__}: {exc}"
        raise DyadsError("E013", input="<html>", what="HTML", package=package, detail=detail) from None
    return trafilatura


_SKIP_TAGS = frozenset("script style noscript template iframe object svg math title canvas select".split())
_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table td th tr ul title".split()
)
_HTML_SPACE = re.compile("[ \t\r\f]+")  # HTML's own whitespace: a non-breaking space stays


class _VisibleText(HTMLParser):
    """All text a browser would show, one block a line; script-like elements skipped."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP_TAGS:
            self.skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in _SKIP_TAGS:  # browsers ignore the slash: <script/> still opens a script
            self.skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The visible text of an HTML page, without script, style or other non-text elements."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    lines = (_HTML_SPACE.sub(" ", line).strip(" ") for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)
