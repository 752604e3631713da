"""People and organisations a source sentence names, with exact boundaries and no junk."""

from __future__ import annotations

import pytest

from factcheck.registry.extract import extract_claims
from factcheck.text.document import Document

#: sentence -> (people, organisations) it names, in text order.
NAMED = [
    ("新华社北京10月21日电(记者罗沙)记者21日从最高人民法院获悉，全国法院新收案件1512.5万件。",
     ["罗沙"], ["新华社", "最高人民法院"]),
    ("交通运输部新闻发言人吴春耕27日在北京召开的新闻发布会上指出，运行总体向好。",
     ["吴春耕"], ["交通运输部"]),
    ("工人日报-中工网记者 王伟 通讯员 陆阳丽", ["王伟", "陆阳丽"], ["工人日报"]),
    ("资料图 雅康高速建设进展顺利 。刘忠俊 摄", ["刘忠俊"], []),
    ("德国总统弗兰克-瓦尔特·施泰因迈尔表示，两国合作前景广阔。", ["弗兰克-瓦尔特·施泰因迈尔"], []),
    ("經濟部長沈榮津今天表示，新年度將從4面向著手拚經濟。", ["沈榮津"], ["經濟部"]),
    ("国家防办、应急管理部当日召开防汛救灾工作专题会商会议。", [], ["国家防办", "应急管理部"]),
    ("患者经南昌大学第一附属医院救治后康复。", [], ["南昌大学第一附属医院"]),
    ("卫星由中国空间技术研究院研制，中国卫星通信集团所属的中国通信广播卫星公司经营。", [],
     ["中国空间技术研究院", "中国卫星通信集团", "中国通信广播卫星公司"]),
    ("包括亚马逊、苹果等国际大厂都开始要求使用绿电。", [], ["亚马逊", "苹果"]),
    ("今年全国有20家上市公司参与试点，代表省人民政府发言的是一种新的做法。", [], ["省人民政府"]),
    ("474家法院新收案件数同比上升超过50%，43家中级法院新收案件数超过1万件。", [], []),
    ("本轮，拜仁队主场以2：1险胜埃森队。", [], ["拜仁队", "埃森队"]),
    ("这台巡检机器人由北方智能装备研究院研制，测试数据交由临江大学海洋声学实验室分析。", [],
     ["北方智能装备研究院", "临江大学海洋声学实验室"]),
    ("中国科学院深地科学卓越创新中心与中国疾病预防控制中心联合发布报告。", [],
     ["中国科学院深地科学卓越创新中心", "中国疾病预防控制中心"]),
    ("公司发言人表示，Microsoft 昨天与本地电力公司签约，Apple宣布推出新品。", [],
     ["Microsoft", "电力公司", "Apple"]),
    ("我市居民消费价格指数(CPI)上涨1.0%，GDP与去年相比增长8.4%，装机1.5GW将并网。", [], []),
    # a title, then a verb that is also a surname and a place: no person 来运城
    ("台湾方面并于当天派出两名专家来运城，对当地果园进行考察。", [], []),
    ("专家向阳说，果园的产量提高了。", ["向阳"], []),
    ("这名女子名叫阿莉亚娜·达·席尔瓦，来自巴西。", ["阿莉亚娜·达·席尔瓦"], []),
    # characters of foreign names read only beside the dot: the whole name, not its tail
    ("澳大利亚国立大学经济学教授理查德·科尔表示，合作前景广阔。", ["理查德·科尔"], ["澳大利亚国立大学"]),
    ("俄罗斯总统弗拉基米尔·普京将于下月访问日本。", ["弗拉基米尔·普京"], []),
    ("73岁的买买提·卡斯木用手机记录家乡的变化。", ["买买提·卡斯木"], []),
    # a title whose last character is also a name's stays out of the name
    ("德国总理安格拉·默克尔当天表示，两国合作前景广阔。", ["安格拉·默克尔"], []),
    ("公司总经理理查德·布朗说，订单增加了。", ["理查德·布朗"], []),
    ("当天，主席克劳迪奥·德阿尔贝蒂斯介绍了展览。", ["克劳迪奥·德阿尔贝蒂斯"], []),
    ("加州大学的尼尔·贝诺维茨博士说，电子烟有害健康。", ["尼尔·贝诺维茨"], ["加州大学"]),
    ("克里斯蒂亚诺·罗纳尔多保持了连续进球的纪录。", ["克里斯蒂亚诺·罗纳尔多"], []),
    # 各 is a given name's (雅各布) before the last dot only; after it, the next word's
    ("美国财政部长雅各布·卢表示，经济正在复苏。", ["雅各布·卢"], ["美国财政部"]),
    ("珍妮弗·马罗姗和曼迪·伊斯拉克尔各下一城。", ["珍妮弗·马罗姗", "曼迪·伊斯拉克尔"], []),
    ("（新华社通稿·国内·文娱）本报讯，展览开幕。", [], ["新华社"]),
]


@pytest.mark.parametrize("sentence,people,orgs", NAMED, ids=[s[:12] for s, _, _ in NAMED])
def test_names_in_a_sentence(sentence: str, people: list[str], orgs: list[str]) -> None:
    claims = extract_claims(Document("a.txt", sentence + "\n"))
    assert [c.text for c in claims if c.kind == "person"] == people
    assert [c.text for c in claims if c.kind == "organisation"] == orgs


def test_a_title_and_its_organisation_are_roles() -> None:
    claims = extract_claims(Document("a.txt", "交通运输部新闻发言人吴春耕27日在北京召开发布会。\n"))
    person = next(c for c in claims if c.kind == "person")
    assert {"交通运输部新闻发言人", "新闻发言人"} <= set(person.roles)
