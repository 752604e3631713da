"""Left-to-right evaluation of numeral tokens: units, magnitudes, 零, 点, 几, 余/多, 一万二."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from factcheck.quantity.figure import ONE, TEN, Figure, last_place
from factcheck.quantity.tokens import Tok


def evaluate(toks: Iterable[Tok], allow_bare: bool) -> Figure | None:
    """Read tokens left to right; the longest prefix that forms a figure."""
    ev = _Evaluator(allow_bare)
    best: Figure | None = None
    head: list[Tok] = []
    for idx, tok in enumerate(toks):
        if len(head) < 2:
            head.append(tok)
        if not ev.feed(tok):
            break
        if ev.complete():
            best = ev.figure(head[0].start, tok.end, idx + 1)
    if best is not None and not _lead_ok(head, best, allow_bare):
        return None
    return best


def _lead_ok(head: list[Tok], fig: Figure, allow_bare: bool) -> bool:
    """A figure may open with a bare unit only as 十…, 百三/千三, or after 上/数/近 etc."""
    first = head[0]
    if first.kind == "yu" or first.kind == "point":
        return False
    if first.kind not in ("unit", "big") or allow_bare:
        return True
    if first.kind == "unit" and first.value == TEN:
        return True
    return first.kind == "unit" and fig.ntoks >= 2 and head[1].kind == "digit"


class _Evaluator:
    """State of a left-to-right numeral reading."""

    def __init__(self, allow_bare: bool) -> None:
        self.allow_bare = allow_bare
        self.total = Decimal(0)
        self.section = Decimal(0)
        self.cur: Tok | None = None
        self._before_cur: Tok | None = None
        self.prev: Tok | None = None
        self.last_small: Decimal | None = None
        self.last_unit: Decimal | None = None
        self.last_big: Decimal | None = None
        self.zero = False
        self.frac: str | None = None
        self.int_value: Decimal | None = None  # integer part, once 点 or 余 closes it
        self.mult = ONE
        self.ji: tuple[Decimal, Decimal] | None = None
        self.ji_open = False  # 几 seen in the current section, scaled by the next magnitude
        self.yu = ""
        self.yu_place = ONE
        self.tail = ONE
        self.chinese = False
        self.units = False

    def feed(self, tok: Tok) -> bool:
        """Take one token; False if it cannot continue the figure."""
        handler = getattr(self, "_" + tok.kind)
        ok = handler(tok)
        if ok:
            self.prev = tok
            self.chinese = self.chinese or tok.kind != "arabic"
            self.units = self.units or tok.kind in ("unit", "big")
            self.tail = self.tail * tok.value if tok.kind in ("unit", "big") else (
                ONE if tok.kind in ("digit", "arabic", "ji") else self.tail)
        return ok

    def complete(self) -> bool:
        """Whether the tokens so far form a whole figure."""
        if self.prev is None or self.prev.kind == "point":
            return False
        if self.prev.kind == "zero":
            return bool(self.frac) or self.total == self.section == 0 and self.int_value is None
        return not (self.prev.kind == "ji" and self.total == self.section == 0)

    def _digit(self, tok: Tok) -> bool:
        """A Chinese digit or an Arabic figure."""
        if self.frac is not None:
            if tok.kind == "arabic" and ("." in str(tok.value) or self.mult != ONE):
                return False
            self.frac += str(int(tok.value)) if tok.kind == "digit" else str(tok.value)
            return self.mult == ONE
        if self.cur is not None or self.yu or self.int_value is not None:
            return False
        self._before_cur = self.prev
        self.cur = tok
        return True

    _arabic = _digit

    def _zero(self, tok: Tok) -> bool:
        """零/〇 as a gap (一千零五) or a decimal digit (点零五)."""
        if self.frac is not None:
            self.frac += "0"
            return self.mult == ONE
        if self.cur is not None or self.yu or self.int_value is not None:
            return False
        self.zero = True
        return True

    def _unit(self, tok: Tok) -> bool:
        """十/百/千: multiply the pending digit (or an implied 一)."""
        if self.frac is not None or self.yu or self.int_value is not None:
            return False
        if self.last_small is not None and tok.value >= self.last_small:
            return False
        if self.cur is None and self.prev is not None and self.prev.kind not in ("zero", "big"):
            return False
        if self.cur is not None and self.cur.kind == "ji":
            self.ji = (2 * tok.value, 10 * tok.value)
            self.ji_open = True
            mult = Decimal(0)
        else:
            mult = self.cur.value if self.cur is not None else ONE
        self.section += mult * tok.value
        self.last_small = self.last_unit = tok.value
        self.cur = None
        self.zero = False
        return True

    def _big(self, tok: Tok) -> bool:
        """万/亿/兆: close the section, or multiply a decimal or qualified figure."""
        if self.frac is not None or self.yu or self.int_value is not None:
            if self.frac == "":
                return False
            self.mult *= tok.value
            return True
        self._close_ji()
        chunk = self.section + (self.cur.value if self.cur is not None else 0)
        if chunk == 0 and self.total == 0:
            if self.ji is None and not (self.allow_bare and self.prev is None):
                return False
            self.total = tok.value if self.ji is None else self.total
        elif chunk == 0:
            if self.last_big is None or tok.value < self.last_big:
                return False
            self.total *= tok.value
        elif self.last_big is None or tok.value >= self.last_big:
            self.total = (self.total + chunk) * tok.value
        else:
            self.total += chunk * tok.value
        self._scale_ji(tok.value)
        self.last_big = self.last_unit = tok.value
        self.section = Decimal(0)
        self.last_small = None
        self.cur = None
        self.zero = False
        return True

    def _point(self, tok: Tok) -> bool:
        """点: the integer part ends, decimal digits follow."""
        if self.frac is not None or self.yu or self.int_value is not None or self.ji:
            return False
        if self.cur is None and self.section == self.total == 0 and not self.zero:
            return False
        if self.cur is not None and self.cur.kind == "ji":
            return False
        self.int_value = self._integer()
        self.frac = ""
        return True

    def _ji(self, tok: Tok) -> bool:
        """几: a vague digit (几十, 十几, 二十几万)."""
        if self.frac is not None or self.yu or self.int_value is not None or self.cur is not None:
            return False
        if self.ji is not None:
            return False
        self._before_cur = self.prev
        self.cur = tok
        return True

    def _yu(self, tok: Tok) -> bool:
        """余/多/逾 inside a numeral: more than the figure, below the next step of its last digit."""
        if self.yu or self.frac == "" or self.ji is not None or self.prev is None:
            return False
        if self.cur is not None and self.cur.kind == "ji":
            return False
        value = self._value()
        if value == 0:
            return False
        self.int_value = value
        self.frac = None
        self.mult = ONE
        self.yu = "余多逾"[int(tok.value)]
        self.yu_place = last_place(value)
        return True

    def _close_ji(self) -> None:
        """A trailing 几 (十几, 一百零几) becomes a vague last digit."""
        if self.cur is not None and self.cur.kind == "ji":
            place = ONE if self.zero or self.last_unit is None else self.last_unit / TEN
            self.ji = (place, place * TEN)
            self.ji_open = True
            self.cur = None

    def _scale_ji(self, factor: Decimal) -> None:
        """Scale the vague part with the magnitude that follows it."""
        if self.ji is not None and self.ji_open:
            self.ji = (self.ji[0] * factor, self.ji[1] * factor)

    def _integer(self) -> Decimal:
        """The integer part so far, reading a trailing digit after a unit colloquially (一万二)."""
        self._close_ji()
        cur = Decimal(0)
        if self.cur is not None:
            cur = self.cur.value
            colloquial = (self.cur.kind == "digit" and not self.zero and self.prev is self.cur
                          and self.last_unit is not None and self._after_unit())
            if colloquial:
                cur *= self.last_unit / TEN
        return self.total + self.section + cur

    def _after_unit(self) -> bool:
        """Whether the pending digit directly follows a unit (the colloquial 三千五)."""
        return self._before_cur is not None and self._before_cur.kind in ("unit", "big")

    def _value(self) -> Decimal:
        """The value so far (integer part, decimals, and trailing magnitudes)."""
        base = self.int_value if self.int_value is not None else self._integer()
        if self.frac:
            base = base + Decimal("0." + self.frac)
        return base * self.mult

    def figure(self, start: int, end: int, ntoks: int) -> Figure:
        """The figure the tokens so far form."""
        value = self._value()
        low = high = None
        if self.ji is not None:
            low, high = value + self.ji[0] * self.mult, value + self.ji[1] * self.mult
            if value == 0:
                value = low
        place = self.yu_place * self.mult if self.yu else last_place(value)
        return Figure(value, start, end, place, low, high, self.yu, self.chinese, self.units,
                      self.tail, None, ntoks)

