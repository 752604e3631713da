"""Figures that share one frame in a sentence: lists stated "respectively" (A、B和C分别下降
82%、78.3%、5.9%; 同比分别增长17.7%和12.9%), each figure given its own referent.

Used for source articles and drafts alike, so both sides of an alignment read a list the
same way; needs no word segmentation."""

from __future__ import annotations

import re

from factcheck.registry.claim import Claim
from factcheck.registry.referents import own_referent
from factcheck.lazyre import lazy

_RESPECTIVELY = re.compile("分别|分別|依次")
#: What may stand between two figures of one list: 82%、78.3%和5.9%.
_CONNECTOR = lazy(r"[\s、，,]*(?:和|及|与|與|跟|以及|、)?[\s、，,]*")
#: What separates the items a list names: 矿产加工业和电子信息 · 中国大陆、香港及中国台湾旅客.
_ITEMS = lazy(r"以及|[、，,；;和及与與跟]")
_CLAUSES = lazy(r"[，,；;]")
#: Words that open an item but name nothing of it.
_OPENERS = ("其中", "此外", "另外", "而")


def respectively(text: str, spans: list[tuple[int, int]], claims: list[Claim],
                 with_subjects: bool) -> list[Claim]:
    """`claims` (in text order, at `spans` of `text`) with each figure of a "respectively"
    list given the referent its place in the list names (as its subject too, for a source)."""
    out = list(claims)
    figures_before = 0  # figures (not dates) before claim i: what a mirrored list can take
    i = 0
    while i < len(out):
        end = _run_end(text, spans, out, i)
        group = list(range(i, end))
        if 2 <= len(group) <= MAX_ITEMS and _opens_list(text, spans, i, len(group), figures_before):
            region = text[_list_start(text, spans, group[0]):spans[group[-1]][1]]
            for k, referent in zip(group, _referents(text, spans, out, group)):
                out[k] = _with_referent(out[k], referent, _tail(text, spans, group[0]),
                                        with_subjects).with_(context=region)
        figures_before += sum(c.kind != "date" for c in out[i:end])
        i = end
    return out


#: A run of figures longer than this is no list a sentence names item by item.
MAX_ITEMS = 12


def _run_end(text: str, spans: list[tuple[int, int]], claims: list[Claim], i: int) -> int:
    """Where the run of figures of claim i's kind joined only by connectors ends (exclusive)."""
    kind = claims[i].kind
    j = i + 1
    if kind == "date":
        return j
    while j < len(claims) and claims[j].kind == kind \
            and _CONNECTOR.fullmatch(text[spans[j - 1][1]:spans[j][0]]):
        j += 1
    return j


def _opens_list(text: str, spans: list[tuple[int, int]], i: int, size: int,
                figures_before: int) -> bool:
    """Whether the run at claim i is a list: 分别 before it, or (同比增长12.9%和17.7%) no words
    of its own, mirroring as many figures before it."""
    head = _head_region(text, spans, i)
    if _RESPECTIVELY.search(head):
        return True
    clause = re.split(r"[，,；;：:]", head)[-1]  # 2344亿吨公里，同比增长12.9%和17.7%
    own = own_referent(clause)
    if not own:
        return figures_before >= size
    # 高速公路货运量和货物周转量同比增长12.9%和17.7%: as many items as figures, 分别 left out
    return len([p for p in map(_clean, _ITEMS.split(own)) if p]) == size


def _head_region(text: str, spans: list[tuple[int, int]], i: int) -> str:
    """The words between the previous figure (or the sentence start) and claim i."""
    start = spans[i - 1][1] if i else 0
    return text[start:spans[i][0]]


def _list_start(text: str, spans: list[tuple[int, int]], i: int) -> int:
    """Where the words of the list opening at claim i begin: after the last clause end
    (，；。) before 分别, or at the previous figure."""
    start = spans[i - 1][1] if i else 0
    region = text[start:spans[i][0]]
    cut = _RESPECTIVELY.search(region)
    head = region[:cut.start()] if cut else region
    ends = [head.rfind(ch) for ch in "，,；;。"]
    return start + max(ends) + 1 if max(ends) >= 0 and head[max(ends) + 1:].strip() else start


def _tail(text: str, spans: list[tuple[int, int]], i: int) -> str:
    """The words after 分别 before the list's first figure (下降, 为, 增长, 占); in a list without
    分别, its clause's words after the items it names (…2344亿吨公里，同比增长12.9%和17.7%:
    同比增长, whose direction each figure keeps)."""
    region = _head_region(text, spans, i)
    found = list(_RESPECTIVELY.finditer(region))
    if found:
        return region[found[-1].end():]
    clause = _CLAUSES.split(region)[-1].strip()
    own = own_referent(clause)
    return clause[len(own):] if clause.startswith(own) else clause


def _referents(text: str, spans: list[tuple[int, int]], claims: list[Claim],
               group: list[int]) -> list[str]:
    """One referent a figure: the items named before 分别, else the figures before the list."""
    region = _head_region(text, spans, group[0])
    cuts = list(_RESPECTIVELY.finditer(region))
    # without 分别, the items its own clause names (A和B同比增长12.9%和17.7%), else none
    head = own_referent(region[:cuts[-1].start()] if cuts else _CLAUSES.split(region)[-1])
    # the clause naming as many items as the list has figures: 节能家电及电动机车补助方案，
    # 带动内需市场热度，分别预估将带动50亿及15亿 names its items two clauses back
    for clause in reversed(_CLAUSES.split(head)):
        items = [p for p in map(_clean, _ITEMS.split(clause)) if p]
        if len(items) >= len(group):
            return items[-len(group):]
    items = [p for p in map(_clean, _ITEMS.split(head)) if p]
    if len(items) >= len(group):
        return items[-len(group):]
    earlier = [c for c in claims[:group[0]] if c.kind != "date"]
    if len(earlier) >= len(group):  # 高速货运量13.3亿吨、货物周转量2344亿吨公里，同比分别增长…
        return [_clean(own_referent(c.before)) or c.subject for c in earlier[-len(group):]]
    return [""] * len(group)


#: Words that frame a list's first item (客源主要来自中国台湾及中国大陆, 会透过节能家电及…):
#: the item is what follows them.
_FRAME_VERB = re.compile(r"^.*?(?:来自|來自|透过|透過|通过|通過|包括)")


def _clean(item: str) -> str:
    item = item.strip(" \t|:：（）()")
    framed = _FRAME_VERB.sub("", item)
    if len(framed) >= 2:
        item = framed
    for opener in _OPENERS:
        if item.startswith(opener) and len(item) > len(opener):
            item = item[len(opener):]
    for closer in _CLOSERS:
        if item.endswith(closer) and len(item) > len(closer):
            item = item[:-len(closer)]
    return item


#: Words closing a list's frame (以大陆、香港及台湾旅客为主) and adverbs before 分别
#: (香港及台湾旅客则分别占): not part of the last item.
_CLOSERS = ("为主", "為主", "为例", "為例", "则", "則", "亦", "也")


def _with_referent(c: Claim, referent: str, tail: str, with_subjects: bool) -> Claim:
    """The claim reading `referent` as what it counts (the list's verb kept for its direction)."""
    if not referent:
        return c
    return c.with_(before=referent + tail, subject=referent if with_subjects else c.subject)
