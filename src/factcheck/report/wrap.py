"""Where a report line may wrap or an excerpt may be cut: between words, never inside a figure
(近8000人, 44.8万, ７８６家) or before closing punctuation."""

from __future__ import annotations

import unicodedata

#: Continuation lines are indented like a finding's context.
INDENT = "    "
#: Characters a figure or a Latin word is made of: a break next to one could split it.
_FIGURE = frozenset("0123456789０１２３４５６７８９.．,%％‰〇零一二两三四五六七八九十百千万亿")
#: Punctuation that must not start a line, and punctuation that must not end one.
_NO_START = frozenset("，。、；：？！）」』》〉】”’,.;:?!)]}…")
_NO_END = frozenset("（「『《〈【“‘([{")


def _wordish(ch: str) -> bool:
    return ch in _FIGURE or (ch.isascii() and ch.isalnum()) or "Ａ" <= ch <= "ｚ"


def breakable(text: str, i: int) -> bool:
    """Whether a line may break (or an excerpt be cut) between text[i-1] and text[i]."""
    if i <= 0 or i >= len(text):
        return True
    a, b = text[i - 1], text[i]
    if a.isspace() or b.isspace():
        return True
    if _wordish(a) or _wordish(b):
        return False  # a figure and the unit or qualifier touching it stay together
    return b not in _NO_START and a not in _NO_END


def _cells(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def wrap_offsets(text: str, width: int) -> list[int]:
    """Offsets at which to break `text` so each piece fits `width` cells (continuations lose
    INDENT); a piece with no allowed break is cut where it overflows."""
    width = max(width, len(INDENT) + 8)
    out: list[int] = []
    start, used, last_ok = 0, 0, -1
    room = width
    for i, ch in enumerate(text):
        if i > start and breakable(text, i):
            last_ok = i
        used += _cells(ch)
        if used > room and i > start:
            cut = last_ok if last_ok > start else i
            out.append(cut)
            start, room = cut, width - len(INDENT)
            used = sum(_cells(c) for c in text[cut:i + 1])
            last_ok = max((j for j in range(cut + 1, i + 1) if breakable(text, j)), default=-1)
    return out


def cut_left(line: str, at: int, limit: int) -> int:
    """An excerpt's start near `at` (not past `limit`) that does not split a figure."""
    at = max(at, 0)
    while 0 < at < limit and not breakable(line, at):
        at += 1
    return at


def cut_right(line: str, at: int, limit: int) -> int:
    """An excerpt's end near `at` (not before `limit`) that does not split a figure."""
    at = min(at, len(line))
    while limit < at < len(line) and not breakable(line, at):
        at -= 1
    return at
