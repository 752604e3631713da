"""Figures written without a numeral of their own: 一半, 大半, 半个月, 半年; 翻一番, 翻了三番."""

from __future__ import annotations

from decimal import Decimal

from factcheck.quantity.assemble import Reading
from factcheck.quantity.bounds import Bounds, bounds_for, prefix_before, suffix_at
from factcheck.lazyre import lazy

HALF = Decimal("0.5")
#: Where a half starts: the scanner tries these before single numeral characters.
START = (r"翻了?(?:[一两二三四五六七八九十]|\d{1,2})?番|一半|大半|半数|过半"
         r"|半(?=个月|个小时|小时|年(?!级)|天|分钟|个世纪|世纪)")
_DOUBLING = lazy(r"翻了?(?P<n>[一两二三四五六七八九十]|\d{1,2})?番")
_HALF_UNIT = lazy(r"半(?P<u>个月|个小时|小时|年|天|分钟|个世纪|世纪)")
_CN = {ch: i for i, ch in enumerate("零一二三四五六七八九十")} | {"两": 2}


def read_half(s: str, p: int, lo: int) -> Reading | None:
    """The figure a half or a doubling at p states, with qualifier words around it."""
    if s[p] == "翻":
        return _doubling(s, p)
    m = _HALF_UNIT.match(s, p)
    if m:
        unit = m.group("u")
        return _qualified(s, p, m.end(), lo, "number", "个月" if unit == "月" else unit)
    word = s[p:p + 2]
    if word == "大半":  # more than half, up to the whole
        return Reading(p, p + 2, "fraction", HALF, Bounds(HALF, Decimal(1), True, False), "", "大")
    if word == "过半":
        return Reading(p, p + 2, "fraction", HALF, Bounds(HALF, None, low_open=True), "", "过")
    return _qualified(s, p, p + 2, lo, "fraction", "")


def _qualified(s: str, p: int, end: int, lo: int, kind: str, unit: str) -> Reading:
    """A half with 超过/近/约 before it or 以上/左右 after it."""
    start, words, bounds = p, "", Bounds(HALF, HALF)
    pre = prefix_before(s, lo, p)
    if pre is not None:
        words, start = pre[0], pre[2]
        bounds = bounds_for(pre[1], HALF, Decimal("0.1"))
    suf = suffix_at(s, end)
    if pre is None and suf is not None and suf[1] in ("at_least", "at_most", "about"):
        words, end = suf[0], suf[2]
        bounds = bounds_for(suf[1], HALF, Decimal("0.1"))
    return Reading(start, end, kind, HALF, bounds, unit, words)


def _doubling(s: str, p: int) -> Reading | None:
    """翻一番 = ×2, 翻两番 = ×4, 翻了三番 = ×8, 翻番 = ×2."""
    m = _DOUBLING.match(s, p)
    if m is None:
        return None
    n = m.group("n")
    times = 1 if n is None else int(n) if n.isdigit() else _CN[n]
    if not 0 < times <= 10:
        return None
    value = Decimal(2) ** times
    return Reading(p, m.end(), "multiple", value, Bounds(value, value), "番", "")
