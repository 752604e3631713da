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


def _subjects(text: str, date: str = "2020-07-19") -> dict[str, str]:
    return {c.text: c.subject for c in _claims(text, date)}


def test_a_change_rank_and_baseline_name_the_measure_of_the_level():
    s = _subjects("全县地区生产总值(GDP)120.5亿元，增长7.3%，增速同比提高0.6个百分点，"
                  "比全市(6.9%)和全省平均水平(6.5%)分别高0.4、0.8个百分点，增幅居全市第2位。")
    assert s["120.5亿元"] == "全县地区生产总值"       # the level keeps its own name
    assert s["7.3%"] == "GDP增速"                    # a short name in brackets names its measures
    assert s["0.6个百分点"] == "GDP增速同比提高"       # points: the change as written
    assert s["6.9%"] == "全市GDP增速"                # a bracketed baseline: the other place's measure
    assert s["6.5%"] == "全省GDP平均增速"
    assert s["第2位"] == "GDP增幅全市排名"           # a rank: measure, scope and 排名


def test_a_written_measure_names_a_change_without_the_levels_scope():
    s = _subjects("全区固定资产投资完成88.6亿元，同比增长12.4%，增速比全省(9.1%)高3.3个百分点，"
                  "增速居全省第五。")
    assert s["12.4%"] == "全区固定资产投资"          # nothing but a direction: the level's name
    assert s["9.1%"] == "全省固定资产投资增速"
    assert s["第五"] == "固定资产投资增速全省排名"


def test_points_after_a_rate_name_the_rate_and_the_change():
    s = _subjects("调解成功率为71.5%，同比上升2.4个百分点。")
    assert s["2.4个百分点"] == "调解成功率同比上升"


def test_an_adverb_of_degree_leaves_a_change_to_its_level():
    s = _subjects("经水路出境旅客为35,120人次，较去年同期大幅下降18.4%。")
    assert s["18.4%"] == "经水路出境旅客"


@pytest.mark.parametrize("text, figure, want", [
    ("记者8日从省气象局获悉，全省降雨偏多。", "8日", "获悉"),
    ("发言人12日在市政府召开的情况通报会上表示，全市运行平稳。", "12日", "情况通报会"),
    ("4月份，全省工业生产稳中有升，规模以上工业保持平稳增长。", "4月", "统计月份"),
    ("今年前5个月全省税收收入呈现较快增长态势。", "今年前5个月", "统计期"),
    ("2022年末，全市常住人口350万人。", "2022年", "统计时点"),
    ("根据「2021年全省教育事业发展统计公报」，全省共有学校120所。", "2021年", "统计公报"),
    ("这是该航线自2008年首航成功以来第十次飞行。", "2008年", "首航成功"),
])
def test_dates_name_the_event_or_period_they_date(text, figure, want):
    assert _subjects(text)[figure] == want


def test_a_month_before_an_event_is_no_period_of_statistics():
    assert _subjects("今年3月，某公司发布新产品，售价上涨。")["今年3月"] != "统计月份"


@pytest.mark.parametrize("text, figure, want", [
    ("暴雨已造成12人死亡，3400人次受灾。", "12人", "死亡"),      # only a verb follows
    ("暴雨已造成12人死亡，3400人次受灾。", "3400人次", "受灾"),
    ("其中1,208人是从外地返回。", "1,208人", "从外地返回"),   # its own comma ends no clause
    ("飞船入轨10分钟后，地面收到信号。", "10分钟", "飞船入轨后"),  # the time since
    ("进入近地点200公里，远地点36000公里的转移轨道。", "36000公里", "远地点"),  # X N的Y
])
def test_what_follows_or_ties_a_figure_names_it(text, figure, want):
    assert _subjects(text)[figure] == want


def test_a_lists_frame_verb_is_no_part_of_its_first_item():
    s = _subjects("游客主要来自广东及福建，分别占40.5%及21.3%。")
    assert (s["40.5%"], s["21.3%"]) == ("广东", "福建")
