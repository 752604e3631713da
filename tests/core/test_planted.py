"""bench/planted.py: the errors it plants, and a small article whose plants are all reported."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "planted.py"
spec = importlib.util.spec_from_file_location("planted", SCRIPT)
planted = importlib.util.module_from_spec(spec)
spec.loader.exec_module(planted)


def test_each_kind_changes_the_figure_as_documented() -> None:
    assert planted.digit("768家") == "761家"
    assert planted.swap("768家") == "678家" and planted.swap("1100人") is None and planted.swap("5家") is None
    assert planted.magnitude("44.8万人") == "448万人" and planted.magnitude("1512.5万件") == "15125万件"
    assert planted.magnitude("75.23亿元") == "752.3亿元" and planted.magnitude("40万") == "400万"
    assert planted.qualifier("40余万名") == "近40万名" and planted.qualifier("近50个") == "超过50个"
    assert planted.qualifier("768家") is None


def test_a_direction_is_planted_only_right_before_a_change() -> None:
    sentence = "全市规模以上工业增加值97.89亿元，同比增长9.1%。"
    kinds = {kind: draft for kind, draft, _, _ in planted.plants(sentence, sentence.index("9.1%"), "9.1%",
                                                                   "percent")}
    assert kinds["direction"] == "全市规模以上工业增加值97.89亿元，同比下降9.1%。"
    at = sentence.index("97.89亿元")
    assert "direction" not in {k for k, *_ in planted.plants(sentence, at, "97.89亿元", "money")}


def test_plants_in_a_small_article_are_reported(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("常州市已培育省级产教融合型试点企业63家，全年开展宣讲活动820场。\n"
                       "全市规模以上工业增加值97.89亿元，同比增长9.1%。\n", "utf-8")
    counts, missed = planted.run([article])
    assert sum(sum(c.values()) for c in counts.values()) >= 10
    assert missed == []
