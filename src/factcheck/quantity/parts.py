"""A figure with what follows it: percent, points, multiple, fraction, money, measure word."""

from __future__ import annotations

import re
from decimal import Decimal, localcontext

from factcheck.quantity.numerals import ONE, TEN, Figure, read_figure
from factcheck.quantity.units import (
    SUBUNIT_RE,
    SUBUNITS,
    cheng_ok,
    currency_at,
    measure_at,
)
from factcheck.lazyre import lazy
from factcheck.records import dataclass, replace

_FRACTION = re.compile(r"[ \t]*分[ \t]*之[ \t]*")
_MIXED = re.compile(r"[ \t]*又[ \t]*")
POINTS_RE = re.compile(r"[ \t]{0,4}(?:个[ \t]*)?百[ \t]*分[ \t]*点")
_PERCENT = re.compile(r"[ \t]?[%‰]")
_CHENG = lazy(r"[ \t]{0,2}成(?:[ \t]?(?P<d>[一二三四五六七八九])(?![十百千万亿个成折])|(?P<half>半))?")
_ZHE = lazy(r"[ \t]{0,2}折(?![合算旧叠扣射腾])")
_BEI = re.compile(r"[ \t]?倍")
_SLASH = re.compile(r"/(?=\d)")
_SPACE = re.compile(r" (?=\d+/\d)")
GE_MORE_RE = re.compile(r"个(?P<q>多|半)(?P<u>月|小时|钟头|星期|工作日)")
AFTER_UNIT_RE = lazy(r"(?P<q>多|余|半)")
#: 届 counts terms (连续三届, 共两届) rather than naming one (十三届) after these words.
_COUNTED_TERMS = lazy(r"(?:连续|连任|共|历|已|先后)[ \t]?\Z")
_NEG = re.compile(r"[ \t]*负[ \t]*")
#: Characters after which a final 两 is the weight (三十两), not the colloquial digit.
_TAEL_AFTER = frozenset("十百千万亿")
#: 3块8, 一块五: yuan and tenths (not 一块五花肉: a word may not follow).
KUAI_TAIL_RE = lazy(r"块(?P<d>[\d一二两三四五六七八九])(?:毛|角)?钱?(?![\d十百千万亿点.]|[\u4e00-\u9fff](?<![的了左多]))")
#: The second part of 1米85 / 一米八 / 9秒83: one or two digits, then no more of the figure.
SECOND_PART_RE = lazy(r"(?:\d{1,2}|[一二三四五六七八九][一二三四五六七八九]?)(?![\d十百千万亿点.%]|[个名人岁次年])")
#: Measure words after which 多/余/半 still belong to the figure (5年多, 一吨半).
HALF_UNITS = frozenset("年 天 吨 米 斤 公斤 千克 公里 小时 个月 周 岁 亩 倍 万 圈".split())


@dataclass(frozen=True, slots=True)
class Part:
    """One figure and the kind, unit and scale its suffix gives it."""

    fig: Figure
    end: int
    kind: str = "number"
    unit: str = ""
    factor: Decimal = ONE  # shown value = (figure value + offset) * factor
    offset: Decimal = Decimal(0)
    more: str = ""  # 多/余 written after the measure word (5年多)
    value: Decimal | None = None  # replaces the figure's value (六七折 -> 67)


#: A figure followed by 分之 and no numerator (二分之。): not a quantity.
INCOMPLETE = Part(Figure(ONE, 0, 0, ONE), 0, "incomplete")


def read_part(s: str, pos: int, limit: int, allow_bare: bool = False) -> Part | None:
    """The figure at pos and its kind suffix, or None."""
    fig = read_figure(s, pos, allow_bare, limit)
    if fig is None:
        return None
    if fig.end - fig.start > 1 and s[fig.end - 1] == "两" and s[fig.end - 2] in _TAEL_AFTER \
            and fig.pair is None and measure_at(s, fig.end) is None:
        short = read_figure(s, pos, allow_bare, fig.end - 1)  # 三十两, 两万两: the weight 两
        if short is not None and short.end == fig.end - 1:
            return Part(short, fig.end, unit="两")
    part = _fraction(s, fig, limit) or Part(fig, fig.end)
    if part is INCOMPLETE:
        return None
    if part.kind == "fraction":
        return part
    nxt = s[fig.end:fig.end + 1]
    if nxt in " \t":
        nxt = s[fig.end:fig.end + 6].lstrip(" \t")[:1]
    for reader in _READERS.get(nxt, _ALL_READERS):
        got = reader(s, fig, limit)
        if got is not None and got.end <= limit:
            return got
    return part


def _fraction(s: str, fig: Figure, limit: int) -> Part | None:
    """三分之一, 十一又十四分之一, 3/5: a fraction."""
    m = _MIXED.match(s, fig.end) or (_SPACE.match(s, fig.end) if not fig.chinese else None)
    if m and fig.low is None:
        den = read_figure(s, m.end(), False, limit)
        if den is not None:
            frac = _fraction(s, den, limit)
            if frac is not None:
                return replace(frac, offset=fig.value)
    m = _FRACTION.match(s, fig.end) or (_SLASH.match(s, fig.end) if not fig.chinese else None)
    if not m or fig.value == 0 or fig.low is not None:
        return None
    neg = _NEG.match(s, m.end())
    start = neg.end() if neg else m.end()
    num = read_figure(s, start, False, limit)
    if num is None or num.low is not None:
        return INCOMPLETE if m.group(0) != "/" else None
    if m.group(0) == "/":
        if num.chinese or num.value == 0 or s[num.end:num.end + 1] == "/" or neg:
            return None
        return Part(fig, num.end, "fraction", value=_divide(fig.value, num.value))
    value = _divide(num.value, fig.value) * (-1 if neg else 1)
    return Part(fig, num.end, "fraction", value=value)


def _divide(a: Decimal, b: Decimal) -> Decimal:
    """a / b to 28 significant digits (1/3 does not end)."""
    with localcontext() as ctx:
        ctx.prec = 28
        return a / b


def _percent(s: str, fig: Figure, limit: int) -> Part | None:
    """N% and N‰."""
    m = _PERCENT.match(s, fig.end, limit)
    if not m:
        return None
    factor = Decimal("0.1") if m.group(0).strip() == "‰" else ONE
    return Part(fig, m.end(), "percent", factor=factor)


def _points(s: str, fig: Figure, limit: int) -> Part | None:
    """N个百分点: percentage points."""
    m = POINTS_RE.match(s, fig.end, limit)
    return Part(fig, m.end(), "points") if m else None


def _multiple(s: str, fig: Figure, limit: int) -> Part | None:
    """N倍."""
    m = _BEI.match(s, fig.end, limit)
    return Part(fig, m.end(), "multiple", unit="倍") if m else None


def _cheng(s: str, fig: Figure, limit: int) -> Part | None:
    """九成 = 90 %, 七成六 = 76 %, 三成半 = 35 %."""
    m = _CHENG.match(s, fig.end, limit)
    if not m or not cheng_ok(s, m.end()) or fig.value > 10:
        return None
    offset = Decimal("0.5") if m.group("half") else Decimal(0)
    if m.group("d"):
        offset = Decimal("一二三四五六七八九".index(m.group("d")) + 1) / TEN
    return Part(fig, m.end(), "percent", unit="成", factor=TEN, offset=offset)


def _zhe(s: str, fig: Figure, limit: int) -> Part | None:
    """八折 = 80 %, 七五折 = 75 %, 9.9折 = 99 % (the price paid, as a percent)."""
    m = _ZHE.match(s, fig.end, limit)
    if not m or fig.low is not None and fig.pair is None:
        return None
    if fig.pair is not None:
        return Part(fig, m.end(), "percent", unit="折", value=Decimal(fig.pair[0] * 10 + fig.pair[1]))
    if 0 < fig.value < 10:
        return Part(fig, m.end(), "percent", unit="折", factor=TEN)
    if 10 < fig.value < 100 and fig.value == fig.value.to_integral_value() and not fig.units:
        return Part(fig, m.end(), "percent", unit="折")
    return None


def _money(s: str, fig: Figure, limit: int) -> Part | None:
    """3.03亿元, 五元三毛, 1200亿美元, 20个比特币, 3块8."""
    got = currency_at(s, fig.end)
    if got is None:
        m = KUAI_TAIL_RE.match(s, fig.end, limit)
        if m is None or fig.units or fig.low is not None:
            return None
        return Part(fig, m.end(), "money", unit="元", offset=_digit(m.group("d")) / TEN)
    unit, end = got
    m = SUBUNIT_RE.match(s, end, limit)
    offset = Decimal(0)
    if m and not fig.units:
        offset, end = _digit(m.group("n")) * SUBUNITS[m.group("u")], m.end()
    return Part(fig, end, "money", unit=unit, offset=offset)


def _digit(ch: str) -> Decimal:
    """One Arabic or Chinese digit (两 = 2)."""
    return Decimal(int(ch)) if ch.isdigit() else Decimal("一二三四五六七八九".find(ch) + 1 or 2)


def _measure(s: str, fig: Figure, limit: int) -> Part | None:
    """A measure word or unit (家, 人次, 平方米, km), with 5年多 / 一个半小时 / 一吨半."""
    m = GE_MORE_RE.match(s, fig.end, limit)
    if m:
        unit = "个月" if m.group("u") == "月" else m.group("u")
        if m.group("q") == "半":
            return Part(fig, m.end(), unit=unit, offset=Decimal("0.5"))
        return Part(fig, m.end(), unit=unit, more="多")
    got = measure_at(s, fig.end)
    if got is None and s[fig.end:fig.end + 1] in (" ", "\t") and not fig.chinese:
        got = measure_at(s, fig.end + 1)  # 3 公里: a space before the unit
    if got is None or got[0] == "两" and (measure_at(s, got[1]) is not None or s[fig.start] in "两俩"):
        return None  # 三两天, 两两: 两 is a digit there, not the weight
    unit, end = got
    if unit == "度" and s[max(0, fig.start - 2):fig.start] in ("华氏", "摄氏"):
        unit = s[fig.start - 2:fig.start] + unit  # 华氏100度 is 100 华氏度
    m = SECOND_PART_RE.match(s, end, limit)
    if m and unit in ("米", "秒") and fig.low is None and not fig.units and _two_part_ok(unit, fig, m):
        return Part(fig, m.end(), "number", unit, offset=_hundredths(m.group(0)))
    kind = "ordinal" if unit == "届" and not _COUNTED_TERMS.search(s, max(0, fig.start - 4), fig.start) else "number"
    m = AFTER_UNIT_RE.match(s, end, limit)
    if m and unit in HALF_UNITS and not fig.qualifier and fig.low is None:
        if m.group("q") == "半":
            return Part(fig, m.end(), kind, unit, offset=Decimal("0.5"))
        return Part(fig, m.end(), kind, unit, more=m.group("q"))
    return Part(fig, end, kind, unit)


def _two_part_ok(unit: str, fig: Figure, m: re.Match[str]) -> bool:
    """1米85 (a height) and 9秒83 (a race time): a short second part after a small figure."""
    if unit == "米":
        return fig.value < 3 and fig.value == fig.value.to_integral_value()
    return fig.value < 60 and len(m.group(0)) == 2 and m.group(0).isdigit()


def _hundredths(text: str) -> Decimal:
    """85 -> 0.85, 8 -> 0.8, 八五 -> 0.85."""
    digits = "".join(str(_digit(ch)) for ch in text)
    return Decimal("0." + digits)


def _congress(s: str, fig: Figure, limit: int) -> Part | None:
    """十九大, 二十大: the numbered national congress, an ordinal (not 三大产业, 十大新闻)."""
    end = fig.end + 1
    if not fig.chinese or not 11 <= fig.value <= 29 or fig.units and fig.value % 1 or end > limit:
        return None
    nxt = s[end:end + 1]
    if nxt and "\u4e00" <= nxt <= "\u9fff" and nxt not in _CONGRESS_NEXT:
        return None
    return Part(fig, end, "ordinal", unit="大")


#: Characters that may follow 十九大 (以来, 报告, 精神, 召开, 代表, 期间, 的, 和 …).
_CONGRESS_NEXT = frozenset("以报精召代期的和与及上前后闭开胜提强作部描明党主决关会")


#: Suffix readers to try, by the character after the figure (others: money, then measure words).
_ALL_READERS = (_money, _measure)
_READERS = {"%": (_percent,), "‰": (_percent,), "个": (_points, _money, _measure), "百": (_points,),
            "倍": (_multiple,), "成": (_cheng,), "折": (_zhe,), "大": (_congress,), "": ()}
