"""Spread drafts over worker processes (--jobs) and give results back in argument order."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

#: Below this many files per worker, starting processes costs more than it saves.
MIN_FILES_PER_JOB = 4

_RUN: Any = None  # the Run a forked worker inherits


def default_jobs() -> int:
    """The number of CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _can_fork() -> bool:
    import multiprocessing  # only for many files: ~15 ms of start-up otherwise

    return "fork" in multiprocessing.get_all_start_methods()


def _check(arg: str):
    return _RUN.check_one(arg)


def map_ordered(run: Any, args: list[str], jobs: int) -> Iterator[tuple]:
    """`run.check_one(arg)` for every arg, in order; in `jobs` processes when worth it."""
    global _RUN
    jobs = jobs or default_jobs()
    if jobs <= 1 or len(args) < 2 * MIN_FILES_PER_JOB or "-" in args or not _can_fork():
        yield from (run.check_one(a) for a in args)
        return
    _RUN = run
    run.registry.index()  # build once, before forking, so every worker shares it
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    ctx = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
        chunk = max(1, min(32, len(args) // (jobs * 4)))
        yield from pool.map(_check, args, chunksize=chunk)
