"""What a reversed change's message says: the direction alone when the size is the source's,
the figure and the direction when both differ."""

from __future__ import annotations

import pytest

from factcheck import api

SOURCE = "此外，5月份，高速公路货运量和货物周转量分别完成13.3亿吨和2344亿吨公里，同比增长12.9%和17.7%。"


@pytest.mark.parametrize("draft,opening", [
    ("5月份，高速公路货运量同比下降12.9%。", "direction reversed: the source gives 12.9% as a rise"),
    ("5月份，高速公路货运量同比下降10.7%。", "figure and direction differ: the source gives 12.9% as a rise"),
])
def test_a_reversed_change_says_what_differs(draft: str, opening: str) -> None:
    found = api.check_text(draft, api.extract_article(SOURCE, "s"))
    assert [f.message[:len(opening)] for f in found] == [opening]


def test_a_level_reached_the_other_way_says_so_and_offers_no_fix() -> None:
    registry = api.extract_article("两市两融余额增加至近9000亿元，创下历史新高。", "s")
    found = api.check_text("两市两融余额减少至近9000亿元。", registry)
    assert [(f.message, f.fix) for f in found] == [
        ("direction reversed: the source has “两融余额” rising to 近9000亿元, the draft falling to "
         "近9000亿元", None)]
