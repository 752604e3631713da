"""A short referent (two characters) pairs two figures when what the draft's words are about
stands in the source figure's sentence."""

from __future__ import annotations

from decimal import Decimal

from factcheck.check.agreement import paired
from factcheck.check.align import Pair
from factcheck.registry.claim import Claim


def _claim(before: str, sentence: str, value: str) -> Claim:
    v = Decimal(value)
    return Claim(kind="number", text=f"{value}点", start=0, end=1, line=1, column=1, end_column=2,
                 value=v, low=v, high=v, unit="点", before=before, sentence=sentence)


SOURCE = _claim("后跌幅开始收窄，尾盘收报", "当日上证综指小幅高开，尾盘收报3352.96点。", "3352.96")


def test_the_drafts_topic_in_the_source_sentence_pairs_a_short_referent():
    draft = _claim("沪指收于", "沪指收于3307.57点。", "3307.57")  # 沪指 is 上证综指
    assert paired(Pair(draft, SOURCE, referent=2, similarity=0.0))


def test_another_topic_does_not():
    draft = _claim("深成指收于", "深成指收于3307.57点。", "3307.57")
    assert not paired(Pair(draft, SOURCE, referent=2, similarity=0.0))
    assert not paired(Pair(_claim("沪指收于", "", "1"), SOURCE, referent=0, similarity=0.0))
