"""align.same_figure remembers `compare.consistent` by what it reads: two draft figures of one
value written to another precision are each decided on their own, whatever was compared first."""

from __future__ import annotations

import pytest

from factcheck.check import align
from factcheck.check.compare import consistent
from factcheck.registry.extract import extract_claims
from factcheck.text.document import Document


def figure(text: str):
    return next(c for c in extract_claims(Document("x.txt", text), with_subjects=False)
                if c.kind == "number")


@pytest.mark.parametrize("drafts, source", [
    (["参观人数约45万人。", "参观人数约45.0万人。"], "参观人数约44.8万人。"),
    (["参观人数约45.0万人。"], "参观人数约45.0万人。"),
    (["参观人数约1900家。"], "企业有约1903家。"),
])
@pytest.mark.parametrize("order", [1, -1])
def test_the_memo_answers_as_consistent_does_in_any_order(drafts, source, order) -> None:
    c = figure(source)
    others = [figure(s) for s in ("参观人数44.8万人。", "参观人数超过44.8万人。")]
    pairs = [(figure(d), s) for d in drafts for s in [c, *others]][::order]
    align._CONSISTENT.clear()
    assert [align.same_figure(d, s) for d, s in pairs] == [consistent(d, s) for d, s in pairs]


@pytest.mark.parametrize("order", [1, -1])
def test_a_plain_figure_s_rounding_is_its_own(order) -> None:
    """45万 may be 44.8万 rounded; 45.0万 claims a digit more and may not."""
    c = figure("参观人数44.8万人。")
    pairs = [(figure(d), c) for d in ("参观人数45万人。", "参观人数45.0万人。")][::order]
    align._CONSISTENT.clear()
    assert [align.same_figure(d, s) for d, s in pairs] == [consistent(d, s) for d, s in pairs]
    assert len({consistent(d, s) for d, s in pairs}) == 2


def test_a_draft_figure_s_part_of_the_key_is_made_once_for_its_run_of_comparisons(monkeypatch):
    """A draft figure compared with many source figures in turn has its part of the memo's key
    made once; another draft figure in between makes its own, and every answer is still
    `consistent`'s."""
    made = []
    real = align.written_digits
    monkeypatch.setattr(align, "written_digits", lambda d: made.append(d) or real(d))
    d, other = figure("参观人数约45万人。"), figure("参观人数45.0万人。")
    sources = [figure(s) for s in ("参观人数约44.8万人。", "参观人数44.8万人。", "参观人数超过44.8万人。",
                                   "参观人数45万人。")]
    align._CONSISTENT.clear()
    first = [align.same_figure(d, s) for s in sources]
    assert made == [d]
    between = [align.same_figure(other, s) for s in sources]
    again = [align.same_figure(d, s) for s in sources]
    assert made == [d, other, d]
    assert first == again == [consistent(d, s) for s in sources]
    assert between == [consistent(other, s) for s in sources]
