#!/usr/bin/env python
"""How fast `factcheck check` is for pre-commit and a newsroom archive: one table, one run.

    python bench/run.py [--quick] [--keep DIR] [--seed N] [--sources N] [--only PARTS]

Measures, with the interpreter running this script (the dev venv's python) and its
`factcheck` script, in a scratch folder (no config file). Every figure is the CPU time of
the child process (user + system, from wait4) beside its wall time, and its peak RSS: the
machine may be shared, and wall time then measures the neighbours.

* start-up: `factcheck check` of a one-paragraph draft (built-in registry) against
  `python -c "import typer, rich"`, median of 10 runs each, interleaved;
* drafts: the dev drafts repeated to 1 MB (CPU beyond a one-line check: the least of 3 runs
  beyond the least of 10 one-line runs); one line of 2,000 wrong figures with a JSON report
  (each fix offered is rechecked around it); 1, 4 and 10 MB drafts built from the seed
  article's sentences and the dev drafts' lines with perturbed figures (seeded), CPU beyond
  start-up (1 MB: the least of 3 runs); for 1 and 10 MB also the plain-text report (which
  offers no fixes): CPU, wall and peak RSS of each against the input's size, and for 1 MB
  the JSON / text ratio;
* sources: the same paragraph against N registered sources (`--sources`, default 1,000;
  the seed article with its digit runs rewritten and its people renamed, extracted as
  `factcheck extract` would; copied from an archive of another size in the scratch folder
  when there is one): the first run (which builds the registry index), indexed runs, one
  source added whose file sorts last then a check, one more sorting among the others then
  a check, peak RSS and the index's size;
* files: 2,000 small drafts with --jobs 1, the default and --jobs 2, reports compared.

Reports are kept in `<scratch>/reports` (with `--keep DIR`, for comparing two commits byte
for byte). Subprocesses get a bytecode cache (PYTHONPYCACHEPREFIX in the scratch folder,
warmed first), as an installed package has, and a cache folder of their own
(FACTCHECK_CACHE_DIR); the dev shell's PYTHONDONTWRITEBYTECODE would otherwise time the
compiler. `--quick` shrinks every size for a smoke test. Exits 0.
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
#: Registry files younger than this are re-read (factcheck.registry.sqlindex.RACY_SECONDS).
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
    huge: int = 10 * MB
    sources: int = 1000
    files: int = 2000
    source_runs: int = 5
    wrong_figures: int = 2000
    small_runs: int = 3  # the 1 MB drafts: the least CPU time of this many runs


QUICK = Sizes(startup_runs=3, small=100_000, large=400_000, huge=1 * MB, sources=40, files=200,
              source_runs=1, wrong_figures=200, small_runs=1)


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
    env["FACTCHECK_CACHE_DIR"] = str(scratch / "cache")  # registry indexes: a fresh folder
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

def findings_in(report: Path) -> int:
    """The findings of a JSON report, counted in a child process: a child spawned later starts
    as a copy of this process, and its peak RSS (wait4) would count a report parsed here."""
    code = "import json, sys; print(len(json.load(open(sys.argv[1], encoding='utf-8'))['findings']))"
    return int(subprocess.run([PYTHON, "-c", code, str(report)], capture_output=True, text=True,
                              check=True).stdout)


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


def seed_people(registry: Path) -> list[str]:
    """The seed article's people, longest first, in a fixed order (a set's order changes
    with the process's hash seed, and with it the names each variant is given)."""
    from factcheck.registry.files import load_file

    found = {str(c.value) for c in load_file(registry)[1] if c.kind == "person"}
    return sorted(found, key=lambda name: (-len(name), name))


def make_sources(n: int, where: Path, base_seed: int) -> None:
    """n registries in where/claims with their articles in where/articles (2 processes).

    Source i depends only on i and the seed: the sources an archive of another size beside
    this one (same seed) already holds are copied from it rather than built again."""
    import multiprocessing

    seed_text = ARTICLE.read_text("utf-8")
    builtin = sorted((ROOT / "claims").glob("*.json"))[0]
    people = seed_people(builtin)
    (where / "claims").mkdir(parents=True)
    (where / "articles").mkdir()
    have = 0
    for other in sorted(where.parent.glob("archive-*")):
        if other != where and (other / "seed").is_file() \
                and (other / "seed").read_text().strip() == str(base_seed):
            size = min(n, int(other.name.split("-")[1]))
            if size > have:
                have, donor = size, other
    for i in range(have):  # copies, not links: adding a source rewrites files in place
        sid = f"src-{i:04d}"
        shutil.copyfile(donor / "articles" / f"{sid}.txt", where / "articles" / f"{sid}.txt")
        shutil.copyfile(donor / "claims" / f"{sid}.json", where / "claims" / f"{sid}.json")
    jobs = [(seed_text, people, i, base_seed, str(where / "articles")) for i in range(have, n)]
    with multiprocessing.get_context("fork").Pool(2) as pool:
        for i, (text, body) in enumerate(pool.imap(_source_json, jobs, chunksize=8), have):
            sid = f"src-{i:04d}"
            (where / "articles" / f"{sid}.txt").write_text(text, "utf-8")
            (where / "claims" / f"{sid}.json").write_text(body, "utf-8")
    (where / "seed").write_text(f"{base_seed}\n")


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


def median_pairs(a: list[str], b: list[str], env, cwd, n: int) -> tuple[Result, Result]:
    """Median CPU time (and wall time) of two commands, run alternately n times each after one
    warm-up; the CPU time of the process, since the machine may be shared."""
    run(a, env, cwd)
    run(b, env, cwd)
    ra, rb = [], []
    for _ in range(n):
        ra.append(run(a, env, cwd))
        rb.append(run(b, env, cwd))
    return median(ra), median(rb)


def least(results: list[Result]) -> Result:
    """The run that took the least CPU time (what the neighbours' load adds is never less)."""
    return min(results, key=lambda r: r.cpu)


def median(results: list[Result]) -> Result:
    """The median wall and CPU time and the peak RSS of some runs."""
    return Result(statistics.median(r.wall for r in results),
                  statistics.median(r.cpu for r in results),
                  max(r.rss_mb for r in results), results[0].code)


def timed(res: Result) -> str:
    return f"{res.cpu:.2f} s CPU ({res.wall:.2f} s wall)"


def add_source(archive: Path, i: int, seed: int, name: str) -> None:
    """Synthetic source i added to an archive as `name` (as `factcheck extract` writes it)."""
    seed_text = ARTICLE.read_text("utf-8")
    builtin = sorted((ROOT / "claims").glob("*.json"))[0]
    people = seed_people(builtin)
    text, body = _source_json((seed_text, people, i, seed, str(archive / "articles")))
    (archive / "articles" / f"src-{i:04d}.txt").write_text(text, "utf-8")
    (archive / "claims" / f"{name}.json").write_text(body, "utf-8")


def bench(sizes: Sizes, scratch: Path, seed: int, parts: set[str]) -> list[tuple[str, str, str, str]]:
    env = env_for(scratch)
    rows: list[tuple[str, str, str, str]] = []

    def row(metric: str, value: str, goal: str = "", ok: bool | None = None) -> None:
        rows.append((metric, value, goal, "" if ok is None else ("yes" if ok else "**no**")))
        print(f"  {metric}: {value}", file=sys.stderr, flush=True)

    para = scratch / "paragraph.txt"
    para.write_text(PARAGRAPH, "utf-8")
    line = scratch / "line.txt"
    line.write_text(PARAGRAPH.split("，")[0] + "。\n", "utf-8")
    reports = scratch / "reports"
    reports.mkdir(exist_ok=True)

    # Start-up: CPU time of a one-paragraph check against importing typer and rich.
    base, start = median_pairs([PYTHON, "-c", "import typer, rich"],
                               FACTCHECK + ["check", str(para)], env, scratch, sizes.startup_runs)
    row("`python -c \"import typer, rich\"` (median)", timed(base))
    row("`factcheck check` one paragraph, built-in registry (median)", timed(start))
    row("start-up ratio (CPU)", f"{start.cpu / base.cpu:.2f}× (wall {start.wall / base.wall:.2f}×)",
        "≤ 1.6×", start.cpu / base.cpu <= 1.6)

    if "drafts" in parts:
        one = least([check([str(line)], env, scratch) for _ in range(sizes.startup_runs)])
        dev = scratch / "dev-1mb.txt"
        dev.write_text(dev_drafts(sizes.small), "utf-8")
        res = least([check([str(dev), "-f", "json", "-o", str(reports / "dev-1mb.json"), "-q"],
                           env, scratch) for _ in range(sizes.small_runs)])
        row(f"{sizes.small / MB:g} MB of dev drafts, CPU beyond a one-line check",
            f"{res.cpu - one.cpu:.2f} s ({res.wall - one.wall:.2f} s wall, peak {res.rss_mb:.0f} MB)",
            "≤ 1.0 s", res.cpu - one.cpu <= 1.0)
        wrong = scratch / "wrong-line.txt"  # every figure offers a fix: rechecked around it
        wrong.write_text("试点企业786家覆盖" * sizes.wrong_figures + "\n", "utf-8")
        res = check([str(wrong), "-f", "json", "-o", str(reports / "wrong-line.json"), "-q"],
                    env, scratch)
        row(f"one line of {sizes.wrong_figures:,} wrong figures, JSON (fixes offered)",
            f"{res.cpu - start.cpu:.2f} s CPU beyond start-up (peak {res.rss_mb:.0f} MB)")
        pool = sentence_pool()
        rng = random.Random(seed)
        for size in (sizes.small, sizes.large, sizes.huge):
            path = scratch / f"draft-{size // 1000}k.txt"
            path.write_text(make_draft(pool, size, rng), "utf-8")
            out = reports / f"draft-{size // 1000}k.json"
            runs = sizes.small_runs if size == sizes.small else 1
            res = least([check([str(path), "-f", "json", "-o", str(out), "--quiet"], env, scratch)
                         for _ in range(runs)])
            found = findings_in(out)
            times = (f"{res.cpu - start.cpu:.2f} s CPU beyond start-up "
                     f"({res.wall - start.wall:.2f} s wall; {found} findings)")
            if size == sizes.small:
                row(f"{size / MB:g} MB draft", times, "≤ 0.7 s", res.cpu - start.cpu <= 0.7)
            elif size == sizes.large:
                row(f"{size / MB:g} MB draft", times)
            if size == sizes.large:
                ratio = res.rss_mb * 2**20 / size
                row(f"{size / MB:g} MB draft, peak RSS", f"{res.rss_mb:.0f} MB ({ratio:.0f}× the input)")
                continue
            # the plain-text report offers no fixes: what a JSON report costs beyond it
            text = least([check([str(path), "-f", "plain", "-o", str(out.with_suffix(".txt")),
                                 "--quiet"], env, scratch) for _ in range(runs)])
            big = size == sizes.huge
            for what, r in (("JSON", res), ("text", text)):
                ratio = r.rss_mb * 2**20 / size
                row(f"{size / MB:g} MB draft, {what} report: CPU, wall, peak RSS",
                    f"{r.cpu:.2f} s CPU ({r.wall:.2f} s wall), peak {r.rss_mb:.0f} MB "
                    f"({ratio:.0f}× the input)", "≤ 20×" if big else "", ratio <= 20 if big else None)
            if size == sizes.small:
                share = (res.cpu - start.cpu) / (text.cpu - start.cpu)
                row(f"{size / MB:g} MB draft, JSON / text report (CPU beyond start-up)",
                    f"{share:.2f}×", "≤ 1.1×", share <= 1.1)

    if "sources" in parts:
        many_sources(sizes, scratch, env, seed, start, row)

    if "files" in parts:
        pool = sentence_pool()
        rng = random.Random(seed + 1)
        drafts = scratch / "drafts"
        drafts.mkdir(exist_ok=True)
        for i in range(sizes.files):
            (drafts / f"d{i:05d}.txt").write_text(make_draft(pool, 400, rng), "utf-8")
        res = {}
        for jobs in (1, 0, 2):
            out = reports / f"jobs{jobs}.json"
            res[jobs] = check([str(drafts), "-f", "json", "-o", str(out), "--jobs", str(jobs)],
                              env, scratch)
            row(f"{sizes.files} drafts, --jobs {jobs or 'default'}", timed(res[jobs]))
        same = len({(reports / f"jobs{j}.json").read_bytes() for j in (0, 1, 2)}) == 1
        ok = res[0].wall <= res[1].wall * 1.05
        row("default workers / --jobs 1 (wall)", f"{res[0].wall / res[1].wall:.2f}×",
            "never slower (≤ 1.05×: noise)", ok)
        row("reports identical for every --jobs", "yes" if same else "no", "identical", same)
    return rows


def many_sources(sizes: Sizes, scratch: Path, env, seed: int, builtin: Result, row) -> None:
    """N synthetic sources: first run, cached runs, one source added, peak RSS."""
    n = sizes.sources
    archive = scratch / f"archive-{n}"
    if not (archive / "claims").is_dir():
        t0 = time.perf_counter()
        make_sources(n, archive, seed)
        row(f"{n} synthetic sources built (2 processes)", f"{time.perf_counter() - t0:.0f} s wall")
    for extra in (archive / "claims").glob("*.json"):  # added by an earlier run
        if not extra.stem.startswith("src-") or int(extra.stem[4:]) >= n:
            extra.unlink()
    time.sleep(RACY)  # registry files old enough to be trusted by size and time
    out = scratch / "reports" / f"paragraph-{n}.json"
    args = [str(scratch / "paragraph.txt"), "-f", "json", "--quiet", "--claims",
            str(archive / "claims"), "-o", str(out)]
    for stale in (scratch / "cache").glob("index-*"):
        stale.unlink()
    first = check(args, env, scratch)
    first_report = out.read_bytes()
    # The same command against the built-in registry alone, run alternately with the cached
    # one so both see the same minutes: the ratio compares like with like.
    alone = [str(scratch / "paragraph.txt"), "-f", "json", "--quiet", "-o",
             str(scratch / "reports" / "paragraph-builtin.json")]
    timed_pairs = [(check(args, env, scratch), check(alone, env, scratch))
                   for _ in range(sizes.source_runs)]
    cached = median([c for c, _ in timed_pairs])
    same_options = median([b for _, b in timed_pairs])
    same = out.read_bytes() == first_report
    row(f"paragraph vs {n} sources, first run (builds the index)",
        f"{timed(first)}, peak {first.rss_mb:.0f} MB", "≤ 15 s CPU", first.cpu <= 15)
    row(f"paragraph vs {n} sources, indexed (median of {sizes.source_runs})",
        f"{timed(cached)}, peak {cached.rss_mb:.0f} MB")
    ratio = cached.cpu / same_options.cpu
    row(f"{n} sources / built-in registry alone, same command (CPU)",
        f"{ratio:.2f}× ({cached.cpu:.2f} / {same_options.cpu:.2f} s; "
        f"{cached.cpu / builtin.cpu:.2f}× the plain one-paragraph check)", "≤ 2×", ratio <= 2)
    # A source whose file sorts after all the others (as date-named files do): the rows
    # keep their numbers and the index keeps what it remembered.
    add_source(archive, n, seed, f"zz-src-{n}")
    time.sleep(RACY)
    added = check(args, env, scratch)
    again = median([check(args, env, scratch) for _ in range(sizes.source_runs)])
    row(f"one source added to {n} (its file sorting last), then checked", f"{timed(added)}, "
        f"{added.cpu - cached.cpu:.2f} s CPU beyond an indexed check", "≤ 1 s",
        added.cpu - cached.cpu <= 1)
    row(f"paragraph vs {n + 1} sources, indexed", timed(again))
    # One whose file sorts among the others (src-10001 between src-1000 and src-1001): rows
    # after it are renumbered and what the index remembered is computed again.
    add_source(archive, n + 1, seed, f"src-{n + 1:04d}")
    time.sleep(RACY)
    among = check(args, env, scratch)
    row("one more source added (its file sorting among the others), then checked",
        f"{timed(among)}, {among.cpu - again.cpu:.2f} s CPU beyond an indexed check")
    rss = max(first.rss_mb, cached.rss_mb, added.rss_mb, again.rss_mb, among.rss_mb)
    row(f"peak RSS, {n} sources (any run)", f"{rss:.0f} MB", "≤ 500 MB", rss <= 500)
    size = sum(p.stat().st_size for p in (scratch / "cache").glob("index-*"))
    row(f"index size, {n + 2} sources", f"{size / MB:.0f} MB")
    row("reports identical, first and indexed runs", "yes" if same else "no", "identical", same)


def dev_drafts(size: int) -> str:
    """The dev drafts one after another, repeated to `size` UTF-8 bytes."""
    from factcheck.text.read import read_path

    one = "".join(read_path(p).text + "\n" for p in sorted(DEV_DRAFTS.iterdir()))
    return one * (size // len(one.encode("utf-8")) + 1)


def table(rows: list[tuple[str, str, str, str]]) -> str:
    lines = ["| metric | value | goal | ok? |", "|---|---|---|---|"]
    lines += [f"| {m} | {v} | {g} | {o} |" for m, v, g, o in rows]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, a smoke test")
    parser.add_argument("--keep", type=Path, help="build inputs here and keep them")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--sources", type=int, metavar="N",
                        help="synthetic sources to build and check against (default 1000)")
    parser.add_argument("--only", default="drafts,sources,files",
                        help="comma-separated parts: drafts, sources, files (start-up always; "
                             "`--only startup`: start-up alone)")
    opts = parser.parse_args()
    sizes = QUICK if opts.quick else Sizes()
    if opts.sources:
        sizes.sources = opts.sources
    scratch = opts.keep or Path(tempfile.mkdtemp(prefix="factcheck-bench-"))
    scratch.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    host = machine()  # the load average as the run starts
    try:
        rows = bench(sizes, scratch, opts.seed, set(opts.only.split(",")))
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
