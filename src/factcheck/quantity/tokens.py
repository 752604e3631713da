"""Split the numeral at a position into tokens: Arabic figures, digits, units, 点, 几, 余/多."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from factcheck.quantity.chars import BIG_UNITS, DIGITS, SMALL_UNITS, TENS
from factcheck.lazyre import lazy
from factcheck.records import dataclass

#: An Arabic figure: thousands groups only with ASCII commas and exactly three digits.
ARABIC = lazy(
    r"(?P<int>\d{1,3}(?:,\d{3})+(?!\d|,\d)|\d+)(?P<frac>\.\d+)?"
    r"(?:(?P<exp>[eE][+-]?\d{1,3})(?![A-Za-z])|\^(?P<pow>[+-]?\d{1,2})(?!\d))?"
    r"(?P<k>[kK](?![A-Za-z]))?"
    r"|(?<![\d.])(?P<lead>\.\d+)")
_SPACES = re.compile(r"[ \t]{1,4}")
#: Longest integer part read as a figure; longer digit runs are codes, not quantities.
MAX_DIGITS = 30
#: Most tokens read for one figure (bounds the work on long numeral runs).
MAX_TOKENS = 40
_YU = "余多逾"
#: Units that start with a magnitude character: 千米 is a unit, not 千 + 米.
_COMPOUND_UNIT = lazy(r"千(?:米|克|瓦|卡|焦|字节|比特|兆|伏|帕|赫)|兆(?:瓦|赫|帕|字节|比特|焦|欧|伏|位|b|B)")


@dataclass(frozen=True, slots=True)
class Tok:
    """One numeral token: kind, value, and its span in the folded text."""

    kind: str  # arabic, digit, zero, unit, big, point, ji, yu
    value: Decimal
    start: int
    end: int
    single: bool = False  # an Arabic figure of one digit and no decimals
    text: str = ""  # the character of a Chinese digit


class Tokens:
    """The tokens of a numeral, read lazily: readers stop early, so long runs stay cheap."""

    def __init__(self, s: str, pos: int, limit: int | None = None) -> None:
        self.s = s
        self.i = pos
        self.n = len(s) if limit is None else limit
        self.items: list[Tok] = []
        self.done = False

    def get(self, k: int) -> Tok | None:
        """Token k, or None past the end of the numeral."""
        while len(self.items) <= k and not self.done:
            self._next()
        return self.items[k] if k < len(self.items) else None

    def __iter__(self) -> Iterator[Tok]:
        """Tokens in order."""
        k = 0
        while (tok := self.get(k)) is not None:
            yield tok
            k += 1

    def all(self) -> list[Tok]:
        """Every token (at most MAX_TOKENS)."""
        return list(self)

    def _next(self) -> None:
        """Read the next token(s), or mark the end."""
        if len(self.items) >= MAX_TOKENS:
            self.done = True
            return
        j = self.i
        if self.items:
            m = _SPACES.match(self.s, j)
            if m:
                j = m.end()
        new = _token_at(self.s, j) if j < self.n else []
        if not new or new[-1].end > self.n or (j > self.i and not _space_ok(self.items[-1], new[0])):
            self.done = True
            return
        self.items.extend(new)
        self.i = new[-1].end




def _space_ok(prev: Tok, nxt: Tok) -> bool:
    """Whether a space may separate two tokens of one numeral (never two Arabic figures)."""
    return not (prev.kind == "arabic" and nxt.kind in ("arabic", "point"))


def _token_at(s: str, i: int) -> list[Tok]:
    """The token(s) at position i: 廿 gives two (2 and 十)."""
    if i >= len(s):
        return []
    ch = s[i]
    if ch.isdigit() and ch.isascii() or ch == ".":
        tok = _arabic(s, i)
        return [tok] if tok else []
    if ch in DIGITS:
        return [Tok("zero" if DIGITS[ch] == 0 else "digit", Decimal(DIGITS[ch]), i, i + 1, text=ch)]
    if _COMPOUND_UNIT.match(s, i):
        return []
    if ch in SMALL_UNITS:
        return [Tok("unit", SMALL_UNITS[ch], i, i + 1)]
    if ch in BIG_UNITS:
        return [Tok("big", BIG_UNITS[ch], i, i + 1)]
    if ch in TENS:
        return [Tok("digit", Decimal(TENS[ch] // 10), i, i + 1), Tok("unit", Decimal(10), i, i + 1)]
    return _other_token(ch, i)


def _other_token(ch: str, i: int) -> list[Tok]:
    """点, 几 and the qualifiers 余/多/逾 inside a numeral."""
    if ch == "点":
        return [Tok("point", Decimal(0), i, i + 1)]
    if ch == "几":
        return [Tok("ji", Decimal(0), i, i + 1)]
    if ch in _YU:
        return [Tok("yu", Decimal(_YU.index(ch)), i, i + 1)]
    return []


def _arabic(s: str, i: int) -> Tok | None:
    """An Arabic figure token at i, or None (not a figure, or an over-long digit run)."""
    m = ARABIC.match(s, i)
    if not m:
        return None
    if m.group("lead"):
        return Tok("arabic", Decimal("0" + m.group("lead")), i, m.end())
    digits = m.group("int").replace(",", "")
    if len(digits) > MAX_DIGITS:
        return None
    try:
        value = _arabic_value(m, digits)
    except (InvalidOperation, ArithmeticError, ValueError):
        return None
    single = len(digits) == 1 and not (m.group("frac") or m.group("exp") or m.group("pow") or m.group("k"))
    return Tok("arabic", value, i, m.end(), single)


def _arabic_value(m: re.Match[str], digits: str) -> Decimal:
    """The value of an ARABIC match: grouping, decimals, exponent, power, k."""
    value = Decimal(digits + (m.group("frac") or ""))
    if m.group("exp"):
        value = value.scaleb(int(m.group("exp")[1:]))
    if m.group("pow"):
        value = value ** int(m.group("pow"))
    if m.group("k"):
        value *= 1000
    return value
