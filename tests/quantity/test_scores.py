"""Scores are one figure: 110比102, 3:1 and 2-0 where the words name a match's result."""

from __future__ import annotations

import pytest

from factcheck.quantity import read_quantities


@pytest.mark.parametrize("text, expected", [
    ("广东队以110比102战胜辽宁队", [("110比102", "score", "110:102")]),
    ("最终比分为3:1", [("3:1", "score", "3:1")]),
    ("以２－０击败对手", [("２－０", "score", "2:0")]),
    ("以21：19拿下首局", [("21：19", "score", "21:19")]),
    ("两队最终战成1比1", [("两队", "number", 2), ("1比1", "score", "1:1")]),
])
def test_scores_are_one_figure(text, expected):
    found = [(q.text, q.kind, q.value if q.kind == "score" else int(q.value)) for q in read_quantities(text)]
    assert found == expected


@pytest.mark.parametrize("text", [
    "会议于10:30开始",        # a time of day
    "工期2-3天",              # a range
    "人数1200人比1000人多",   # counts with units
    "增长5.5比上年",          # a decimal is no side of a score
])
def test_not_scores(text):
    assert all(q.kind != "score" for q in read_quantities(text))


@pytest.mark.parametrize("text, expected", [
    ("首次进入女单四强", [("四强", "number", 4, "强")]),
    ("16强第一回合", [("16强", "number", 16, "强"), ("第一回合", "ordinal", 1, "回合")]),
])
def test_rounds_of_a_tournament(text, expected):
    """四强 and 第一回合 are figures with their own measure word, not a bare 4 or a 第一回 (合 left)."""
    assert [(q.text, q.kind, int(q.value), q.unit) for q in read_quantities(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("签署30周年纪念活动", [("30周年", "number", 30, "周年")]),
    ("培训为期3周", [("3周", "number", 3, "周")]),
    ("已满16周岁", [("16周岁", "number", 16, "周岁")]),
])
def test_anniversaries_and_weeks(text, expected):
    """30周年 counts years since an event (an anniversary), not 30 weeks with 年 left over."""
    assert [(q.text, q.kind, int(q.value), q.unit) for q in read_quantities(text)] == expected
