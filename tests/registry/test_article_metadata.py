"""The registry's title, date, publisher and author come from the article itself: its dateline,
byline and headline, not the hosting page's repost stamps, site names or navigation."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.registry.ingest import read_article
from factcheck.registry.metadata import detect_with_origins
from factcheck.text.document import Document
from tests.conftest import SHARED

MULTI = SHARED / "eval" / "multi" / "sources"

#: article -> (title, date, publisher, author) as the article states them ("" when it does not).
STATED = {
    "cityecon-2015h1": ("", "", "", ""),
    "court-2016-xinhua": ("最高法:前九个月全国法院新收案同比增长超两成", "2016-10-21", "新华社", "罗沙"),
    "flood-2020-xinhua": ("应急管理部:洪涝灾害已致2385.7万人次受灾", "", "新华社", "魏玉坤"),
    "health-2024-cna": ("中国平均预期寿命增至78.6岁(图)", "2024-08-29", "中央社", ""),
    "macau-2004-dsec": ("二零零四年十月旅客入境數目", "", "", ""),
    "satellite-2003-xinhua": ("中国航天一月之内收获第四次成果 “中星”20号通信卫星发射成功", "", "新华社", "田兆运"),
    "transport-2017-cns": ("全球财经报道:今年前5月中国公路水路完成固定资产投资7003亿元", "2017-06-27", "中新社",
                           "周音"),
    "tw-moea-2019-cna": ("", "", "中央社", ""),
}


@pytest.mark.skipif(not MULTI.is_dir(), reason="the multi-article evaluation set is not beside the project")
@pytest.mark.parametrize("name", sorted(STATED))
def test_multi_article_metadata(name: str) -> None:
    meta = read_article(MULTI / f"{name}.txt").meta
    assert (meta["title"], meta["date"], meta["publisher"], meta["author"]) == STATED[name]


#: Small pages written for the tests: (text, field, value, where it was read).
PAGES = [
    ("导航 | 首页\n更新时间:2020-07-21 09:00 作者:网站编辑\n\n洪涝灾害已致2385万人次受灾\n\n"
     "新华社北京7月19日电(记者 张伟)记者19日从应急管理部获悉,洪涝灾害造成2385万人次受灾。\n",
     "date", "2020-07-19", "dateline"),
    ("导航 | 首页\n更新时间:2020-07-21 09:00 作者:网站编辑\n\n洪涝灾害已致2385万人次受灾\n\n"
     "新华社北京7月19日电(记者 张伟)记者19日从应急管理部获悉,洪涝灾害造成2385万人次受灾。\n",
     "title", "洪涝灾害已致2385万人次受灾", "headline"),
    ("导航 | 首页\n更新时间:2020-07-21 09:00 作者:网站编辑\n\n洪涝灾害已致2385万人次受灾\n\n"
     "新华社北京7月19日电(记者 张伟)记者19日从应急管理部获悉,洪涝灾害造成2385万人次受灾。\n",
     "author", "张伟", "byline"),
    ("某某网 2023-05-17\n\n中新网5月16日电 据统计,全国共有试点企业820家。\n", "publisher", "中新网", "dateline"),
    ("某某网 2023-05-17\n\n中新网5月16日电 据统计,全国共有试点企业820家。\n", "date", "2023-05-16", "dateline"),
    ("台湾经济部今天表示,新年度将从4面向着手拚经济。\n(新闻资料来源 : 中央社)\n", "publisher", "中央社",
     "source line"),
    # a wire's 专电, and a desk's (体育专电, 新媒体专电): the day the report was filed, not the
    # page's stamp a day later
    ("柔道综合\n2016-08-13 08:25:07\n\n新华社里约热内卢8月12日体育专电(记者汪涌)于颂在12日的半决赛中失手。\n",
     "date", "2016-08-12", "dateline"),
    ("投资呈现多元化趋势\n2015-05-09 11:30:38\n\n新华社多伦多5月8日专电(记者曾德金)中国对加投资增长。\n",
     "date", "2015-05-08", "dateline"),
    ("投资呈现多元化趋势\n2015-05-09 11:30:38\n\n新华社多伦多5月8日专电(记者曾德金)中国对加投资增长。\n",
     "author", "曾德金", "byline"),
    ("某地新闻\n2021-03-02 10:00\n\n新华社北京3月1日新媒体专电 全国共有试点企业820家。\n",
     "publisher", "新华社", "dateline"),
]


@pytest.mark.parametrize("text,field,value,where", PAGES)
def test_metadata_from_the_article_itself(text: str, field: str, value: str, where: str) -> None:
    meta, origins = detect_with_origins(Document("page.txt", text))
    assert (meta.get(field), origins.get(field, "").split(",")[0]) == (value, where)


def test_a_page_without_dateline_or_headline_states_nothing() -> None:
    assert detect_with_origins(Document("a.txt", "全市生产总值440.26亿元,增长8.4%。\n")) == ({}, {})


@pytest.mark.parametrize("option,field,value", [
    ("--title", "title", "改写的标题"), ("--publisher", "publisher", "新华社"), ("--date", "date", "2016-10-20")])
def test_overrides_say_where_metadata_came_from(run_cli, tmp_path: Path, option: str, field: str,
                                                value: str) -> None:
    art = tmp_path / "a.txt"
    art.write_text("最高法:全国法院新收案增长\n\n新华社北京10月21日电(记者罗沙)全国法院新收案件1512.5万件。\n", "utf-8")
    code, _, err = run_cli("extract", str(art), "-o", str(tmp_path / "a.json"), option, value)
    assert code == 0 and f"{field} {value} ({option})" in err


@pytest.mark.parametrize("options,shown", [
    ((), ["date: 2016-10-21 (dateline, line 3; year from line 4)", "publisher: 新华社 (dateline, line 3)",
          "title: 最高法:全国法院新收案增长 (headline, line 1)"]),
    (("--date", "2016-10-20"), ["date: 2016-10-20 (set by hand or by an option)"])])
def test_claims_show_says_where_metadata_came_from(run_cli, tmp_path: Path, options: tuple[str, ...],
                                                   shown: list[str]) -> None:
    art = tmp_path / "a.txt"
    art.write_text("最高法:全国法院新收案增长\n\n新华社北京10月21日电(记者罗沙)全国法院新收案件1512.5万件。\n"
                   "2016年10月22日 来源:某网站\n", "utf-8")
    out = tmp_path / "a.json"
    assert run_cli("extract", str(art), "-o", str(out), *options)[0] == 0
    code, text, _ = run_cli("claims", "show", "person:罗沙", "-c", str(out))
    assert code == 0 and all(line in text for line in shown)


def test_claims_list_says_what_metadata_was_taken_and_from_where(run_cli, tmp_path: Path) -> None:
    art = tmp_path / "a.txt"
    art.write_text("最高法:全国法院新收案增长\n\n新华社北京10月21日电(记者罗沙)全国法院新收案件1512.5万件。\n"
                   "2016年10月22日 来源:某网站\n", "utf-8")
    out = tmp_path / "a.json"
    assert run_cli("extract", str(art), "-o", str(out), "--publisher", "新华通讯社")[0] == 0
    code, text, _ = run_cli("claims", "list", "-c", str(out), "--kind", "person")
    assert code == 0 and "a: title 最高法:全国法院新收案增长 (headline, line 1); " \
        "date 2016-10-21 (dateline, line 3; year from line 4); publisher 新华通讯社 (set by hand or by an option)" in text


@pytest.mark.parametrize("desk", ["电", "专电", "体育专电", "新媒体专电", "財經專電"])
def test_a_desk_dateline_dates_the_report_not_an_event(desk: str) -> None:
    """The date of 新华社里约热内卢8月12日体育专电 is the dateline's (电讯日期), as 电 and 专电 are: a
    draft's wrong 8月12日 is told from the dateline, not from the sentence's last words."""
    from factcheck import api

    text = (f"新华社里约热内卢8月12日{desk}(记者汪涌)排名世界第一的中国选手于颂是这个项目夺取金牌的大热门，"
            "但是在12日进行的半决赛中意外失手。\n")
    dates = [c for c in api.extract_article(text, "s").claims if c.kind == "date"]
    assert [(c.text, c.subject) for c in dates][0] == ("8月12日", "电讯日期")
