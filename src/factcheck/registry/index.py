"""The index of a registry's figure claims: by kind, by the character pairs that can anchor a
referent, and by value, so aligning a draft figure looks at a few candidates whatever the number
of sources; and the shape and value keys that let many alike claims be scored once."""

from __future__ import annotations

import math
import re
from array import array
from collections.abc import Iterator, Sequence
from decimal import Decimal
from functools import lru_cache
from typing import Any, Callable, NamedTuple

from factcheck.quantity.figure import last_place
from factcheck.registry.claim import EVENT_KINDS, Claim
from factcheck.registry.referents import (
    strip_after,
    strip_amount_words,
    without_own_words,
    words,
)


class LazyClaims(Sequence):
    """Claims built from their rows when first read: many sources may state one referent,
    and most readers look at a few of them."""

    __slots__ = ("_rows", "_claim")

    def __init__(self, rows: Sequence[int], claim: Callable[[int], Claim]) -> None:
        self._rows, self._claim = rows, claim

    def __len__(self) -> int:
        return len(self._rows)

    def rows(self) -> Sequence[int]:
        """The rows of the claims, in order."""
        return self._rows

    def __iter__(self) -> Iterator[Claim]:
        return map(self._claim, self._rows)

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return tuple(map(self._claim, self._rows[i]))
        return self._claim(self._rows[i])

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (tuple, list, LazyClaims)):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({tuple(self)!r})"


def value_key(value: object) -> tuple[str, object]:
    """A hashable, marshal-able key equal for two values exactly when they are equal
    (Decimal("10") and Decimal("1E+1") share one; no rounding, whatever their size)."""
    if isinstance(value, str):
        return "s", value
    if value is None:
        return "", ""
    if isinstance(value, float) and not value.is_integer():
        return ("f", repr(value)) if value == value else ("nan", id(value))
    if isinstance(value, (int, float)):
        value = Decimal(int(value))
    if not isinstance(value, Decimal):
        return "o", repr(value)
    if value.is_nan():
        return "nan", id(value)  # equal to nothing, as NaN is
    if value.is_infinite():
        return "n", str(value)
    return _finite_key(value)


@lru_cache(maxsize=4096)  # equal Decimals have one key: a value seen before is not read again
def _finite_key(value: Decimal) -> tuple[str, str]:
    """`value_key` of a finite Decimal."""
    sign, digits, exp = value.as_tuple()
    text = "".join(map(str, digits)).rstrip("0")
    if not text:
        return "n", "0"
    return "n", f"{'-' if sign else ''}{text}e{exp + len(digits) - len(text)}"


IndexMaps = tuple[dict[tuple[str, str], list[int]], dict[tuple[str, tuple], list[int]],
                  dict[str, list[int]]]


def index_maps(claims: list[Claim], rows) -> IndexMaps:
    """(by anchor, by value, events) of figure claims, each listing the claims' rows."""
    by_anchor: dict[tuple[str, str], list[int]] = {}
    by_value: dict[tuple[str, tuple], list[int]] = {}
    events: dict[str, list[int]] = {}
    for row, c in zip(rows, claims):
        for key in claim_anchors(c):
            by_anchor.setdefault((c.kind, key), []).append(row)
        by_value.setdefault((c.kind, value_key(c.value)), []).append(row)
        if c.kind in EVENT_KINDS:
            events.setdefault(c.kind, []).append(row)
    return by_anchor, by_value, events


#: A kind with at most this many figures in the registry (one article, a small archive) is
#: searched whole for every draft figure of that kind, not only where an anchor or value meets.
WHOLE_KIND = 400


class ClaimIndex:
    """Source claims by kind, by the character pairs that can anchor a referent, and by value.

    Aligning a draft figure looks only at claims sharing an anchor with it (the last pair of
    characters before it, the first pair after it) or its value, so the cost per figure does
    not grow with the number of registered sources. The maps hold rows (positions in
    registry order); a claim is built from its row when a lookup returns it, so an index
    answered by the registry's SQLite index builds only what a check looks at."""

    def __init__(self, claims: list[Claim]) -> None:
        self._setup(index_maps(claims, range(len(claims))), claims.__getitem__,
                    lambda source: [c for c in claims if c.source == source],
                    *probe_ids(claims)[:2], claims.__getitem__, lambda row: claims[row].source)
        self._row = {id(c): i for i, c in enumerate(claims)}
        self._track = False
        self._claims = claims  # keeps the ids above alive

    @classmethod
    def from_rows(cls, maps: IndexMaps, claim: Callable[[int], Claim],
                  source_claims: Callable[[str], list[Claim]], shapes: Sequence[int],
                  values: Sequence[int], figure: Callable[[int], Any],
                  source_of: Callable[[int], str],
                  kind_rows: Callable[[str], list[int]] | None = None) -> "ClaimIndex":
        """An index over stored maps and probe ids (`probe_ids`, by row), building claims
        with `claim(row)`; `figure(row)` gives what `same_figure` reads of a row's claim
        (a FigureValue) and `source_of(row)` its source, without building it. The maps need
        only `get`; a database answers `by_kind` with `kind_rows` (the rows grouped by value,
        as the value map lists them) instead of walking its value map."""
        self = cls.__new__(cls)
        self._setup(maps, claim, source_claims, shapes, values, figure, source_of)
        self._kind_rows = kind_rows
        self._row = {}  # filled as claims are built (the store keeps them alive)
        self._track = True
        return self

    def _setup(self, maps: IndexMaps, claim: Callable[[int], Claim],
               source_claims: Callable[[str], list[Claim]], shapes: Sequence[int],
               values: Sequence[int], figure: Callable[[int], Any],
               source_of: Callable[[int], str]) -> None:
        self.by_anchor, self.by_value, self.events = maps
        self.shapes, self.values, self.figure = shapes, values, figure
        self.source_of = source_of
        #: For a registry read through its SQLite index, the words around organisations' names
        #: whose slot a compacted draft can repeat (`sqlnames.Bodies.slot_words`), and the
        #: claims giving some of them (`Bodies.slot_rows`); None otherwise.
        self.slot_words: Callable[[str], list[tuple]] | None = None
        self.slot_rows: Callable[[list[int]], list[tuple]] | None = None
        #: With it, the rows of the organisation claims giving some names (`Bodies.rows`).
        self.body_rows: Callable[[list[str]], list[int]] | None = None
        #: And the sources giving some names (`Bodies.sources`).
        self.body_sources: Callable[[list[str]], set[str]] | None = None
        #: With it, a figure's anchored rows split by whether their figures' ranges meet a
        #: span (`SqlStore.near_rows`: kind, anchors, low, high).
        self.near_rows: Callable[..., Any] | None = None
        #: With it, a figure's anchored rows in some files (`SqlStore.rows_since`).
        self.rows_since: Callable[..., list[int] | None] | None = None
        #: With it, the claims at some rows read at once, built later (`SqlStore.read_rows`).
        self.read_rows: Callable[[list[int]], None] | None = None
        self._claim = claim
        self._source_claims = source_claims
        self._kind_rows: Callable[[str], list[int]] | None = None
        self._kinds: dict[str, list[int]] = {}
        self._anchored: dict[tuple[str, frozenset[str]], tuple[int, ...]] = {}
        self._sources: dict[str, ClaimIndex] = {}

    def _build(self, rows) -> list[Claim]:
        claims = list(map(self._claim, rows))
        if self._track:
            self._row.update(zip(map(id, claims), rows))
        return claims

    def get(self, row: int) -> Claim:
        claim = self._claim(row)
        if self._track:
            self._row[id(claim)] = row
        return claim

    def anchored(self, d: Claim) -> list[Claim]:
        """The claims sharing an anchor with `d`: the first of its candidates, the only ones
        that can have a referent next to it."""
        return self._build(self.anchored_rows(d))

    def anchored_rows(self, d: Claim) -> dict[int, None]:
        """The rows of `anchored(d)`, a new dict (callers add to it); remembered by kind and
        anchors, as alignment and `settle` ask for a figure's one after the other."""
        key = (d.kind, _draft_anchors(d))
        rows = self._anchored.get(key)
        if rows is None:
            found: dict[int, None] = {}
            for anchor in key[1]:
                found.update(dict.fromkeys(self.by_anchor.get((d.kind, anchor), ())))
            if len(self._anchored) >= 4096:
                self._anchored.clear()
            rows = self._anchored[key] = tuple(found)
        return dict.fromkeys(rows)

    def near_anchored(self, d: Claim, low: float, high: float) -> Any:
        """`anchored_rows(d)` split by whether their figures' ranges (`figure_range`) meet
        [low, high] (`SqlStore.near_rows`), or None when the index cannot tell."""
        if self.near_rows is None:
            return None
        return self.near_rows(d.kind, sorted(_draft_anchors(d)), low, high)

    def anchored_since(self, d: Claim, start: Any) -> list[int] | None:
        """The rows of `anchored_rows(d)` in the files whose rows start at `start` or later (or
        are `in` it), read alone (`SqlStore.rows_since`); None when the index cannot."""
        if self.rows_since is None:
            return None
        return self.rows_since(d.kind, sorted(_draft_anchors(d)), start)

    def candidates(self, d: Claim) -> list[Claim]:
        """Claims that could be the one a draft figure speaks of, without duplicates."""
        return self._build(self.candidate_rows(d))

    def candidate_rows(self, d: Claim, anchored: dict[int, None] | None = None
                       ) -> dict[int, None]:
        """The rows of `candidates(d)`; `anchored` is `anchored_rows(d)` when the caller has
        them (added to in place)."""
        found = self.anchored_rows(d) if anchored is None else anchored
        found.update(dict.fromkeys(self.by_value.get((d.kind, value_key(d.value)), ())))
        if d.kind in EVENT_KINDS or isinstance(d.value, Decimal) and d.qualifier:
            found.update(dict.fromkeys(self.events.get(d.kind, ()) or self._by_kind(d.kind)))
        kind_rows = self._by_kind(d.kind)
        if len(kind_rows) <= WHOLE_KIND:  # few enough: a figure worded unlike all still compares
            found.update(dict.fromkeys(kind_rows))
        return found

    def rows_with_value(self, kind: str, value: object) -> list[int]:
        """Rows of the claims of a kind whose value equals `value`."""
        return self.by_value.get((kind, value_key(value)), [])

    def _by_kind(self, kind: str) -> list[int]:
        if kind not in self._kinds:
            self._kinds[kind] = self._kind_rows(kind) if self._kind_rows else [
                r for (k, _), rows in self.by_value.items() if k == kind for r in rows]
        return self._kinds[kind]

    def by_kind(self, kind: str) -> list[Claim]:
        """Numeric claims of a kind, for qualified draft figures that may round a source figure."""
        return self._build(self._by_kind(kind))

    def in_order(self, claims: list[Claim]) -> list[Claim]:
        """Indexed claims in the order they were indexed (registry order)."""
        return sorted(claims, key=lambda c: self._row[id(c)])

    def sure_candidates(self, d: Claim) -> list[Claim]:
        """The candidates among which a sure pairing (`rules.figures.paired`) of `d` is found
        as among all of them: every candidate of a date or ordinal (paired by clause), only
        those sharing an anchor for any other figure (paired by a referent, which shares one)."""
        return self.candidates(d) if d.kind in EVENT_KINDS else self.anchored(d)

    def of_source(self, source: str) -> "ClaimIndex":
        """The index of one source's claims (built on first use)."""
        if source not in self._sources:
            self._sources[source] = ClaimIndex(self._source_claims(source))
        return self._sources[source]


def claim_anchors(c: Claim) -> set[str]:
    """The character pairs that can anchor a referent of a source claim."""
    before, after = strip_amount_words(c.before), strip_after(c.after)
    keys = {before[-2:], after[:2]}
    subj = c.subject
    keys |= {subj[i:i + 2] for i in range(len(subj) - 1)}
    return {k for k in keys if len(k) == 2}


def _draft_anchors(d: Claim) -> frozenset[str]:
    return _anchors_around(d.before, d.after)


@lru_cache(maxsize=1024)  # asked twice a figure (its anchored rows, then its candidates)
def _anchors_around(before: str, after: str) -> frozenset[str]:
    before, after = strip_amount_words(before), strip_after(after)
    return frozenset(k for k in (before[-2:], after[:2]) if len(k) == 2)


def shape_key(c: Claim) -> tuple:
    """All that pairing reads of a source claim but its figure: kind, unit, the words around
    it, what it counts and its clause's words. Claims of one shape score alike."""
    return c.kind, c.unit, c.subject, c.before, c.after, words(without_own_words(c))


def value_sig(c: Claim) -> tuple:
    """All that `same_figure` reads of a source claim, exactly (Decimal("10") and
    Decimal("1E+1") stay apart: their precision differs)."""
    return c.kind, repr(c.value), repr(c.low), repr(c.high), c.low_open, c.high_open, c.unit


def probe_keys(claims: list[Claim]) -> tuple[list[tuple], list[tuple]]:
    """Each claim's `shape_key` and `value_sig`."""
    return list(map(shape_key, claims)), list(map(value_sig, claims))


def probe_ids(claims: list[Claim]) -> tuple[list[int], list[int], list[int]]:
    """Each claim's shape and value as small numbers (equal numbers, equal keys), and for
    each value number the position of the first claim stating it."""
    shapes: dict[tuple, int] = {}
    values: dict[tuple, int] = {}
    firsts: list[int] = []
    value_ids = []
    for i, key in enumerate(map(value_sig, claims)):
        vid = values.setdefault(key, len(values))
        if vid == len(firsts):
            firsts.append(i)
        value_ids.append(vid)
    shape_ids = [shapes.setdefault(k, len(shapes)) for k in map(shape_key, claims)]
    return shape_ids, value_ids, firsts


def figure_range(value: object, low: object, high: object) -> tuple[float | None, float | None]:
    """Floats below and above a source figure's value and the region `compare.source_region`
    reads from its bounds (超过X up to X's next step, 不足X from 0.9 X): a draft figure
    consistent with it reaches into this range (`align`). (None, None) when its value is no
    number (such a figure is consistent with no draft number)."""
    if type(value) is not Decimal:
        return None, None
    if not all(b is None or type(b) is Decimal and b.is_finite() for b in (value, low, high)):
        return -math.inf, math.inf  # not read here: any draft figure may be consistent
    if high is None:
        points = [value] if low is None else [value, low, low + _step(low)]
    else:
        points = [value, high, high * Decimal("0.9") if low is None else low]
    return (math.nextafter(float(min(points)), -math.inf),
            math.nextafter(float(max(points)), math.inf))


def _step(low: Decimal) -> Decimal:
    """How far beyond a lone lower bound `compare.source_region` reads: its last place, ten of
    it for one significant digit (超过500 up to 1500, 超过520 up to 530)."""
    one = low == 0 or len(low.normalize().as_tuple().digits) == 1
    return last_place(low) * (10 if one else 1)


class FigureValue(NamedTuple):
    """What `same_figure` reads of a source claim, without the rest of it."""

    kind: str
    value: Any
    low: Decimal | None
    high: Decimal | None
    low_open: bool
    high_open: bool
    unit: str
    #: not kept in the figures table: "" lets `compare` read the figure as unqualified, which
    #: only ever finds more figures that may agree (`_approximations_differ` needs both)
    qualifier: str = ""


# --- name slots (`check.rules.substitutions.in_slots`) ---------------------------------------

#: Spaces and Markdown marks: not part of the words around a name.
_SKIP = set(" \t\u3000*#>`_")
#: Marks that end a clause (one symbol), a sentence (another), or quote (a third), as compared.
_CLAUSE, _STOP, _QUOTES = set("，,：:；;|\n（()）【】[]"), set("。！？!?"), set("“”「」『』\"‘’")
SLOT_REACH = 16  # characters of context compared on either side, and the longest name in a slot


def compact(text: str, opening: str = "") -> tuple[str, "array[int]"]:
    """The text as its slots are compared (no spaces or Markdown marks, punctuation in three
    classes), with each character's offset in the text; `opening` (one mark, at offset 0)
    goes before it.

    The text's marks are put in their classes at once, then only what is left out is looked
    for (`_LEFT_OUT`: skipped characters, and a clause or sentence mark right after the same
    mark); the runs between are kept whole."""
    for ch in set(_CLASSED.findall(text)):
        text = text.replace(ch, _CLASS_OF[ch])
    out = [opening] if opening else []
    where = array("q", [0] * len(opening))  # 8 bytes a character, not a Python int's 36
    kept = 0  # the text is kept from here
    last = opening[-1:]
    for m in _LEFT_OUT.finditer(text):
        start = m.start() if m.group(1) is None else m.start() + 1  # the first mark stays
        if kept < start:
            first = text[kept]
            if first == last and first in "|。":  # the same mark as the opening's
                kept += 1
            out.append(text[kept:start])
            where.extend(range(kept, start))
            last = text[start - 1] if kept < start else last
        kept = m.end()
    if kept < len(text):
        if text[kept] == last and text[kept] in "|。":
            kept += 1
        out.append(text[kept:])
        where.extend(range(kept, len(text)))
    return "".join(out), where


_CLASS_OF = {**dict.fromkeys(_CLAUSE, "|"), **dict.fromkeys(_STOP, "。"),
             **dict.fromkeys(_QUOTES, '"')}
_CLASSED = re.compile("[" + re.escape("".join(sorted(_CLAUSE | _STOP | _QUOTES))) + "]")
_SKIPPED = "[" + re.escape("".join(sorted(_SKIP))) + "]"
#: What `compact` leaves out: the same clause or sentence mark again after one (with only
#: skipped characters between), and skipped characters.
_LEFT_OUT = re.compile(rf"([|。])(?:{_SKIPPED}*\1)+|{_SKIPPED}+")


#: What `compact_text` puts for each mark: each class's own mark maps to itself.
_MARK_AS = {**dict.fromkeys(_SKIP, ""), **_CLASS_OF}
_MARKS = re.compile("[" + re.escape("".join(sorted(_MARK_AS))) + "]")
_REPEATED = re.compile(r"([|。])\1+")


def compact_text(text: str) -> str:
    """`compact(text)[0]` without the offsets, at C speed (indexing compacts every sentence
    naming a body): each distinct mark replaced at once, which is about three times faster
    than `str.translate` (a lookup for every character of Chinese text)."""
    for ch in set(_MARKS.findall(text)):
        text = text.replace(ch, _MARK_AS[ch])
    return _REPEATED.sub(r"\1", text) if "||" in text or "。。" in text else text


def slot_contexts(sentence: str, value: str) -> tuple[tuple[str, str], ...]:
    """(words before, words after) each mention of a name in a source sentence, compacted."""
    said, name = compact_text(sentence), compact_text(value)
    out = []
    i = said.find(name)
    while i >= 0:
        out.append(("|" + said[max(0, i - SLOT_REACH):i], said[i + len(name):i + len(name) + SLOT_REACH] + "。"))
        i = said.find(name, i + 1)
    return tuple(out)


def person_keys(name: str) -> list[tuple[str, int]]:
    """(name[pos:], pos) for each position of a person's name: the names holding a string at
    some position are those with a key starting with it there (`Registry.people_at`, `sqlnames.People.at`). A name
    of one character or none is also ("", -1), so all of them are found at once."""
    keys = [(name[pos:], pos) for pos in range(len(name))]
    return keys if len(name) > 1 else [("", -1), *keys]


def slot_keys(contexts: tuple[tuple[str, str], ...]) -> set[str]:
    """The four words of a name's slot a draft must repeat for the slot to be looked for in it
    (the last four before, the first four after; none for a name one of a list)."""
    keys = set()
    for left, right in contexts:
        if left.endswith("、") or right.startswith("、"):
            continue  # one of a list: lists are reordered and shortened freely
        if len(right) >= 4:
            keys.add(right[:4])
        if len(left) >= 4:
            keys.add(left[-4:])
    return keys
