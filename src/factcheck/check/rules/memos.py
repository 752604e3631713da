"""What a check remembers of each draft figure (`base.Context.once`), and the keys it is
remembered by: all a figure says but where it stands, or also but its sentence."""

from __future__ import annotations

import itertools
from typing import Any
from weakref import WeakKeyDictionary

from factcheck.registry.claim import Claim

#: What depends only on a draft figure and the registry (its pairing, the source figures
#: stating its value…), by all the figure says but where it stands (`placeless`), for each
#: registry: a sentence a long draft repeats is worked out once. At most this many a memo,
#: then it starts again (16,384 took a 10 MB draft's peak memory from 170 to 215 MB).
MAX_REMEMBERED = 4096

#: `once` memos of what reads no draft sentence: of the figure alone (and the registry), and
#: of its pair (`figures._differs`, `agreement.paired`, `unsupported._backed`, and what an
#: error or a place slip says, `figures._error`, `figures._slipped`). A check's own
#: memo of each is by the `sentence_free` key (for one of its pair's, when the pairing read
#: no sentence either), in negative numbers, so never a `placeless` key's number.
ALONE_FREE = frozenset({"same value", "date stated"})
PAIR_FREE = frozenset({"differs", "paired", "backed", "error", "place slip"})


def placeless(c: Claim) -> tuple:
    """All that pairing reads of a draft claim, which is all of it but where it stands
    (offsets, line, column): two claims alike in this are paired alike. Values by their
    `repr`, as Decimal("10") and Decimal("1E+1") are equal but read apart."""
    return (*sentence_free(c), c.sentence)


def sentence_free(c: Claim) -> tuple:
    """`placeless` but for the sentence: a draft figure's pairing that reads no sentence
    (`align` never does, `settle` only for a list item) is the same for two figures alike in
    this, as a fixed sentence's figures are the draft sentence's but for the one fixed."""
    return (c.kind, c.text, repr(c.value), repr(c.low), repr(c.high), c.low_open, c.high_open,
            c.unit, c.qualifier, c.subject, c.before, c.after, c.context, c.source, c.id, c.roles)


def keep(memo: dict, key: int, value: object) -> None:
    """`memo[key] = value` in a registry's memo, started again when it is full."""
    if len(memo) >= MAX_REMEMBERED:
        memo.clear()
    memo[key] = value


class Memos:
    """A registry's memos: the figures' numbers by `placeless` key, and each memo by name."""

    __slots__ = ("numbers", "count", "by_name")

    def __init__(self) -> None:
        self.numbers: dict[tuple, int] = {}
        self.count = itertools.count(1)  # each number once, from any thread
        self.by_name: dict[str, dict] = {}


#: The memos of each registry, by its claim index (which the registry builds anew when its
#: claims are replaced).
REMEMBERED: "WeakKeyDictionary[object, Memos]" = WeakKeyDictionary()

#: Each registry's pairings that read no sentence, by `sentence_free` key, from check to
#: check (at most MAX_REMEMBERED): the offered fixes' sentences are checked after the draft,
#: and their figures but the one fixed are the draft sentence's. (The `ALONE_FREE` and
#: `PAIR_FREE` memos kept so too took a 10 MB draft's peak memory from 172 to 178-183 MB.)
FREE: "WeakKeyDictionary[object, dict[tuple, Any]]" = WeakKeyDictionary()
