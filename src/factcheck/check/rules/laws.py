"""document-title: a law or document in 《》 that the source names differently or not at all.

Flags:   source 《江苏省集体协商条例》   draft 《江苏省集体谈判条例》 (error: close to the source's title)
Flags:   draft 《劳动合同法》 (warning: the source names no such document)
Passes:  draft 《条例》 (a short form of a title the source gives)
"""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.check.findings import Finding, Severity
from factcheck.check.rules.base import Context, finding

ID = "document-title"
SEVERITY = Severity.ERROR
SUMMARY = "A law or document title differs from the source's or is not in it"
CLOSE = 75.0


def check(ctx: Context) -> Iterator[Finding]:
    """Errors for near-miss titles, warnings for titles the source does not give."""
    from factcheck.check.similarity import name_similarity

    drafted = [c for c in ctx.claims if c.kind == "law"]
    if not drafted:
        return
    titles = {str(c.value): c for c in ctx.registry.entities("law")}
    for d in drafted:
        title = str(d.value)
        if title in titles or any(title in t for t in titles):
            continue
        best = max(titles.values(), key=lambda c: name_similarity(title, str(c.value)), default=None)
        if best is not None and name_similarity(title, str(best.value)) >= CLOSE:
            yield finding(ctx, ID, SEVERITY, d.start, d.end,
                          f"title differs from the source: {d.text} should be 《{best.value}》",
                          expected=f"《{best.value}》", source=ctx.registry.claim(best.row),
                          fix=f"《{best.value}》")
        else:
            yield finding(ctx, ID, Severity.WARNING, d.start, d.end,
                          f"the source names no document {d.text}")
