#!/usr/bin/env python
"""When does `factcheck check --dask local` pay off over `--jobs`? One table, one run.

    python bench/dask_bench.py [--quick] [--keep DIR] [--seed N]

Builds two archives in a scratch folder from the seed article's sentences and the dev
drafts' lines with perturbed figures (seeded, as bench/run.py builds drafts):

* 20,000 small drafts of about 1 KB each;
* 200 drafts of about 100 KB each;

and checks each with `--jobs 1`, `--jobs 2` and `--dask local` (a LocalCluster of one
single-threaded worker process per CPU), `--format json` to a file. For each run it prints
the wall time, the throughput (drafts/s and MB/s), the CPU time of the whole process tree
(the client and every worker), the CPU time and peak RSS of the client process alone, and
whether the report is byte-identical to the `--jobs 1` one. A row for one tiny draft shows
what a LocalCluster costs to start.

Then the scaling on a running cluster, as on real machines: a `dask scheduler` and 1, then 2,
`dask worker` processes (one thread each) started before the clock starts, and the small
archive checked with `--dask tcp://127.0.0.1:PORT`. `--quick` shrinks both archives tenfold.
Exits 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import filecmp
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as base  # noqa: E402  (bench/run.py: the draft builder and the environment)

MODES = {"--jobs 1": ["--jobs", "1"], "--jobs 2": ["--jobs", "2"], "--dask local": ["--dask", "local"]}
#: /proc/PID/stat fields 14 and 15 (utime, stime) count clock ticks.
TICK = os.sysconf("SC_CLK_TCK")


@dataclass
class Measured:
    wall: float
    tree_cpu: float  # the client and every process it started and waited for
    client_cpu: float
    client_rss_mb: float
    code: int


def _watch(pid: int, seen: dict[str, float], stop: threading.Event) -> None:
    """Keep the client's last peak RSS (VmHWM) and CPU time until it exits."""
    while not stop.is_set():
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            break
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                seen["rss"] = max(seen.get("rss", 0.0), int(line.split()[1]) / 1024)
        if fields[0] != "Z":
            seen["cpu"] = (int(fields[11]) + int(fields[12])) / TICK
        stop.wait(0.05)


def measure(args: list[str], env: dict[str, str], cwd: Path, out: Path) -> Measured:
    """One `factcheck check` run: wall, CPU of the tree, the client's own CPU and peak RSS."""
    seen: dict[str, float] = {}
    stop = threading.Event()
    with open(out, "wb") as fh:
        start = time.perf_counter()
        proc = subprocess.Popen(base.FACTCHECK + ["check", *args], stdout=fh,
                                stderr=subprocess.DEVNULL, env=env, cwd=cwd)
        watcher = threading.Thread(target=_watch, args=(proc.pid, seen, stop), daemon=True)
        watcher.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    stop.set()
    watcher.join()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"bench: factcheck check {' '.join(args)} exited {code}")
    return Measured(wall, usage.ru_utime + usage.ru_stime, seen.get("cpu", 0.0),
                    seen.get("rss", 0.0), code)


def build(folder: Path, count: int, size: int, rng: random.Random) -> int:
    """`count` drafts of about `size` bytes in `folder`; their total bytes."""
    pool = base.sentence_pool()
    folder.mkdir(parents=True)
    total = 0
    for i in range(count):
        data = base.make_draft(pool, size, rng).encode("utf-8")
        (folder / f"{i:06d}.md").write_bytes(data)
        total += len(data)
    return total


def _row(name: str, mode: str, m: Measured, count: int, total: int, same: str) -> str:
    return (f"| {name} | {mode} | {m.wall:.1f} s | {count / m.wall:,.0f} | "
            f"{total / 1e6 / m.wall:.2f} | {m.tree_cpu:.1f} s | {m.client_cpu:.1f} s | "
            f"{m.client_rss_mb:.0f} MB | {same} |")


def rows_for(name: str, folder: Path, count: int, total: int, env: dict[str, str],
             scratch: Path) -> list[str]:
    """One table row per mode over one archive, then `--dask local` writing JSON Lines
    partitions (compared with the `--jobs 1` report by finding count)."""
    rows = []
    first = None
    for mode, flags in MODES.items():
        out = scratch / f"{name}-{mode.replace(' ', '').replace('-', '')}.json"
        m = measure([str(folder), "--format", "json", "--quiet", *flags], env, scratch, out)
        first = first or out
        same = "yes" if filecmp.cmp(first, out, shallow=False) else "NO"
        rows.append(_row(name, f"`{mode}`", m, count, total, same))
    parts = scratch / f"{name.replace(' ', '')}-parts"
    parts.mkdir()
    m = partitioned(folder, parts, env, scratch)
    lines = sum(len(p.read_bytes().splitlines()) for p in parts.iterdir())
    same = "same count" if lines == len(json.loads(first.read_bytes())["findings"]) else "NO"
    rows.append(_row(name, "`--dask local`, `--format jsonl --output DIR`", m, count, total, same))
    return rows


def partitioned(folder: Path, parts: Path, env: dict[str, str], scratch: Path) -> Measured:
    """`--dask local` writing JSON Lines partitions into `parts`: nothing gathered."""
    return measure([str(folder), "--format", "jsonl", "--output", str(parts), "--quiet",
                    "--dask", "local"], env, scratch, scratch / "parts.out")


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _warm(text: str) -> None:
    """On a worker: import the checker and check one paragraph, as a long-lived worker has."""
    from factcheck.dask import work
    from factcheck.registry.store import load
    from factcheck.text.document import Document

    work.findings(Document("warm.md", text), load(), work.Settings())


def scaling(folder: Path, count: int, tiny: Path, env: dict[str, str],
            scratch: Path) -> list[str]:
    """The small archive on a running scheduler with 1 and with 2 worker processes, each
    worker warmed first (its imports loaded and one paragraph checked)."""
    from distributed import Client

    dask = str(Path(base.PYTHON).with_name("dask"))
    rows = []
    for workers in (1, 2):
        address = f"tcp://127.0.0.1:{_free_port()}"
        procs = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port",
                                   address.rsplit(":", 1)[1], "--no-dashboard"],
                                  stderr=subprocess.DEVNULL, env=env, cwd=scratch)]
        try:
            time.sleep(2)
            procs.append(subprocess.Popen([dask, "worker", address, "--nworkers", str(workers),
                                           "--nthreads", "1", "--no-dashboard"],
                                          stderr=subprocess.DEVNULL, env=env, cwd=scratch))
            with Client(address, timeout=60) as client:
                client.wait_for_workers(workers, timeout=120)
                client.run(_warm, tiny.read_text("utf-8"))
            out = scratch / f"scaling-{workers}.json"
            m = measure([str(folder), "--format", "json", "--quiet", "--dask", address],
                        env, scratch, out)
            rows.append(f"| {workers} | {m.wall:.1f} s | {count / m.wall:,.0f} | "
                        f"{m.client_cpu:.1f} s | {m.client_rss_mb:.0f} MB |")
        finally:
            for proc in reversed(procs):
                proc.terminate()
                proc.wait()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="archives a tenth the size")
    parser.add_argument("--keep", type=Path, help="build in (and keep) this folder")
    parser.add_argument("--seed", type=int, default=20)
    opts = parser.parse_args()
    scale = 10 if opts.quick else 1
    scratch = opts.keep or Path(tempfile.mkdtemp(prefix="factcheck-dask-bench-"))
    scratch.mkdir(parents=True, exist_ok=True)
    env = base.env_for(scratch)
    rng = random.Random(opts.seed)
    archives = [("small", 20_000 // scale, 1_000), ("100 KB", 200 // scale, 100_000)]
    built = {name: (scratch / name.replace(" ", ""), count) for name, count, _ in archives}
    totals = {name: build(built[name][0], count, size, rng) for name, count, size in archives}
    tiny = scratch / "one.md"
    tiny.write_text(base.PARAGRAPH, "utf-8")
    base.check([str(tiny), "--quiet"], env, scratch)  # warm the bytecode and registry caches
    try:
        print(f"factcheck dask benchmark, {dt.date.today()}, {platform.processor() or platform.machine()}, "
              f"{os.cpu_count()} CPUs, Python {platform.python_version()}\n")
        print("| archive | mode | wall | drafts/s | MB/s | CPU, all processes | CPU, client "
              "| peak RSS, client | report = `--jobs 1` |")
        print("|---|---|---|---|---|---|---|---|---|")
        for name, _, _ in archives:
            folder, count = built[name]
            for row in rows_for(name, folder, count, totals[name], env, scratch):
                print(row, flush=True)
        for mode, flags in MODES.items():
            m = measure([str(tiny), "--quiet", *flags], env, scratch, scratch / "one.out")
            print(f"| one paragraph | `{mode}` | {m.wall:.2f} s |  |  | {m.tree_cpu:.1f} s | "
                  f"{m.client_cpu:.1f} s | {m.client_rss_mb:.0f} MB |  |", flush=True)
        print(f"\nsmall: {built['small'][1]:,} drafts, {totals['small'] / 1e6:.1f} MB; "
              f"100 KB: {built['100 KB'][1]} drafts, {totals['100 KB'] / 1e6:.1f} MB\n")
        print("| workers (running cluster) | wall, small archive | drafts/s | CPU, client "
              "| peak RSS, client |")
        print("|---|---|---|---|---|")
        for row in scaling(*built["small"], tiny, env, scratch):
            print(row, flush=True)
    finally:
        if not opts.keep:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
