"""Which registered sources disagree with each other (`source-conflict`, `claims conflicts`):
each other source's sure pairing with a claim, compared by what the index's rows hold of its
figure (shape and value ids, qualifier and text), without building its claim."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from factcheck.check.agreement import MIN_REFERENT, MIN_SIMILARITY, counterpart, paired
from factcheck.check.align import Pair, alike, points_differ, same_figure, sure_decisions
from factcheck.registry.claim import EVENT_KINDS, FIGURE_KINDS, Claim
from factcheck.registry.index import ClaimIndex, LazyClaims, shape_key, value_sig
from factcheck.registry.model import Registry


class Figure(NamedTuple):
    """What `compare.consistent` reads of the figure it takes as the rewrite: a claim's
    figure fields (`index.FigureValue`), its qualifier and its text."""

    kind: str
    value: object
    low: object
    high: object
    low_open: bool
    high_open: bool
    qualifier: str
    unit: str
    text: str


class SureRows(NamedTuple):
    """A sure pairing (`align.sure_pairs_by_source`) by rows: its claim's row, referent and
    similarity, whether its figure agrees with the draft's (`same_figure(draft, claim)`),
    and its rivals' rows in order, each with the same."""

    row: int
    referent: int
    similarity: float
    agrees: bool
    rivals: Sequence[tuple[int, bool]]


def sure_rows_by_source(index: ClaimIndex, d: Claim, start: object = 0) -> dict[str, SureRows]:
    """`align.sure_pairs_by_source(index, d, start)` by rows, building no claim."""
    make = tuple.__new__  # a SureRows without its Python-level constructor: one a source
    return {source: make(SureRows, (found[best][0], ref, sim, found[best][2], [
        (found[i][0], found[i][2]) for i in rivals] if rivals else ()))
            for source, (found, (best, ref, sim, rivals, _)) in
            sure_decisions(index, d, start).items()}  # type: ignore[arg-type]


def back_key(c: Claim) -> tuple:
    """All that pairing `c` as the draft figure reads of it (`align`, `strong` and the
    sure candidates they are given): its shape (`shape_key`: kind, unit, subject, the
    words around it and its clause's words), its exact value and bounds (`value_sig`),
    qualifier and text. Figures of many sources restate one another alike."""
    return shape_key(c), value_sig(c), c.qualifier, c.text


def conflicts_of(reg: Registry, claim: Claim) -> Sequence[Claim]:
    """Claims of other sources that give a different figure for what `claim` counts, in
    registry order (built when read).

    Each other source's counterpart must be mutual (the claim is its counterpart too), so a
    source that states both a whole and a part (试点企业768家, 省级试点企业63家) is not read
    as disagreeing with itself. They depend on the registry alone, so a cached registry keeps
    them for the next run.
    """
    known = reg.known_conflicts(claim)
    if known is not None:
        return known
    # sources added after all the others since the last time: only theirs are looked at
    since = reg.conflicts_since(claim)
    sources, start = (since[1], since[2]) if since is not None else (reg.sources, 0)
    index = reg.index()
    rows = disagreeing_rows(reg, claim, sources, start)
    found: Sequence[Claim] = LazyClaims(rows, index.get)
    if since is not None:
        found = reg.more_conflicts(since[0], found)
    reg.keep_conflicts(claim, found)
    return found


def disagreeing_rows(reg: Registry, claim: Claim, sources: Sequence[str],
                     start: object = 0) -> list[int]:
    """The rows, in the order of `sources`, of the other sources' sure pairings with `claim`
    (`align.sure_pairs_by_source`) whose figure agrees with it neither way, nor does any of
    their rivals', and that pair back with it (`counterpart` in `claim`'s source)."""
    index = reg.index()
    found = sure_rows_by_source(index, claim, start)  # type: ignore[arg-type]
    own = claim.source
    pairs = [p for sid in sources if sid != own for p in [found.get(sid)]
             if p is not None and not p.agrees]  # agrees: `same_figure(claim, its claim)`
    pairs = _sure(index, claim, pairs)
    values = index.values
    keys = {r: (values[r], *w) for r, w in reg.figure_words(
        [r for p in pairs for r in (p.row, *(r for r, _ in p.rivals))]).items()}
    figure = _figures(index, keys)
    agrees = _agrees_with(keys, figure, claim)
    pairs = [p for p in pairs if not agrees(p.row)
             and not any(ok or agrees(r) for r, ok in p.rivals)]
    # pairing back reads `back_key` of the figure: its shape and its figure's key
    shapes = index.shapes
    backs = [(shapes[p.row], keys[p.row]) for p in pairs]
    firsts: dict[tuple, int] = {}  # the first row of each
    for key, p in zip(backs, pairs):
        firsts.setdefault(key, p.row)
    back = _paired_back(reg, claim, firsts, figure)
    return [p.row for p, key in zip(pairs, backs) if back[key]]


def _sure(index: ClaimIndex, claim: Claim, pairs: list[SureRows]) -> list[SureRows]:
    """The pairings `agreement.paired` finds sure: by referent and similarity alone, or
    reading the source claim (built then: the rest are not)."""
    unsure = [p.row for p in pairs if not (p.referent >= MIN_REFERENT or (
        p.referent and p.similarity >= MIN_SIMILARITY))]
    if not unsure:
        return pairs
    if index.read_rows is not None:
        index.read_rows(unsure)
    doubt = set(unsure)
    return [p for p in pairs if p.row not in doubt
            or paired(Pair(claim, index.get(p.row), p.referent, p.similarity))]


def _figures(index: ClaimIndex, keys: dict[int, tuple]) -> Callable[[int], Figure]:
    """The `Figure` of the claim at a row, one for each key (value id, qualifier, text)."""
    made: dict[tuple, Figure] = {}

    def figure(row: int) -> Figure:
        key = keys[row]
        found = made.get(key)
        if found is None:
            f = index.figure(row)
            found = made[key] = Figure(f.kind, f.value, f.low, f.high, f.low_open, f.high_open,
                                       key[1], f.unit, key[2])
        return found
    return figure


def _agrees_with(keys: dict[int, tuple], figure: Callable[[int], Figure],
                 claim: Claim) -> Callable[[int], bool]:
    """Whether the figure at a row, as the rewrite, agrees with `claim`'s
    (`same_figure(its claim, claim)`), asked once for each key."""
    seen: dict[tuple, bool] = {}

    def agrees(row: int) -> bool:
        key = keys[row]
        ok = seen.get(key)
        if ok is None:
            ok = seen[key] = same_figure(figure(row), claim)
        return ok
    return agrees


def _paired_back(reg: Registry, claim: Claim, firsts: dict[tuple, int],
                 figure: Callable[[int], Figure]) -> dict[tuple, bool]:
    """Whether `claim` is the counterpart, among its source's figures, of each (shape,
    figure key)'s first claim (at its row in `firsts`).

    Pairing a figure other than a date, ordinal or score with a list of candidates reads
    its shape, and of its figure only whether it agrees with each candidate
    (`same_figure`): the figures of one shape that agree with the same candidates pair
    back alike, and only the first of them is paired."""
    index, own = reg.index(), reg.index().of_source(claim.source)
    if claim.kind in EVENT_KINDS:  # their candidates and a date's page test read more
        if index.read_rows is not None:
            index.read_rows(sorted(firsts.values()))
        return {key: _mutual(own, index.get(row), claim) for key, row in firsts.items()}
    reps: dict[int, int] = {}  # the first row of each shape
    for (shape, _), row in firsts.items():
        reps.setdefault(shape, row)
    if index.read_rows is not None:
        index.read_rows(sorted(reps.values()))
    held: dict[int, tuple[list[Claim], list[Claim]]] = {}  # candidates, comparable ones
    decided: dict[tuple, bool] = {}
    out = {}
    for key, row in firsts.items():
        shape = key[0]
        if shape not in held:
            c = index.get(reps[shape])
            found = own.in_order(own.sure_candidates(c))
            # two sources' claims: `c` stands for its shape, so only what the shape holds
            held[shape] = found, [o for o in found
                                  if alike(c, o) and not points_differ(c, o, lead=False)]
        candidates, comparable_ones = held[shape]
        f = figure(row)
        agreeing = (shape, *[same_figure(f, o) for o in comparable_ones])
        ok = decided.get(agreeing)
        if ok is None:
            ok = decided[agreeing] = _mutual(own, index.get(row), claim, candidates)
        out[key] = ok
    return out


def read_ahead(index: ClaimIndex, claims: Sequence[Claim], limit: int = 0) -> None:
    """Read the first `limit` (0: all) of an indexed registry's unbuilt claims (`LazyClaims`,
    as `conflicts_of` gives them) in one query, not one each."""
    if isinstance(claims, LazyClaims) and index.read_rows is not None:
        index.read_rows(list(claims.rows()[:limit] if limit else claims.rows()))


def _mutual(own: ClaimIndex, c: Claim, claim: Claim,
            candidates: list[Claim] | None = None) -> bool:
    """Whether `claim` is the counterpart of `c` among its source's figures (`own`, or the
    `candidates` for a sure pairing of `c` there when known)."""
    if candidates is None:
        candidates = own.in_order(own.sure_candidates(c))
    back = counterpart(c, candidates)
    return back is not None and back.claim == claim


def conflicts(reg: Registry) -> list[tuple[Claim, Claim]]:
    """Every pair of claims from two sources that disagree, each pair once, in registry order."""
    seen: set[tuple[str, str, str, str]] = set()
    out = []
    index = reg.index()
    for a in reg.of_kind(*FIGURE_KINDS):
        found = conflicts_of(reg, a)
        read_ahead(index, found)
        for b in found:
            key = tuple(sorted([(a.source, a.id), (b.source, b.id)]))
            if key not in seen:
                seen.add(key)  # type: ignore[arg-type]
                out.append((a, b))
    return out
