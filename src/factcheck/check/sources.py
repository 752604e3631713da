"""Which registered sources a draft speaks of: an archive's unrelated articles stay out.

With many sources registered, a draft figure could be "backed" by any article that happens to
state the same value (79.4% in a health report and in a city's economic review). A draft is
written from one article, or a few: the sources that state most of its figures. Each draft
figure votes for the sources stating its exact value, a vote shared among them (a value many
sources state says little), more for a figure too particular to recur by chance (3 or more
significant digits, a full date). Sources with at least half the best source's votes, or
with votes enough of their own (a digest of several stories), are the draft's sources; the
figure rules then judge the draft against those alone.

Too little evidence (a draft of one or two figures) keeps every source.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from factcheck.check.compare import sig_digits
from factcheck.registry.claim import FIGURE_KINDS, Claim
from factcheck.registry.model import Registry

#: Votes the best source needs before any source is left out.
MIN_EVIDENCE = 3.0
#: A source with this share of the best source's votes is one of the draft's sources.
SHARE = 0.5
#: Votes that make a source one of the draft's sources whatever the best has (a digest).
ENOUGH = 4.0


def _weight(d: Claim) -> float:
    """How surely a shared value points to the article it came from."""
    v = d.value
    if d.kind == "date":
        return 2.0 if isinstance(v, str) and v.count("-") >= 2 else 1.0
    if isinstance(v, Decimal) and v == v.to_integral_value() and abs(v) < 100 and d.kind != "percent":
        return 0.5  # 15年, 3个: small counts recur in any article
    if isinstance(v, Decimal) and sig_digits(v) >= 3:
        return 2.0
    return 1.0


def votes(claims: list[Claim], registry: Registry) -> Counter[str]:
    """Each source's share of the draft figures whose exact value it states."""
    index = registry.index()
    out: Counter[str] = Counter()
    seen: set[tuple] = set()
    for d in claims:
        if d.kind not in FIGURE_KINDS or d.value is None:
            continue
        key = (d.kind, d.value)
        if key in seen:
            continue
        seen.add(key)
        found = {index.source_of(r) for r in index.rows_with_value(d.kind, d.value)}
        if found:
            w = _weight(d) / len(found)
            for s in found:
                out[s] += w
    return out


def draft_sources(claims: list[Claim], registry: Registry) -> list[str] | None:
    """The sources the draft is written from, in registry order, or None to keep them all
    (one source, too little evidence, or every source counts)."""
    if len(registry.sources) < 2:
        return None
    score = votes(claims, registry)
    best = max(score.values(), default=0.0)
    if best < MIN_EVIDENCE:
        return None
    keep = [s for s in registry.sources if score[s] >= min(best * SHARE, ENOUGH)]
    return keep if len(keep) < len(registry.sources) else None
