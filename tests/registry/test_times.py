"""Times of day are not figures; a score written with a colon is one."""

import pytest

from factcheck.registry.extract import extract_claims
from factcheck.text.document import Document


def _claims(text: str) -> list[tuple[str, str]]:
    return [(c.kind, c.text) for c in extract_claims(Document("x.txt", text), with_subjects=False)]


@pytest.mark.parametrize("text, expected", [
    ("北京首钢队以83:60轻取同城对手。", [("score", "83:60")]),     # not a time: no hour 83
    ("比赛最终以21:19结束。", [("score", "21:19")]),               # a time's shape, a score's words
    ("会议于10:30开始，到场500人。", [("number", "500人")]),       # a time of day
    ("列车23:59发车，全程1200公里。", [("number", "1200公里")]),
])
def test_times_and_scores(text, expected):
    assert _claims(text) == expected
