"""Dates: 2023-04-03, 2023年4月3日, 二〇二三年十月一日, 1月12日, 今年5月 -> ISO 8601 text."""

from __future__ import annotations

import re

from factcheck.quantity.chars import DIGITS
from factcheck.quantity.periods import anchored, find_periods
from factcheck.lazyre import lazy
from factcheck.records import dataclass

_CN_YEAR = "[〇零○一二三四五六七八九]{4}"
_CN_MONTH = "十[一二]?|[一二三四五六七八九]|正"
_CN_DAY = "三十[一]?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]|初[一二三四五六七八九十]"
_MONTH = rf"(?P<m>1[0-2]|0?[1-9](?!\d)|{_CN_MONTH})月(?!份?[以之]?内)"
_DAY = rf"(?:(?P<d>3[01]|[12]\d|0?[1-9](?!\d))[日号]|(?P<dc>{_CN_DAY})(?P<dm>[日号])?)"
_YEAR = rf"(?:(?P<rel>今年|去年|前年|明年|上年|本年)|(?<![\d.A-Za-z])(?P<y>\d{{4}}|{_CN_YEAR})年(?![多余]|之久|历史))"

#: The date forms; overlaps are resolved by position, then length.
_GUARD = "(?=[农今去前明上本正十初\\d〇零○一二三四五六七八九])"
ISO_RE = lazy(
    r"(?=\d)(?<![\d./\-A-Za-z])(?P<iy>\d{4})(?P<sep>[-/.])(?P<im>1[0-2]|0?[1-9])(?P=sep)"
    r"(?P<id>3[01]|[12]\d|0?[1-9])(?![\d./\-])")
YEAR_RE = lazy(rf"{_GUARD}(?:农历)?{_YEAR}(?:{_MONTH}(?:{_DAY})?)?")
MONTH_RE = lazy(rf"{_GUARD}(?:农历)?(?<![\d年]){_MONTH}(?:{_DAY})?")
DAY_RE = lazy(r"(?=\d)(?<![\d月.])(?P<ld>3[01]|[12]\d|0?[1-9])日(?![元本报均常益])")
THIS_MONTH_RE = lazy(rf"本月(?:(?P<ld>3[01]|[12]\d|0?[1-9])|(?P<lc>{_CN_DAY}))[日号]")
#: Each form with the characters one of its matches always holds and how far after the match's
#: start at most (the ISO separator, 年, 月, 日/号): only the positions that far before one are
#: tried (tests/quantity/test_scan_speed.py checks it against a scan of every position).
_FORMS = ((ISO_RE, re.compile("[-/.]"), 4), (YEAR_RE, re.compile("年"), 6), (MONTH_RE, re.compile("月"), 4),
          (DAY_RE, re.compile("日"), 2), (THIS_MONTH_RE, None, 0))
#: What joins two dates into one period: 3月1日至5日.
_WEEKDAY_AFTER = re.compile(r"[ \t]*[，,]?[ \t]*[（(]?")
_JOIN = lazy(r"[ \t]*[至到\-—~～][ \t]*\Z")

_RELATIVE_YEARS = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1}


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date found in text: span and ISO value."""

    start: int
    end: int
    iso: str


def _cn_number(text: str) -> int:
    """A small Chinese numeral (month, day, year digit by digit) as an int."""
    text = text.lstrip("初").replace("正", "一")
    if len(text) == 4 and "十" not in text:
        return int("".join(str(DIGITS[c]) for c in text))
    if text.startswith("十"):
        text = "一" + text
    tens, _, ones = text.rpartition("十")
    return (DIGITS[tens] * 10 if tens else 0) + (DIGITS[ones] if ones else 0)


def _num(text: str | None) -> int | None:
    """An Arabic or Chinese number group of a date match."""
    if text is None:
        return None
    return int(text) if text.isdigit() and text.isascii() else _cn_number(text)


def _year(m: re.Match[str], ref_year: int | None) -> tuple[str, bool] | None:
    """The year text of a match ('XXXX' when unknown) and whether it was stated."""
    if m.groupdict().get("rel"):
        if ref_year is None:
            return "XXXX", True
        return f"{ref_year + _RELATIVE_YEARS[m.group('rel')]:04d}", True
    if m.groupdict().get("y"):
        year = _num(m.group("y"))
        if year is None or not 1000 <= year <= 2999:
            return None
        return f"{year:04d}", True
    return "XXXX", False


def _iso(m: re.Match[str], ref_year: int | None) -> tuple[str, int] | None:
    """(ISO text, end) of a date match, or None when it is not a date after all."""
    groups = m.groupdict()
    if groups.get("iy"):
        return f"{m.group('iy')}-{int(m.group('im')):02d}-{int(m.group('id')):02d}", m.end()
    if groups.get("ld"):
        return f"XXXX-XX-{int(m.group('ld')):02d}", m.end()
    if groups.get("lc"):
        return f"XXXX-XX-{_cn_number(m.group('lc')):02d}", m.end()
    year = _year(m, ref_year)
    if year is None:
        return None
    text, stated = year
    month = _num(m.group("m"))
    if month is None:
        return text, m.end()
    day, end = _day(m)
    if day is None:
        return f"{text}-{month:02d}", end
    return f"{text}-{month:02d}-{day:02d}", end


def _day(m: re.Match[str]) -> tuple[int | None, int]:
    """The day of a match and where the date ends (a bare Arabic day after 月 is not a day)."""
    if m.group("d"):
        return int(m.group("d")), m.end()
    if m.group("dc"):
        return _cn_number(m.group("dc")), m.end()
    return None, m.end()


def find_dates(s: str, ref_year: int | None = None) -> list[DateMatch]:
    """Every date in the folded text, in order."""
    found = []
    for form, anchor, back in _FORMS:
        for m in form.finditer(s) if anchor is None else anchored(s, form, anchor, back):
            got = _iso(m, ref_year)
            if got is not None and _plausible(m):
                found.append(DateMatch(m.start(), got[1], got[0]))
    found += [DateMatch(*p) for p in find_periods(s, ref_year)]
    found.sort(key=lambda d: (d.start, -d.end))
    out: list[DateMatch] = []
    for d in found:
        if not out or d.start >= out[-1].end:
            out.append(d)
    return _join_periods(s, out)


def _join_periods(s: str, dates: list[DateMatch]) -> list[DateMatch]:
    """3月1日至5日 -> XXXX-03-01/XXXX-03-05: the second date takes what the first states."""
    out: list[DateMatch] = []
    for d in dates:
        prev = out[-1] if out else None
        if prev is not None and d.iso.startswith("XXXX-WXX") and prev.iso.count("-") == 2 \
                and "/" not in prev.iso and (m := _WEEKDAY_AFTER.match(s, prev.end)) and m.end() == d.start:
            close = 1 if m.group(0).strip(" \t，,") and s[d.end:d.end + 1] in "）)" else 0
            out[-1] = DateMatch(prev.start, d.end + close, prev.iso)  # 10月12号（星期一）
            continue
        if prev is not None and "/" not in prev.iso + d.iso and "W" not in prev.iso + d.iso \
                and _JOIN.match(s[prev.end:d.start]):
            second = _carry(prev.iso, d.iso)
            if second is not None:
                out[-1] = DateMatch(prev.start, d.end, f"{prev.iso}/{second}")
                continue
        out.append(d)
    return out


def _carry(first: str, second: str) -> str | None:
    """The second date of a period with the parts it leaves out taken from the first, or None."""
    a, b = first.split("-"), second.split("-")
    if len(a) != len(b):  # 3月1日至5月 is not one period
        return None
    joined = "-".join(x if "X" in y else y for x, y in zip(a, b))
    return joined if joined > first else None


def _plausible(m: re.Match[str]) -> bool:
    """A lone year must look like a year: 1900-2099, or any year with a month."""
    y = m.groupdict().get("y")
    if y is None or m.group("m"):
        return True
    year = _num(y)
    return year is not None and 1900 <= year <= 2099
