"""The fast path for plain Arabic figures gives exactly what the full reader gives."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.quantity import reader
from factcheck.quantity.parsing import parse_items
from factcheck.text.document import Document
from factcheck.text.read import read_path
from tests.conftest import FIXTURE_DRAFTS, SEED_ARTICLE, SHARED

_PREFIXES = ["", "", "", "超过", "近", "约", "不足", "逾", "达", "共", "为", "第", "-", "负", "零下", "约为",
             "大于等于", "不低于", "≥", "US$", "港币", "百分之", "至少有", "负增长", "华氏"]
_FIGURES = ["768", "44.8", "3.03", "2,345", "40", "200", "0", "1805", "12", "0.5", "５", "七", "1e3"]
_MAGNITUDES = ["", "", "万", "亿", "万亿", "余万", "多", "余", "千", "十"]
_UNITS = ["", "家", "人", "人次", "元", "美元", "港元", "亿元", "%", "‰", "个", "个百分点", "个月", "年",
          "年多", "年半", "倍", "成", "折", "米85", "秒83", "届", "两", "块8", "公里", "km", " 人", "℃", "度"]
_AFTER = ["", "", "，", "。", "以上", "左右", "多", "至50", "-8", "~9家", "与20之间", "的", "人", "\n", " "]


def _synthetic(seed: int, n: int) -> str:
    """Figure-dense text from every prefix, figure, magnitude, unit and follower, seeded."""
    rng = random.Random(seed)
    return "".join(rng.choice(_PREFIXES) + rng.choice(_FIGURES) + rng.choice(_MAGNITUDES)
                   + rng.choice(_UNITS) + rng.choice(_AFTER) + rng.choice("，。、；的和在 ")
                   for _ in range(n))


def _perturbed(text: str, seed: int) -> str:
    """The text with its digit runs replaced by others of the same length."""
    rng = random.Random(seed)
    return re.sub(r"[0-9]+", lambda m: "".join(rng.choice("0123456789") for _ in m.group(0)), text)


def _both(doc: Document, monkeypatch: pytest.MonkeyPatch) -> tuple[list[dict], list[dict]]:
    """parse items with the fast path and with the full reader alone."""
    fast = parse_items(doc, 2023)
    monkeypatch.setattr(reader, "FAST", False)
    full = parse_items(doc, 2023)
    monkeypatch.setattr(reader, "FAST", True)
    return fast, full


def _corpus() -> list[str]:
    """The seed article, the dev drafts and the multi-article sources and drafts, as read."""
    paths = [SEED_ARTICLE, *FIXTURE_DRAFTS, *sorted((SHARED / "eval").glob("*/drafts/*")),
             *sorted((SHARED / "eval" / "multi" / "sources").glob("*.txt"))]
    return [read_path(p).text for p in paths if p.is_file()]


def test_fast_path_matches_full_reader_on_news(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _corpus()
    text = "\n\n".join(texts + [_perturbed(t, i) for i, t in enumerate(texts)])
    fast, full = _both(Document("corpus", text), monkeypatch)
    assert len(fast) > (1000 if (SHARED / "eval").is_dir() else 100)
    assert fast == full


@pytest.mark.parametrize("seed", range(4))
def test_fast_path_matches_full_reader_on_dense_figures(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    fast, full = _both(Document("synthetic", _synthetic(seed, 3000)), monkeypatch)
    assert fast == full


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="0123456789.,万亿余多个家人元%年半米秒块两约近超过逾达为-负零下至到~与和之间以上左右 ，。第港币$"
                        "一三十百千点几℃度届倍成折又分/百分点美长氏兆k月日kmg\n",
               max_size=40))
def test_fast_path_matches_full_reader_on_any_mix(text: str) -> None:
    reader.FAST = True
    fast = reader.read_quantities(text, 2023)
    reader.FAST = False
    try:
        full = reader.read_quantities(text, 2023)
    finally:
        reader.FAST = True
    assert fast == full
