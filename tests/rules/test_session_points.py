"""A level given at one point of a trading day (the open, the close, the day's high or low) is
compared with the source's level at the same point, not with another point's."""

from __future__ import annotations

import pytest

from factcheck.check.checker import check
from factcheck.registry.referents import session_point
from factcheck.text.document import Document
from tests.conftest import registry_from

#: (words before the figure, words after it) -> the point it is given at.
POINTS = [
    ("承接前一交易日下跌惯性，上证综指以", "低开", "open"),
    ("当日上证综指以", "小幅高开，早盘上摸", "open"),
    ("的全天高点后，沪指以", "报收", "close"),
    ("沪指收于", "", "close"),
    ("最终报收于每克", "，较前一交易日结算价下跌", "close"),
    ("早盘下探", "后沪指开始震荡回升", "low"),
    ("上摸", "的全天高点后", "high"),
    ("开盘后涨至当日最高点每克", "", "high"),
    # a clause carrying a figure on from the one before: 大幅高开，报每克262.4元
    ("合约夜间交易大幅高开，报每克", "", "open"),
    # a clause of nothing but a point of the day dates the figures after it
    ("截至收盘，上证综指报", "", "close"),
    ("收盘时，上证综指跌", "", "close"),
    # no point of the day: a court's name, a time after the open, no session words at all
    ("最高人民法院新收案件", "", ""),
    ("开盘后一度跌至", "", ""),
    ("全市新增就业", "", ""),
]


@pytest.mark.parametrize("before,after,point", POINTS, ids=[p[0][-8:] for p in POINTS])
def test_session_point(before: str, after: str, point: str) -> None:
    assert session_point(before, after) == point


def test_a_sentence_opening_with_the_close_dates_each_of_its_figures() -> None:
    """截至收盘，上证综指跌2.45%，报3066.36点: the level's own words (，报) name no point; the
    sentence's first clause does, for a draft figure (a source's point is read from its shape)."""
    assert session_point("，报", "") == ""
    assert session_point("，报", "", "截至收盘") == "close"
    assert session_point("，报", "", "上证综指跌2.45%") == ""


SOURCE = ("承接前一交易日下跌惯性，上证综指以3138.99点低开。早盘下探3118.71点后沪指开始震荡回升。"
          "上摸3162.50点的全天高点后，沪指以3155.04点报收，较前一交易日涨2.07点。\n")


@pytest.mark.parametrize("draft,expected", [
    ("截至收盘，上证综指报3128.28点。", "3155.04点"),
    ("截至收盘，上证综指下跌2.45%，报3066.36点。", "3155.04点"),
    ("上证综指以3107.57点低开。", "3138.99点"),
    ("沪指收于3307.57点。", "3155.04点"),
])
def test_a_level_is_compared_at_its_point_of_the_day(draft: str, expected: str) -> None:
    found = [f for f in check(Document("d.txt", draft + "\n"), registry_from(SOURCE))
             if f.rule == "figure-mismatch"]
    assert [f.expected for f in found] == [expected]


def test_the_day_and_the_verb_of_a_quoted_level_name_nothing() -> None:
    """上证综指当日以…高开 restates 当日上证综指以…开盘: 当日 and 以 are no part of the referent."""
    source = ("17日A股高开低走、小幅收跌。上证综指勉强守住3600点，创业板指数表现疲弱。\n"
              "承接前一交易日涨势，上证综指当日以3629.98点高开，此后一路走高。\n")
    draft = "当日上证综指以3507.03点开盘。\n"
    found = [f for f in check(Document("d.txt", draft), registry_from(source))
             if f.rule == "figure-mismatch"]
    assert [f.expected for f in found] == ["3629.98点"]


def test_a_reworded_sentence_finds_the_figure_at_its_point_of_the_day() -> None:
    """No referent in common (上摸 / 触及): of the paragraph's figures the draft sentence restates,
    the day's high is the one the draft's high stands for."""
    source = ("当日上证综指开盘重回4300点上方，报4311.64点。早盘沪指一路震荡上行，但午后触及4376.35点"
              "的全天高点后突现“跳水”，一度大挫逾百点跌破4200点。尾盘沪指收报4229.27点，较前一交易日"
              "跌69.44点。\n")
    draft = "当日上证综指以2574.33点小幅高开，早盘上摸2579.37点后开始震荡下行。\n"
    found = {f.text: f.expected for f in check(Document("d.txt", draft), registry_from(source))
             if f.rule == "figure-mismatch"}
    assert found.get("2579.37点") == "4376.35点"


def test_a_reworded_sentence_opening_with_the_close_finds_the_close() -> None:
    """The draft's point read from its sentence's opening (截至收盘，…，报…) serves the choice
    among a reworded sentence's figures as it serves `comparable`: the close, not the open's
    4311.64点."""
    source = ("当日上证综指开盘重回4300点上方，报4311.64点。早盘沪指一路震荡上行。尾盘沪指收报4229.27点，"
              "较前一交易日跌69.44点。\n")
    draft = "截至收盘，上证综指下跌1.5%，报2574.33点。\n"
    found = {f.text: f.expected for f in check(Document("d.txt", draft), registry_from(source))
             if f.rule == "figure-mismatch"}
    assert found.get("2574.33点") == "4229.27点"
