"""source-conflict: the registered sources give different figures for the same thing.

With several sources registered, a later report often updates a figure (试点企业768家 on
2023-04-03, 820家 weeks later). The checker does not guess which one the draft should follow:
a draft figure that one source states is not an error (figure-mismatch stays quiet), and this
note names the source that says otherwise, with its date, so the writer chooses knowingly.
`factcheck claims conflicts` lists every such pair in the registry.

Flags:   sources 2023-04-03 全市累计培育试点企业768家 | 2023-05-26 全市累计培育试点企业820家   draft 累计培育试点企业820家
Flags:   sources 2023-04-03 全市累计培育试点企业768家 | 2023-05-26 全市累计培育试点企业820家   draft 累计培育试点企业768家
Passes:  sources 2023-04-03 特色产业园区13个 | 2023-05-26 特色产业园区13个   draft 特色产业园区13个
Passes:  sources 2023-04-03 试点企业768家，省级试点企业63家 | 2023-05-26 试点企业820家   draft 省级试点企业63家
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from factcheck.check.agreement import strong, supported_elsewhere
from factcheck.check.conflicting import conflicts_of, read_ahead
from factcheck.check.align import Pair
from factcheck.check.compare import consistent
from factcheck.check.findings import Finding, Severity
from factcheck.check.rules.base import Context, finding
from factcheck.registry.claim import Claim

ID = "source-conflict"
SEVERITY = Severity.INFO
#: How many other disagreeing sources a note names by default (`--max-related`; 0 = all).
DEFAULT_MAX_RELATED = 10
SUMMARY = "The sources state this figure differently"


def basis(ctx: Context, pair: Pair) -> Claim | None:
    """The source claim the draft figure follows, else the one it is surely paired with."""
    if not strong(pair):
        return supported_elsewhere(ctx, pair)
    if consistent(pair.draft, pair.claim):
        return pair.claim
    return supported_elsewhere(ctx, pair) or pair.claim


def check(ctx: Context) -> Iterator[Finding]:
    """One note per draft figure whose sources disagree, naming each other source and its date
    (the first `max_related` of them, in registry order; the rest are counted)."""
    if len(ctx.registry.sources) < 2:
        return
    limit = ctx.options.get("max_related", DEFAULT_MAX_RELATED)
    for pair in ctx.pairs:
        claim = basis(ctx, pair)
        others = conflicts_of(ctx.registry, claim) if claim is not None else []
        if others:
            d = pair.draft
            named = _named(ctx, others, limit)
            yield finding(ctx, ID, SEVERITY, d.start, d.end,
                          _message(ctx, d, claim, named, len(others)), source=claim,
                          related=named, related_total=len(others))


def _named(ctx: Context, others: Sequence[Claim], limit: int) -> tuple[Claim, ...]:
    """The first `limit` of the other sources' claims (all for 0); an indexed registry's
    are read in one query, not one each."""
    read_ahead(ctx.registry.index(), others, limit)
    return tuple(others[:limit] if limit else others)


def _label(ctx: Context, c: Claim) -> str:
    src = ctx.registry.sources.get(c.source)
    return f"{c.source} ({src.date})" if src and src.date else c.source


def _message(ctx: Context, d: Claim, claim: Claim, others: tuple[Claim, ...], total: int) -> str:
    what = f"“{claim.subject}”" if claim.subject else "this figure"
    said = "; ".join(f"{_label(ctx, o)} says {o.text}" for o in others)
    if total > len(others):
        said += (f"; and {total - len(others)} more source(s) say otherwise "
                 "(--max-related 0 names them all)")
    if consistent(d, claim):
        return f"sources disagree on {what}: the draft follows {_label(ctx, claim)}, {claim.text}; {said}"
    return f"sources disagree on {what}: {_label(ctx, claim)} says {claim.text}; {said}"
