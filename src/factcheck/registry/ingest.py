"""Read a source article: .txt and .md as they are, a saved .html page as its article body.

The only trafilatura import. For a page, claims are read from the extracted body text (the
page's navigation, ads, sidebars and footer are dropped), so a claim's line and column count
in that text, not in the HTML; the registry's sha256 is still that of the decoded page the
user gave, so an edited page makes the registry stale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.errors import InputError
from factcheck.registry.files import sha256_text
from factcheck.registry.metadata import detect_with_origins
from factcheck.text.document import Document
from factcheck.text.read import read_path

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
META_FIELDS = ("title", "publisher", "author", "date", "url")
_HTML_START = re.compile(r"\A\s*(<!doctype html|<html|<\?xml[^>]*>\s*<html)", re.I)
_SOURCE_LINE = re.compile(r"来源[:：]\s*([^\s|<>]{2,30})(?:\s*(20\d\d|19\d\d)[-/年.](\d{1,2})[-/月.](\d{1,2}))?")


@dataclass(frozen=True)
class Article:
    """A source article ready for extraction."""

    doc: Document                     # the text claims are read from (for a page: its body)
    sha256: str                       # of the decoded file the user gave
    meta: dict[str, str] = field(default_factory=dict)   # detected title, publisher, author, date, url
    html: bool = False
    origins: dict[str, str] = field(default_factory=dict)  # where each detected field was read


def is_html(path: Path, text: str) -> bool:
    """A saved web page: by its suffix, or by its first tag."""
    return path.suffix.lower() in HTML_SUFFIXES or bool(_HTML_START.match(text[:1024]))


def read_article(path: Path, encoding: str | None = None) -> Article:
    """Read a .txt, .md or .html source article and detect its metadata."""
    page = read_path(path, encoding)
    if not is_html(path, page.text):
        meta, origins = detect_with_origins(page)
        return Article(page, sha256_text(page.text), _known(meta), origins=origins)
    return _from_html(page)


def _from_html(page: Document) -> Article:
    """The article body of a saved page, and its metadata from tags, then from the text."""
    import trafilatura

    result = trafilatura.bare_extraction(page.text, with_metadata=True, include_comments=False,
                                         include_tables=True)
    text = (getattr(result, "text", "") or "") if result is not None else ""
    paragraphs = [p.strip() for p in text.splitlines() if p.strip()]
    if not paragraphs:
        raise InputError("no article text found in the page", page.path,
                         "save the article's text as .txt and extract that")
    # One blank line between paragraphs: a heading without closing punctuation stays a sentence.
    body = Document(page.path, "\n\n".join(paragraphs) + "\n", page.encoding)
    meta = _page_meta(result)
    stated = _stated_meta(trafilatura.html2txt(page.text) or "")
    detected, body_origins = detect_with_origins(body)
    from_body = _known(detected)
    origins: dict[str, str] = {}
    for key in META_FIELDS:
        # The article's own dateline and headline come first; then the page's “来源:” line, which
        # names the publisher better than the site's name does; then the page's tags.
        first = ((from_body, "body"), (stated, "source line"), (meta, "page tags")) \
            if key in ("publisher", "date") and key in body_origins and "dateline" in body_origins[key] \
            else ((stated, "source line"), (meta, "page tags"), (from_body, "body")) if key == "publisher" \
            else ((meta, "page tags"), (stated, "source line"), (from_body, "body"))
        found = next(((m[key], where) for m, where in first if m.get(key)), ("", ""))
        meta[key] = found[0]
        if found[0]:
            origins[key] = body_origins.get(key, found[1]) if found[1] == "body" else found[1]
    return Article(body, sha256_text(page.text), _known(meta), html=True, origins=origins)


def _page_meta(result: object) -> dict[str, str]:
    """Title, site, author, date and canonical address from the page's tags."""
    get = lambda name: str(getattr(result, name, "") or "").strip()  # noqa: E731
    date = get("date")
    return {"title": get("title"), "publisher": get("sitename"), "author": get("author"),
            "date": date if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else "", "url": get("url")}


def _stated_meta(text: str) -> dict[str, str]:
    """Publisher and date from the page's visible “来源:中工网-工人日报 2023-04-03 07:20” line."""
    m = _SOURCE_LINE.search(text)
    if not m:
        return {}
    out = {"publisher": m.group(1)}
    if m.group(2):
        out["date"] = f"{m.group(2)}-{int(m.group(3)):02d}-{int(m.group(4)):02d}"
    return out


def _known(meta: dict[str, str]) -> dict[str, str]:
    """Only the metadata fields a Source has, as stripped strings."""
    return {k: str(meta.get(k) or "").strip() for k in META_FIELDS}
