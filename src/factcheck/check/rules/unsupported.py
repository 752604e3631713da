"""unsupported-figure: a figure the source never states.

A warning, not an error: the source does not contradict it, it just does not say it.
A figure the source states for something else stays unsupported (职工书屋10个 is not 教学点10个).

Flags:   draft 每万名劳动者中高技能人才数达1330名（the source gives no such figure）
Passes:  draft 为500多家企业提供了720多场次的送教上门讲座
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from factcheck.check.align import Pair, same_value_claims
from factcheck.check.compare import consistent, date_parts, sig_digits, states_date
from factcheck.check.findings import Finding, Severity
from factcheck.check.rules.base import Context, finding
from factcheck.check.rules.figures import contradicted, paired
from factcheck.check.similarity import clause_similarity, same_unit, sentence_pairs
from factcheck.registry.claim import is_article

ID = "unsupported-figure"
SEVERITY = Severity.WARNING
SUMMARY = "A figure the source does not state"

#: Clause similarity at which a same-value source figure is taken to be the one meant.
SAME_VALUE_SIMILARITY = 50.0


def supported(ctx: Context, pair: Pair) -> bool:
    """Whether the source backs the draft figure (or contradicts it, which another rule reports)."""
    d = pair.draft
    if d.kind == "date" and not _known_parts(d):
        return True  # 去年, 今年 in a draft with no date of its own: nothing to check
    if is_article(d):
        return True
    if paired(pair) and contradicted(pair, ctx) or id(pair) in ctx.loose:
        return True
    return ctx.once("backed", d, lambda: _backed(ctx, pair))


def _backed(ctx: Context, pair: Pair) -> bool:
    """Whether the source states the draft figure, by the pair and the registry alone (what
    `supported` reads of neither the draft's other figures nor its dates)."""
    d, c = pair.draft, pair.claim
    if pair.supporters and any(_states(s, d) for s in pair.supporters):
        return True
    if paired(pair) and consistent(d, c) and _states(c, d):
        return True
    if (rival := pair.agreeing_rival) is not None and _states(rival, d):
        return True
    same = [s for s in same_value_claims(d, ctx.registry.index().candidates(d)) if _states(s, d)]
    # a date the source states as precisely (for any event) is not a figure it never states
    return any(clause_similarity(d, s) >= SAME_VALUE_SIMILARITY or _particular(d)
               or _same_words(d, s) for s in same) or _listed(ctx, d)


def _particular(d) -> bool:
    """A figure without a measure word that is the source's own wherever the source states
    it: a date, a score, a rank, a percentage of two significant digits or more (6.3%, 27%);
    a 6% is any clause's (预测的6%增长 is not 增速保持在6%以上)."""
    if d.unit:
        return False
    return d.kind != "percent" or isinstance(d.value, Decimal) and sig_digits(d.value) >= 2


#: Measure words of a count a rewrite may make of dates the source lists (两次, 三届).
_TIMES = frozenset("次届场回")
#: What joins the dates of a list (1935年和1938年, 2012、2016年).
_AND = ("和", "、", "及", "与", "以及")
#: Character pairs of content words a listing clause shares at least with the draft's.
LISTED_SHARED = 2


def _listed(ctx: Context, d) -> bool:
    """Whether the draft counts the times the source lists (两次获得联赛冠军 for 曾在1935年和
    1938年夺得过联赛冠军): a source clause with words of the draft's clause holds exactly that
    many dates, joined by 和 or 、."""
    if d.kind != "number" or d.qualifier or d.unit not in _TIMES or \
            not isinstance(d.value, Decimal) or not 2 <= d.value <= 9:
        return False
    clauses: dict[tuple, list] = {}
    for c in ctx.registry.index().by_kind("date"):
        clauses.setdefault((c.source, c.line, c.context), []).append(c)
    ours = sentence_pairs(d.context)
    return any(len(dates) == d.value and len(ours & sentence_pairs(context)) >= LISTED_SHARED
               and all(c.before.endswith(_AND) for c in dates[1:])
               for (_, _, context), dates in clauses.items())


def _states(c, d) -> bool:
    """Whether the source claim says as much as the draft's: a date the source gives only as
    a year (or as 今年 with no year known) does not state the draft's year, month or day, and
    an open bound (超过6%, 30%以上) does not state an exact figure beyond it (8.1%)."""
    if d.kind == "date":
        return states_date(c, d)
    return bool(d.qualifier) or c.value == d.value or not isinstance(d.value, Decimal) \
        or None not in (c.low, c.high)


def _known_parts(c) -> list[str]:
    """The parts of a date (of an interval's start) that are stated: 2019-03 -> [2019, 03]."""
    return [p for p in date_parts(c) if "X" not in p]


#: Units of time: a period the source states (5年多) is the one a rewrite means by 五年.
DURATION_UNITS = frozenset({"年", "个月", "月", "周", "天", "日", "小时"})


def _same_words(d, s) -> bool:
    """The same qualified figure (5年多, 500多家), or a period the source states: specific
    enough to be the source's own."""
    unit = same_unit(d.unit, s.unit)
    if d.unit in DURATION_UNITS and unit:
        return True
    if d.kind == "date" and "X" not in str(d.value) and d.value == s.value:
        return True  # a full date the source gives (its dateline, an event)
    if d.unit and unit and d.value == s.value and \
            (d.unit not in COUNTERS or isinstance(d.value, Decimal) and sig_digits(d.value) >= 3):
        return True  # 1.8天, 149341户, 172项: too particular to be another thing's figure
    return bool(d.qualifier) and unit and (d.value, d.qualifier) == (s.value, s.qualifier)


#: Measure words that count many kinds of thing: 职工书屋10个 and 教学点10个 are not one figure.
COUNTERS = frozenset("个项次名人家位所座件场种批条")


def check(ctx: Context) -> Iterator[Finding]:
    """One warning per figure the source does not state."""
    for pair in ctx.pairs:
        if supported(ctx, pair):
            continue
        d = pair.draft
        what = "date" if d.kind == "date" else "figure"
        yield finding(ctx, ID, SEVERITY, d.start, d.end,
                      f"the source does not state this {what}: {d.text}")
