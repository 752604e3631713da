"""Pair each draft claim with the source claim that states the same thing: the only rapidfuzz import."""

from __future__ import annotations

from collections.abc import Container, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, Callable

from factcheck.check.compare import consistent
from factcheck.check.similarity import (
    clause_similarity,
    referent_match,
    units_compatible,
)
from factcheck.registry.claim import EVENT_KINDS, Claim
from factcheck.registry.index import ClaimIndex, LazyClaims, probe_keys

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
                LazyClaims([entries[i][0] for i in backing], claim))


def _decide(d: Claim, entries: list[_Entry]) -> _Decision:
    """Score the entries; the best one, its referent and similarity, its rivals and backing
    (positions in `entries`).

    An entry's score, referent and similarity follow from its shape and consistency alone:
    each group of entries alike (thousands of sources restating a figure make a few) is
    scored once."""
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


def same_value_claims(d: Claim, candidates: list[Claim]) -> list[Claim]:
    """Source claims of the same kind that state a value consistent with the draft's."""
    return [c for c in candidates if comparable(d, c) and same_figure(d, c)]


def align_indexed(index: ClaimIndex, d: Claim) -> Pair:
    """`align(d, self.candidates(d))`, scoring each shape and each value once and
    building only the claims it names.

    A referent next to a figure other than a date shares an anchor with it: when one of
    the claims sharing an anchor has a referent, the rest cannot change the pairing."""
    probes = index.shapes, index.values, index.get, index.figure
    entries = [] if d.kind in EVENT_KINDS else _entries(d, index.anchored_rows(d), *probes)
    if not entries or not entries[0][1][0]:
        entries = _entries(d, index.candidate_rows(d), *probes)
    return _pair(d, entries, index.get)


def sure_pairs_by_source(index: ClaimIndex, d: Claim,
                         start: "int | Container[int]" = 0) -> dict[str, Pair]:
    """`align(d, group)` for each source's group of `sure_candidates(d)` (in registry
    order) that holds a comparable claim, scoring each shape and value once for every
    source.

    Aligning `d` with one source's group pairs it as surely as aligning it with every
    claim of that source: a sure pairing needs a referent, and a claim with a referent
    next to `d` shares an anchor with it (dates and ordinals are all candidates). Only the
    sources whose rows start at `start` or later, if given, or whose rows are `in` it."""
    rows = index.candidate_rows(d) if d.kind in EVENT_KINDS else index.anchored_rows(d)
    wanted = sorted(r for r in rows if r >= start) if isinstance(start, int) else \
        sorted(r for r in rows if r in start)
    groups: dict[str, list[_Entry]] = {}
    for entry in _entries(d, wanted, index.shapes, index.values, index.get,
                          index.figure, only_referents=False):
        groups.setdefault(index.source_of(entry[0]), []).append(entry)
    decided: dict[tuple, _Decision] = {}
    return {source: _pair(d, _with_referents(entries), index.get, decided)
            for source, entries in groups.items()}
