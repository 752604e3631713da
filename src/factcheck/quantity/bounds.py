"""Qualifier words -> the bounds (low, high, open ends) they allow a stated figure."""

from __future__ import annotations

import re
from decimal import Decimal

from factcheck.lazyre import lazy
from factcheck.records import dataclass

#: Words before a figure, by the bound they set.
PREFIXES: dict[str, str] = {
    "不超过": "at_most", "不多于": "at_most", "不高于": "at_most", "不大于": "at_most",
    "至多": "at_most", "最多": "at_most",
    "不少于": "at_least", "不低于": "at_least", "不小于": "at_least", "至少": "at_least",
    "最少": "at_least", "起码": "at_least",
    "超过": "over", "超出": "over", "超": "over", "逾": "over", "突破": "over", "过": "over",
    "多于": "over", "高于": "over", "大于": "over",
    "将近": "near", "接近": "near", "几近": "near", "逼近": "near", "近": "near",
    "不足": "under", "不到": "under", "未满": "under", "不满": "under", "少于": "under",
    "低于": "under", "小于": "under",
    "大于等于": "at_least", "大于或等于": "at_least", "大于或者等于": "at_least", "≥": "at_least",
    ">=": "at_least", "≧": "at_least", "小于等于": "at_most", "小于或等于": "at_most",
    "小于或者等于": "at_most", "≤": "at_most", "<=": "at_most", "≦": "at_most", ">": "over",
    "<": "under", "大约": "about", "大概": "about", "大致": "about", "约": "about",
}

#: Words after a figure (and its unit), by the bound they set.
SUFFIXES: dict[str, str] = {
    "以上": "at_least", "及以上": "at_least", "或以上": "at_least", "以下": "at_most",
    "及以下": "at_most", "以内": "at_most", "之内": "at_most", "左右": "about", "上下": "about",
    "或者以上": "at_least", "或者更多": "at_least", "或更多": "at_least", "及更多": "at_least",
    "或以下": "at_most", "或者以下": "at_most", "之下": "under", "有余": "more", "开外": "more", "出头": "more", "多": "more", "余": "more",
}

#: Characters before 过/近/超 that make them part of another word (经过, 最近, 附近, 赶超), or
#: make 过 the mark of an experience (获得过两次 is exactly two).
_BLOCKED_BEFORE = {"过": "经通度走跨越错难不没看去来做说听想用有超"
                        "得加拿赢夺获办举发生遇见到打当受历住试读写爬跑踢赛输演唱登访",  # 获得过两次
                   "近": "最附接将几逼临亲", "超": "赶高", "逾": "", "约": "大节制预签合公条"}


def _alternation(words: dict[str, str], spaced: bool = False) -> str:
    """A regex alternation of the words, longest first (spaced: blanks allowed inside)."""
    sep = "[ \t]*" if spaced else ""
    return "|".join(sep.join(map(re.escape, w)) for w in sorted(words, key=len, reverse=True))


PREFIX_RE = lazy(rf"(?:{_alternation(PREFIXES, True)})(?:了|为|有|达|占|是)?[ \t]?\Z")
_BLANKS = str.maketrans("", "", " \t")
SUFFIX_RE = lazy(rf"[ \t]?(?:{_alternation(SUFFIXES)})")


#: The characters a qualifier before a figure can end with (its word, a particle, a blank).
_PREFIX_LAST = frozenset(w[-1] for w in PREFIXES) | frozenset("了为有达占是 \t")


@dataclass(frozen=True, slots=True)
class Bounds:
    """The range a qualified figure allows."""

    low: Decimal | None
    high: Decimal | None
    low_open: bool = False
    high_open: bool = False


def prefix_before(s: str, lo: int, pos: int) -> tuple[str, str, int] | None:
    """(word, category, start) of a qualifier ending at pos, searched no further back than lo."""
    if pos <= lo or s[pos - 1] not in _PREFIX_LAST:
        return None
    m = PREFIX_RE.search(s, max(lo, pos - 14), pos)
    if not m:
        return None
    found = m.group(0).translate(_BLANKS)
    word = found if found in PREFIXES else found[:-1]  # the word, then a particle (超过了)
    blocked = _BLOCKED_BEFORE.get(word, "")
    if len(word) == 1 and m.start() > 0 and s[m.start() - 1] in blocked:
        return None
    return word, PREFIXES[word], m.start()


def suffix_at(s: str, pos: int) -> tuple[str, str, int] | None:
    """(word, category, end) of a qualifier starting at pos."""
    m = SUFFIX_RE.match(s, pos)
    if not m:
        return None
    word = m.group(0).strip()
    return word, SUFFIXES[word], m.end()


def bounds_for(category: str, value: Decimal, place: Decimal) -> Bounds:
    """The bounds a qualifier category gives a figure whose last stated digit is at `place`."""
    if category == "over":
        return Bounds(value, None, low_open=True)
    if category == "at_least":
        return Bounds(value, None)
    if category == "under":
        return Bounds(None, value, high_open=True)
    if category == "at_most":
        return Bounds(None, value)
    if category == "near":
        return Bounds(value * Decimal("0.9"), value, high_open=True)
    if category == "about":
        return Bounds(value - place / 2, value + place / 2)
    if category == "more":
        return Bounds(value, value + place, high_open=True)
    return Bounds(value, value)


#: The low end 成百上千 / 成千上万 state: the first magnitude.
_FIRST = {"百": Decimal(100), "千": Decimal(1000)}


def vague_bounds(word: str, magnitude: Decimal) -> Bounds:
    """上千 -> [1000, 10000); 数百 -> [200, 1000); 成百上千 -> [100, 10000)."""
    low = _FIRST[word[1]] if word.startswith("成") else magnitude if word == "上" else 2 * magnitude
    return Bounds(low, 10 * magnitude, high_open=True)
