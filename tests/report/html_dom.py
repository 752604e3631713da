"""A tiny DOM reader for the HTML report tests (stdlib only): elements by id, their text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_VOID = {"meta", "link", "input", "br", "img", "hr", "source", "wbr", "area", "base", "col"}

#: Anything that would make a browser fetch a URL: src/href/action to http(s) or //, @import,
#: url(http…) or url(//…).
EXTERNAL = re.compile(
    r"""(?:\b(?:src|href|action|formaction|poster|srcset|data)\s*=\s*["']?\s*(?:https?:)?//)"""
    r"""|@import|url\(\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)


@dataclass
class Element:
    """One parsed element: tag, attributes, the text inside it (descendants included)."""

    tag: str
    attrs: dict[str, str]
    text: str = ""
    children: list["Element"] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


class Dom(HTMLParser):
    """Parse a page into a flat list of elements, each with its full text content."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self._open: list[Element] = []
        self.scripts: list[str] = []
        self.feed(page)
        self.close()
        assert not self._open, f"unclosed: {[e.tag for e in self._open]}"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        el = Element(tag, {k: v or "" for k, v in attrs})
        if self._open:
            self._open[-1].children.append(el)
        self.elements.append(el)
        if tag not in _VOID:
            self._open.append(el)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        el = self._open.pop()
        assert el.tag == tag, f"</{tag}> closes <{el.tag}>"
        if tag == "script":
            self.scripts.append(el.text)

    def handle_data(self, data: str) -> None:
        for el in self._open:
            el.text += data

    def by_id(self, ident: str) -> Element:
        found = [e for e in self.elements if e.attrs.get("id") == ident]
        assert len(found) == 1, f"{len(found)} elements with id {ident!r}"
        return found[0]

    def select(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Element]:
        """Elements by tag, class and exact attribute values (underscores stand for dashes)."""
        want = {k.replace("_", "-"): v for k, v in attrs.items()}
        return [e for e in self.elements
                if (tag is None or e.tag == tag) and (cls is None or cls in e.classes)
                and all(e.attrs.get(k) == v for k, v in want.items())]
