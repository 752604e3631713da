"""unknown-organisation: the words a warning stands on are the body's whole name, no more."""

from __future__ import annotations

import pytest

from factcheck.check.checker import check
from factcheck.text.document import Document
from tests.conftest import registry_from

SOURCE = ("据广西民政厅和江西省水文局统计，辽宁队客场战胜浙江广厦，青岛队击败山西队。"
          "据韩国外交部和韩国警方消息，日本警方无权调查。中天钢铁集团发布公告。")


@pytest.mark.parametrize("draft, named", [
    ("辽宁队以104比92战胜北京队。", ["北京队"]),
    ("据广西壮族自治区防汛抗旱指挥部统计，灾情严重。", ["广西壮族自治区防汛抗旱指挥部"]),
    ("韩国国家侦探局局长表示，日本警方无权调查。", ["韩国国家侦探局"]),
    ("未经韩国政府同意，日本警方无权调查。", ["韩国政府"]),
    ("2014年间大学毕业生增多，当地政府和各级政府都表示关注。", []),
    ("其控股股东涉嫌违规占用公司资金，青岛队表示关注。", []),
    ("印度尼西亚副外交部长表示关注，村干部和接力队、梦之队都来了。", []),
    ("据广西民政厅统计，辽宁队和青岛队晋级。", []),
])
def test_the_warning_names_the_whole_body(draft: str, named: list[str]) -> None:
    found = [f.text for f in check(Document("d.txt", draft), registry_from(SOURCE))
             if f.rule == "unknown-organisation"]
    assert found == named


@pytest.mark.parametrize("a, b, one", [
    ("北京队", "北京队", True), ("中天钢钛集团", "中天钢铁集团", True), ("上海期货交易所", "上海黄金期货交易所", False),
    ("国家卫健委", "国家卫生健康委", False), ("青岛队", "青岛一队", True), ("辽宁队", "宁队", True), ("", "队", True),
])
def test_one_edit_is_a_levenshtein_distance_of_one_at_most(a: str, b: str, one: bool) -> None:
    from factcheck.check.rules.bodies import _one_edit

    assert _one_edit(a, b) is one and _one_edit(b, a) is one
