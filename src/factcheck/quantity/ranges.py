"""The second figure of a range: 4至6万元, 两至四年, 6-8万元, -3~5℃, 10000与20000之间."""

from __future__ import annotations

import re
from decimal import Decimal

from factcheck.quantity.chars import DIGITS, SMALL_UNITS
from factcheck.quantity.parts import Part, read_part
from factcheck.lazyre import lazy
from factcheck.records import dataclass

_CONNECTOR = lazy(r"[ \t]*(?P<c>至|到|~|～|〜|-|—|–|与|和)[ \t]*(?P<sign>-|负|零下)?")
_BETWEEN = re.compile(r"[ \t]*之?间")
#: Connectors that read as words, so a lone Chinese digit before them is a figure (两至四年).
WORDS = frozenset("至到与和")


@dataclass(frozen=True, slots=True)
class Tail:
    """The second figure of a range and what the range states."""

    part: Part
    end: int
    low: Decimal  # the first figure, given the second's magnitude (4至6万 -> 40000)
    high: Decimal
    sign: int  # -1 when the second figure has its own minus, else 0
    qualifier: str  # the connector, or 之间
    word: bool  # the connector is a word (至, 到, 与, 和)


def range_tail(s: str, part: Part, hi: int) -> Tail | None:
    """The range that continues the figure `part`, or None."""
    if part.kind in ("fraction", "ordinal") or part.fig.low is not None or part.more:
        return None
    m = _CONNECTOR.match(s, part.end, hi)
    if not m:
        return None
    c, signed = m.group("c"), m.group("sign")
    if signed and c not in "至到~～〜与和":
        return None
    second = read_part(s, m.end(), hi)
    if second is None or second.fig.low is not None or second.kind == "fraction":
        return None
    if not _compatible(s, part, second, c):
        return None
    if c in "与和" and second.unit == "间":  # 10000与20000间: 间 closes the range, not a room
        second = Part(second.fig, second.fig.end)
    between = _BETWEEN.match(s, second.end, hi)
    if c in "与和" and not between:
        return None
    low, high = range_values(s, part, second)
    if low > high and not signed:
        return None
    end = between.end() if between else second.end
    high = (second.value or high) + second.offset
    return Tail(second, end, low, high, -1 if signed else 0, "之间" if between else c, c in WORDS)


def _compatible(s: str, part: Part, second: Part, c: str) -> bool:
    """Whether two figures can be the ends of one range."""
    if c in "-—–" and (_chinese_digits(s, part) or _chinese_digits(s, second)
                       or part.kind != "number" and part.unit):
        return False
    if part.unit and (part.unit != second.unit or part.kind != second.kind):
        return False
    return part.kind == "number" or part.kind == second.kind


def _chinese_digits(s: str, part: Part) -> bool:
    """Whether a figure is written with Chinese digits (七, 二十), not only 万/亿 after Arabic ones."""
    return any(ch in DIGITS or ch in SMALL_UNITS for ch in s[part.fig.start:part.fig.end])


def range_values(s: str, first: Part, second: Part) -> tuple[Decimal, Decimal]:
    """Low and high of a range, the first figure taking the second's magnitude (4至6万, 三至五百)."""
    low, high = first.fig.value, second.fig.value
    tail = second.fig.tail
    if tail == 1 or any(ch in "万亿兆" for ch in s[first.fig.start:first.fig.end]):
        return low, high
    big = next((m for m in _BIG if tail % m == 0), Decimal(1))  # 万 of 十万, 千万 of 五千万
    small = tail / big
    factor = big
    if small >= 100 and not first.fig.units and (high / big) / small < 10 and low < (high / big) / small:
        factor *= small  # 三至五百, 三至五千万; but 一至十万 is 1万 to 10万
    return (low * factor, high) if factor > 1 and low * factor <= high else (low, high)


_BIG = (Decimal(10) ** 12, Decimal(10) ** 8, Decimal(10) ** 4)
