"""Figures swapped between two referents: each draft figure is a value the source states, but
the words around each stand by the other's value in the source.

Source  洪涝灾害已造成1.6万间房屋倒塌，15.1万间不同程度损坏
Draft   房屋：倒塌15.1万间，不同程度损坏1.6万间

Both values are in the source, so neither is "unsupported"; what is wrong is who has which.
Two figures of one draft sentence, of the same kind and unit, are read as swapped when the
source states both in one sentence and the words of each one's clause share more with the
other value's clause in the source than with its own value's clause.
"""

from __future__ import annotations

from itertools import combinations

from factcheck.check.align import same_figure
from factcheck.registry.claim import Claim
from factcheck.lazyre import lazy

_WORD = lazy(r"[\u4e00-\u9fffA-Za-z]+")


def _pairs(text: str) -> frozenset[str]:
    """Character pairs of the words of a clause (figures and punctuation left out)."""
    out = set()
    for w in _WORD.findall(text):
        out.update(w[i:i + 2] for i in range(len(w) - 1))
    return frozenset(out)


def _clause(c: Claim) -> frozenset[str]:
    return _pairs(c.context.replace(c.text, " "))


def _shared(a: frozenset[str], b: frozenset[str]) -> int:
    return len(a & b)


def swapped(figures: list[Claim], stated: dict[int, list[Claim]],
            repeats: dict[str, tuple[int, int]] | None = None) -> dict[int, tuple[Claim, Claim]]:
    """For each draft figure read as swapped: (the source claim its words belong to, the
    source claim stating its value), by `id` of the draft claim. `stated` gives, by `id`, the
    source claims stating each draft figure's value. A batch of a long draft gives in
    `repeats`, for a sentence the draft states in other batches too, (its figures in the whole
    draft, in this batch): a sentence's figures count in the whole draft."""
    out: dict[int, tuple[Claim, Claim]] = {}
    by_sentence: dict[str, list[Claim]] = {}
    for d in figures:
        by_sentence.setdefault(d.sentence, []).append(d)
    for sentence, group in by_sentence.items():
        whole, here = (repeats or {}).get(sentence, (1, 1))
        if len(group) * whole <= MAX_FIGURES * here:  # a sentence of thousands of figures names no pair
            _swapped_in(group, stated, out)
    return out


#: Figures of one sentence beyond which no two are compared for a swap.
MAX_FIGURES = 24


def _swapped_in(figures: list[Claim], stated: dict[int, list[Claim]],
                out: dict[int, tuple[Claim, Claim]]) -> None:
    placed: dict[int, dict[tuple[str, str], list[Claim]]] = {}

    def stated_in(d: Claim) -> dict[tuple[str, str], list[Claim]]:
        """The source claims stating `d`'s value, by source and sentence (in their order)."""
        if id(d) not in placed:
            by_place = placed[id(d)] = {}
            for c in stated.get(id(d), ()):
                by_place.setdefault((c.source, c.sentence), []).append(c)
        return placed[id(d)]

    for d1, d2 in combinations(figures, 2):
        if d1.sentence != d2.sentence or d1.kind != d2.kind or d1.unit != d2.unit \
                or d1.value == d2.value or d1.context == d2.context:
            continue
        for c1 in stated.get(id(d1), ()):
            c2 = next((c for c in stated_in(d2).get((c1.source, c1.sentence), ())
                       if c.context != c1.context), None)
            if c2 is None or same_figure(d1, c2) or same_figure(d2, c1):
                continue
            w1, w2, s1, s2 = _clause(d1), _clause(d2), _clause(c1), _clause(c2)
            if _shared(w1, s2) > _shared(w1, s1) and _shared(w2, s1) > _shared(w2, s2):
                out[id(d1)] = (c2, c1)
                out[id(d2)] = (c1, c2)
                break
