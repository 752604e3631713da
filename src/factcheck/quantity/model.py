"""The Quantity value read from text."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from factcheck.records import dataclass

#: Kinds a Quantity can have.
KINDS = ("number", "money", "percent", "points", "multiple", "fraction", "date", "ordinal", "label")


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity in a text. Offsets are 0-based code points into the text given; end exclusive.

    `value` is a Decimal for numeric kinds (money in yuan or the stated currency; percent as
    12.5 for 12.5%), ISO 8601 text for dates ("2023-04-03", "XXXX-01-12", "2023-01", "2023"),
    None for labels; `currency` is the ISO code of a money unit ("CNY" for 元). `low`/`high` are the bounds the qualifier allows (None = unbounded);
    `low_open`/`high_open` say whether the bound itself is excluded.
    """

    start: int
    end: int
    text: str
    kind: str
    value: Decimal | str | None
    low: Decimal | None = None
    high: Decimal | None = None
    low_open: bool = False
    high_open: bool = False
    unit: str = ""
    qualifier: str = ""
    currency: str = ""  # ISO 4217 code of a money unit where known (港元 -> HKD)

    def to_item(self) -> dict[str, Any]:
        """JSON-ready fields of the `parse` contract (positions are added by the caller)."""
        from factcheck.jsontext import json_number

        return {"text": self.text, "kind": self.kind, "value": json_number(self.value),
                "low": json_number(self.low), "high": json_number(self.high),
                "low_open": self.low_open, "high_open": self.high_open,
                "unit": self.unit, "qualifier": self.qualifier, "currency": self.currency}
