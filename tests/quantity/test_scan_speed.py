"""The scanner's shortcuts find exactly what a plain scan of every position finds."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from factcheck.quantity import dates, labels, periods, reader
from factcheck.quantity.chars import NUMERAL_CHARS, fold
from factcheck.quantity.halves import START as HALF_START
from tests.conftest import SHARED
from tests.quantity.test_fast_path import _corpus, _perturbed

#: Characters every date and period form is made of, and some it is not.
_DATE_ALPHABET = ("0123456789０１２-/.年月日号本今去前明上农历正初十一二三四五六七八九〇零○两季度第半下个份首"
                  "至到~～—星期礼拜周天每 \t，的元")
#: The scanner's start pattern without its first-character guard.
_UNGUARDED = re.compile(reader._START.pattern.split("])(?:", 1)[1][:-1])
_START_ALPHABET = "".join(sorted(set(HALF_START + NUMERAL_CHARS + "0123456789.打对折成几大过，的 ")))


def _news() -> str:
    """The evaluation texts and perturbed copies, folded as the reader folds them."""
    texts = _corpus()
    return fold("\n".join(texts + [_perturbed(t, i) for i, t in enumerate(texts)]))


def _spans(matches) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


#: Every anchored form: dates, periods, weekdays and 12/1.
_ANCHORED = [(form, anchor, back) for form, anchor, back in dates._FORMS if anchor is not None] + [
    (form, anchor, back) for form, _, _, anchor, back in periods._FORMS] + [
    periods.WEEKDAYS, periods.SLASHES]


def _same_dates(s: str) -> None:
    for form, anchor, back in _ANCHORED:
        assert _spans(periods.anchored(s, form, anchor, back)) == _spans(form.finditer(s)), form.pattern


def test_anchored_date_forms_find_what_a_full_scan_finds_in_news() -> None:
    s = _news()
    assert len(dates.find_dates(s)) > (100 if (SHARED / "eval").is_dir() else 5)  # a clone alone
    _same_dates(s)


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=_DATE_ALPHABET, max_size=40))
@example("农历二〇二三年正月初一，农历2023年，农历十二月，2023-04-03，12日，本月5日")  # the longest reach of each
@example("二〇二三年第四季度，2023年前三个季度，二〇二二年下半年，2023年首12个月，星期一，12/31")
@example("2023年12月份 \t 至 \t12月，二〇二三年十月份——十二月份")
def test_anchored_date_forms_find_what_a_full_scan_finds_in_any_mix(text: str) -> None:
    _same_dates(text)


def test_the_start_guard_names_every_first_character() -> None:
    assert _UNGUARDED.pattern.startswith("(?<!\\d)")
    s = _news()
    assert _spans(reader._START.finditer(s)) == _spans(_UNGUARDED.finditer(s))


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=_START_ALPHABET, max_size=30))
def test_the_start_guard_changes_no_match(text: str) -> None:
    assert _spans(reader._START.finditer(text)) == _spans(_UNGUARDED.finditer(text))


_ADDRESS_ALPHABET = "hHtTpPsSſwW:/.@_-+a1 \t\n\r中，。"


def test_addresses_are_found_line_by_line_as_in_one_scan() -> None:
    s = _news() + "\n访问 https://www.workercn.cn/a?b=1 或 WWW.example.com，邮箱 zhang.san+1@ex-ample.com。\n"
    assert len(_spans(labels.SKIP_RE.finditer(s))) >= 3
    assert _spans(labels._skips(s)) == _spans(labels.SKIP_RE.finditer(s))


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=_ADDRESS_ALPHABET, max_size=40))
@example("a@b.c\nhttp://x www.y\n中@中.中")
def test_addresses_are_found_line_by_line_in_any_mix(text: str) -> None:
    assert _spans(labels._skips(text)) == _spans(labels.SKIP_RE.finditer(text))
