"""The reader is fast on long text and never hangs on pathological input."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from factcheck.quantity import read_quantities

ARTICLE = Path(__file__).resolve().parents[3] / "shared" / "article.txt"


def _seconds(text: str) -> float:
    """Seconds one read takes."""
    t0 = time.perf_counter()
    read_quantities(text, ref_year=2023)
    return time.perf_counter() - t0


@pytest.mark.skipif(not ARTICLE.exists(), reason="shared article not available")
def test_one_megabyte_of_news_in_under_two_seconds() -> None:
    art = ARTICLE.read_text(encoding="utf-8")
    text = (art * (1_000_000 // len(art) + 1))[:1_000_000]
    assert _seconds(text) < 2.0  # about 0.8 s on the dev box; headroom for slow CI


@pytest.mark.parametrize("text", [
    "1" * 100_000,
    "培育试点企业768家覆盖44点8万余人" * 10_000,
    "一" * 200_000,
    "一 " * 100_000,
    "的" * 500_000,
    "1." * 100_000,
    "a1" * 100_000,
    "九" * 200_000,
], ids=["digits", "no-punctuation", "yi-run", "spaced-yi", "plain", "dots", "letters", "jiu-run"])
def test_pathological_inputs_finish_quickly(text: str) -> None:
    assert _seconds(text) < 3.0


def test_hundred_thousand_digits_are_not_a_figure() -> None:
    assert read_quantities("1" * 100_000) == []
