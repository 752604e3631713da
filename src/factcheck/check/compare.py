"""Whether a draft figure is consistent with a source figure, and how to say why not."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from factcheck.quantity.bounds import PREFIXES, SUFFIXES
from factcheck.registry.claim import Claim, decimal_text
from factcheck.registry.referents import direction, trend

INF = Decimal("Infinity")
#: How far a bare round figure may stand from the source's and still be its rounding
#: (768家 -> 800家, 1512.5万件 -> 1500万件; not 1000家, not 2000万件).
ROUNDING_LIMIT = Decimal("0.05")
#: ... when the source's figure has at least this many significant digits: news rounds 768 to
#: 800, never a plain 63 (岁, 名) to 60 without 多 or 约.
ROUNDED_DIGITS = 3
#: How far below the source's threshold a draft's may stand (突破1.2万 -> 超过1万; not 突破百亿
#: for 突破千亿).
THRESHOLD_LIMIT = Decimal("0.5")
Region = tuple[Decimal, bool, Decimal, bool]  # low, low_open, high, high_open


def sig_digits(n: Decimal) -> int:
    """Significant digits of a figure as written: 448000 -> 3, 450000 -> 2."""
    if n == 0:
        return 1
    return len(n.normalize().as_tuple().digits)


def last_place(n: Decimal) -> Decimal:
    """Place value of the last non-zero digit: 448000 -> 1000, 3.03 -> 0.01."""
    if n == 0:
        return Decimal(1)
    return Decimal(1).scaleb(n.normalize().as_tuple().exponent)


_DECIMAL_NUMERAL = re.compile(r"(\d+)[.．](\d+)")


def written_precision(d: Claim) -> tuple[int, Decimal]:
    """Significant digits and last place of a figure (its value a Decimal) as written: 60.0%
    claims three digits and tenths as 60.7% does (the value alone, 60, reads as one digit),
    2.0万 two digits and thousands; a figure without a decimal point (448000, 六十) by its
    value."""
    return _written(d.text, d.value)


@lru_cache(maxsize=4096)
def _written(text: str, n: Decimal) -> tuple[int, Decimal]:
    found = _DECIMAL_NUMERAL.findall(text)
    if len(found) == 1 and n:
        whole, frac = found[0]
        try:
            scale = (abs(n) / Decimal(f"{int(whole)}.{frac}")).normalize()
        except (InvalidOperation, ZeroDivisionError):
            scale = Decimal(0)
        if scale.as_tuple().digits == (1,) and scale.as_tuple().exponent >= 0:
            return len((whole + frac).lstrip("0")), scale.scaleb(-len(frac))
    return sig_digits(n), last_place(n)


def source_region(c: Claim) -> Region:
    """What the source's words allow: an open 'more than N' is read as N up to the next step."""
    n = c.value if isinstance(c.value, Decimal) else Decimal(0)
    low, high = c.low, c.high
    if low is not None and high is None:
        return low, c.low_open, low + last_place(low) * (10 if sig_digits(low) == 1 else 1), True
    if high is not None and low is None:
        return high * Decimal("0.9"), False, high, c.high_open
    if low is None:
        return n, False, n, False
    return low, c.low_open, high, c.high_open


def draft_region(d: Claim, c: Claim) -> Region:
    """What the draft's words claim; a plain rounder figure stands for a rounding."""
    n = d.value if isinstance(d.value, Decimal) else Decimal(0)
    low = d.low if d.low is not None else -INF
    high = d.high if d.high is not None else INF
    if d.low == d.high == n and isinstance(c.value, Decimal) and not d.qualifier and \
            sig_digits(c.value) >= ROUNDED_DIGITS and abs(n - c.value) <= abs(c.value) * ROUNDING_LIMIT:
        digits, place = written_precision(d)
        if digits < sig_digits(c.value):
            return n - place / 2, False, n + place / 2, False
    return low, d.low_open if d.low is not None else True, high, d.high_open if d.high is not None else True


def overlap(a: Region, b: Region) -> bool:
    """Whether two regions share a point, honouring open ends."""
    lo, lo_open = (a[0], a[1]) if a[0] > b[0] else (b[0], b[1]) if b[0] > a[0] else (a[0], a[1] or b[1])
    hi, hi_open = (a[2], a[3]) if a[2] < b[2] else (b[2], b[3]) if b[2] < a[2] else (a[2], a[3] or b[3])
    return lo < hi or (lo == hi and not lo_open and not hi_open)


def consistent(d: Claim, c: Claim) -> bool:
    """Whether the draft figure can be a faithful rewrite of the source figure."""
    if d.kind != c.kind:
        return False
    if d.kind == "date":
        return dates_agree(str(d.value), str(c.value))
    if d.kind == "score":  # 102比110 tells the same result from the other side
        return d.value in (c.value, ":".join(reversed(str(c.value).split(":"))))
    if d.kind == "money" and not same_currency(d.unit, c.unit):
        return False
    if not isinstance(d.value, Decimal) or not isinstance(c.value, Decimal):
        return d.value == c.value
    if d.value == c.value and (not d.qualifier or d.low == d.high == d.value):
        return True  # the source's figure, its qualifier dropped or a growth verb (增长了40倍)
    if _both_thresholds(d, c):
        return _thresholds_agree(d, c)
    if _approximations_differ(d, c):
        return False
    if not overlap(draft_region(d, c), source_region(c)):
        return False
    return not _one_sided(d) or _threshold_near(d, c)


#: Qualifiers that give a figure with a tolerance around it (约, 左右 / 近, 接近 / 多, 余), by
#: the way they do; not a vague multiple (数千年, 上万人) or a threshold (超过, 不足).
_APPROXIMATE = {q: bound for q, bound in (*PREFIXES.items(), *SUFFIXES.items())
                if bound in ("about", "near", "more")}


def _approximations_differ(d: Claim, c: Claim) -> bool:
    """Two figures given as approximations of one way (约1900家, 30多只, 近9000亿元), the draft's
    no rounder than the source's but another figure: 约1903家 is no rewrite of 约1900家, nor
    33多只 of 30多只, though each range holds the other (约6800亿元 for 约6780亿元 is a rounding;
    近600家 for 500多家 is left to the ranges)."""
    return d.qualifier in _APPROXIMATE and _APPROXIMATE[d.qualifier] == _APPROXIMATE.get(c.qualifier) \
        and d.low is not None and d.high is not None \
        and isinstance(d.value, Decimal) and isinstance(c.value, Decimal) and d.value != c.value \
        and written_precision(d)[0] >= sig_digits(c.value)


def written_digits(d: Claim) -> int | None:
    """The digits a draft figure is written with, where `consistent` reads them (None where it
    reads none): a plain figure's, which may stand for a rounding (`draft_region`), and an
    approximation's (`_approximations_differ`); the rest of its text it never reads."""
    if not isinstance(d.value, Decimal) or d.qualifier not in _APPROXIMATE \
            and (d.qualifier or not d.low == d.high == d.value):
        return None
    return written_precision(d)[0]


def _one_sided(c: Claim) -> bool:
    """A bound on one side only (超过X, 突破X, 不足X)."""
    return (c.low is None) != (c.high is None)


def _threshold_near(d: Claim, c: Claim) -> bool:
    """A draft threshold is a rewrite of a source figure only near it: 突破6000万 does not
    restate 6亿, though 6亿 is beyond 6000万."""
    if c.value is None or not isinstance(c.value, Decimal):
        return True
    top = c.high if c.high is not None else c.value
    bottom = c.low if c.low is not None else c.value
    if top <= 0 or bottom <= 0:
        return True
    if d.high is None:  # 超过 X
        return d.low >= top * THRESHOLD_LIMIT  # type: ignore[operator]
    return d.high * THRESHOLD_LIMIT <= bottom  # type: ignore[operator]


def _both_thresholds(d: Claim, c: Claim) -> bool:
    """Both figures bound one side only, the same side (超过X / 突破Y, 不足X / 近Y)."""
    return (d.high is None) == (c.high is None) and (d.low is None) == (c.low is None) \
        and (d.high is None) != (d.low is None)


def _thresholds_agree(d: Claim, c: Claim) -> bool:
    """A draft threshold states no more than the source's, and not far less: 超过1万 for 突破1.2万,
    never 超过2万, never 突破百亿 for 突破千亿."""
    if d.high is None:  # lower bounds
        return d.low <= c.low and d.low >= c.low * THRESHOLD_LIMIT  # type: ignore[operator]
    return d.high >= c.high and d.high * THRESHOLD_LIMIT <= c.high  # type: ignore[operator]


#: Currencies their own press writes as a bare 元 (新台幣187億元 is reported as 187億元 in Taipei,
#: 澳門元 as 元 in Macau); 港元 is written out, and 人民币 is the bare 元 of the mainland.
_BARE_YUAN = frozenset({"元", "人民币", "新台币", "台币", "澳门元", "澳门币"})


def same_currency(a: str, b: str) -> bool:
    """Whether two money units can be the same currency (港元 and 元 never are)."""
    if not a or not b or a == b:
        return True
    return "元" in (a, b) and a in _BARE_YUAN and b in _BARE_YUAN


def reversed_change(d: Claim, c: Claim) -> bool:
    """Whether the draft states a rise where the source states a fall, or the reverse
    (同比下降1.1个百分点 for the source's 上升; 增长-6.8% is a fall)."""
    a, b = signed_direction(d), signed_direction(c)
    return a * b < 0


def reversed_trend(d: Claim, c: Claim) -> bool:
    """Whether the draft has a level reached by a fall where the source has it reached by a
    rise, or the reverse (两融余额减少至近9000亿元 for the source's 增加至近9000亿元)."""
    return trend(d.before) * trend(c.before) < 0


def signed_direction(c: Claim) -> int:
    """+1 a rise, -1 a fall, 0 neither: the direction word before it, turned by a minus sign."""
    sign = direction(c.before)
    if sign and isinstance(c.value, Decimal) and c.value < 0:
        return -sign
    return sign


def dates_agree(a: str, b: str) -> bool:
    """ISO dates agree where both state a part; XXXX (unknown year) matches any year.

    Quarters and half-years (2023-Q2, 2023-H1) stand for their months and periods
    (2017-01/2017-09) are compared end by end; a weekday (XXXX-WXX-3) only meets a weekday.
    """
    if ("W" in a) != ("W" in b):
        return True  # 周三 and 4月3日 may be the same day
    ends_a, ends_b = _ends(a), _ends(b)
    return all(_parts_agree(x, y) for x, y in zip(ends_a, ends_b))


def states_date(c: Claim, d: Claim) -> bool:
    """Whether the source's date states every part (year, month, day) the draft's states: a
    source's 2023 does not state a draft's 30日, nor 今年 a draft's 2023年5月."""
    ours, theirs = date_parts(d), date_parts(c)
    return all(len(theirs) > i and "X" not in theirs[i] for i, p in enumerate(ours) if "X" not in p)


def date_parts(c: Claim) -> list[str]:
    """A date's (an interval's start's) parts as written in ISO: 2019-03 -> [2019, 03]."""
    return str(c.value).split("/")[0].split("-")


def _ends(iso: str) -> tuple[str, str]:
    """First and last month or day an ISO date or period covers."""
    if "/" in iso:
        first, last = iso.split("/", 1)
        return first, last
    year, _, part = iso.partition("-")
    if part[:1] in ("Q", "H") and part[1:].isdigit():
        size = 3 if part[0] == "Q" else 6
        n = int(part[1:])
        return f"{year}-{size * (n - 1) + 1:02d}", f"{year}-{size * n:02d}"
    return iso, iso


def spans_overlap(a: str, b: str) -> bool:
    """Whether one of two ISO dates is a span (2012/2014) the other falls within (2013): the
    draft states more or less than the source, not the opposite of it."""
    if "/" not in a + b or "X" in a + b:
        return False
    (a0, a1), (b0, b1) = _ends(a), _ends(b)

    def within(x0: str, x1: str, y0: str, y1: str) -> bool:  # [x0, x1] inside [y0, y1]
        n = min(len(x0), len(y0))
        m = min(len(x1), len(y1))
        return y0[:n] <= x0[:n] and x1[:m] <= y1[:m]

    return within(a0, a1, b0, b1) or within(b0, b1, a0, a1)


def _parts_agree(a: str, b: str) -> bool:
    """Dates agree part by part where both state the part."""
    for x, y in zip(a.split("-"), b.split("-")):
        if "X" in x or "X" in y:
            continue
        if x != y:
            return False
    return True


def magnitude_ratio(d: Claim, c: Claim) -> int | None:
    """10**k when the draft figure is the source figure shifted by k places (k != 0)."""
    if not isinstance(d.value, Decimal) or not isinstance(c.value, Decimal) or not d.value or not c.value:
        return None
    ratio = d.value / c.value
    for k in range(-8, 9):
        if k and ratio == Decimal(10) ** k:
            return k
    return None


def explain(d: Claim, c: Claim) -> tuple[str, str]:
    """(kind of difference, message) for an inconsistent pair."""
    what = f"“{c.subject}”" if c.subject else "this"
    if d.kind == "date":
        return "date", f"date differs: the source gives {c.text} for {what}, the draft says {d.text}"
    if d.kind == "score":
        return "score", f"score differs: the source gives {c.text} for {what}, the draft says {d.text}"
    if d.kind == "money" and not same_currency(d.unit, c.unit):
        return "currency", f"currency differs: the source says {c.text} for {what}, the draft says {d.text}"
    k = magnitude_ratio(d, c)
    if k is not None:
        size = f"{10 ** abs(k)}× too {'large' if k > 0 else 'small'}"
        return "magnitude", f"magnitude error: the source says {c.text} for {what}; {d.text} is {size}"
    if d.value == c.value:
        return "qualifier", (f"qualifier contradicts the source: the source says {c.text} "
                             f"({_reading(c)}), the draft says {d.text} ({_reading(d)})")
    if _digits(d) == _digits(c):
        return "digits", f"digits transposed: the source says {c.text} for {what}, the draft says {d.text}"
    return "value", f"figure differs: the source says {c.text} for {what}, the draft says {d.text}"


def _digits(c: Claim) -> str:
    if not isinstance(c.value, Decimal) or not c.value:
        return ""
    return "".join(sorted(ch for ch in decimal_text(c.value) if ch.isdigit()))


def _reading(c: Claim) -> str:
    low, high = c.low, c.high
    if low is not None and high is None:
        return f"more than {decimal_text(low)}"
    if high is not None and low is None:
        return f"under {decimal_text(high)}"
    if low is not None and high is not None and low != high:
        return f"{decimal_text(low)} to {decimal_text(high)}"
    return decimal_text(c.value) if isinstance(c.value, Decimal) else str(c.value)
