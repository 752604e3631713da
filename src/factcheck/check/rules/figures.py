"""figure-mismatch: a figure, date or ordinal the source states differently.

The draft figure is paired with the source figure that counts the same thing (the referent
standing next to it, 试点企业 / 培训点 …), then compared with qualifiers and rounding in mind.

Flags:   source 全市累计培育试点企业768家        draft 累计培育试点企业786家
Flags:   source 设立校外教学点10个，培训点20个   draft 设立校外教学点20个，培训点10个
Flags:   source 高技能人才总量已达40余万名       draft 高技能人才总量已近40万名
Passes:  source 覆盖产业工人44.8万余人           draft 覆盖产业工人约45万人
"""

from __future__ import annotations

from decimal import Decimal
from collections.abc import Iterator, Sequence

from factcheck.check.agreement import (
    counted_alike, paired, periods_differ, planned, supported_elsewhere,
)
from factcheck.check.align import Pair, same_value_claims
from factcheck.check.compare import (
    consistent,
    explain,
    reversed_change,
    reversed_trend,
    signed_direction,
    spans_overlap,
    states_date,
)
from factcheck.check.similarity import scope_slip
from factcheck.check.swaps import swapped
from factcheck.registry.claim import Claim, is_article
from factcheck.registry.referents import trend
from factcheck.check.findings import Finding, Severity
from factcheck.check.rules.base import Context, finding

ID = "figure-mismatch"
SEVERITY = Severity.ERROR
SUMMARY = "A figure, date or ordinal contradicts the source"

def contradicted(pair: Pair, ctx: Context) -> bool:
    """Whether a pair is a confident contradiction."""
    if not ctx.once("differs", pair.draft, lambda: _differs(pair)):
        return False
    # only now, for the few pairs that would be errors: what the paragraphs date, what else
    # the source dates
    if periods_differ(ctx.registry, ctx.dates_by_line, pair):
        return False
    return not (pair.draft.kind == "date"
                and ctx.once("date stated", pair.draft, lambda: _date_stated(ctx, pair.draft)))


def _differs(pair: Pair) -> bool:
    """Whether the pair is sure and its figures disagree (what the pair alone says of
    `contradicted`)."""
    if not paired(pair) or is_article(pair.draft):
        return False  # 最后一场比赛: the article "a", not a count
    if planned(pair.draft) != planned(pair.claim):
        return False  # 全年目标为500亿元 is no restatement of 完成投资316亿元
    if not counted_alike(pair.draft, pair.claim):
        return False  # 8架 is no restatement of the 9 of a model's name
    if pair.draft.kind == "date" and spans_overlap(str(pair.draft.value), str(pair.claim.value)):
        return False  # 2012年至2014年 says more than 2013年, not otherwise
    if not reversed_change(pair.draft, pair.claim) and not reversed_trend(pair.draft, pair.claim):
        if consistent(pair.draft, pair.claim) or pair.supporters or pair.agreeing_rival is not None:
            return False
    return True


def check(ctx: Context) -> Iterator[Finding]:
    """One error per contradicted figure, naming the source's words and sentence."""
    stated = {id(d): ctx.once("same value", d, lambda: _same_value(ctx, d))
              for d in ctx.figures if d.kind != "date"}
    swaps = _swaps(stated, ctx.figures, ctx.repeats)
    for pair in ctx.pairs:
        slip = _place_slip(ctx, pair, stated.get(id(pair.draft), ()))
        if slip is not None:
            yield slip
            continue
        swap = swaps.get(id(pair.draft))
        wrong = contradicted(pair, ctx)  # asked once a pair: it reads the draft's dates
        if swap is not None and not wrong:
            d, (words, value) = pair.draft, swap
            yield finding(ctx, ID, SEVERITY, d.start, d.end,
                          f"figures swapped: the source gives {value.text} to "
                          f"“{_words(value)}” and {words.text} to “{_words(words)}”",
                          expected=words.text, source=words, fix=words.text)
            continue
        if not wrong or supported_elsewhere(ctx, pair):
            loose = ctx.loose.get(id(pair))
            if loose is not None:  # reworded, but only one source figure stands in its place
                d = pair.draft
                yield finding(ctx, ID, SEVERITY, d.start, d.end, explain(d, loose)[1],
                              expected=loose.text, source=loose)
            continue
        d, c = pair.draft, pair.claim
        message, fix = ctx.once("error", d, lambda: _error(ctx, pair))
        yield finding(ctx, ID, SEVERITY, d.start, d.end, message, expected=c.text, source=c, fix=fix)


def _error(ctx: Context, pair: Pair) -> tuple[str, str | None]:
    """(message, fix) of a contradicted pair's error: what its two figures alone say."""
    d, c = pair.draft, pair.claim
    _, message = explain(d, c)
    fix = c.text if c.kind != "date" else None
    if reversed_change(d, c) and _same_size(d, c):
        message = (f"direction reversed: the source gives {c.text} as a {_way(c)} for "
                   f"{_what(c)}, the draft as a {_way(d)} ({d.text})")
    elif reversed_change(d, c):
        message = (f"figure and direction differ: the source gives {c.text} as a {_way(c)} "
                   f"for {_what(c)}, the draft {d.text} as a {_way(d)}")
    elif reversed_trend(d, c) and consistent(d, c):
        message = (f"direction reversed: the source has {_what(c)} {_moved(c)} to {c.text}, "
                   f"the draft {_moved(d)} to {d.text}")
        fix = None  # the figure is right: nothing to put in its place
    return message + _swap_note(ctx, pair), fix


def _same_size(d: Claim, c: Claim) -> bool:
    """Whether a change reversed keeps its size (下降12.9% for 增长12.9%)."""
    return not isinstance(d.value, Decimal) or not isinstance(c.value, Decimal) \
        or abs(d.value) == abs(c.value)


def _swaps(stated: dict[int, list[Claim]], figures: list[Claim],
           repeats: dict[str, tuple[int, int]]) -> dict:
    """Draft figures whose values the source gives to each other's words (`swaps.swapped`);
    `stated` holds the source claims stating each figure's value, by `id`."""
    figures = [d for d in figures if stated.get(id(d))]
    return swapped(figures, stated, repeats) if len(figures) >= 2 else {}


def _same_value(ctx: Context, d: Claim) -> list[Claim]:
    """Source claims stating exactly the draft figure's value (looked up by value: an
    archive's other candidates are never built)."""
    index = ctx.registry.index()
    return same_value_claims(d, [index.get(r) for r in index.rows_with_value(d.kind, d.value)])


def _words(c: Claim) -> str:
    """The words of a source figure's clause, without the figure."""
    return c.context.replace(c.text, "").strip(" ，,；;。") or c.subject


def _date_stated(ctx: Context, d: Claim) -> bool:
    """The source states the draft's date at least as precisely, for some event."""
    return any(states_date(c, d) for c in same_value_claims(d, ctx.registry.index().candidates(d)))


def _place_slip(ctx: Context, pair: Pair, same: Sequence[Claim]) -> Finding | None:
    """An error at the place when the draft gives a source figure to another place than the
    source does (北京法院结案率84.06% where the source says 上海法院结案率为84.06%)."""
    d = pair.draft
    found = ctx.once("place slip", d, lambda: _slipped(pair, same))
    if found is None:
        return None
    c, ours, theirs = found
    at = d.before.rfind(ours)
    start = d.start - len(d.before) + at
    if at < 0 or ctx.doc.text[start:start + len(ours)] != ours:
        start, end = d.start, d.end
    else:
        end = start + len(ours)
    return finding(ctx, ID, SEVERITY, start, end,
                   f"place differs: the source gives {c.text} to {theirs}, not {ours}",
                   expected=theirs, source=c)


def _slipped(pair: Pair, same: Sequence[Claim]) -> tuple[Claim, str, str] | None:
    """(the source figure, the draft's place, the source's) of `_place_slip`: what the pair
    and the source claims stating its value alone say."""
    d = pair.draft
    if d.kind == "date" or (pair.claim is not None and paired(pair) and consistent(d, pair.claim)):
        return None
    for c in same:
        found = scope_slip(d, c)
        if found is not None:
            return c, found[0], found[1]
    return None


def _swap_note(ctx: Context, pair: Pair) -> str:
    """'; looks swapped with …' when the draft's value belongs to a neighbour in the source."""
    d, c = pair.draft, pair.claim
    for other in ctx.registry.with_value(d.kind, d.value):
        if other is not c and other.sentence == c.sentence and other.subject:
            return f"; the source gives {other.text} to “{other.subject}” (swapped?)"
    return ""


def _what(c: Claim) -> str:
    return f"“{c.subject}”" if c.subject else "this"


def _moved(c: Claim) -> str:
    return "rising" if trend(c.before) > 0 else "falling"


def _way(c: Claim) -> str:
    return "rise" if signed_direction(c) > 0 else "fall"
