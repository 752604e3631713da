"""The Figure a numeral reads as, and the place of its last stated digit."""

from __future__ import annotations

from decimal import Decimal

from factcheck.records import dataclass

ONE = Decimal(1)
#: Decimal digits the reader computes with.
PRECISION = 80
TEN = Decimal(10)


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure read from text, with the facts the qualifier rules need."""

    value: Decimal
    start: int
    end: int
    place: Decimal  # place of the last stated non-zero digit: 1805 -> 1, 40万 -> 100000
    low: Decimal | None = None  # set when the numeral itself is vague (十几) or a range (七八百)
    high: Decimal | None = None
    qualifier: str = ""  # 余/多/逾 written inside the numeral
    chinese: bool = False  # written (at least partly) in Chinese numerals
    units: bool = False  # has any unit or magnitude character
    tail: Decimal = ONE  # product of the units after the last digit (4至6万 -> 10000)
    pair: tuple[int, int] | None = None  # the two digits of a range such as 七八 or 三四十
    ntoks: int = 1


def last_place(value: Decimal) -> Decimal:
    """The place of the last non-zero digit of a value (0 -> 1)."""
    if value == 0:
        return ONE
    sign, digits, exp = value.normalize().as_tuple()
    return Decimal(1).scaleb(int(exp))


def tidy(value: Decimal | None) -> Decimal | None:
    """A Decimal without exponent or trailing zeros (448000.0 -> 448000, 12.50 -> 12.5)."""
    if value is None:
        return None
    if value == value.to_integral_value() and value.adjusted() < PRECISION - 1:
        return value.quantize(Decimal(1))
    return value.normalize()
