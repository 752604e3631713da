"""What the reader now gives (periods, weekdays, currencies, multiples, signs) compares as editors read it."""

from __future__ import annotations

import pytest

from factcheck.check.compare import consistent, dates_agree
from factcheck.quantity import read_quantities
from factcheck.registry.claim import Claim

#: (source words, draft words, whether the draft agrees with the source)
CASES = [
    ("2023年二季度", "2023年第二季度", True),
    ("2023年二季度", "2023年三季度", False),
    ("今年上半年", "今年1至6月", True),
    ("今年上半年", "今年下半年", False),
    ("前三季度", "1至9月", True),
    ("前三季度", "1至8月", False),
    ("前9个月", "1-9月份", True),
    ("3月1日至5日", "3月1日至5日", True),
    ("3月1日至5日", "3月1日至6日", False),
    ("2017年1至9月", "2017年9月", False),
    ("周三", "4月3日", True),
    ("周三", "周四", False),
    ("2023年4月", "2023年", True),
    ("2023年4月3日", "2023年4月4日", False),
]


@pytest.mark.parametrize(("source", "draft", "agree"), CASES)
def test_periods_compare_end_by_end(source: str, draft: str, agree: bool) -> None:
    (s,) = read_quantities(source, 2023)
    (d,) = read_quantities(draft, 2023)
    assert (s.kind, d.kind) == ("date", "date")
    assert dates_agree(str(d.value), str(s.value)) is agree, (s.value, d.value)


def _claim(words: str) -> Claim:
    """The claim the checker builds from the one quantity in `words`."""
    (q,) = read_quantities(words, 2023)
    return Claim(kind=q.kind, text=q.text, start=q.start, end=q.end, line=1, column=q.start + 1,
                 end_column=q.end + 1, value=q.value, low=q.low, high=q.high, low_open=q.low_open,
                 high_open=q.high_open, unit=q.unit, qualifier=q.qualifier)


#: (source words, draft words, consistent): currencies, multiples and signs as the reader gives them.
FIGURES = [
    ("100港元", "100元", False),
    ("港币3亿元", "3亿元", False),
    ("100港元", "HK$100", True),
    ("30澳门元", "澳门币30元", True),
    ("增长3倍", "是原来的4倍", True),
    ("增长3倍", "是原来的3倍", False),
    ("翻一番", "2倍", True),
    ("同比增长-3.1%", "增长3.1%", False),
    ("6-8万元", "7万元", True),
    ("6-8万元", "9万元", False),
]


@pytest.mark.parametrize(("source", "draft", "ok"), FIGURES)
def test_figures_compare_with_their_currency_factor_and_sign(source: str, draft: str, ok: bool) -> None:
    assert consistent(_claim(draft), _claim(source)) is ok
