"""Two source figures the draft figure pairs with equally well: the earlier one in the registry
is chosen, in every process (the candidates come by anchor, from a set whose order follows the
string hash seed)."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
from factcheck import api
reg = api.extract_article("该联盟实有21个成员国和50个常任观察员。", "s")
found = api.check_text("该联盟目前共有22个成员国和5个观察员国。", reg)
print(sorted((f.column, f.expected) for f in found))
"""


def test_a_tie_goes_the_same_way_whatever_the_hash_seed():
    answers = set()
    for seed in range(6):
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                             env=env, check=True).stdout
        answers.add(out)
    assert len(answers) == 1, answers
