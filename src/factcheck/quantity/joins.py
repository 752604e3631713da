"""Two one-sided bounds next to each other state one interval: 大于10小于20, 18岁以上、60岁以下."""

from __future__ import annotations


from factcheck.quantity.model import Quantity
from factcheck.lazyre import lazy

#: What may stand between the two bounds of one interval.
_BETWEEN = lazy(r"[ \t]*(?:并且|并|而且|且|的同时|同时|[，,、])?[ \t]*\Z")
_NUMERIC = frozenset({"number", "money", "percent", "points", "multiple"})


def join_bounds(found: list[Quantity], text: str) -> list[Quantity]:
    """The quantities with each adjacent lower and upper bound pair joined into one interval."""
    out: list[Quantity] = []
    for q in found:
        prev = out[-1] if out else None
        joined = _join(prev, q, text) if prev is not None else None
        if joined is not None:
            out[-1] = joined
        else:
            out.append(q)
    return out


def _side(q: Quantity) -> str:
    """'low' or 'high' for a quantity bounded on one side only by a qualifier word, else ''."""
    if q.kind not in _NUMERIC or not q.qualifier:
        return ""
    if q.low is not None and q.high is None:
        return "low"
    return "high" if q.high is not None and q.low is None else ""


def _join(a: Quantity, b: Quantity, text: str) -> Quantity | None:
    """One interval from a lower and an upper bound (in either order), or None."""
    sides = (_side(a), _side(b))
    if sides not in (("low", "high"), ("high", "low")) or a.kind != b.kind:
        return None
    if a.unit and b.unit and a.unit != b.unit or not _BETWEEN.match(text[a.end:b.start]):
        return None
    lo, hi = (a, b) if sides[0] == "low" else (b, a)
    if lo.low is None or hi.high is None or lo.low > hi.high:
        return None
    if lo.low == hi.high and (lo.low_open or hi.high_open):
        return None
    return Quantity(a.start, b.end, text[a.start:b.end], a.kind, lo.low, lo.low, hi.high, lo.low_open,
                    hi.high_open, a.unit or b.unit, a.qualifier + b.qualifier, a.currency or b.currency)
