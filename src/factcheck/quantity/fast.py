"""A fast path for the common figure: Arabic digits, 万/亿, 余/多, a unit, a qualifier word before.

`read_fast` answers only where it is sure to give what the full reader gives (assemble.read_at),
and returns None everywhere else so the full reader takes over: any sign, symbol, ordinal or
fraction before the figure, any range connector or qualifier after it, a space, a Latin unit,
a unit with a second part (1米85, 5年多, 3块8). tests/quantity/test_fast_path.py and
bench/parse_speed.py --compare check it item for item against the full reader.
"""

from __future__ import annotations

import re
from decimal import Decimal

from factcheck.quantity.bounds import PREFIXES, SUFFIXES, Bounds, bounds_for, prefix_before
from factcheck.quantity.chars import NUMERAL_CHARS
from factcheck.quantity.figure import tidy
from factcheck.quantity.model import Quantity
from factcheck.quantity.parts import (AFTER_UNIT_RE, GE_MORE_RE, HALF_UNITS, KUAI_TAIL_RE, POINTS_RE,
                                      SECOND_PART_RE)
from factcheck.quantity.units import (CURRENCIES, CURRENCY_SYMBOLS, ISO_CODES, SUBUNIT_RE, currency_at,
                                      measure_at)
from factcheck.lazyre import lazy

_FIGURE = lazy(r"([0-9]{1,3}(?:,[0-9]{3}){1,3}(?![0-9]|,[0-9])|[0-9]{1,12})(?:\.([0-9]{1,12}))?(万亿|万|亿)?(?:([余多])(万亿|万|亿)?)?")
_HALF = Decimal("0.5")
_SHIFT = {"万": 4, "亿": 8, "万亿": 12, None: 0}
_ONE = Decimal(1)
#: Characters right after the figure that hand it to the full reader (suffix readers with
#: their own rules, fractions, spaces, Latin letters, more digits).
_AFTER_FIGURE = frozenset("‰倍成折大分又/ \t.,:^'点逾余多几") | frozenset(NUMERAL_CHARS) | frozenset(
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
#: Characters after the quantity that may continue it (ranges, qualifier words, spaces).
_AFTER_ALL = frozenset("至到~～〜-—–与和 \t%‰") | frozenset(w[0] for w in SUFFIXES)
#: Characters before the figure that need the full reader (第, 分之, signs, currency symbols;
#: 长 only in 负增长).
_BEFORE_FULL = frozenset("第之-负下长氏 \t") | frozenset(w[-1] for w in CURRENCY_SYMBOLS)
#: Last characters of qualifier words and the particles after them (超过了, 约为, 达).
_BEFORE_WORD = frozenset(w[-1] for w in PREFIXES) | frozenset("了为有达占是")
_NUMBER_UNITS_OUT = frozenset({"两", "届"})
#: First characters of a currency word, and 个 (个美元, 个百分点) and 块 (3块8): the money tests.
_MONEY_FIRST = frozenset(w[0] for w in CURRENCIES) | frozenset("个块")


def read_fast(s: str, text: str, p: int, lo: int, hi: int) -> Quantity | None:
    """The quantity whose Arabic figure starts at p, or None when the full reader must decide."""
    m = _FIGURE.match(s, p, hi)
    if m is None:
        return None
    e = m.end()
    if e >= hi or s[e] in _AFTER_FIGURE:
        return None
    yu = m.group(4) or ""
    got = ("percent", "", e + 1) if s[e] == "%" and not yu else _unit(s, e, hi, yu)
    if got is None:
        return None
    kind, unit, end = got
    more, half = "", False
    if end < hi and s[end] in "多余半" and unit in HALF_UNITS and not yu:  # 5年多, 一吨半 (never after 40余万)
        more, half = ("", True) if s[end] == "半" else (s[end], False)
        end += 1
    if end < len(s) and s[end] in _AFTER_ALL:
        return None
    start, word, category = p, "", ""
    if p > lo:
        before = s[p - 1]
        if before in _BEFORE_FULL and not (before == "长" and s[max(lo, p - 3):p] != "负增长"):
            return None  # (增长 alone is no sign: 同比增长8.4%)
        if before in _BEFORE_WORD and (q := prefix_before(s, lo, p)) is not None:
            word, category, start = q
    value = _exact(m)
    if not value:  # 0万 is no figure to the full reader
        return None
    value = value + _HALF if half else value
    yu = yu or more
    if not (yu or category):
        return Quantity(start, end, text[start:end], kind, value, value, value, False, False, unit, "",
                        ISO_CODES.get(unit, "") if kind == "money" else "")
    place = _place(m)
    bounds = bounds_for("more", value, place) if yu else Bounds(value, value)
    if category and not (category == "about" and yu):
        bounds = bounds_for(category, value, place)
    return _quantity(text, start, end, kind, value, bounds, unit, word + yu)


def _unit(s: str, e: int, hi: int, yu: str) -> tuple[str, str, int] | None:
    """(kind, unit, end) after the figure, or None when the full reader must decide."""
    first = s[e]
    if first in _MONEY_FIRST:  # a currency, 个 or 块 (never a blank: _AFTER_FIGURE)
        if first == "个" and (points := POINTS_RE.match(s, e, hi)):  # 1.7个百分点
            return None if yu else ("points", "", points.end())
        got = currency_at(s, e)
        if got is not None:
            unit, end = got
            if end > hi or SUBUNIT_RE.match(s, end, hi):
                return None
            return "money", unit, end
        if first == "块" and KUAI_TAIL_RE.match(s, e, hi) or first == "个" and GE_MORE_RE.match(s, e, hi):
            return None
    found = measure_at(s, e)
    if found is None:
        return "number", "", e
    unit, end = found
    if end > hi or unit in _NUMBER_UNITS_OUT or not unit[0] >= "\u3000":
        return None
    if yu and unit in HALF_UNITS and AFTER_UNIT_RE.match(s, end, hi) or unit in ("米", "秒") and \
            SECOND_PART_RE.match(s, end, hi):
        return None
    return "number", unit, end


def _exact(m: re.Match[str]) -> Decimal:
    """The figure's value, already tidy: 3.03亿 -> 303000000, 1.25万 -> 12500, 4.5 -> 4.5."""
    digits, frac, mag, mag2 = m.group(1, 2, 3, 5)
    if frac is None and mag is None and mag2 is None:
        return Decimal(digits if "," not in digits else digits.replace(",", ""))
    digits, frac = digits.replace(",", ""), frac or ""
    shift = _SHIFT[mag] + _SHIFT[mag2]
    if len(frac) <= shift:
        return Decimal(digits + frac + "0" * (shift - len(frac)))
    rest = frac[shift:].rstrip("0")
    return Decimal(digits + frac[:shift] + ("." + rest if rest else ""))


def _place(m: re.Match[str]) -> Decimal:
    """The place of the last stated non-zero digit (before 余/多), scaled by the magnitudes:
    last_place of the figure before 余/多, read off its digits (the figure is not zero)."""
    digits, frac, mag, mag2 = m.group(1, 2, 3, 5)
    stated = (frac or "").rstrip("0")
    digits = digits.replace(",", "")
    exp = -len(stated) if stated else len(digits) - len(digits.rstrip("0"))
    return _ONE.scaleb(exp + _SHIFT[mag] + _SHIFT[mag2])


def _quantity(text: str, start: int, end: int, kind: str, value: Decimal, b: Bounds, unit: str,
              qualifier: str) -> Quantity:
    """The public Quantity, with Decimals tidied as the full reader tidies them."""
    v = value  # _exact gives a tidy value
    low = v if b.low is value else tidy(b.low)
    high = v if b.high is value else tidy(b.high)
    currency = ISO_CODES.get(unit, "") if kind == "money" else ""
    return Quantity(start, end, text[start:end], kind, v, low, high, b.low_open, b.high_open, unit,
                    qualifier, currency)

