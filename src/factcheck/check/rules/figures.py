"""figure-mismatch: a figure, date or ordinal the source states differently.

The draft figure is paired with the source figure that counts the same thing (the referent
standing next to it, 试点企业 / 培训点 …), then compared with qualifiers and rounding in mind.

Flags:   source 全市累计培育试点企业768家        draft 累计培育试点企业786家
Flags:   source 设立校外教学点10个，培训点20个   draft 设立校外教学点20个，培训点10个
Flags:   source 高技能人才总量已达40余万名       draft 高技能人才总量已近40万名
Passes:  source 覆盖产业工人44.8万余人           draft 覆盖产业工人约45万人
"""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.check.agreement import paired, supported_elsewhere
from factcheck.check.align import Pair
from factcheck.check.compare import consistent, explain, reversed_change, signed_direction
from factcheck.registry.claim import Claim
from factcheck.check.findings import Finding, Severity
from factcheck.check.rules.base import Context, finding

ID = "figure-mismatch"
SEVERITY = Severity.ERROR
SUMMARY = "A figure, date or ordinal contradicts the source"

def contradicted(pair: Pair) -> bool:
    """Whether a pair is a confident contradiction."""
    if not paired(pair):
        return False
    if reversed_change(pair.draft, pair.claim):
        return True
    if consistent(pair.draft, pair.claim) or pair.supporters:
        return False
    return pair.agreeing_rival is None


def check(ctx: Context) -> Iterator[Finding]:
    """One error per contradicted figure, naming the source's words and sentence."""
    for pair in ctx.pairs:
        if not contradicted(pair) or supported_elsewhere(ctx, pair):
            loose = ctx.loose.get(id(pair))
            if loose is not None:  # reworded, but only one source figure stands in its place
                d = pair.draft
                yield finding(ctx, ID, SEVERITY, d.start, d.end, explain(d, loose)[1],
                              expected=loose.text, source=loose)
            continue
        d, c = pair.draft, pair.claim
        _, message = explain(d, c)
        if reversed_change(d, c):
            message = (f"direction reversed: the source gives {c.text} as a {_way(c)} for "
                       f"{_what(c)}, the draft as a {_way(d)} ({d.text})")
        message += _swap_note(ctx, pair)
        yield finding(ctx, ID, SEVERITY, d.start, d.end, message, expected=c.text, source=c,
                      fix=c.text if c.kind != "date" else None)


def _swap_note(ctx: Context, pair: Pair) -> str:
    """'; looks swapped with …' when the draft's value belongs to a neighbour in the source."""
    d, c = pair.draft, pair.claim
    for other in ctx.registry.with_value(d.kind, d.value):
        if other is not c and other.sentence == c.sentence and other.subject:
            return f"; the source gives {other.text} to “{other.subject}” (swapped?)"
    return ""


def _what(c: Claim) -> str:
    return f"“{c.subject}”" if c.subject else "this"


def _way(c: Claim) -> str:
    return "rise" if signed_direction(c) > 0 else "fall"
