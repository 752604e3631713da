#!/usr/bin/env python
"""How fast `factcheck check` is for pre-commit and a newsroom archive: one table, one run.

    python bench/run.py [--quick] [--keep DIR] [--seed N]

Measures, with the interpreter running this script (the dev venv's python) and its
`factcheck` script, in a scratch folder (no config file):

* start-up: `factcheck check` of a one-paragraph draft (built-in registry) against
  `python -c "import typer, rich"`, median of 10 runs each, interleaved;
* throughput: 1 MB and 4 MB drafts built from the seed article's sentences and the dev
  drafts' lines with perturbed figures (seeded), time beyond start-up;
* many sources: the same paragraph against 1,000 registered sources (the seed article with
  its digit runs rewritten and its people renamed, extracted as `factcheck extract` would)
  and against one: the first run (which compiles the registry cache), then cached runs, cached
  runs naming every disagreeing source (--max-related 0), and cached runs whose source
  conflicts are not yet remembered (a new draft), with peak RSS;
* many files: 2,000 small drafts with --jobs 1 and --jobs 2, reports compared byte for byte.

Subprocesses get a bytecode cache (PYTHONPYCACHEPREFIX in the scratch folder, warmed
first), as an installed package has, and a registry cache folder of their own
(FACTCHECK_CACHE_DIR); the dev shell's PYTHONDONTWRITEBYTECODE would
otherwise time the compiler. `--quick` shrinks every size for a smoke test. Exits 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ARTICLE = ROOT / "claims" / "articles" / "workercn-2023-04-03.txt"
DEV_DRAFTS = SHARED / "eval" / "dev" / "drafts"
PYTHON = sys.executable
FACTCHECK = [str(Path(PYTHON).with_name("factcheck"))] \
    if Path(PYTHON).with_name("factcheck").exists() else [PYTHON, "-m", "factcheck"]
MB = 1_000_000
#: Registry files younger than this are not cached (factcheck.registry.cache.RACY_SECONDS).
RACY = 2.1
#: A one-paragraph draft: the seed article's paragraph on training, one figure changed.
PARAGRAPH = ("常州市总工会坚持打造没有围墙的工会大学校，建立常州工匠学院和高技能人才公共实训基地，"
             "设立校外教学点10个，培训点25个，累计资助1805名职工圆了大学梦，"
             "职工技能培训惠及职工15万人次，为500多家企业提供了720多场次的送教上门讲座。\n")


@dataclass
class Sizes:
    startup_runs: int = 10
    small: int = 1 * MB
    large: int = 4 * MB
    sources: int = 1000
    files: int = 2000
    source_runs: int = 7


QUICK = Sizes(startup_runs=3, small=100_000, large=400_000, sources=40, files=200, source_runs=1)


# --- running ---------------------------------------------------------------------------------

@dataclass
class Result:
    wall: float
    cpu: float
    rss_mb: float
    code: int


def env_for(scratch: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(scratch / "pycache")
    env["FACTCHECK_CACHE_DIR"] = str(scratch / "cache")  # compiled registries: a fresh folder
    env.pop("FACTCHECK_NO_CACHE", None)
    env.pop("GITHUB_ACTIONS", None)
    env.pop("NO_COLOR", None)
    return env


def run(cmd: list[str], env: dict[str, str], cwd: Path, out: Path | None = None) -> Result:
    """Wall time, CPU time and peak RSS of one command (stdout to `out` or nowhere)."""
    with open(out or os.devnull, "wb") as fh:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.DEVNULL, env=env, cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Result(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode)


def check(args: list[str], env: dict[str, str], cwd: Path, out: Path | None = None) -> Result:
    res = run(FACTCHECK + ["check", *args], env, cwd, out)
    if res.code not in (0, 1):
        sys.exit(f"bench: factcheck check {' '.join(args)} exited {res.code}")
    return res


# --- inputs ----------------------------------------------------------------------------------

def sentence_pool() -> list[str]:
    """Sentences of the seed article and lines of the dev drafts (decoded as factcheck does)."""
    from factcheck.text.read import read_path

    pool: list[str] = []
    for path in [ARTICLE, *sorted(DEV_DRAFTS.iterdir())]:
        text = read_path(path).text
        for line in text.splitlines():
            line = line.strip().lstrip("#0123456789.、-* ").strip()
            if len(re.findall(r"[\u4e00-\u9fff]", line)) < 8:
                continue
            pool += [s for s in re.split(r"(?<=[。！？])", line) if len(s) >= 8]
    return pool


def perturb(text: str, rng: random.Random, share: float = 0.3) -> str:
    """Some digit runs replaced by others of the same length."""
    def swap(m: re.Match) -> str:
        if rng.random() >= share:
            return m.group(0)
        n = len(m.group(0))
        return str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(n - 1))
    return re.sub(r"[0-9]+", swap, text)


def make_draft(pool: list[str], size: int, rng: random.Random) -> str:
    """Paragraphs of 2-6 pool sentences, figures perturbed, until `size` UTF-8 bytes."""
    parts: list[str] = []
    total = 0
    while total < size:
        para = "".join(perturb(rng.choice(pool), rng) for _ in range(rng.randint(2, 6))) + "\n\n"
        parts.append(para)
        total += len(para.encode("utf-8"))
    return "".join(parts)


# --- synthetic sources -----------------------------------------------------------------------

_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍建国志红"
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"
_DATE_DIGITS = re.compile(r"(?<![-:0-9])[0-9]+(?![0-9年月日:\-])")


def _variant(seed_text: str, people: list[str], i: int, base_seed: int) -> str:
    """The seed article with every figure rewritten and its people renamed (same lengths)."""
    if i == 0:
        return seed_text
    rng = random.Random(base_seed * 100_003 + i)
    text = _DATE_DIGITS.sub(lambda m: perturb(m.group(0), rng, share=1.0), seed_text)
    for name in people:
        new = rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(len(name) - 1))
        text = text.replace(name, new)
    return text


def _source_json(job: tuple[str, list[str], int, int, str]) -> tuple[str, str]:
    """(article text, registry JSON) of one synthetic source, as `factcheck extract` writes it."""
    from factcheck.text.document import Document
    from factcheck.registry.extract import extract_claims
    from factcheck.registry.ingest import _known
    from factcheck.registry.files import dumps, sha256_text
    from factcheck.registry.metadata import detect_metadata
    from factcheck.registry.model import Source

    seed_text, people, i, base_seed, folder = job
    text = _variant(seed_text, people, i, base_seed)
    sid = f"src-{i:04d}"
    doc = Document(f"{folder}/{sid}.txt", text)
    meta = _known(detect_metadata(doc))
    ref_year = int(meta["date"][:4]) if meta.get("date") else None
    claims = extract_claims(doc, sid, ref_year)
    source = Source(id=sid, path=f"../articles/{sid}.txt", sha256=sha256_text(text), **meta)
    return text, dumps(source, claims)


def make_sources(n: int, where: Path, base_seed: int) -> None:
    """n registries in where/claims with their articles in where/articles (2 processes)."""
    import multiprocessing

    from factcheck.registry.files import load_file

    seed_text = ARTICLE.read_text("utf-8")
    builtin = sorted((ROOT / "claims").glob("*.json"))[0]
    people = sorted({str(c.value) for c in load_file(builtin)[1] if c.kind == "person"},
                    key=len, reverse=True)
    (where / "claims").mkdir(parents=True)
    (where / "articles").mkdir()
    jobs = [(seed_text, people, i, base_seed, str(where / "articles")) for i in range(n)]
    with multiprocessing.get_context("fork").Pool(2) as pool:
        for i, (text, body) in enumerate(pool.imap(_source_json, jobs, chunksize=8)):
            sid = f"src-{i:04d}"
            (where / "articles" / f"{sid}.txt").write_text(text, "utf-8")
            (where / "claims" / f"{sid}.json").write_text(body, "utf-8")


# --- the benchmark ---------------------------------------------------------------------------

def machine() -> str:
    cpu = "unknown CPU"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in
                   Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    load = ", load average {:.1f}".format(os.getloadavg()[0]) if hasattr(os, "getloadavg") else ""
    return (f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}{load}")


def median_pairs(a: list[str], b: list[str], env, cwd, n: int) -> tuple[float, float]:
    """Median wall time of two commands, run alternately n times each after one warm-up."""
    run(a, env, cwd)
    run(b, env, cwd)
    ta, tb = [], []
    for _ in range(n):
        ta.append(run(a, env, cwd).wall)
        tb.append(run(b, env, cwd).wall)
    return statistics.median(ta), statistics.median(tb)


def bench(sizes: Sizes, scratch: Path, seed: int) -> list[tuple[str, str, str, str]]:
    env = env_for(scratch)
    rows: list[tuple[str, str, str, str]] = []

    def row(metric: str, value: str, goal: str = "", ok: bool | None = None) -> None:
        rows.append((metric, value, goal, "" if ok is None else ("yes" if ok else "**no**")))
        print(f"  {metric}: {value}", file=sys.stderr, flush=True)

    para = scratch / "paragraph.txt"
    para.write_text(PARAGRAPH, "utf-8")

    # Start-up.
    base, start = median_pairs([PYTHON, "-c", "import typer, rich"],
                               FACTCHECK + ["check", str(para)], env, scratch, sizes.startup_runs)
    row("`python -c \"import typer, rich\"` (median)", f"{base * 1000:.0f} ms")
    row("`factcheck check` one paragraph (median)", f"{start * 1000:.0f} ms")
    row("start-up ratio", f"{start / base:.2f}×", "≤ 3×", start / base <= 3)

    # Throughput.
    pool = sentence_pool()
    rng = random.Random(seed)
    beyond = {}
    for size in (sizes.small, sizes.large):
        path = scratch / f"draft-{size // 1000}k.txt"
        path.write_text(make_draft(pool, size, rng), "utf-8")
        res = check([str(path), "-f", "json", "-o", str(scratch / "big.json"), "--quiet"],
                    env, scratch)
        beyond[size] = res.wall - start
        found = len(json.loads((scratch / "big.json").read_text("utf-8"))["findings"])
        row(f"{size / MB:g} MB draft beyond start-up", f"{beyond[size]:.2f} s "
            f"({found} findings, peak {res.rss_mb:.0f} MB)",
            "≤ 2 s" if size == sizes.small else "", beyond[size] <= 2 if size == sizes.small else None)
    ratio = beyond[sizes.large] / beyond[sizes.small]
    scale = sizes.large / sizes.small
    row(f"{sizes.large / MB:g} MB / {sizes.small / MB:g} MB time", f"{ratio:.2f}",
        f"≈ {scale:g} (linear)", ratio <= scale * 1.15)

    # Many sources.
    archive = scratch / "archive"
    t0 = time.perf_counter()
    make_sources(sizes.sources, archive, seed)
    made = time.perf_counter() - t0
    one = scratch / "one" / "claims"
    one.mkdir(parents=True)
    shutil.copy(archive / "claims" / "src-0000.json", one)
    shutil.copytree(archive / "articles", scratch / "one" / "articles")
    args = [str(para), "-f", "json", "--quiet"]
    time.sleep(RACY)  # registries and articles old enough to be cached
    many_args = args + ["--claims", str(archive / "claims"), "-o", str(scratch / "many.json")]
    cold = check(many_args, env, scratch)  # reads the JSON, hashes the articles, writes the cache
    one_args = args + ["--claims", str(one), "-o", str(scratch / "one.json")]
    single, many = [], []
    for _ in range(sizes.source_runs + 1):  # interleaved, so drift in the machine's load cancels
        single.append(check(one_args, env, scratch))
        many.append(check(many_args, env, scratch))
    single, many = single[1:], many[1:]  # the first of each warms the caches
    every_args = args + ["--claims", str(archive / "claims"), "-o", str(scratch / "every.json"),
                         "--max-related", "0"]  # every disagreeing source named
    every = [check(every_args, env, scratch) for _ in range(sizes.source_runs)]
    fresh = []
    for _ in range(sizes.source_runs):  # a new draft: its source conflicts not yet remembered
        for memo in (scratch / "cache").glob("*.conflicts"):
            memo.unlink()
        fresh.append(check(many_args, env, scratch))
    t_one = statistics.median(r.wall for r in single)
    t_many = statistics.median(r.wall for r in many)
    t_fresh = statistics.median(r.wall for r in fresh)
    t_every = statistics.median(r.wall for r in every)
    report = json.loads((scratch / "many.json").read_text("utf-8"))
    infos = sum(1 for f in report["findings"] if f["rule"] == "source-conflict")
    related = sum(len(f.get("related") or []) for f in report["findings"])
    total = sum(f.get("related_total", 0) for f in report["findings"])
    every_size = (scratch / "every.json").stat().st_size
    row(f"{sizes.sources} synthetic sources built (2 processes)", f"{made:.1f} s")
    row("paragraph vs 1 source", f"{t_one * 1000:.0f} ms")
    row(f"paragraph vs {sizes.sources} sources, first run (builds the cache)",
        f"{cold.wall * 1000:.0f} ms")
    row(f"paragraph vs {sizes.sources} sources, cached", f"{t_many * 1000:.0f} ms "
        f"({infos} source-conflict notes naming {related} of {total} disagreeing claims)")
    row(f"paragraph vs {sizes.sources} sources, cached, all {total} named (--max-related 0)",
        f"{t_every * 1000:.0f} ms ({t_every / t_one:.2f}×, a {every_size / MB:.1f} MB report)")
    row(f"paragraph vs {sizes.sources} sources, cached, its conflicts not yet remembered",
        f"{t_fresh * 1000:.0f} ms")
    row(f"{sizes.sources} / 1 source time (cached)", f"{t_many / t_one:.2f}×", "≤ 2×",
        t_many / t_one <= 2)
    row(f"{sizes.sources} / 1 source time, conflicts not remembered", f"{t_fresh / t_one:.2f}×")
    rss = max(r.rss_mb for r in [cold, *many, *every, *fresh])
    row(f"peak RSS, {sizes.sources} sources (any run)", f"{rss:.0f} MB", "< 500 MB", rss < 500)

    # Many files.
    drafts = scratch / "drafts"
    drafts.mkdir()
    for i in range(sizes.files):
        (drafts / f"d{i:05d}.txt").write_text(make_draft(pool, 400, rng), "utf-8")
    times = {}
    for jobs in (1, 2):
        out = scratch / f"jobs{jobs}.json"
        times[jobs] = check([str(drafts), "-f", "json", "-o", str(out), "--jobs", str(jobs)],
                            env, scratch).wall
    same = (scratch / "jobs1.json").read_bytes() == (scratch / "jobs2.json").read_bytes()
    row(f"{sizes.files} drafts, --jobs 1", f"{times[1]:.2f} s")
    row(f"{sizes.files} drafts, --jobs 2", f"{times[2]:.2f} s ({times[1] / times[2]:.2f}× faster)")
    row("--jobs 2 report identical to --jobs 1", "yes" if same else "no", "identical", same)
    return rows


def table(rows: list[tuple[str, str, str, str]]) -> str:
    lines = ["| metric | value | goal | ok? |", "|---|---|---|---|"]
    lines += [f"| {m} | {v} | {g} | {o} |" for m, v, g, o in rows]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, a smoke test")
    parser.add_argument("--keep", type=Path, help="build inputs here and keep them")
    parser.add_argument("--seed", type=int, default=6)
    opts = parser.parse_args()
    sizes = QUICK if opts.quick else Sizes()
    scratch = opts.keep or Path(tempfile.mkdtemp(prefix="factcheck-bench-"))
    scratch.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    host = machine()  # the load average as the run starts
    try:
        rows = bench(sizes, scratch, opts.seed)
    finally:
        if not opts.keep:
            shutil.rmtree(scratch, ignore_errors=True)
    print(f"factcheck benchmark, {dt.date.today().isoformat()}{' (--quick)' if opts.quick else ''}\n")
    print(f"Machine: {host}\n")
    print(table(rows))
    print(f"Benchmark took {time.perf_counter() - started:.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
