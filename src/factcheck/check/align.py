"""Pair each draft claim with the source claim that states the same thing: the only rapidfuzz import."""

from __future__ import annotations

import math
from collections.abc import Container, Sequence
from decimal import Decimal
from operator import attrgetter
from typing import Any, Callable

from factcheck.check.compare import consistent, last_place, written_digits
from factcheck.check.similarity import (
    clause_similarity,
    referent_match,
    units_compatible,
)
from factcheck.records import dataclass
from factcheck.registry.claim import EVENT_KINDS, NUMERIC_KINDS, Claim
from factcheck.registry.index import ClaimIndex, LazyClaims, probe_keys
from factcheck.registry.referents import first_clause, session_point

#: Clause similarity at which a source claim consistent with the draft figure backs it.
SUPPORT_SIMILARITY = 30.0


@dataclass(frozen=True)
class Pair:
    """A draft claim and the source claim it speaks of (or None), with how sure the pairing is."""

    draft: Claim
    claim: Claim | None
    referent: int = 0           # characters of the source's referent found next to the draft figure
    similarity: float = 0.0     # 0..100 similarity of the two clauses, figures removed
    rivals: "tuple[Claim, ...] | Rivals" = ()   # other claims about the same referent
    supporters: "tuple[Claim, ...] | LazyClaims" = ()   # claims consistent with the draft, about a like referent (built when read)

    @property
    def agreeing_rival(self) -> Claim | None:
        """The first rival whose figure agrees with the draft's (`compare.consistent`)."""
        if isinstance(self.rivals, Rivals):
            return self.rivals.agreeing()
        return next((r for r in self.rivals if same_figure(self.draft, r)), None)


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


class _LaterRivals(Rivals):
    """Rivals whose rows are read when first asked for: most checks only ask which one agrees,
    which is known from the rows read already."""

    __slots__ = ("_read", "_first")

    def __init__(self, read: Callable[[], tuple[list[int], list[bool]]], first: int | None,
                 claim: Callable[[int], Claim]) -> None:
        super().__init__(None, None, claim)  # type: ignore[arg-type]
        self._read, self._first = read, first

    def _load(self) -> None:
        if self._rows is None:
            self._rows, self._agree = self._read()

    def agreeing(self) -> Claim | None:
        return None if self._first is None else self._claim(self._first)

    def rows(self) -> Sequence[int]:
        self._load()
        return super().rows()

    def __len__(self) -> int:
        self._load()
        return super().__len__()

    def __iter__(self):
        self._load()
        return super().__iter__()

    def __getitem__(self, i):  # type: ignore[override]
        self._load()
        return super().__getitem__(i)


#: What `compare.consistent` reads of the draft claim and of the source claim (and the digits
#: the draft figure is written with, `compare.written_digits`: 45.0万 is no rounding of 44.8万).
#: Not the source's qualifier: an indexed figure (`index.FigureValue`) carries none.
_DRAFT_VALUE = attrgetter("kind", "value", "low", "high", "low_open", "high_open", "qualifier",
                          "unit")
_SOURCE_VALUE = attrgetter("kind", "value", "low", "high", "low_open", "high_open", "unit")
_CONSISTENT: dict[tuple, bool] = {}
#: The last draft figure asked about and its part of the key: a figure is compared with
#: thousands of source figures in turn (one tuple, replaced whole: threads read it safely).
_LAST_DRAFT: tuple = (None, None)


def same_figure(d: Claim, c: Claim) -> bool:
    """`compare.consistent(d, c)`, remembered by the fields it reads: many sources state a
    figure with the same value."""
    global _LAST_DRAFT
    last = _LAST_DRAFT
    if last[0] is d:
        draft = last[1]
    else:
        draft = (_DRAFT_VALUE(d), written_digits(d))
        _LAST_DRAFT = (d, draft)
    key = (*draft, _SOURCE_VALUE(c))
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
    """Whether two claims could state the same thing at all (`alike`, and not given at two
    different points of a trading day: 收盘 / 低开, `session_point`)."""
    return alike(d, c) and not points_differ(d, c)


def alike(d: Claim, c: Claim) -> bool:
    """Same kind, compatible unit. Any two currencies compare: 1万美元 for the source's 1万元 is
    a contradiction to report."""
    return d.kind == c.kind and (d.kind == "money" or units_compatible(d.unit, c.unit))


def points_differ(d: Claim, c: Claim, lead: bool = True) -> bool:
    """Whether the draft figure `d` and the source's `c` are given at different points of a
    trading day (`draft_point`; the source's is read from what its shape holds, `shape_key`)."""
    if d.kind in EVENT_KINDS:
        return False
    ours = draft_point(d, lead)
    return bool(ours) and session_point(c.before, c.after) not in ("", ours)


def draft_point(d: Claim, lead: bool = True) -> str:
    """The point of the trading day a draft figure is given at (`session_point`), its
    sentence's first clause read too with `lead` (截至收盘，上证综指跌2.45%，报3066.36点)."""
    return session_point(d.before, d.after, first_clause(d.sentence) if lead else "")


def align(d: Claim, candidates: list[Claim] | ClaimIndex) -> Pair:
    """The best source claim for one draft figure, date or ordinal.

    Every comparable candidate is scored: ten points a character of referent, a tenth of the
    clause similarity, four for a consistent figure, two for the same unit. Candidates with
    the same shape (`shape_key`) score alike, and so do those with the same value for the
    consistency test (`value_sig`): each is worked out once."""
    if isinstance(candidates, ClaimIndex):
        return align_indexed(candidates, d)
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
             only_referents: bool = True, seen: tuple[dict, dict] | None = None
             ) -> list[_Entry]:
    """(row, (referent, a claim of its shape), consistent) of the comparable candidates, in
    order; when some have a referent (two characters or more), only those.

    A claim without a referent scores at most 16 (similarity 10, consistent 4, same unit 2),
    one with a referent at least 20, and then only claims with a referent can be rivals or
    backing: dropping the others changes no pairing. `seen` keeps what each shape and value
    gave (for `d`) from one call to the next."""
    by_shape, by_value = seen if seen is not None else ({}, {})
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


#: What `_decide` finds: best position, referent, similarity, rival positions, backing positions.
_Decision = tuple[int, int, float, list[int], list[int]]


def _pair(d: Claim, entries: list[_Entry], claim: Callable[[int], Claim],
          decided: dict[tuple, _Decision] | None = None) -> Pair:
    """The pairing the scored entries give, building only the claims it names.

    `decided` remembers decisions by the entries' shapes and consistency: the groups of many
    sources that restate a figure alike are decided once."""
    if not entries:
        return Pair(d, None)
    return _built(d, entries, _decision(d, entries, decided), claim)


def _decision(d: Claim, entries: list[_Entry], decided: dict[tuple, _Decision] | None
              ) -> _Decision:
    """`_decide(d, entries)`, remembered in `decided` by the entries' shapes and consistency."""
    if decided is None:
        return _decide(d, entries)
    key = tuple([(id(info), ok) for _, info, ok in entries])
    found = decided.get(key)
    if found is None:
        found = decided[key] = _decide(d, entries)
    return found


def _built(d: Claim, entries: list[_Entry], decision: _Decision,
           claim: Callable[[int], Claim]) -> Pair:
    """The pairing a decision over the entries gives, building only the claim it names."""
    best, ref, sim, rivals, backing = decision
    return Pair(d, claim(entries[best][0]), ref, sim,
                Rivals([entries[i][0] for i in rivals], [entries[i][2] for i in rivals], claim),
                LazyClaims([entries[i][0] for i in backing], claim))


def _decide(d: Claim, entries: list[_Entry]) -> _Decision:
    """Score the entries; the best one, its referent and similarity, its rivals and backing
    (positions in `entries`).

    An entry's score, referent and similarity follow from its shape and consistency alone:
    each group of entries alike (thousands of sources restating a figure make a few) is
    scored once."""
    return _decide_one(d, entries[0]) if len(entries) == 1 else _decide_groups(d, entries)


def _decide_groups(d: Claim, entries: list[_Entry]) -> _Decision:
    """`_decide`, the entries grouped by shape and consistency."""
    groups: dict[tuple[int, bool], list[int]] = {}
    for i, (_, info, ok) in enumerate(entries):
        found = groups.get((id(info), ok))
        if found is None:
            groups[id(info), ok] = [i]
        else:
            found.append(i)
    event = d.kind in EVENT_KINDS
    sims: dict[int, float] = {}
    scored = []  # score, referent, similarity, claim of the shape, consistent, positions
    for (key, ok), positions in groups.items():
        ref, like = entries[positions[0]][1]  # type: ignore[misc]
        if ref or ok or event:
            sim = sims.get(key)
            if sim is None:
                sim = sims[key] = clause_similarity(d, like)
        else:
            sim = 0.0
        score = ref * 10 + sim / 10 + (4 if ok else 0) + (2 if d.unit == like.unit else 0)
        scored.append((score, ref, sim, like, ok, positions))
    # equal scores in registry order: the candidates come by anchor, from a set whose order
    # changes with the string hash seed, so a tie went one way in one process, the other in
    # the next
    top = max(g[0] for g in scored)
    best = min((entries[i][0], i) for g in scored if g[0] == top for i in g[5])[1]
    _, ref, sim, best_like, _, _ = next(g for g in scored if best in g[5])
    rivals = sorted((-score, entries[i][0], i) for score, r, _, like, _, positions in scored
                    if r and r == ref and like.subject == best_like.subject
                    for i in positions if i != best)
    # A consistent claim backs the draft only if it is at least as surely what the draft speaks
    # of as the best pairing: 10个主题宣传教育活动 is not backed by 成立了10个职工思想政治教育基地.
    backing = sorted(i for _, r, s, _, ok, positions in scored
                     if ok and (r >= max(2, ref) or (ref == 0 and s >= SUPPORT_SIMILARITY))
                     for i in positions)
    return best, ref, sim, [i for _, _, i in rivals], backing


def _decide_one(d: Claim, entry: _Entry) -> _Decision:
    """`_decide` of one entry: it is the best, with no rivals, backing the draft if its
    figure agrees and it is sure enough."""
    _, (ref, like), ok = entry  # type: ignore[misc]
    sim = clause_similarity(d, like) if ref or ok or d.kind in EVENT_KINDS else 0.0
    backs = ok and (ref >= 2 or (ref == 0 and sim >= SUPPORT_SIMILARITY))
    return 0, ref, sim, [], [0] if backs else []


def same_value_claims(d: Claim, candidates: list[Claim]) -> list[Claim]:
    """Source claims of the same kind that state a value consistent with the draft's."""
    return [c for c in candidates if comparable(d, c) and same_figure(d, c)]


def align_indexed(index: ClaimIndex, d: Claim) -> Pair:
    """`align(d, self.candidates(d))`, scoring each shape and each value once and
    building only the claims it names.

    A referent next to a figure other than a date shares an anchor with it: when one of
    the claims sharing an anchor has a referent, the rest cannot change the pairing."""
    if d.kind not in EVENT_KINDS:
        pair = _near_pair(d, index)
        if pair is not None:
            return pair
    probes = index.shapes, index.values, index.get, index.figure
    seen: tuple[dict, dict] = ({}, {})  # the anchored rows' shapes and values, read again
    anchored = None if d.kind in EVENT_KINDS else index.anchored_rows(d)
    entries = [] if anchored is None else _entries(d, anchored, *probes, seen=seen)
    if not entries or not entries[0][1][0]:
        entries = _entries(d, index.candidate_rows(d, anchored), *probes, seen=seen)
    return _pair(d, entries, index.get)


def sure_decisions(index: ClaimIndex, d: Claim, start: "int | Container[int]" = 0
                   ) -> dict[str, tuple[list[_Entry], _Decision]]:
    """Each source's entries (row, (referent, a claim of its shape) or None, whether its
    figure agrees with `d`) and decision (best, referent, similarity, rivals, backing:
    positions in the entries) for `sure_pairs_by_source`, before any claim is built."""
    rows = index.anchored_since(d, start) if start and d.kind not in EVENT_KINDS else None
    if rows is None:  # every candidate, those of the sources wanted then picked
        rows = index.candidate_rows(d) if d.kind in EVENT_KINDS else index.anchored_rows(d)
    wanted = sorted(r for r in rows if r >= start) if isinstance(start, int) else \
        sorted(r for r in rows if r in start)
    groups: dict[str, list[_Entry]] = {}
    for entry in _entries(d, wanted, index.shapes, index.values, index.get,
                          index.figure, only_referents=False):
        groups.setdefault(index.source_of(entry[0]), []).append(entry)
    decided: dict[tuple, _Decision] = {}
    return {source: (found, _decision(d, found, decided)) for source, entries in groups.items()
            for found in [_with_referents(entries)]}


def sure_pairs_by_source(index: ClaimIndex, d: Claim,
                         start: "int | Container[int]" = 0) -> dict[str, Pair]:
    """`align(d, group)` for each source's group of `sure_candidates(d)` (in registry
    order) that holds a comparable claim, scoring each shape and value once for every
    source.

    Aligning `d` with one source's group pairs it as surely as aligning it with every
    claim of that source: a sure pairing needs a referent, and a claim with a referent
    next to `d` shares an anchor with it (dates and ordinals are all candidates). Only the
    sources whose rows start at `start` or later, if given, or whose rows are `in` it."""
    chosen = sure_decisions(index, d, start)
    if index.read_rows is not None:  # the claims the pairs name: one query, not one each
        index.read_rows([found[decision[0]][0] for found, decision in chosen.values()])
    return {source: _built(d, found, decision, index.get)
            for source, (found, decision) in chosen.items()}


def reach(d: Claim) -> tuple[float, float] | None:
    """Floats below and above every number `compare.consistent` may find `d` agreeing with: its
    value, its bounds (unbounded without one) and the rounding `draft_region` may read it as.
    A source figure whose range (`index.figure_range`) misses this span is not consistent with
    `d`. None for a figure that is no finite number."""
    v, low, high = d.value, d.low, d.high
    if d.kind not in NUMERIC_KINDS or not all(
            b is None or type(b) is Decimal and b.is_finite() for b in (v, low, high)) or v is None:
        return None
    half = last_place(v) / 2
    bottom = -math.inf if low is None else math.nextafter(float(min(v - half, v, low)), -math.inf)
    top = math.inf if high is None else math.nextafter(float(max(v + half, v, high)), math.inf)
    return bottom, top


def _near_pair(d: Claim, index: ClaimIndex) -> Pair | None:
    """`align_indexed` of a figure whose anchored candidates have a referent, reading only the
    rows whose figure may agree with it (`SqlStore.near_rows`) and, of the others, the first
    row of each shape (the rest when a rival is listed); None when the index cannot tell them
    apart or no anchored candidate has a referent (then all candidates are read)."""
    if index.near_rows is None:  # an index in memory (one file's registry): it cannot tell
        return None
    span = reach(d)
    found = None if span is None else index.near_anchored(d, *span)
    if found is None:
        return None
    firsts = dict(found.first_far)
    for row in reversed(found.near):
        shape = index.shapes[row]
        if firsts.get(shape) is None or row < firsts[shape]:
            firsts[shape] = row
    if None in firsts.values():  # a row in neither part: not an index this reads
        return None
    info = {}
    for shape, row in firsts.items():
        c = index.get(row)
        if comparable(d, c) and (ref := referent_match(d, c)):
            info[shape] = ref, c
    if not info:
        return None
    return _near_decide(d, index, found, info)


def _near_decide(d: Claim, index: ClaimIndex, found: Any,
                 info: dict[int, tuple[int, Claim]]) -> Pair:
    """`_decide` over the groups (shape, consistent) of `_near_pair`'s candidates: a figure
    outside the draft's reach is not consistent with it, so each shape's far rows make one
    group, known by its first row until a rival list is read."""
    near: dict[tuple[int, bool], list[int]] = {}
    consistent_value: dict[int, bool] = {}
    for row in found.near:
        shape = index.shapes[row]
        if shape in info:
            value = index.values[row]
            ok = consistent_value.get(value)
            if ok is None:
                ok = consistent_value[value] = same_figure(d, index.figure(row))
            near.setdefault((shape, ok), []).append(row)
    firsts = {key: rows[0] for key, rows in near.items()}
    for shape in info:
        far = found.first_far.get(shape)
        if far is not None:
            firsts[shape, False] = min(far, firsts.get((shape, False), far))
    sims = {shape: clause_similarity(d, like) for shape, (_, like) in info.items()}
    score = {(shape, ok): ref * 10 + sims[shape] / 10 + (4 if ok else 0)
             + (2 if d.unit == like.unit else 0)
             for shape, ok in firsts for ref, like in [info[shape]]}
    top = max(score.values())
    best = min(first for key, first in firsts.items() if score[key] == top)
    shape = next(key for key, first in firsts.items() if first == best)[0]
    (ref, like), sim = info[shape], sims[shape]
    rivals = [key for key in firsts if info[key[0]][0] == ref
              and info[key[0]][1].subject == like.subject]

    def rows_of(key: tuple[int, bool]) -> list[int]:
        if key[1]:
            return near[key]
        return sorted({*near.get(key, ()), *found.far(key[0])})

    def read() -> tuple[list[int], list[bool]]:
        order = sorted((-score[key], row, key[1]) for key in rivals for row in rows_of(key)
                       if row != best)
        return [row for _, row, _ in order], [ok for _, _, ok in order]

    agreeing = min(((-score[key], row) for key in rivals if key[1] for row in near[key]
                    if row != best), default=(0, None))[1]
    backing = sorted(row for key in firsts if key[1] and (
        info[key[0]][0] >= max(2, ref) or (ref == 0 and sims[key[0]] >= SUPPORT_SIMILARITY))
        for row in near[key])
    return Pair(d, index.get(best), ref, sim, _LaterRivals(read, agreeing, index.get),
                LazyClaims(backing, index.get))
