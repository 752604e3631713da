"""Long robustness run: the property tests for 100 000 examples in all, then a 10 MB draft.

    /work/venv/bin/python bench/fuzz.py                       # 100 000 examples + 10 MB draft
    /work/venv/bin/python bench/fuzz.py --examples 5000 --big-mb 0

The properties are those of tests/robustness (test_fuzz.py and the registry fuzz), run by pytest
under the hypothesis profile `bench`, so CI and this script test exactly the same things. Prints
the examples run, the wall time, and the big draft's time and peak memory; exits 1 on a failure.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = ["tests/robustness/test_fuzz.py", "tests/robustness/test_registry_files.py::test_fuzz_registry_fields"]
DRAFTS = ROOT.parent / "shared" / "eval" / "dev" / "drafts"
_PEAK = """
import resource, sys, time
from factcheck.cli import main
start = time.monotonic()
code = main(sys.argv[1:])
print("PEAK", code, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, time.monotonic() - start,
      file=sys.stderr)
"""


def collect() -> list[str]:
    """Test ids of the properties."""
    out = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-o", "addopts=", "-q",
                          "-m", "property", *TESTS],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return [ln for ln in out.splitlines() if "::" in ln]


def fuzz(total: int) -> tuple[int, int, float, str]:
    """(tests, passing examples, seconds, pytest's tail); run until `total` examples in all."""
    tests = collect()
    per = math.ceil(total / len(tests))
    env = {**os.environ, "HYPOTHESIS_PROFILE": "bench", "FUZZ_MAX_EXAMPLES": str(per)}
    start = time.monotonic()
    p = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "0",
                        "--hypothesis-show-statistics", "-m", "property", *TESTS], cwd=ROOT, env=env,
                       capture_output=True, text=True)
    seconds = time.monotonic() - start
    passing = sum(int(n) for n in re.findall(r"- (\d+) passing", p.stdout))
    if p.returncode:
        print(p.stdout[-6000:], p.stderr[-2000:], sep="\n")
    return len(tests), passing, seconds, "" if p.returncode == 0 else "FAILED"


def big_draft(megabytes: float) -> None:
    """Check a draft of `megabytes` MB made of the dev drafts; print time and peak memory."""
    parts = [p.read_text("utf-8") for p in sorted(DRAFTS.glob("*.md"))]
    unit = "\n\n".join(parts)
    with tempfile.TemporaryDirectory() as tmp:
        draft = Path(tmp) / "big.md"
        draft.write_text(unit * max(1, int(megabytes * 2**20 / len(unit.encode()))), "utf-8")
        p = subprocess.run([sys.executable, "-c", _PEAK, "check", str(draft), "-f", "json",
                            "-o", str(Path(tmp) / "report.json")], capture_output=True, text=True)
        line = next((ln for ln in p.stderr.splitlines() if ln.startswith("PEAK")), None)
        if line is None:
            print(f"big draft: failed\n{p.stderr[-3000:]}")
            return
        _, code, rss, seconds = line.split()
        print(f"big draft: {draft.stat().st_size / 2**20:.1f} MB checked in {float(seconds):.1f} s, "
              f"exit {code}, peak RSS {int(rss) / 1024:.0f} MB")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--examples", type=int, default=100_000, help="examples in all (default 100000)")
    ap.add_argument("--big-mb", type=float, default=10.0, help="size of the big draft; 0 skips it")
    args = ap.parse_args()
    failed = False
    if args.examples:
        tests, passing, seconds, status = fuzz(args.examples)
        failed = bool(status)
        print(f"fuzz: {passing} passing examples (target {args.examples}) over {tests} properties "
              f"in {seconds:.0f} s {status}")
    if args.big_mb:
        big_draft(args.big_mb)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
