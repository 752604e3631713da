"""Pathological inputs are read sanely and end (speed itself is measured in bench/, not here)."""

from __future__ import annotations

import json
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


@pytest.fixture(scope="module")
def spans() -> dict[str, list[tuple[int, int, str]]]:
    """(start, end, text) of what `read_quantities` finds in each input, read once in a child
    process: a hang ends there, at the timeout, instead of stopping the suite."""
    code = ("import json, sys\nfrom factcheck.quantity import read_quantities\n"
            "print(json.dumps([[(q.start, q.end, q.text) for q in read_quantities(t)]\n"
            "                  for t in sys.stdin.read().split('\\x00')]))\n")
    done = subprocess.run([sys.executable, "-c", code], input="\x00".join(PATHOLOGICAL.values()),
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return dict(zip(PATHOLOGICAL, json.loads(done.stdout), strict=True))


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_spans_stay_inside_the_text(spans, name: str) -> None:
    text = PATHOLOGICAL[name]
    for start, end, found in spans[name]:
        assert 0 <= start < end <= len(text) and text[start:end] == found


def test_pathological_inputs_end(spans) -> None:
    """A hang guard, not a speed goal: the whole set must end within a generous bound."""
    assert sum(map(len, spans.values())) > 0


def test_hundred_thousand_digits_are_not_a_figure() -> None:
    assert read_quantities("1" * 100_000) == []
