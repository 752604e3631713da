"""Pathological inputs are read sanely and end (speed itself is measured in bench/, not here)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from factcheck.quantity import read_quantities

PATHOLOGICAL = {
    "digits": "1" * 100_000,
    "no-punctuation": "培育试点企业768家覆盖44点8万余人" * 10_000,
    "yi-run": "一" * 200_000,
    "spaced-yi": "一 " * 100_000,
    "plain": "的" * 500_000,
    "dots": "1." * 100_000,
    "letters": "a1" * 100_000,
    "jiu-run": "九" * 200_000,
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_spans_stay_inside_the_text(name: str) -> None:
    text = PATHOLOGICAL[name]
    for q in read_quantities(text):
        assert 0 <= q.start < q.end <= len(text) and text[q.start:q.end] == q.text


def test_pathological_inputs_end() -> None:
    """A hang guard, not a speed goal: the whole set must end within a generous bound."""
    code = ("import sys\nfrom factcheck.quantity import read_quantities\n"
            "print(sum(len(read_quantities(t)) for t in sys.stdin.read().split('\\x00')))\n")
    done = subprocess.run([sys.executable, "-c", code], input="\x00".join(PATHOLOGICAL.values()),
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) > 0


def test_hundred_thousand_digits_are_not_a_figure() -> None:
    assert read_quantities("1" * 100_000) == []
