"""Times of day are not figures; a score written with a colon is one."""

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from factcheck.quantity.periods import anchored
from factcheck.registry import extract
from factcheck.registry.extract import extract_claims
from factcheck.text.document import Document
from tests.quantity.test_fast_path import _corpus


def _claims(text: str) -> list[tuple[str, str]]:
    return [(c.kind, c.text) for c in extract_claims(Document("x.txt", text), with_subjects=False)]


@pytest.mark.parametrize("text, expected", [
    ("北京首钢队以83:60轻取同城对手。", [("score", "83:60")]),     # not a time: no hour 83
    ("比赛最终以21:19结束。", [("score", "21:19")]),               # a time's shape, a score's words
    ("会议于10:30开始，到场500人。", [("number", "500人")]),       # a time of day
    ("列车23:59发车，全程1200公里。", [("number", "1200公里")]),
])
def test_times_and_scores(text, expected):
    assert _claims(text) == expected


#: What times of day are made of, the words after 时 that make it no time, and some others.
_TIME_ALPHABET = "0123456789.:：时点分零〇一二两三四五六七八九十间代期段刻候常同小 ，年"


def _times(text: str) -> list[tuple[int, int]]:
    """The times of day as `_read_claims` finds them: tried only before a mark."""
    return [m.span() for m in anchored(text, extract._TIME, extract._TIME_MARKS, extract._TIME_REACH)]


def _scanned(text: str) -> list[tuple[int, int]]:
    """The times of day a scan of every position finds."""
    return [m.span() for m in extract._TIME.finditer(text)]


#: Times of day as news writes them, so the comparison holds some without `../shared` too.
_NEWS_TIMES = ["记者10日16时30分从省应急管理厅获悉，凌晨2时许发生4.5级地震。",
               "沪指9:30开盘，11：30收盘时上涨0.8%，成交额1200亿元。",
               "航班于二十三时十五分降落，比原定时间晚了四十分钟。",
               "截至当日17点，共转移群众3.2万人；次日8时，水位回落到警戒线以下。"]


def test_times_tried_before_marks_are_those_a_full_scan_finds_in_news() -> None:
    s = "\n".join(_corpus() + _NEWS_TIMES)
    assert len(_scanned(s)) > 3
    assert _times(s) == _scanned(s)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=_TIME_ALPHABET, max_size=40))
@example("二十三时十五分，12:30:45，九点三十分，1.5时")  # a mark three characters in
@example("十二点三十分。三时间，2时代")
def test_times_tried_before_marks_are_those_a_full_scan_finds(text: str) -> None:
    assert _times(text) == _scanned(text)
