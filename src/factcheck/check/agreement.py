"""Whether figures agree: how surely a draft figure is paired with a source figure, and which
registered sources disagree with each other (`source-conflict`, `claims conflicts`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from factcheck.check.align import Pair, align, same_figure, sure_pairs_by_source
from factcheck.check.compare import consistent
from factcheck.registry.claim import EVENT_KINDS, FIGURE_KINDS, Claim
from factcheck.registry.model import Registry

if TYPE_CHECKING:
    from factcheck.check.rules.base import Context

#: How sure the pairing must be before a difference is called a contradiction.
MIN_REFERENT = 3
MIN_SIMILARITY = 55.0
#: Dates and ordinals name events, not counted nouns: a clause this alike pairs them.
EVENT_SIMILARITY = 60.0


def paired(pair: Pair) -> bool:
    """Whether the draft figure and its source claim surely speak of the same thing."""
    if pair.claim is None:
        return False
    if pair.referent >= MIN_REFERENT or (pair.referent and pair.similarity >= MIN_SIMILARITY):
        return True
    return pair.draft.kind in EVENT_KINDS and pair.similarity >= EVENT_SIMILARITY


def strong(pair: Pair) -> bool:
    """Whether a pairing is sure enough that both figures speak of the same thing."""
    return paired(pair)


def agree(a: Claim, b: Claim) -> bool:
    """Whether either figure can be a faithful rewrite of the other."""
    return same_figure(a, b) or same_figure(b, a)


def counterpart(claim: Claim, candidates: list[Claim]) -> Pair | None:
    """The claim among candidates that surely speaks of the same thing, as a Pair.

    Callers pass the index's candidates for a sure pairing (`ClaimIndex.sure_candidates`)
    rather than every claim of a source: a sure pairing is always among them, so the pair, its
    referent and its rivals are the same (its `supporters` may be fewer; no caller reads them)."""
    pair = align(claim, candidates)
    return pair if strong(pair) else None


def _in_source(reg: Registry, claim: Claim, source: str) -> list[Claim]:
    """The candidates for a sure pairing of `claim` among one source's figure claims, in
    registry order."""
    index = reg.index().of_source(source)
    return index.in_order(index.sure_candidates(claim))


def conflicts_of(reg: Registry, claim: Claim) -> Sequence[Claim]:
    """Claims of other sources that give a different figure for what `claim` counts.

    Each other source's counterpart must be mutual (the claim is its counterpart too), so a
    source that states both a whole and a part (试点企业768家, 省级试点企业63家) is not read
    as disagreeing with itself. They depend on the registry alone, so a cached registry keeps
    them for the next run.
    """
    known = reg.known_conflicts(claim)
    if known is not None:
        return known
    out = []
    pairs = sure_pairs_by_source(reg.index(), claim)  # counterpart() in each source at once
    for sid in reg.sources:
        pair = pairs.get(sid) if sid != claim.source else None
        if pair is None or not strong(pair) or agree(claim, pair.claim) \
                or any(agree(claim, r) for r in pair.rivals):
            continue
        back = counterpart(pair.claim, _in_source(reg, pair.claim, claim.source))
        if back is not None and back.claim == claim:
            out.append(pair.claim)
    reg.keep_conflicts(claim, out)
    return out


def conflicts(reg: Registry) -> list[tuple[Claim, Claim]]:
    """Every pair of claims from two sources that disagree, each pair once, in registry order."""
    seen: set[tuple[str, str, str, str]] = set()
    out = []
    for a in reg.of_kind(*FIGURE_KINDS):
        for b in conflicts_of(reg, a):
            key = tuple(sorted([(a.source, a.id), (b.source, b.id)]))
            if key not in seen:
                seen.add(key)  # type: ignore[arg-type]
                out.append((a, b))
    return out


def supported_elsewhere(ctx: "Context", pair: Pair) -> Claim | None:
    """A claim of another source that backs the draft figure its best pairing contradicts."""
    c = pair.claim
    if c is None or len(ctx.registry.sources) < 2:
        return None
    d = pair.draft
    index = ctx.registry.index()
    others = index.in_order([o for o in index.sure_candidates(d) if o.source != c.source])
    alt = counterpart(d, others)
    if alt is None:
        return None
    if consistent(d, alt.claim):
        return alt.claim
    return alt.agreeing_rival
