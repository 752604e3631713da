"""One quantity at a figure: prefixes, the figure and its suffix, ranges, qualifiers, bounds."""

from __future__ import annotations

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
from factcheck.quantity.ranges import Tail, range_tail
from factcheck.quantity.units import CURRENCY_SYMBOLS, SYMBOL_LAST, SYMBOL_RE
from factcheck.lazyre import lazy
from factcheck.records import dataclass

_DENOMINATOR = lazy(r"(?P<mag>(?:[百佰千仟万亿][ \t]*){1,3})分[ \t]*之[ \t]*\Z")
#: A verb of growth directly before N倍: the base grows by N times (GB/T 15835 usage).
_GROWTH = lazy(r"(?P<verb>增长|增加|提高|上升|扩大|增)了?\Z")
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
    minus: str = ""  # the sign as written: -, 负, 负增长 or 零下


def read_at(s: str, p: int, lo: int, hi: int) -> Reading | None:
    """The quantity whose figure starts at p (prefixes reach back no further than lo)."""
    pre = _prefix(s, lo, p)
    part = read_part(s, p, hi, allow_bare=bool(pre.category) or pre.kind == "percent")
    if part is None:
        return None
    tail = range_tail(s, part, hi)
    if not _lone_ok(s, p, part, pre) and not (tail and tail.word):
        return None
    if pre.category == "vague" and not _bare_start(s, p):
        pre = _Prefix(p, pre.kind, pre.factor, pre.sign, pre.unit)
    if tail is not None:
        return _range_reading(s, part, tail, pre)
    bounds, qualifier, end = _qualify(s, part, pre, part.end, hi)
    kind, unit, factor = _kind(part, pre)
    value = _shown(part.value if part.value is not None else part.fig.value, part, factor, pre.sign)
    if pre.category == "vague" or (part.fig.low is not None and part.fig.value == 0):
        value = bounds.low if bounds.low is not None else value
    reading = Reading(pre.start, end, kind, value, _scale(bounds, factor, pre.sign), unit, qualifier)
    if kind == "multiple" and (not pre.word or pre.category and pre.category != "vague"):
        return _grown(s, lo, reading)  # 增长3倍, 增长近40倍
    return reading


def _grown(s: str, lo: int, r: Reading) -> Reading:
    """增长3倍 is four times the base (the growth is three times it); 是…的3倍 stays three."""
    m = _GROWTH.search(s, max(lo, r.start - 3), r.start)
    if m is None:
        return r
    b = r.bounds
    up = (lambda v: None if v is None else v + ONE)
    return Reading(m.start(), r.end, r.kind, r.value + ONE, Bounds(up(b.low), up(b.high), b.low_open,
                   b.high_open), r.unit, m.group("verb") + r.qualifier)


def _range_reading(s: str, part: Part, tail: Tail, pre: _Prefix) -> Reading:
    """A range such as 4至6万元, 两至四年, -3~5℃ or 10000与20000之间."""
    kind, unit, factor = _kind(tail.part, pre)
    low = (tail.low + part.offset) * factor * pre.sign
    second_sign = tail.sign or (pre.sign if pre.minus in ("负", "负增长", "零下") else 1)
    high = tail.high * factor * second_sign
    low, high = min(low, high), max(low, high)
    return Reading(pre.start, tail.end, kind, low, Bounds(low, high), unit, pre.word + tail.qualifier)


def _bare_start(s: str, p: int) -> bool:
    """Whether the figure opens with a bare magnitude (上千, 数十)."""
    return s[p] in SMALL_UNITS or s[p] in BIG_UNITS


def _prefix(s: str, lo: int, p: int) -> _Prefix:
    """第, 百分之, 负, currency symbols and qualifier words before p."""
    start, kind, factor, sign, unit = p, "", ONE, 1, ""
    if p > lo and s[p - 1] == "第":
        start, kind = p - 1, "ordinal"
    elif p > lo and s[p - 1] in "之 \t" and (m := _DENOMINATOR.search(s, max(lo, p - 12), p)):
        start, kind = m.start(), "percent"
        factor = Decimal(100) / _magnitude(m.group("mag"))
    elif p > lo and s[p - 1] in SYMBOL_LAST and (m := SYMBOL_RE.search(s, max(lo, p - 6), p)):
        start, kind, unit = m.start(), "money", CURRENCY_SYMBOLS[m.group(0).strip()]
    minus = _negative(s, lo, p) if start == p and p > lo else ""
    if minus:
        start, sign = p - len(minus), -1
    if start > lo and s[start - 1] in "上数" and _bare_start(s, p):
        back = 3 if start - 3 >= lo and s[start - 3] == "成" and s[start - 2] in "百千" else 1
        return _Prefix(start - back, kind, factor, sign, unit, s[start - back:start], "vague")
    q = prefix_before(s, lo, start)
    if q is None:
        return _Prefix(start, kind, factor, sign, unit, minus=minus)
    return _Prefix(q[2], kind, factor, sign, unit, q[0], q[1], minus)


def _magnitude(text: str) -> Decimal:
    """百万 -> 10**6: the product of magnitude characters."""
    out = ONE
    for ch in text.replace(" ", "").replace("\t", ""):
        out *= SMALL_UNITS.get(ch) or BIG_UNITS[ch]
    return out


def _negative(s: str, lo: int, p: int) -> str:
    """The minus sign, 负, 负增长 or 零下 right before the figure (not 2023-04, 胜负, A-3), or ""."""
    ch = s[p - 1]
    before = s[p - 2] if p >= 2 else ""  # the real neighbour, even before lo (3-1: no sign)
    if ch == "-":
        return "" if before and (before.isascii() and before.isalnum() or before in "-.") else "-"
    if ch == "下" and before == "零":
        return "零下"
    if ch == "长" and s[max(lo, p - 3):p] == "负增长":
        return "负增长"
    return "负" if ch == "负" and (not before or before not in "正胜自担抱欠") else ""


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
    after = s[part.end] if part.end < len(s) else ""
    before = s[p - 1] if p > 0 else ""
    if before in ("", "\n") and after in ("", "\n", "\r"):
        return True  # a numeral alone on its line, as in a table cell
    if ch in _SINGLE_ONLY_WITH_UNIT:
        return False
    if before in _NOT_BEFORE_LONE or ch in "零〇" and bool(before) and before in NUMERAL_CHARS:
        return False
    return not _is_cjk(after) or after in _FUNCTION_AFTER


def _is_cjk(ch: str) -> bool:
    """Whether ch is a CJK ideograph."""
    return bool(ch) and "\u3400" <= ch <= "\u9fff"


def _qualify(s: str, part: Part, pre: _Prefix, end: int, hi: int) -> tuple[Bounds, str, int]:
    """Bounds and qualifier text from the figure and qualifier words around it."""
    fig = part.fig
    value = (part.value if part.value is not None else fig.value) + part.offset
    words = [pre.word] if pre.word else []
    bounds = _figure_bounds(part, value)
    if fig.qualifier:
        words.append(fig.qualifier)
    if part.more:
        words.append(part.more)
    if pre.category == "vague":
        bounds = vague_bounds(pre.word, fig.value)
    elif pre.category and not (pre.category == "about" and (fig.qualifier or part.more)):
        bounds = bounds_for(pre.category, value, fig.place)  # 约六百多: the 多 sets the bounds
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


def _scale(b: Bounds, factor: Decimal, sign: int) -> Bounds:
    """Scale bounds like the value; a minus sign swaps them."""
    low = None if b.low is None else b.low * factor * sign
    high = None if b.high is None else b.high * factor * sign
    if sign < 0:
        return Bounds(high, low, b.high_open, b.low_open)
    return Bounds(low, high, b.low_open, b.high_open)
