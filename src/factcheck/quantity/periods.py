"""Periods and weekdays: 二季度 -> XXXX-Q2, 下半年 -> XXXX-H2, 1至9月 -> XXXX-01/XXXX-09, 周三."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from factcheck.lazyre import lazy

_CN = "〇零一二两三四五六七八九十"
_NUM = {ch: i for i, ch in enumerate("零一二三四五六七八九")} | {"两": 2, "〇": 0}
_YEAR = r"(?:(?P<rel>今年|去年|前年|明年|上年|本年)|(?<![\d.A-Za-z])(?P<y>\d{4}|[〇零○一二三四五六七八九]{4})年)"
_MONTH_N = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
_RELATIVE = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1}

QUARTER_RE = lazy(rf"(?=[今去前明上本\d〇零○一二三四第])(?:{_YEAR})?第?(?P<q>[一二三四1-4])季度")
_GUARD = "(?=[今去前明上本首下\\d〇零○一二三四五六七八九十])"
FIRST_QUARTERS_RE = lazy(rf"{_GUARD}(?:{_YEAR})?前(?P<n>[一二三两1-3])个?季度")
HALF_RE = lazy(rf"{_GUARD}(?:{_YEAR})?(?P<h>[上下])半年")
FIRST_MONTHS_RE = lazy(rf"{_GUARD}(?:{_YEAR})?(?:前|首)(?P<n>{_MONTH_N})个月份?")
MONTHS_RE = lazy(
    rf"(?=[今去前明上本\d〇零○一二三四五六七八九十])(?:{_YEAR})?(?<![\d.])(?P<a>{_MONTH_N})(?:月份?)?"
    rf"[ \t]*[至到\-—~～][ \t]*(?P<b>{_MONTH_N})月份?")
#: What every MONTHS_RE match holds: a connector, then the second month and 月 (a quick test).
_MONTHS_HINT = lazy(rf"[至到\-—~～][ \t]*(?:{_MONTH_N})月")
WEEKDAY_RE = lazy(r"(?=[星礼周])(?<![一二三四五六七八九十两几\d每])(?:星期|礼拜|周)(?P<w>[一二三四五六日天])"
                        r"(?![次个天年名人项家届倍成%\d一二三四五六七八九十])")
SLASH_RE = lazy(r"(?=\d)(?<![\d./\-])(?<!\d[ \t])(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])(?![\d./%])")


def _int(text: str) -> int:
    """A small Arabic or Chinese number (一 to 十二)."""
    if text.isdigit() and text.isascii():
        return int(text)
    if text.startswith("十"):
        return 10 + (_NUM[text[1]] if len(text) > 1 else 0)
    return _NUM[text]


def _year(m: re.Match[str], ref_year: int | None) -> str | None:
    """The year of a match as ISO text ('XXXX' when unknown), or None when implausible."""
    if m.group("rel"):
        return "XXXX" if ref_year is None else f"{ref_year + _RELATIVE[m.group('rel')]:04d}"
    if m.group("y"):
        text = m.group("y")
        year = int(text) if text.isdigit() and text.isascii() else int("".join(
            str(_NUM.get(ch, 0)) for ch in text))
        return f"{year:04d}" if 1000 <= year <= 2999 else None
    return "XXXX"


def _quarter(m: re.Match[str], y: str) -> str | None:
    """2023-Q2."""
    return f"{y}-Q{_int(m.group('q'))}"


def _first_quarters(m: re.Match[str], y: str) -> str | None:
    """前三季度 -> XXXX-01/XXXX-09."""
    return f"{y}-01/{y}-{3 * _int(m.group('n')):02d}"


def _half(m: re.Match[str], y: str) -> str | None:
    """上半年 -> XXXX-H1."""
    return f"{y}-H{1 if m.group('h') == '上' else 2}"


def _first_months(m: re.Match[str], y: str) -> str | None:
    """前9个月 -> XXXX-01/XXXX-09."""
    n = _int(m.group("n"))
    return f"{y}-01/{y}-{n:02d}" if 1 < n <= 12 else None


def _months(m: re.Match[str], y: str) -> str | None:
    """1至9月 -> XXXX-01/XXXX-09."""
    a, b = _int(m.group("a")), _int(m.group("b"))
    return f"{y}-{a:02d}/{y}-{b:02d}" if 1 <= a < b <= 12 else None


#: Each form, how it reads, a word every match holds (a text without it is skipped), and the
#: characters each match holds at most so far after its start (季, 半, 个月, the connector
#: with the blanks before it): only the positions that far before one are tried.
_FORMS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str], str], str | None], str, re.Pattern[str], int],
              ...] = (
    (QUARTER_RE, _quarter, "季度", re.compile("季"), 7),
    (FIRST_QUARTERS_RE, _first_quarters, "季度", re.compile("季"), 8),
    (HALF_RE, _half, "半年", re.compile("半"), 6),
    (FIRST_MONTHS_RE, _first_months, "个月", re.compile("个月"), 8),
    (MONTHS_RE, _months, "月", lazy(r"[ \t]*[至到\-—~～]"), 9))
#: Weekdays start at 星, 礼 or 周; in 12/1 the slash is at most two characters in.
WEEKDAYS = (WEEKDAY_RE, lazy("[星礼周]"), 0)
SLASHES = (SLASH_RE, re.compile("/"), 2)


def anchored(s: str, form: re.Pattern[str], anchor: re.Pattern[str], back: int) -> Iterator[re.Match[str]]:
    """`form.finditer(s)` for a form whose every match has an `anchor` match starting at most
    `back` characters after its own start: the form is tried only at those positions, in order
    (tests/quantity/test_scan_speed.py checks each form against a scan of every position)."""
    end = tried = 0
    for a in anchor.finditer(s):
        p, last = max(end, tried, a.start() - back), a.start()
        while p <= last:
            m = form.match(s, p)
            if m is not None and m.end() > p:
                yield m
                p = end = m.end()
            else:
                p += 1
        tried = max(tried, p)


def find_periods(s: str, ref_year: int | None) -> Iterator[tuple[int, int, str]]:
    """(start, end, ISO text) of every period, weekday and month/day date in the folded text."""
    for form, iso, needle, anchor, back in _FORMS:
        if needle not in s or form is MONTHS_RE and not _MONTHS_HINT.search(s):
            continue
        for m in anchored(s, form, anchor, back):
            y = _year(m, ref_year)
            value = iso(m, y) if y is not None else None
            if value is not None:
                yield m.start(), m.end(), value
    for m in anchored(s, *WEEKDAYS) if "周" in s or "星期" in s or "礼拜" in s else ():
        day = m.group("w")
        yield m.start(), m.end(), f"XXXX-WXX-{7 if day in '日天' else _NUM[day]}"
    for m in anchored(s, *SLASHES) if "/" in s else ():
        month, day = int(m.group("m")), int(m.group("d"))
        if month >= day:  # 12/1 is a date; 1/3 a fraction
            yield m.start(), m.end(), f"XXXX-{month:02d}-{day:02d}"
