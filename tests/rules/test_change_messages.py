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
