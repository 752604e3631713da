"""Scores read as one figure: 110比102, 3:1, 2-0 (a match's result, not two counts).

`比` between two bare whole numbers is a score (or a ratio, read the same way: 3比1). A colon
or a hyphen is one only where the words name a match's result (以2-0击败, 比分为3:1, 21：19拿下):
elsewhere 10:30 is a time of day and 2-3 a range.
"""

from __future__ import annotations

import re

from factcheck.lazyre import lazy
from factcheck.quantity.model import Quantity
from factcheck.records import replace

#: What stands between the two sides of a score.
_BETWEEN = lazy(r"\s*(比|:|：|-|－|—)\s*")
#: Words just before or after a score written with a colon or a hyphen.
_SPORT_BEFORE = lazy(r"(以|比分|比分为|比分是|总比分|比数|战成|打成|最终|终场)\s*$")
_SPORT_AFTER = lazy(r"^\s*(战胜|击败|胜|负|获胜|取胜|落败|告负|力克|大胜|险胜|完胜|横扫|逆转|"
                          r"拿下|赢下|输给|不敌|淘汰|的比分|比分|战平|打平|握手言和|结束)")
_DIGITS = re.compile(r"[0-9０-９]{1,3}")


def join_scores(found: list[Quantity], text: str) -> list[Quantity]:
    """The quantities with each two bare whole numbers of a score joined into one `score`."""
    out: list[Quantity] = []
    for q in found:
        prev = out[-1] if out else None
        if prev is not None and _side(prev) and _side(q):
            m = _BETWEEN.fullmatch(text, prev.end, q.start)
            if m is not None and (m.group(1) == "比" or _sport(text, prev.start, q.end)):
                out[-1] = replace(prev, end=q.end, text=text[prev.start:q.end], kind="score",
                                  value=f"{int(prev.value)}:{int(q.value)}", low=None,
                                  high=None)
                continue
        out.append(q)
    return out


def _side(q: Quantity) -> bool:
    """A bare whole number of at most three digits, as a side of a score is written."""
    return q.kind == "number" and not q.unit and not q.qualifier and q.low == q.high \
        and _DIGITS.fullmatch(q.text) is not None


def _sport(text: str, start: int, end: int) -> bool:
    return bool(_SPORT_BEFORE.search(text, max(0, start - 4), start)
                or _SPORT_AFTER.match(text[end:end + 5]))
