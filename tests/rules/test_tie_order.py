"""Two source figures the draft figure pairs with equally well: the earlier one in the registry
is chosen, in every process (the candidates come by anchor, from a set whose order follows the
string hash seed)."""

from __future__ import annotations

import os
import subprocess
import sys

from factcheck import api

SOURCE = "该联盟实有21个成员国和50个常任观察员。"
SCRIPT = """
import sys
from factcheck import api
found = api.check_text("该联盟目前共有22个成员国和5个观察员国。", api.load_registry(sys.argv[1]))
print(sorted((f.column, f.expected) for f in found))
"""
#: Hash seeds that put the two candidates in opposite orders when the order followed the set
#: (at 2ce4563^ seed 0 named 50个 for the observers and seed 2 named 21个), so the test fails
#: on that bug every time, where six random seeds missed it one time in 32. The source is
#: extracted here, once, and each process loads its registry file: a check needs no
#: segmenter, so a process costs about 0.2 s instead of 1.2 s (jieba's dictionary).
SEEDS = (0, 2)


def test_a_tie_goes_the_same_way_whatever_the_hash_seed(tmp_path):
    registry = tmp_path / "s.json"
    api.save_registry(api.extract_article(SOURCE, "s"), registry)
    answers = _answers(SCRIPT, str(registry))
    assert len(answers) == 1, answers


def _answers(script: str, *args: str) -> set[str]:
    """What the script prints under each of the SEEDS (run side by side)."""
    procs = [subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONHASHSEED": str(seed)})
             for seed in SEEDS]
    answers = set()
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        answers.add(out)
    return answers


ANCHOR_SCRIPT = """
from factcheck.check import counterparts
counterparts._paragraph_pairs = lambda claims: claims[0]  # each paragraph given as its pairs
a = [f"a{k}" for k in range(1, 8)]
b = [f"b{k}" for k in range(1, 8)]
paragraphs = {("s", 1): [frozenset(a)], ("s", 2): [frozenset(b)]}
for k in range(1, 8):  # pair k of each stands in k paragraphs: weights 1, 1/2, ... 1/7
    for _ in range(k - 1):
        paragraphs[("s", len(paragraphs) + 1)] = [frozenset({a[k - 1], b[k - 1]})]
anchor, tied = counterparts._anchor(paragraphs, frozenset(a + b))
print(anchor, list(tied))
"""


def test_paragraphs_that_fit_alike_tie_exactly_whatever_the_hash_seed():
    """Two paragraphs sharing words of the same weights fit a draft sentence exactly alike,
    and the earlier comes first among the tied (a dateline's 8月12日 and a later paragraph's
    12日 both restated by a draft's 13日: which one the report named followed the hash seed).
    A plain float sum over a set adds in the set's order and differs in the last bit: at
    a442118 seed 0 put line 1 first and seed 2 line 2."""
    answers = _answers(ANCHOR_SCRIPT)
    assert answers == {"None [('s', 1), ('s', 2)]\n"}, answers
