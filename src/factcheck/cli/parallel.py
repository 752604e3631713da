"""Spread drafts over worker processes (--jobs) and give results back in argument order."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

#: Below this many files per worker, starting processes costs more than it saves.
MIN_FILES_PER_JOB = 4
#: Bytes of drafts worth one more worker (about a third of a second of checking).
BYTES_PER_JOB = 256_000

_RUN: Any = None  # the Run a forked worker inherits


def usable_cpus() -> int:
    """The number of CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def free_cpus(cpus: int) -> int:
    """CPUs not already busy with other work (the last minute's load average), at least 1."""
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):
        return cpus
    return max(1, min(cpus, int(cpus - load + 0.5)))


def default_jobs(args: list[str]) -> int:
    """Workers for `args`: no more than the work fills (files and bytes) or the CPUs free.

    On a machine already busy, extra workers only take turns with each other and pay for
    their start-up and the results' transfer, so they are slower than one."""
    from factcheck.text.read import total_bytes

    total = total_bytes(args)
    by_work = min(len(args) // MIN_FILES_PER_JOB, total // BYTES_PER_JOB)
    return max(1, min(free_cpus(usable_cpus()), by_work))


def _can_fork() -> bool:
    import multiprocessing  # only for many files: ~15 ms of start-up otherwise

    return "fork" in multiprocessing.get_all_start_methods()


def _check(arg: str):
    return _RUN.check_one(arg)


def map_ordered(run: Any, args: list[str], jobs: int) -> Iterator[tuple]:
    """`run.check_one(arg)` for every arg, in order; in `jobs` processes when worth it."""
    global _RUN
    jobs = jobs or default_jobs(args)
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
