#!/usr/bin/env python
"""How fast `factcheck parse` reads the quantities of a 1 MB and a 4 MB draft.

    python bench/parse_speed.py [--runs N] [--seed N] [--keep DIR] [--compare]

The drafts are built as bench/run.py builds them (seed article and dev draft sentences,
figures perturbed, same seed). Each size is parsed `--runs` times with `--format json`; the
table gives the median CPU time, wall time and peak RSS, start-up (a one-line input)
subtracted, and the ratios 4 MB / 1 MB and full reader / fast path. `--compare` also reads
each draft in-process with the fast path and with the full reader alone and checks that the
`parse` items are identical, and that the command writes the same bytes either way, which
are the bytes the general JSON writer (jsontext.dumps) gives for those items. Exits 1 when the 1 MB CPU time beyond start-up exceeds 0.4 s or
a comparison differs.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import MB, FACTCHECK, Result, env_for, make_draft, run, sentence_pool  # noqa: E402

GOAL_CPU = 0.4


def parse_run(path: Path, env: dict[str, str], cwd: Path, full: bool, out: Path | None = None) -> Result:
    """One `factcheck parse - --format json` of the text in `path` (stdout to `out` or nowhere)."""
    if full:
        env = env | {"FACTCHECK_FULL_READER": "1"}
    with open(path, "rb") as fh:
        saved = os.dup(0)
        os.dup2(fh.fileno(), 0)
        try:
            return run(FACTCHECK + ["parse", "-", "--format", "json"], env, cwd, out)
        finally:
            os.dup2(saved, 0)
            os.close(saved)


def median_run(path: Path, env: dict[str, str], cwd: Path, runs: int, full: bool) -> Result:
    """Median CPU, wall and RSS of `runs` parse runs of the text in `path`."""
    results = [parse_run(path, env, cwd, full) for _ in range(runs)]
    return Result(statistics.median(r.wall for r in results), statistics.median(r.cpu for r in results),
                  max(r.rss_mb for r in results), results[-1].code)


def compare(paths: list[Path], env: dict[str, str], cwd: Path) -> bool:
    """Whether the fast path and the full reader give the same parse items on each draft, and
    the command the same bytes, which are also what the general JSON writer writes."""
    from factcheck.jsontext import dumps
    from factcheck.quantity import reader
    from factcheck.quantity.parsing import parse_items
    from factcheck.text.read import read_path

    same = True
    for path in paths:
        doc = read_path(path)
        fast = parse_items(doc)
        reader.FAST = False
        try:
            full = parse_items(doc)
        finally:
            reader.FAST = True
        outs = [cwd / f"{path.stem}-{name}.json" for name in ("fast", "full")]
        for out, is_full in zip(outs, (False, True)):
            parse_run(path, env, cwd, is_full, out)
        general = (dumps({"items": full}) + "\n").encode("utf-8")
        ok = fast == full and outs[0].read_bytes() == outs[1].read_bytes() == general
        same = same and ok
        print(f"{path.name}: {len(fast)} items, fast path {'identical to' if ok else 'DIFFERS from'} the full "
              f"reader (items, and the command's {len(general):,} bytes, as the general JSON writer writes them)")
    return same


def main() -> int:
    """Build the drafts, time the parses, print the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--keep", type=Path)
    ap.add_argument("--compare", action="store_true")
    opts = ap.parse_args()
    scratch = opts.keep or Path(tempfile.mkdtemp(prefix="factcheck-parse-"))
    scratch.mkdir(parents=True, exist_ok=True)
    env = env_for(scratch)
    pool, rng = sentence_pool(), random.Random(opts.seed)
    paths = []
    for size in (MB, 4 * MB):
        path = scratch / f"draft-{size // 1000}k.txt"
        path.write_text(make_draft(pool, size, rng), "utf-8")
        paths.append(path)
    tiny = scratch / "tiny.txt"
    tiny.write_text("培育试点企业768家\n", "utf-8")
    median_run(tiny, env, scratch, 1, False)  # warm the bytecode cache
    base = median_run(tiny, env, scratch, opts.runs, False)
    print(f"start-up: cpu {base.cpu:.3f} s, wall {base.wall:.3f} s, peak {base.rss_mb:.0f} MB")
    print(f"{'draft':10s} {'reader':6s} {'cpu':>8s} {'wall':>8s} {'cpu-start':>10s} {'rss MB':>7s}")
    beyond: dict[tuple[str, bool], float] = {}
    for path in paths:
        for full in (False, True):
            res = median_run(path, env, scratch, opts.runs, full)
            beyond[path.name, full] = res.cpu - base.cpu
            print(f"{path.name[6:-4]:10s} {'full' if full else 'fast':6s} {res.cpu:8.3f} {res.wall:8.3f} "
                  f"{res.cpu - base.cpu:10.3f} {res.rss_mb:7.0f}")
    small, large = paths[0].name, paths[1].name
    print(f"4 MB / 1 MB (fast): {beyond[large, False] / beyond[small, False]:.2f}")
    print(f"full / fast, 1 MB: {beyond[small, True] / beyond[small, False]:.2f}; "
          f"4 MB: {beyond[large, True] / beyond[large, False]:.2f}")
    ok = beyond[small, False] <= GOAL_CPU
    print(f"1 MB CPU beyond start-up {beyond[small, False]:.3f} s (goal ≤ {GOAL_CPU} s: {'met' if ok else 'MISSED'})")
    if opts.compare:
        ok = compare(paths, env, scratch) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
