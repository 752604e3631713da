"""Placeholder reader: Arabic figures only. Replaced by the full reader."""

from __future__ import annotations

import re
from decimal import Decimal

from factcheck.quantity.model import Quantity

_NUM = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)([万亿]*)([余多]?)(家|个|名|人次|人|项|场次|场|支|元)?")
_MAG = {"万": Decimal(10**4), "亿": Decimal(10**8)}


def read_quantities(text: str, ref_year: int | None = None) -> list[Quantity]:
    """Every quantity in `text`, in order."""
    out = []
    for m in _NUM.finditer(text):
        value = Decimal(m.group(1).replace(",", ""))
        for ch in m.group(2):
            value *= _MAG[ch]
        unit = m.group(4) or ""
        kind = "money" if unit == "元" else "number"
        out.append(Quantity(m.start(), m.end(), m.group(0), kind, value, value, value,
                            unit=unit, qualifier=m.group(3)))
    return out
