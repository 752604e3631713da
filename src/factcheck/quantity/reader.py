"""Scan a text for quantities: dates and labels first, then figures in the gaps between them."""

from __future__ import annotations

import os
import re
from decimal import Decimal, localcontext

from factcheck.quantity.assemble import Reading, read_at
from factcheck.quantity.bounds import Bounds
from factcheck.quantity.chars import NUMERAL_CHARS, fold
from factcheck.quantity.dates import find_dates
from factcheck.quantity.halves import START as HALF_START
from factcheck.quantity.halves import read_half
from factcheck.quantity.joins import join_bounds
from factcheck.quantity.scores import join_scores
from factcheck.quantity.labels import Span, find_spans
from factcheck.quantity.fast import read_fast
from factcheck.quantity.figure import PRECISION, tidy
from factcheck.quantity.model import Quantity
from factcheck.quantity.units import ISO_CODES
from factcheck.lazyre import lazy

#: The lookahead names every first character (a cheap test at each position).
_START = lazy(rf"(?=[\d.翻大半过打几{NUMERAL_CHARS}])(?:(?<!\d)(?<!\d\.)\d|(?<![\d.])\.\d"
                    rf"|(?P<half>{HALF_START})|[{NUMERAL_CHARS}几]|打对折|半[成折百])")
_DIGIT_RUN = lazy(r"[\d,.]+|[〇零○一二三四五六七八九]{13,}")
#: Quick rejection: 一/两/几 followed by a space or clause mark is never a quantity.
_LONE = frozenset("一两俩几")
_NOT_AFTER_LONE = frozenset("\n，。、；：！？,;:!?“”\"'（）()")
_AFTER_LONE_SPACE = frozenset("十百千万亿点余多 \t")
#: Fixed phrases: text -> (kind, value, unit, offset of the quantity inside the match).
_FIXED = {"打对折": ("percent", 50, "折", 1), "半成": ("percent", 5, "成", 0),
          "半折": ("percent", 50, "折", 0), "半百": ("number", 50, "", 0)}


#: Whether plain Arabic figures take the fast path (bench/parse_speed.py and the tests compare
#: it with the full reader; FACTCHECK_FULL_READER=1 turns it off).
FAST = os.environ.get("FACTCHECK_FULL_READER") != "1"


def read_quantities(text: str, ref_year: int | None = None) -> list[Quantity]:
    """Every quantity in `text`, in text order, non-overlapping."""
    with localcontext() as ctx:
        ctx.prec = PRECISION  # exact for every figure the tokenizer admits (30 digits x magnitudes)
        ctx.Emax, ctx.Emin = 10 ** 6, -(10 ** 6)
        return _read(text, ref_year)


def _read(text: str, ref_year: int | None) -> list[Quantity]:
    """read_quantities inside the reader's decimal context."""
    s = fold(text)
    blocks = _blocks(s, ref_year, text)
    out: list[Quantity] = []
    stops = {i for b in blocks if b[2] == "stop" for i in range(b[0], b[1])}
    hard = [b for b in blocks if b[2] != "stop"]
    prev = 0
    for start, end, kind, q in hard + [(len(s), len(s), "end", None)]:
        out.extend(_scan(s, text, prev, start, stops))
        if q is not None:
            out.append(q)
        prev = max(prev, end)
    return join_scores(join_bounds(out, text), text)


def _blocks(s: str, ref_year: int | None, text: str) -> list[tuple[int, int, str, Quantity | None]]:
    """Labels, skipped URLs, stop words and dates, non-overlapping, in order."""
    spans: list[tuple[int, int, str, Quantity | None]] = []
    for sp in find_spans(s):
        q = _label(sp, text) if sp.kind == "label" else None
        spans.append((sp.start, sp.end, sp.kind, q))
    for d in find_dates(s, ref_year):
        spans.append((d.start, d.end, "date", Quantity(d.start, d.end, text[d.start:d.end], "date", d.iso)))
    spans.sort(key=lambda t: (t[0], -t[1]))
    out: list[tuple[int, int, str, Quantity | None]] = []
    for sp in spans:
        if not out or sp[0] >= out[-1][1]:
            out.append(sp)
        elif _PRIORITY[sp[2]] > _PRIORITY[out[-1][2]]:
            out[-1] = sp
    return out


#: Which span wins an overlap: labels and URLs over dates, dates over stop words.
_PRIORITY = {"skip": 3, "label": 3, "date": 2, "stop": 1}


def _label(sp: Span, text: str) -> Quantity:
    """A label quantity for a span."""
    return Quantity(sp.start, sp.end, text[sp.start:sp.end], "label", None)


def _scan(s: str, text: str, lo: int, hi: int, stops: set[int]) -> list[Quantity]:
    """Quantities whose figures start in s[lo:hi]."""
    out: list[Quantity] = []
    pos = lo
    prev_end = lo
    while pos < hi:
        m = _START.search(s, pos, hi)
        if not m:
            break
        p = m.start()
        if p in stops or s[p] in _LONE and _lone_dead_end(s, p):
            pos = p + 1
            continue
        if FAST and "0" <= s[p] <= "9" and (q := read_fast(s, text, p, prev_end, hi)) is not None:
            out.append(q)
            pos = prev_end = q.end
            continue
        try:
            r = _read_one(s, m, prev_end, hi)
        except ArithmeticError:  # an absurd figure (1e999999^99): not a quantity
            r = None
        if r is None:
            run = _DIGIT_RUN.match(s, p)
            pos = run.end() if run else p + 1
            continue
        out.append(_quantity(r, text))
        pos = prev_end = r.end
    return out


def _read_one(s: str, m: re.Match[str], lo: int, hi: int) -> Reading | None:
    """The reading at a scanner match: a fixed phrase, a half or doubling, or a figure."""
    if m.group(0) in _FIXED:
        return _fixed(m)
    if m.group("half"):
        r = read_half(s, m.start(), lo)
        return r if r is None or r.end <= hi else None
    return read_at(s, m.start(), lo, hi)


def _lone_dead_end(s: str, p: int) -> bool:
    """一/两/几 at p cannot start a quantity (a clause mark follows, or a space and no unit)."""
    if p and s[p - 1] in "之第":
        return False
    nxt = s[p + 1:p + 2]
    if nxt in ("", "\n", "\r") and (p == 0 or s[p - 1] == "\n"):
        return False  # alone on its line
    if nxt in (" ", "\t"):
        return s[p + 2:p + 3] not in _AFTER_LONE_SPACE
    return nxt in _NOT_AFTER_LONE


def _fixed(m: re.Match[str]) -> Reading:
    """A fixed phrase such as 打对折 or 半成."""
    kind, value, unit, skip = _FIXED[m.group(0)]
    v = Decimal(value)
    return Reading(m.start() + skip, m.end(), kind, v, Bounds(v, v), unit, "")


def _quantity(r: Reading, text: str) -> Quantity:
    """The public Quantity of a reading, with tidy Decimals."""
    b = r.bounds
    currency = ISO_CODES.get(r.unit, "") if r.kind == "money" else ""
    return Quantity(r.start, r.end, text[r.start:r.end], r.kind, tidy(r.value), tidy(b.low),
                    tidy(b.high), b.low_open, b.high_open, r.unit, r.qualifier, currency)
