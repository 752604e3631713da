"""Drafts grouped into partitions of a few MB, enough of them to keep every worker busy."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from factcheck.dask.work import Draft

#: The most bytes of drafts one task reads: results of a few MB move cheaply between machines.
MAX_PART_BYTES = 4 * 1024 * 1024
#: The fewest bytes worth a task of its own: about 0.1 s of checking, where a task costs Dask
#: about a millisecond to schedule.
MIN_PART_BYTES = 32 * 1024
#: Partitions per worker when drafts are few, so a slow or lost worker delays little.
PARTS_PER_WORKER = 8
#: The size assumed for a draft whose size is unknown here (a URL, a file not yet there).
GUESS_BYTES = 16 * 1024


def drafts(paths: Sequence[str | os.PathLike[str]]) -> list[Draft]:
    """(name, where to read) for each path: names as given, local paths made absolute."""
    out: list[Draft] = []
    for p in paths:
        name = os.fspath(p)
        out.append((name, name if "://" in name else str(Path(name).absolute())))
    return out


def size(draft: Draft) -> int:
    """A draft's size in bytes if the client can see it, else a guess."""
    where = draft[1]
    if "://" in where:
        return GUESS_BYTES
    try:
        return os.stat(where).st_size
    except OSError:
        return GUESS_BYTES


def target_bytes(total: int, workers: int) -> int:
    """Bytes per partition: PARTS_PER_WORKER for each worker, within MIN and MAX_PART_BYTES."""
    share = total // max(1, workers * PARTS_PER_WORKER)
    return max(MIN_PART_BYTES, min(MAX_PART_BYTES, share))


def partitions(items: list[Draft], workers: int) -> list[list[Draft]]:
    """Consecutive drafts grouped until a group holds `target_bytes`; order is kept."""
    sizes = [size(d) for d in items]
    target = target_bytes(sum(sizes), workers)
    parts: list[list[Draft]] = []
    current: list[Draft] = []
    held = 0
    for draft, n in zip(items, sizes):
        current.append(draft)
        held += n
        if held >= target:
            parts.append(current)
            current, held = [], 0
    if current:
        parts.append(current)
    return parts
