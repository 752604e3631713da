"""Pair each draft claim with the source claim that states the same thing: the only rapidfuzz import."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from operator import attrgetter
from typing import Any, Callable, NamedTuple

from factcheck.registry.claim import Claim
from factcheck.check.compare import consistent
from factcheck.registry.referents import strip_amount_words

#: Measure words that count the same kind of thing and may replace each other in a rewrite.
_UNIT_FAMILIES = [set("家个所座户"), {"名", "人", "位"}, {"项", "件", "个"}, {"场", "场次", "次"}]
#: Clause similarity at which a source claim consistent with the draft figure backs it.
SUPPORT_SIMILARITY = 30.0
#: Kinds whose referent is an event (审议通过, 正式施行) rather than a counted noun: paired by clause.
EVENT_KINDS = frozenset({"date", "ordinal"})
_NOT_WORDS = re.compile(r"[^\u4e00-\u9fffA-Za-z]")
_LINK = re.compile(r"^[的之]")
_FIGURES = re.compile(r"[0-9０-９.,，%％]+|[零〇一二两三四五六七八九十百千万亿余多]+")


@dataclass(frozen=True)
class Pair:
    """A draft claim and the source claim it speaks of (or None), with how sure the pairing is."""

    draft: Claim
    claim: Claim | None
    referent: int = 0           # characters of the source's referent found next to the draft figure
    similarity: float = 0.0     # 0..100 similarity of the two clauses, figures removed
    rivals: "tuple[Claim, ...] | Rivals" = ()   # other claims about the same referent
    supporters: tuple[Claim, ...] = ()   # claims consistent with the draft, about a like referent

    @property
    def agreeing_rival(self) -> Claim | None:
        """The first rival whose figure agrees with the draft's (`compare.consistent`)."""
        if isinstance(self.rivals, Rivals):
            return self.rivals.agreeing()
        return next((r for r in self.rivals if same_figure(self.draft, r)), None)


class LazyClaims(Sequence):
    """Claims built from their rows when first read: many sources may state one referent,
    and most readers look at a few of them."""

    __slots__ = ("_rows", "_claim")

    def __init__(self, rows: Sequence[int], claim: Callable[[int], Claim]) -> None:
        self._rows, self._claim = rows, claim

    def __len__(self) -> int:
        return len(self._rows)

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


class Rivals(LazyClaims):
    """A pairing's rivals in score order, with whether each agrees with the draft figure."""

    __slots__ = ("_agree",)

    def __init__(self, rows: list[int], agree: list[bool], claim: Callable[[int], Claim]) -> None:
        super().__init__(rows, claim)
        self._agree = agree

    def agreeing(self) -> Claim | None:
        """The first rival consistent with the draft figure, or None."""
        for row, ok in zip(self._rows, self._agree):
            if ok:
                return self._claim(row)
        return None


_FAMILY_OF: dict[str, set[int]] = {}
for _i, _fam in enumerate(_UNIT_FAMILIES):
    for _u in _fam:
        _FAMILY_OF.setdefault(_u, set()).add(_i)


def units_compatible(a: str, b: str) -> bool:
    """Same measure word, or two that count the same kind of thing (家/个, 名/人)."""
    if not a or not b or a == b:
        return True
    return bool(_FAMILY_OF.get(a, set()) & _FAMILY_OF.get(b, set()))


def common_suffix(a: str, b: str) -> int:
    """Length of the longest common suffix."""
    n = 0
    while n < len(a) and n < len(b) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def common_prefix(a: str, b: str) -> int:
    """Length of the longest common prefix."""
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return n


@lru_cache(maxsize=65536)
def _strip_after(text: str) -> str:
    return _LINK.sub("", text.lstrip())


def referent_match(d: Claim, c: Claim) -> int:
    """How many characters of what the source figure counts stand right next to the draft figure."""
    return _referent(d.kind == "date", d.before, d.after, c.before, c.after, c.subject)


@lru_cache(maxsize=65536)  # many sources word a figure alike: the same words are compared once
def _referent(date: bool, d_before: str, d_after: str, c_before: str, c_after: str,
              subj: str) -> int:
    d_before, c_before = strip_amount_words(d_before), strip_amount_words(c_before)
    d_after, c_after = _strip_after(d_after), _strip_after(c_after)
    best = max(common_suffix(d_before, c_before), common_prefix(d_after, c_after))
    if date and len(subj) >= 2 and subj[-2:] in d_after:
        best = max(best, 3)  # the event the source dates (施行, 通过) follows the draft's date
    if len(subj) >= 2:
        if d_before.endswith(subj) or d_after.startswith(subj):
            best = max(best, len(subj))
        else:
            best = max(best, _partial_subject(subj, d_before, d_after))
    return best if best >= 2 else 0


def _partial_subject(subj: str, before: str, after: str) -> int:
    """A shortened referent: the draft keeps the head (试点企业 for 省级产教融合型试点企业) or the front."""
    best = 0
    for k in range(len(subj) - 1, 1, -1):
        if before.endswith(subj[-k:]) or after.startswith(subj[-k:]):
            best = max(best, k)
            break
    for k in range(len(subj) - 1, 2, -1):
        if before.endswith(subj[:k]) or after.startswith(subj[:k]):
            best = max(best, k)
            break
    return best


@lru_cache(maxsize=65536)
def _words(text: str) -> str:
    """A clause's words: figures and everything but hanzi and letters left out."""
    return _NOT_WORDS.sub("", _FIGURES.sub("", text))


@lru_cache(maxsize=8192)
def _bigrams(words: str) -> frozenset[str]:
    return frozenset([words[i:i + 2] for i in range(len(words) - 1)])


def _without_own_words(c: Claim) -> str:
    return c.context.replace(c.text, " ") if c.kind in EVENT_KINDS else c.context


def clause_similarity(d: Claim, c: Claim) -> float:
    """0..100: share of the shorter clause's character pairs found in the other, figures removed.

    Two shared pairs at least; order-free, so paraphrase and reordering still score. A date's
    own words are left out: 年/月/日 would make any two dates look alike."""
    return _similarity(_words(_without_own_words(d)), _words(_without_own_words(c)))


@lru_cache(maxsize=65536)  # sources differing only in their figures compare as one
def _similarity(a_words: str, b_words: str) -> float:
    a, b = _bigrams(a_words), _bigrams(b_words)
    shared = len(a & b)
    if shared < 2:
        return 0.0
    return 100.0 * shared / min(len(a), len(b))


#: What `compare.consistent` reads of the draft claim and of the source claim.
_DRAFT_VALUE = attrgetter("kind", "value", "low", "high", "low_open", "high_open", "qualifier",
                          "unit")
_SOURCE_VALUE = attrgetter("kind", "value", "low", "high", "low_open", "high_open", "unit")
_CONSISTENT: dict[tuple, bool] = {}


def same_figure(d: Claim, c: Claim) -> bool:
    """`compare.consistent(d, c)`, remembered by the fields it reads: many sources state a
    figure with the same value."""
    key = (_DRAFT_VALUE(d), _SOURCE_VALUE(c))
    try:
        return _CONSISTENT[key]
    except KeyError:
        pass
    except TypeError:  # an unhashable signalling NaN
        return consistent(d, c)
    if len(_CONSISTENT) >= 65536:
        _CONSISTENT.clear()
    ok = _CONSISTENT[key] = consistent(d, c)
    return ok


def comparable(d: Claim, c: Claim) -> bool:
    """Whether two claims could state the same thing at all (same kind, compatible unit).

    Any two currencies compare: 1万美元 for the source's 1万元 is a contradiction to report."""
    return d.kind == c.kind and (d.kind == "money" or units_compatible(d.unit, c.unit))


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
        for key in _claim_anchors(c):
            by_anchor.setdefault((c.kind, key), []).append(row)
        by_value.setdefault((c.kind, value_key(c.value)), []).append(row)
        if c.kind in EVENT_KINDS:
            events.setdefault(c.kind, []).append(row)
    return by_anchor, by_value, events


class ClaimIndex:
    """Source claims by kind, by the character pairs that can anchor a referent, and by value.

    Aligning a draft figure looks only at claims sharing an anchor with it (the last pair of
    characters before it, the first pair after it) or its value, so the cost per figure does
    not grow with the number of registered sources. The maps hold rows (positions in
    registry order); a claim is built from its row when a lookup returns it, so an index read
    from the compiled cache builds only what a check looks at."""

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
                  source_of: Callable[[int], str]) -> "ClaimIndex":
        """An index over stored maps and probe ids (`probe_ids`, by row), building claims
        with `claim(row)`; `figure(row)` gives what `same_figure` reads of a row's claim
        (a FigureValue) and `source_of(row)` its source, without building it."""
        self = cls.__new__(cls)
        self._setup(maps, claim, source_claims, shapes, values, figure, source_of)
        self._row = {}  # filled as claims are built (the store keeps them alive)
        self._track = True
        return self

    def _setup(self, maps: IndexMaps, claim: Callable[[int], Claim],
               source_claims: Callable[[str], list[Claim]], shapes: Sequence[int],
               values: Sequence[int], figure: Callable[[int], Any],
               source_of: Callable[[int], str]) -> None:
        self.by_anchor, self.by_value, self.events = maps
        self._shapes, self._values, self._figure = shapes, values, figure
        self._source_of = source_of
        self._claim = claim
        self._source_claims = source_claims
        self._kinds: dict[str, list[int]] = {}
        self._sources: dict[str, ClaimIndex] = {}

    def _build(self, rows) -> list[Claim]:
        claims = list(map(self._claim, rows))
        if self._track:
            self._row.update(zip(map(id, claims), rows))
        return claims

    def _get(self, row: int) -> Claim:
        claim = self._claim(row)
        if self._track:
            self._row[id(claim)] = row
        return claim

    def align(self, d: Claim) -> Pair:
        """`align(d, self.candidates(d))`, scoring each shape and each value once and
        building only the claims it names.

        A referent next to a figure other than a date shares an anchor with it: when one of
        the claims sharing an anchor has a referent, the rest cannot change the pairing."""
        probes = self._shapes, self._values, self._get, self._figure
        entries = [] if d.kind in EVENT_KINDS else _entries(d, self._anchored_rows(d), *probes)
        if not entries or not entries[0][1][0]:
            entries = _entries(d, self._candidate_rows(d), *probes)
        return _pair(d, entries, self._get)

    def anchored(self, d: Claim) -> list[Claim]:
        """The claims sharing an anchor with `d`: the first of its candidates, the only ones
        that can have a referent next to it."""
        return self._build(self._anchored_rows(d))

    def _anchored_rows(self, d: Claim) -> dict[int, None]:
        found: dict[int, None] = {}
        for key in _draft_anchors(d):
            found.update(dict.fromkeys(self.by_anchor.get((d.kind, key), ())))
        return found

    def candidates(self, d: Claim) -> list[Claim]:
        """Claims that could be the one a draft figure speaks of, without duplicates."""
        return self._build(self._candidate_rows(d))

    def _candidate_rows(self, d: Claim) -> dict[int, None]:
        found = self._anchored_rows(d)
        found.update(dict.fromkeys(self.by_value.get((d.kind, value_key(d.value)), ())))
        if d.kind in EVENT_KINDS or isinstance(d.value, Decimal) and d.qualifier:
            found.update(dict.fromkeys(self.events.get(d.kind, ()) or self._by_kind(d.kind)))
        return found

    def rows_with_value(self, kind: str, value: object) -> list[int]:
        """Rows of the claims of a kind whose value equals `value`."""
        return self.by_value.get((kind, value_key(value)), [])

    def _by_kind(self, kind: str) -> list[int]:
        if kind not in self._kinds:
            self._kinds[kind] = [r for (k, _), rows in self.by_value.items() if k == kind
                                 for r in rows]
        return self._kinds[kind]

    def by_kind(self, kind: str) -> list[Claim]:
        """Numeric claims of a kind, for qualified draft figures that may round a source figure."""
        return self._build(self._by_kind(kind))

    def in_order(self, claims: list[Claim]) -> list[Claim]:
        """Indexed claims in the order they were indexed (registry order)."""
        return sorted(claims, key=lambda c: self._row[id(c)])

    def sure_pairs_by_source(self, d: Claim) -> dict[str, Pair]:
        """`align(d, group)` for each source's group of `sure_candidates(d)` (in registry
        order) that holds a comparable claim, scoring each shape and value once for every
        source.

        Aligning `d` with one source's group pairs it as surely as aligning it with every
        claim of that source: a sure pairing needs a referent, and a claim with a referent
        next to `d` shares an anchor with it (dates and ordinals are all candidates)."""
        rows = self._candidate_rows(d) if d.kind in EVENT_KINDS else self._anchored_rows(d)
        groups: dict[str, list[_Entry]] = {}
        for entry in _entries(d, sorted(rows), self._shapes, self._values, self._get,
                              self._figure, only_referents=False):
            groups.setdefault(self._source_of(entry[0]), []).append(entry)
        decided: dict[tuple, _Decision] = {}
        return {source: _pair(d, _with_referents(entries), self._get, decided)
                for source, entries in groups.items()}

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


def _claim_anchors(c: Claim) -> set[str]:
    before, after = strip_amount_words(c.before), _strip_after(c.after)
    keys = {before[-2:], after[:2]}
    subj = c.subject
    keys |= {subj[i:i + 2] for i in range(len(subj) - 1)}
    return {k for k in keys if len(k) == 2}


def _draft_anchors(d: Claim) -> set[str]:
    before, after = strip_amount_words(d.before), _strip_after(d.after)
    return {k for k in (before[-2:], after[:2]) if len(k) == 2}


def align(d: Claim, candidates: list[Claim] | ClaimIndex) -> Pair:
    """The best source claim for one draft figure, date or ordinal.

    Every comparable candidate is scored: ten points a character of referent, a tenth of the
    clause similarity, four for a consistent figure, two for the same unit. Candidates with
    the same shape (`shape_key`) score alike, and so do those with the same value for the
    consistency test (`value_sig`): each is worked out once."""
    if isinstance(candidates, ClaimIndex):
        return candidates.align(d)
    get = candidates.__getitem__
    if len(candidates) <= _GROUP_FROM:  # too few to gain from grouping: each its own shape
        shapes = values = range(len(candidates))
    else:
        shapes, values = probe_keys(candidates)
    return _pair(d, _entries(d, range(len(candidates)), shapes, values, get, get), get)


#: Candidate lists longer than this are grouped by shape and value before scoring.
_GROUP_FROM = 8
_Entry = tuple[int, "tuple[int, Claim] | None", bool]
_UNSEEN = object()


def _entries(d: Claim, rows, shapes: Sequence, values: Sequence,
             claim: Callable[[int], Claim], figure: Callable[[int], Any],
             only_referents: bool = True) -> list[_Entry]:
    """(row, (referent, a claim of its shape), consistent) of the comparable candidates, in
    order; when some have a referent (two characters or more), only those.

    A claim without a referent scores at most 16 (similarity 10, consistent 4, same unit 2),
    one with a referent at least 20, and then only claims with a referent can be rivals or
    backing: dropping the others changes no pairing."""
    by_shape: dict = {}
    by_value: dict = {}
    out: list[_Entry] = []
    for row in rows:
        shape = shapes[row]
        info = by_shape.get(shape, _UNSEEN)
        if info is _UNSEEN:
            c = claim(row)
            info = by_shape[shape] = (referent_match(d, c), c) if comparable(d, c) else None
        if info is None:
            continue
        value = values[row]
        ok = by_value.get(value)
        if ok is None:
            ok = by_value[value] = same_figure(d, figure(row))
        out.append((row, info, ok))
    return _with_referents(out) if only_referents else out


def _with_referents(entries: list[_Entry]) -> list[_Entry]:
    """The entries with a referent when there are any, else all of them."""
    if any(info[0] for _, info, _ in entries):  # type: ignore[index]
        return [e for e in entries if e[1][0]]  # type: ignore[index]
    return entries


def _score(t: tuple) -> float:
    return -t[0]


#: What `_decide` finds: best position, referent, similarity, rival positions, backing positions.
_Decision = tuple[int, int, float, list[int], list[int]]


def _pair(d: Claim, entries: list[_Entry], claim: Callable[[int], Claim],
          decided: dict[tuple, _Decision] | None = None) -> Pair:
    """The pairing the scored entries give, building only the claims it names.

    `decided` remembers decisions by the entries' shapes and consistency: the groups of many
    sources that restate a figure alike are decided once."""
    if not entries:
        return Pair(d, None)
    if decided is None:
        best, ref, sim, rivals, backing = _decide(d, entries)
    else:
        key = tuple([(id(info), ok) for _, info, ok in entries])
        found = decided.get(key)
        if found is None:
            found = decided[key] = _decide(d, entries)
        best, ref, sim, rivals, backing = found
    return Pair(d, claim(entries[best][0]), ref, sim,
                Rivals([entries[i][0] for i in rivals], [entries[i][2] for i in rivals], claim),
                tuple(claim(entries[i][0]) for i in backing))


def _decide(d: Claim, entries: list[_Entry]) -> _Decision:
    """Score the entries; the best one, its referent and similarity, its rivals and backing
    (positions in `entries`)."""
    event = d.kind in EVENT_KINDS
    sims: dict[int, float] = {}
    scored = []
    supporters = []
    for i, (_, info, ok) in enumerate(entries):
        ref, like = info  # type: ignore[misc]
        if ref or ok or event:
            sim = sims.get(id(info))
            if sim is None:
                sim = sims[id(info)] = clause_similarity(d, like)
        else:
            sim = 0.0
        score = ref * 10 + sim / 10 + (4 if ok else 0) + (2 if d.unit == like.unit else 0)
        scored.append((score, ref, sim, i, like))
        if ok:
            supporters.append((ref, sim, i))
    scored.sort(key=_score)
    _, ref, sim, best, best_like = scored[0]
    rivals = [i for _, r, _, i, like in scored[1:]
              if r and r == ref and like.subject == best_like.subject]
    # A consistent claim backs the draft only if it is at least as surely what the draft speaks
    # of as the best pairing: 10个主题宣传教育活动 is not backed by 成立了10个职工思想政治教育基地.
    backing = [i for r, s, i in supporters
               if r >= max(2, ref) or (ref == 0 and s >= SUPPORT_SIMILARITY)]
    return best, ref, sim, rivals, backing


def shape_key(c: Claim) -> tuple:
    """All that pairing reads of a source claim but its figure: kind, unit, the words around
    it, what it counts and its clause's words. Claims of one shape score alike."""
    return c.kind, c.unit, c.subject, c.before, c.after, _words(_without_own_words(c))


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


class FigureValue(NamedTuple):
    """What `same_figure` reads of a source claim, without the rest of it."""

    kind: str
    value: Any
    low: Decimal | None
    high: Decimal | None
    low_open: bool
    high_open: bool
    unit: str


def same_value_claims(d: Claim, candidates: list[Claim]) -> list[Claim]:
    """Source claims of the same kind that state a value consistent with the draft's."""
    return [c for c in candidates if comparable(d, c) and consistent(d, c)]



def name_similarity(a: str, b: str) -> float:
    """0..100 similarity of two names or titles."""
    from rapidfuzz import fuzz  # imported on first use: most drafts never compare names

    return float(fuzz.ratio(a, b))
