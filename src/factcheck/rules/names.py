"""name-mismatch: a person or organisation the source names, spelt differently.

A one-character slip in a name the source gives is an error naming the right spelling;
a slip that sounds the same (pinyin input) is called a homophone.

Flags:   source 全国劳模刘云清指导          draft 全国劳模刘云青指导
Flags:   source 中天钢铁集团发布调薪计划     draft 中天钢钛集团发布调薪计划
Passes:  draft 由大国工匠、全国劳模刘云清指导
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from factcheck.claims import Claim
from factcheck.findings import Finding, Severity
from factcheck.rules.base import Context, finding

ID = "name-mismatch"
SEVERITY = Severity.ERROR
SUMMARY = "A person or organisation name differs from the source's spelling"
_CJK = re.compile(r"[\u4e00-\u9fff]+")


def pinyin(text: str) -> list[str]:
    """Toneless pinyin of each character (the only pypinyin import)."""
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin(text, style=Style.NORMAL, errors="default")


def homophone(a: str, b: str) -> bool:
    """Whether two strings of equal length sound the same."""
    return len(a) == len(b) and pinyin(a) == pinyin(b)


def _occurrences(text: str, part: str) -> Iterator[int]:
    """Every start of `part` in `text` (C-speed search, overlapping)."""
    i = text.find(part)
    while i >= 0:
        yield i
        i = text.find(part, i + 1)


def _starts(text: str, name: str) -> set[int]:
    """Where a one-character slip of `name` can start: one of its ends is always intact."""
    n = len(name)
    starts = set(_occurrences(text, name[:n - 1])) | {j - 1 for j in _occurrences(text, name[1:])}
    if n >= 3:
        starts |= {i for i in _occurrences(text, name[0]) if text[i + n - 1:i + n] == name[-1]}
    return {i for i in starts if 0 <= i <= len(text) - n}


class Known:
    """The source's names, and whether a string is one of them or part of one."""

    def __init__(self, names: set[str]) -> None:
        self.names = names
        self._parts: dict[int, set[str]] = {}

    def covers(self, text: str) -> bool:
        """Whether `text` is in some known name (one set lookup per length, built on first use)."""
        n = len(text)
        if n not in self._parts:
            self._parts[n] = {k[i:i + n] for k in self.names for i in range(len(k) - n + 1)}
        return text in self._parts[n]


def near_misses(text: str, name: str, known: set[str] | Known) -> Iterator[tuple[int, str]]:
    """(offset, spelling) of strings in `text` one character away from `name`."""
    known = known if isinstance(known, Known) else Known(known)
    n = len(name)
    for i in sorted(_starts(text, name)):
        cand = text[i:i + n]
        if not _CJK.fullmatch(cand):
            continue
        diff = sum(a != b for a, b in zip(cand, name))
        if diff == 1 and not known.covers(cand):
            yield i, cand


def plausible_slip(ctx: Context, entity: Claim, pos: int, cand: str) -> bool:
    """A slip is reported when it sounds the same, or stands where the source puts the name."""
    if homophone(cand, entity.value):
        return True
    n = len(cand)
    if entity.kind == "organisation":
        return n >= 5
    text = ctx.doc.norm
    before, after = text[max(0, pos - 8):pos], text[pos + n:pos + n + 3]
    from factcheck.entities import SPEECH_VERBS, TITLE_ENDINGS

    cues = tuple(r for r in entity.roles if len(r) >= 2) + TITLE_ENDINGS
    return n >= 3 and cand[0] == entity.value[0] and (
        before.endswith(cues) or after.startswith(SPEECH_VERBS + tuple(entity.roles)))


def check(ctx: Context) -> Iterator[Finding]:
    """One error per misspelt name."""
    entities = ctx.registry.of_kind("person", "organisation")
    known = Known({str(e.value) for e in entities})
    seen: set[int] = set()
    for e in sorted(entities, key=lambda e: -len(str(e.value))):
        name = str(e.value)
        for pos, cand in near_misses(ctx.doc.norm, name, known):
            if pos in seen or not plausible_slip(ctx, e, pos, cand):
                continue
            seen.add(pos)
            how = "a homophone slip" if homophone(cand, name) else "a one-character slip"
            kind = "person" if e.kind == "person" else "organisation"
            yield finding(ctx, ID, SEVERITY, pos, pos + len(cand),
                          f"{kind} name differs from the source: {ctx.doc.text[pos:pos + len(cand)]} "
                          f"should be {name} ({how})", expected=name, source=e, fix=name)
