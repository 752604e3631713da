"""The Claim: one checkable statement (figure, date, ordinal, name) with where it stands."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from factcheck.records import asdict, dataclass, field, fields, replace

#: Claim kinds that carry a numeric value and bounds.
NUMERIC_KINDS = frozenset({"number", "money", "percent", "points", "multiple", "fraction", "ordinal"})
#: Claim kinds that are names of things.
ENTITY_KINDS = frozenset({"person", "organisation", "law"})
#: Kinds whose referent is an event (审议通过, 正式施行) rather than a counted noun: paired by clause.
EVENT_KINDS = frozenset({"date", "ordinal", "score"})
#: Kinds the figure rules compare (figures, dates and ordinals), in this order.
FIGURE_KINDS = ("number", "money", "percent", "points", "multiple", "fraction", "ordinal", "date",
                "score")


@dataclass(frozen=True, slots=True)
class Claim:
    """A statement read from a text. `value` is a Decimal for numeric kinds, ISO text for dates."""

    kind: str
    text: str
    start: int
    end: int
    line: int
    column: int
    end_column: int
    value: Decimal | str | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    low_open: bool = False
    high_open: bool = False
    unit: str = ""
    qualifier: str = ""
    subject: str = ""
    before: str = ""
    after: str = ""
    context: str = ""
    sentence: str = ""
    id: str = ""
    source: str = ""
    status: str = "auto"
    note: str = ""
    roles: tuple[str, ...] = field(default_factory=tuple)

    @property
    def numeric(self) -> bool:
        """Whether value/low/high are numbers."""
        return self.kind in NUMERIC_KINDS

    def with_(self, **changes: Any) -> "Claim":
        """A copy with some fields changed."""
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict in the registry's field order; Decimals become strings."""
        out: dict[str, Any] = {}
        for key in REGISTRY_FIELDS:
            val = getattr(self, key)
            if isinstance(val, Decimal):
                val = decimal_text(val)
            elif isinstance(val, tuple):
                val = list(val)
            out[key] = val
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Claim":
        """Inverse of `to_dict`; unknown keys are rejected by the registry loader, not here."""
        kw = dict(data)
        kind = kw.get("kind", "")
        for key in ("low", "high"):
            if kw.get(key) is not None:
                kw[key] = Decimal(str(kw[key]))
        if kind in NUMERIC_KINDS and kw.get("value") is not None:
            kw["value"] = Decimal(str(kw["value"]))
        kw["roles"] = tuple(kw.get("roles") or ())
        kw.setdefault("start", 0)
        kw.setdefault("end", 0)
        return cls(**{k: v for k, v in kw.items() if k in CLAIM_FIELDS})


def is_article(c: Claim) -> bool:
    """一家企业, 一场比赛: the article "a", not a count."""
    return c.text[:1] == "一" and c.value == 1 and not c.qualifier and c.kind == "number"


def decimal_text(value: Decimal) -> str:
    """Plain decimal text without exponent or trailing zeros: 448000, 3.03, 0.3333.

    Exact at any size (no rounding to the context's 28 digits)."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


CLAIM_FIELDS = tuple(f.name for f in fields(Claim))
REGISTRY_FIELDS = ("id", "kind", "text", "value", "low", "high", "low_open", "high_open", "unit", "qualifier", "subject",
                   "roles", "line", "column", "end_column", "start", "end", "before", "after", "context",
                   "sentence",
                   "status", "note")

__all__ = ["Claim", "NUMERIC_KINDS", "ENTITY_KINDS", "decimal_text", "asdict"]
