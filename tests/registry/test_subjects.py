"""What a source figure counts (its subject) when jieba's tags give no noun phrase, and what a
date dates."""

from __future__ import annotations

import pytest

from factcheck.registry.extract import extract_claims
from factcheck.registry.subjects import subject_of, words_before
from factcheck.text.document import Document


@pytest.mark.parametrize("clause, figure, want", [
    ("其中,政府卫生支出占26.7%", "26.7%", "政府卫生支出"),       # 支出 tagged as a verb
    ("今年上半年,全市生产总值(GDP)440.26亿元", "440.26亿元", "全市生产总值"),  # an aside
    ("经内港码头入境旅客亦上升53.9%", "53.9%", "内港码头入境旅客"),  # 经 … 亦 around it
    ("起飞推力为300吨", "300吨", "起飞推力"),
])
def test_words_right_before_a_figure_name_it(clause, figure, want):
    at = clause.index(figure)
    assert subject_of(clause, at, at + len(figure)) == want


@pytest.mark.parametrize("left", ["为", "增长", "", "这是一个非常非常长的没有标点的从句里面的名词"])
def test_no_name_from_a_link_word_or_a_run_on_clause(left):
    assert words_before(left) == ""


def _claims(text: str, date: str = "2020-07-19"):
    return extract_claims(Document("a.txt", text), "a", int(date[:4]), ref_date=date)


def test_dates_name_what_they_date():
    claims = _claims("新华社北京7月19日电 7月以来，全国洪涝灾害已造成2385.7万人次受灾。"
                     "1至6月，全市完成投资440亿元。自1996年10月以来，发射连续成功。")
    subjects = {c.text: c.subject for c in claims if c.kind == "date"}
    assert subjects["7月19日"] == "电讯日期"
    assert subjects["1至6月"] == "统计期"
    assert subjects["1996年10月"] == "以来"  # the start of something, not a period of figures


def test_a_bare_day_takes_the_articles_month():
    (day,) = [c for c in _claims("交通运输部27日披露，5月份货运量增长。", "2017-06-27") if c.text == "27日"]
    assert day.value == "2017-06-27"
    (later,) = [c for c in _claims("会议于28日闭幕。", "2017-06-27") if c.text == "28日"]
    assert later.value == "2017-05-28"  # news reports what happened: the month before
    (jan,) = [c for c in _claims("会议于28日闭幕。", "2017-01-05") if c.text == "28日"]
    assert jan.value == "2016-12-28"


def test_a_bare_yi_amount_before_an_investment_is_money():
    (fig,) = [c for c in _claims("預計帶動 900 億投資。") if "900" in c.text]
    assert fig.kind == "money"
    (plain,) = [c for c in _claims("全市常住人口达 900 万。") if "900" in c.text]
    assert plain.kind == "number"


def test_a_list_shares_its_last_figures_unit_and_names_its_items_from_one_clause():
    claims = [c for c in _claims("消費部分，會透過節能家電及電動機車補助方案，帶動內需市場熱度，"
                                 "分別預估將帶動 50 億及 15 億消費。") if "億" in c.text]
    assert [c.kind for c in claims] == ["money", "money"]
    assert "节能家电" in claims[0].subject and claims[1].subject == "电动机车补助方案"
    units = [c.unit for c in _claims("两地分别新建学校3、5所。") if c.kind == "number"]
    assert units == ["所", "所"]
