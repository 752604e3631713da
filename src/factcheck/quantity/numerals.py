"""Numeral text -> exact Decimal: Chinese, Arabic and mixed figures with magnitudes and 几/余/多."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from decimal import Decimal

from factcheck.quantity.evaluator import evaluate as _evaluate
from factcheck.quantity.figure import ONE, TEN, Figure, last_place
from factcheck.quantity.tokens import Tok, Tokens
from factcheck.records import replace

__all__ = ["ONE", "TEN", "Figure", "last_place", "read_figure"]

def read_figure(s: str, pos: int, allow_bare: bool = False, limit: int | None = None) -> Figure | None:
    """The figure starting at `pos` in the folded text (ending by `limit`), or None."""
    toks = Tokens(s, pos, limit)
    if toks.get(0) is None:
        return None
    return _digit_run(toks) or _pair_range(toks) or _evaluate(toks, allow_bare)


def _digit_run(toks: Tokens) -> Figure | None:
    """A digit-by-digit numeral (二〇二三, 九九), or None."""
    run: list[Tok] = []
    spaced = False
    while (tok := toks.get(len(run))) is not None and len(run) <= (4 if spaced else 12) \
            and _run_digit(tok):
        spaced = spaced or bool(run) and tok.start != run[-1].end
        nxt = toks.get(len(run) + 1)
        if nxt is not None and nxt.start == tok.start:
            break  # 廿 reads as 二十, not as a digit
        run.append(tok)
    k = len(run)
    if k < 2 or k > (4 if spaced else 12) or k == 2 and _is_pair(run, 0):
        return None
    after = toks.get(k)
    if k == 2 and after is not None and after.kind in ("unit", "big", "point"):
        return None
    value = Decimal("".join(str(int(t.value)) for t in run))
    return Figure(value, run[0].start, run[-1].end, ONE, chinese=True, ntoks=k)


def _run_digit(tok: Tok) -> bool:
    """A token that can be part of a digit-by-digit numeral (not 两, which never is)."""
    return tok.kind in ("digit", "zero") and tok.end - tok.start == 1 and tok.text not in "两俩"


def _is_pair(toks: list[Tok], i: int) -> bool:
    """Two adjacent Chinese digits naming a range: 七八, 三四, 三五."""
    if i + 1 >= len(toks) or toks[i].kind != "digit" or toks[i + 1].kind != "digit":
        return False
    a, b = int(toks[i].value), int(toks[i + 1].value)
    if toks[i].start == toks[i + 1].start or toks[i].end - toks[i].start != 1:
        return False
    return b == a + 1 or (a, b) == (3, 5)


def _pair_range(lazy: Tokens) -> Figure | None:
    """A range written with two adjacent digits: 七八百, 三四十, 十七八, or None."""
    head = [t for _, t in zip(range(6), lazy)]
    if not any(_is_pair(head, i) for i in range(len(head) - 1)):
        return None
    for i in range(min(5, len(head) - 1)):
        if _is_pair(head, i) and (i == 0 or head[i - 1].kind in ("unit", "big")):
            # Tokens after the pair are read only as far as each reading goes (long runs stay cheap).
            lo = _evaluate(chain(head[:i + 1], _from(lazy, i + 2)), False)
            hi = _evaluate(chain(head[:i], _from(lazy, i + 1)), False)
            if lo is None or hi is None or lo.ntoks < i + 1 or hi.ntoks < i + 1:
                return None
            end = max(lo.end, hi.end)
            pair = (int(head[i].value), int(head[i + 1].value))
            return replace(lo, end=end, low=lo.value, high=hi.value, ntoks=lo.ntoks + 1, pair=pair)
        if head[i].kind not in ("digit", "unit", "big"):
            return None
    return None


def _from(lazy: Tokens, k: int) -> Iterator[Tok]:
    """The tokens from the k-th on, read lazily."""
    while (tok := lazy.get(k)) is not None:
        yield tok
        k += 1
