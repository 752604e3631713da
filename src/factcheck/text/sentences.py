"""Split a document into checkable sentences and clauses, skipping what is not prose.

A sentence ends at 。！？；, at a blank line, and at a line break that ends a Markdown block
(heading, list item, table row) or follows closing punctuation; other line breaks are
hard wraps and are read through. Each unit keeps a map from its characters to document offsets.
"""

from __future__ import annotations

import bisect
import re
from array import array
from functools import lru_cache

from factcheck.records import dataclass
from factcheck.text.document import Document
from factcheck.lazyre import lazy

SENTENCE_END = "。！？；!?;"
#: Colons and table bars are not clause ends: 校外教学点：10个 and | 试点企业 | 768家 | keep their
#: referent in the figure's clause (subjects_light strips them when referents are compared).
CLAUSE_DELIMS = frozenset("，,、；;。！？!?")
_OPEN_QUOTES, CLOSE_QUOTES = "“‘「『\"", "”’」』\""
_OPENING = lazy("[“‘「『]")
_DELIMS = lazy("[" + re.escape("".join(sorted(CLAUSE_DELIMS))) + "]")
#: Characters that may end a sentence: its punctuation, or a closing quote right after it.
_STOPS = lazy("[" + re.escape(SENTENCE_END + CLOSE_QUOTES) + "]")
_BLOCK_START = lazy(r"\s*(#{1,6}\s|[-*+]\s|\d+[.)、]\s?|\||>)")
_LIST_MARKER = lazy(r"\s*(\d+[.)、]|[-*+]|#{1,6}|>)\s")
_URL = re.compile(r"https?://\S+|www\.[A-Za-z0-9.-]+\S*")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_BODY_END = lazy(r"\s*(责任编辑|编辑[:：]|（?\(?完）?\)?\s*$)")
_FURNITURE = lazy(
    r"责任编辑|版权(所有|声明)|Copyright|©|举报电话|客户端|微信号|微博号|抖音号|扫码|关注我们|"
    r"关于我们|马上体验|媒体矩阵|原标题|来源[:：]|all rights reserved", re.I)


@dataclass(frozen=True)
class Unit:
    """A sentence: its text with line breaks removed, and each character's document offset.

    The offsets are an array of machine integers: as a tuple of ints they took 36 bytes a
    character, a third of a large draft's memory."""

    text: str
    offsets: array

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Document offsets [start, end) of unit characters [start, end)."""
        return self.offsets[start], self.offsets[end - 1] + 1

    def clause_bounds(self, pos: int) -> tuple[int, int]:
        """The clause around unit position `pos`: delimited by CLAUSE_DELIMS outside quotes."""
        return clause_bounds(self.text, pos)


def clause_bounds(text: str, pos: int) -> tuple[int, int]:
    """[start, end) of the clause holding `pos`; delimiters inside “quotes” do not count."""
    ends = _clause_ends(text)
    i = bisect.bisect_left(ends, pos)
    start = ends[i - 1] + 1 if i > 0 else 0
    end = ends[i] if i < len(ends) else len(text)
    return start, end


@lru_cache(maxsize=256)
def _clause_ends(text: str) -> tuple[int, ...]:
    """Positions of the clause delimiters outside quotes, computed once per sentence."""
    if not _OPENING.search(text):  # no quotes: every delimiter counts
        return tuple(m.start() for m in _DELIMS.finditer(text))
    depth, out = 0, []
    for m in _DELIMS_QUOTES.finditer(text):  # only the delimiters and quotes, not every char
        ch = m.group()
        if ch in _OPENS:
            depth += 1
        elif ch in _CLOSES:
            depth -= depth > 0
        elif not depth:
            out.append(m.start())
    return tuple(out)


_OPENS, _CLOSES = "“‘「『", "”’」』"
_DELIMS_QUOTES = lazy("[" + re.escape("".join(sorted(CLAUSE_DELIMS)) + _OPENS + _CLOSES) + "]")


def skipped_ranges(text: str, markdown: bool) -> list[tuple[int, int]]:
    """Document ranges that are never checked: comments, URLs, and in Markdown front matter and code."""
    ranges = [(m.start(), m.end()) for m in _COMMENT.finditer(text)]
    ranges += [(m.start(), m.end()) for m in _URL.finditer(text)]
    if markdown:
        fm = re.match(r"\A---\r?\n.*?\r?\n---[ \t]*(\r?\n|\Z)", text, re.S)
        if fm:
            ranges.append((0, fm.end()))
        ranges += [(m.start(), m.end()) for m in re.finditer(r"^(```|~~~).*?^(\1)[^\n]*$", text, re.S | re.M)]
        ranges += [(m.start(), m.end()) for m in re.finditer(r"`[^`\n]+`", text)]
    return sorted(ranges)


def is_furniture(line: str) -> bool:
    """Page furniture (bylines, copyright, complaint phones, app promotion) holds no claims."""
    return bool(_FURNITURE.search(line))


def units(doc: Document, markdown: bool | None = None, skip_furniture: bool = True) -> list[Unit]:
    """The document's sentences, in order."""
    if markdown is None:
        markdown = doc.path.lower().endswith((".md", ".markdown"))
    text = doc.norm
    blocked = bytearray(len(text))
    for a, b in skipped_ranges(doc.text, markdown):
        blocked[a:b] = b"\x01" * (b - a)
    out: list[Unit] = []
    pieces: list[str] = []  # the sentence so far, in pieces of a line
    offs = array("q")

    def flush() -> None:
        sentence = "".join(pieces)
        if sentence and not sentence.isspace():
            out.append(Unit(sentence, offs[:]))
        del offs[:]
        pieces.clear()

    lines = [(doc.line_starts[i], doc.line_text(i + 1)) for i in range(doc.line_count)]
    for idx, (start, raw) in enumerate(lines):
        line = text[start:start + len(raw)]
        if skip_furniture and _BODY_END.match(line):
            break
        if not line.strip() or (skip_furniture and is_furniture(line)):
            flush()
            continue
        if markdown and _BLOCK_START.match(line):
            flush()
            marker = _LIST_MARKER.match(line)
            if marker:
                blocked[start:start + marker.end()] = b"\x01" * marker.end()
        if blocked.find(1, start, start + len(line)) < 0:
            _split_line(line, start, pieces, offs, flush)
        else:
            _split_blocked_line(line, start, blocked, pieces, offs, flush)
        nxt = lines[idx + 1][1] if idx + 1 < len(lines) else ""
        if _ends_block(line, nxt, markdown):
            flush()
    flush()
    return out


def _ends_sentence(line: str, j: int, prev: str | None) -> bool:
    """Whether line[j], just added after `prev`, ends the sentence: sentence punctuation or a
    closing quote right after it, unless a closing quote follows."""
    ch = line[j]
    if ch in SENTENCE_END or (ch in CLOSE_QUOTES and prev is not None and prev in SENTENCE_END):
        return not (j + 1 < len(line) and line[j + 1] in CLOSE_QUOTES)
    return False


def _split_line(line: str, start: int, pieces: list[str], offs: array, flush) -> None:
    """Add a line with nothing skipped to the sentence, a run of characters at a time."""
    seg = 0
    for m in _STOPS.finditer(line):
        j = m.start()
        prev = line[j - 1] if j > seg else (pieces[-1][-1] if pieces else None)
        if _ends_sentence(line, j, prev):
            pieces.append(line[seg:j + 1])
            offs.extend(range(start + seg, start + j + 1))
            flush()
            seg = j + 1
    if seg < len(line):
        pieces.append(line[seg:])
        offs.extend(range(start + seg, start + len(line)))


def _split_blocked_line(line: str, start: int, blocked: bytearray, pieces: list[str],
                        offs: array, flush) -> None:
    """Add a line to the sentence character by character; a skipped run reads as one space."""
    for j, ch in enumerate(line):
        if blocked[start + j]:
            if pieces and pieces[-1][-1] != " ":
                pieces.append(" ")
                offs.append(start + j)
            continue
        prev = pieces[-1][-1] if pieces else None
        pieces.append(ch)
        offs.append(start + j)
        if _ends_sentence(line, j, prev):
            flush()


def _ends_block(line: str, nxt: str, markdown: bool) -> bool:
    """Whether the line break after `line` ends a sentence (otherwise it is a hard wrap)."""
    stripped = line.rstrip()
    if not nxt.strip() or stripped.endswith(tuple(SENTENCE_END + "：:")):
        return True
    if markdown and (_BLOCK_START.match(line) and not line.lstrip().startswith(">")):
        return _BLOCK_START.match(nxt) is not None or stripped.startswith(("#", "|"))
    if markdown and _BLOCK_START.match(nxt):
        return True
    # A short line with no sentence punctuation is a title or heading, not a wrapped sentence.
    return len(stripped) < 16 and not re.search(r"[，,、]", stripped) and not nxt.startswith((" ", "\t")) and _is_title(stripped)


def _is_title(line: str) -> bool:
    return not re.search(r"[，。；！？]", line)


def span_position(doc: Document, unit: Unit, start: int, end: int) -> dict:
    """Where a span of a unit's text stands in the document: offsets, line and columns, text."""
    a, b = unit.span(start, end)
    line, col = doc.position(a)
    end_line, end_col = doc.position(b)
    if end_line != line:
        end_col = col + (b - a)
    return {"start": a, "end": b, "line": line, "column": col, "end_column": end_col,
            "text": doc.text[a:b]}
