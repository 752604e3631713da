"""One quantity at a figure: prefixes, the figure and its suffix, ranges, qualifiers, bounds."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from factcheck.quantity.bounds import (
    Bounds,
    bounds_for,
    prefix_before,
    suffix_at,
    vague_bounds,
)
from factcheck.quantity.chars import BIG_UNITS, FINANCIAL, NUMERAL_CHARS, SMALL_UNITS
from factcheck.quantity.numerals import ONE
from factcheck.quantity.parts import Part, read_part
from factcheck.quantity.units import CURRENCY_SYMBOLS, SYMBOL_RE

_DENOMINATOR = re.compile(r"(?P<mag>(?:[百佰千仟万亿][ \t]*){1,3})分[ \t]*之[ \t]*\Z")
_CONNECTOR = re.compile(r"[ \t]*(?P<c>至|到|~|～|〜|-|—|–)[ \t]*")
_FUNCTION_AFTER = set("是不和与或而却那这的了也都就在为及、")
_NOT_BEFORE_LONE = set("周期拜初老礼")
_SINGLE_ONLY_WITH_UNIT = set("一两俩几")
#: Measure words after which a lone financial digit is a figure (壹打, 伍个); others are
#: too often words (入伍时, 登陆部队, 拾起).
_SAFE_UNITS = frozenset("打个")


@dataclass(frozen=True, slots=True)
class Reading:
    """A quantity read from the folded text (the reader adds the original text)."""

    start: int
    end: int
    kind: str
    value: Decimal
    bounds: Bounds
    unit: str
    qualifier: str


@dataclass(frozen=True, slots=True)
class _Prefix:
    """What stands before a figure."""

    start: int
    kind: str = ""  # ordinal, percent, money, or ""
    factor: Decimal = ONE
    sign: int = 1
    unit: str = ""
    word: str = ""  # qualifier as written
    category: str = ""  # its bound category, or "vague"


def read_at(s: str, p: int, lo: int, hi: int) -> Reading | None:
    """The quantity whose figure starts at p (prefixes reach back no further than lo)."""
    pre = _prefix(s, lo, p)
    part = read_part(s, p, hi, allow_bare=bool(pre.category) or pre.kind == "percent")
    if part is None or not _lone_ok(s, p, part, pre):
        return None
    if pre.category == "vague" and not _bare_start(s, p):
        pre = _Prefix(p, pre.kind, pre.factor, pre.sign, pre.unit)
    part2, connector = _range_tail(s, part, hi)
    end = part2.end if part2 else part.end
    bounds, qualifier, end = _qualify(s, part, part2, connector, pre, end, hi)
    kind, unit, factor = _kind(part2 or part, pre)
    value = _shown(part.value if part.value is not None else part.fig.value, part, factor, pre.sign)
    if part2 is not None:
        value = bounds.low if bounds.low is not None else value
    elif pre.category == "vague" or (part.fig.low is not None and part.fig.value == 0):
        value = bounds.low if bounds.low is not None else value
    return Reading(pre.start, end, kind, value, _scale(bounds, part, factor, pre.sign), unit, qualifier)


def _bare_start(s: str, p: int) -> bool:
    """Whether the figure opens with a bare magnitude (上千, 数十)."""
    return s[p] in SMALL_UNITS or s[p] in BIG_UNITS


def _prefix(s: str, lo: int, p: int) -> _Prefix:
    """第, 百分之, 负, currency symbols and qualifier words before p."""
    start, kind, factor, sign, unit = p, "", ONE, 1, ""
    if p > lo and s[p - 1] == "第":
        start, kind = p - 1, "ordinal"
    elif m := _DENOMINATOR.search(s, max(lo, p - 12), p):
        start, kind = m.start(), "percent"
        factor = Decimal(100) / _magnitude(m.group("mag"))
    elif m := SYMBOL_RE.search(s, max(lo, p - 4), p):
        start, kind, unit = m.start(), "money", CURRENCY_SYMBOLS[m.group(0).strip()]
    if start == p and p > lo and _negative(s, lo, p):
        start, sign = p - 1, -1
    if start > lo and s[start - 1] in "上数" and _bare_start(s, p):
        return _Prefix(start - 1, kind, factor, sign, unit, s[start - 1], "vague")
    q = prefix_before(s, lo, start)
    if q is None:
        return _Prefix(start, kind, factor, sign, unit)
    return _Prefix(q[2], kind, factor, sign, unit, q[0], q[1])


def _magnitude(text: str) -> Decimal:
    """百万 -> 10**6: the product of magnitude characters."""
    out = ONE
    for ch in text.replace(" ", "").replace("\t", ""):
        out *= SMALL_UNITS.get(ch) or BIG_UNITS[ch]
    return out


def _negative(s: str, lo: int, p: int) -> bool:
    """A minus sign or 负 directly before the figure (not 2023-04, not 胜负)."""
    ch = s[p - 1]
    before = s[p - 2] if p - 2 >= lo else ""
    if ch == "-":
        return not before or not (before.isalnum() or before in "-.")
    return ch == "负" and (not before or before not in "正胜自担抱欠")


def _lone_ok(s: str, p: int, part: Part, pre: _Prefix) -> bool:
    """A single numeral character is a quantity only where it reads as one (not 一切, 四川, 伍仁)."""
    fig = part.fig
    if not fig.chinese or fig.end - fig.start > 1 or part.kind == "fraction":
        return True
    ch = s[p]
    if ch in FINANCIAL:
        return pre.kind == "percent" or part.kind == "money" or part.unit in _SAFE_UNITS
    if pre.kind or pre.category or part.unit or part.kind != "number":
        return ch not in _SINGLE_ONLY_WITH_UNIT or bool(part.unit or part.kind != "number" or pre.kind)
    if ch in _SINGLE_ONLY_WITH_UNIT:
        return False
    after = s[part.end] if part.end < len(s) else ""
    before = s[p - 1] if p > 0 else ""
    if before in _NOT_BEFORE_LONE or ch in "零〇" and bool(before) and before in NUMERAL_CHARS:
        return False
    return not _is_cjk(after) or after in _FUNCTION_AFTER


def _is_cjk(ch: str) -> bool:
    """Whether ch is a CJK ideograph."""
    return bool(ch) and "\u3400" <= ch <= "\u9fff"


def _range_tail(s: str, part: Part, hi: int) -> tuple[Part | None, str]:
    """The second figure of a range (4至6万元, 3-5个, 5-20%), and the connector."""
    if part.kind in ("fraction", "ordinal") or part.fig.low is not None or part.more:
        return None, ""
    m = _CONNECTOR.match(s, part.end, hi)
    if not m:
        return None, ""
    c = m.group("c")
    second = read_part(s, m.end(), hi)
    if second is None or second.fig.low is not None or second.kind == "fraction":
        return None, ""
    if c in "-—–" and (part.fig.chinese or second.fig.chinese or part.kind != "number" and part.unit):
        return None, ""
    if part.unit and (part.unit != second.unit or part.kind != second.kind):
        return None, ""
    if part.kind != "number" and part.kind != second.kind:
        return None, ""
    low, high = _range_values(part, second)
    if low > high:
        return None, ""
    return second, c


def _range_values(first: Part, second: Part) -> tuple[Decimal, Decimal]:
    """Low and high of a range, giving the first figure the second's magnitude (4至6万)."""
    low, high = first.fig.value, second.fig.value
    if not first.fig.units and second.fig.tail > 1 and low * second.fig.tail <= high:
        low *= second.fig.tail
    return low, high


def _qualify(s: str, part: Part, part2: Part | None, connector: str, pre: _Prefix, end: int,
             hi: int) -> tuple[Bounds, str, int]:
    """Bounds and qualifier text from the figure, its range, and qualifier words around it."""
    fig = part.fig
    value = (part.value if part.value is not None else fig.value) + part.offset
    words = [pre.word] if pre.word else []
    if part2 is not None:
        low, high = _range_values(part, part2)
        bounds = Bounds(low + part.offset, (part2.value or high) + part2.offset)
        return bounds, connector, end
    bounds = _figure_bounds(part, value)
    if fig.qualifier:
        words.append(fig.qualifier)
    if part.more:
        words.append(part.more)
    if pre.category == "vague":
        bounds = vague_bounds(pre.word, fig.value)
    elif pre.category:
        bounds = bounds_for(pre.category, value, fig.place)
    suf = suffix_at(s, end) if not (fig.qualifier or part.more) else None
    if suf is not None and suf[2] <= hi and _suffix_ok(s, suf):
        bounds = bounds_for(suf[1], value, fig.place)
        words.append(suf[0])
        end = suf[2]
    return bounds, "".join(words), end


def _suffix_ok(s: str, suf: tuple[str, str, int]) -> bool:
    """上下 before 游/班/级 is a noun (上下游), not 'about'."""
    word, _, end = suf
    nxt = s[end] if end < len(s) else ""
    if word == "上下":
        return not nxt or nxt not in "游班级半午文车楼来"
    if word in ("多", "余"):
        return not _is_cjk(nxt) or nxt in "万亿"
    return True


def _figure_bounds(part: Part, value: Decimal) -> Bounds:
    """The bounds the numeral itself states (七八百, 十几, 40余万), or exactly the value."""
    fig = part.fig
    if fig.low is not None and fig.high is not None:
        return Bounds(fig.low + part.offset, fig.high + part.offset, high_open=fig.pair is None)
    if fig.qualifier or part.more:
        return bounds_for("more", value, fig.place)
    return Bounds(value, value)


def _kind(part: Part, pre: _Prefix) -> tuple[str, str, Decimal]:
    """Kind, unit and scale factor of a reading."""
    if pre.kind == "ordinal":
        return "ordinal", part.unit, ONE
    if pre.kind == "percent":
        return "percent", "", pre.factor
    if pre.kind == "money":
        return "money", pre.unit, ONE
    return part.kind, part.unit, part.factor


def _shown(value: Decimal, part: Part, factor: Decimal, sign: int) -> Decimal:
    """The value as reported: offset, scale, sign."""
    return (value + part.offset) * factor * sign


def _scale(b: Bounds, part: Part, factor: Decimal, sign: int) -> Bounds:
    """Scale bounds like the value; a minus sign swaps them."""
    low = None if b.low is None else b.low * factor * sign
    high = None if b.high is None else b.high * factor * sign
    if sign < 0:
        return Bounds(high, low, b.high_open, b.low_open)
    return Bounds(low, high, b.low_open, b.high_open)
