#!/usr/bin/env python
"""How long a reporter waits: from a `didChange` of a 300-line draft to its `publishDiagnostics`.

    python bench/lsp_latency.py [--lines 300] [--edits 40] [--seed N]

Starts `factcheck lsp` over stdio with the interpreter running this script, opens a Markdown
draft of `--lines` lines built from the seed article's sentences (a quarter with a figure
changed, seeded), waits for its first diagnostics, then makes `--edits` one-character edits,
each to a figure on a random line, waiting for each edit's diagnostics before the next (as
a reporter pausing after a word). Prints the wall-clock median, 90th percentile and
extremes with the machine and date; the goal is a median of 100 ms or less, debounce
included. Exits 0, or 1 when the median misses the goal.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "claims" / "articles" / "workercn-2023-04-03.txt"
GOAL_MS = 100.0
_DIGIT = re.compile(r"\d")


def draft(lines: int, rng: random.Random) -> list[str]:
    """Markdown lines of one or two of the article's sentences, a quarter with a digit changed."""
    text = ARTICLE.read_text("utf-8")
    sentences = [s for s in re.split(r"(?<=[。！？])", text.replace("\n", "")) if len(s) > 8]
    out: list[str] = []
    while len(out) < lines:
        if len(out) % 25 == 0:
            out.append(f"## 第{len(out) // 25 + 1}部分")
            continue
        line = "".join(rng.sample(sentences, rng.choice((1, 2))))
        digits = [m.start() for m in _DIGIT.finditer(line)]
        if digits and rng.random() < 0.25:
            i = rng.choice(digits)
            line = line[:i] + str((int(line[i]) + rng.randint(1, 8)) % 10) + line[i + 1:]
        out.append(line)
    return out


def machine() -> str:
    """CPU model, cores this process may use, Python, OS and load."""
    model = platform.processor() or platform.machine()
    try:
        for row in Path("/proc/cpuinfo").read_text().splitlines():
            if row.startswith("model name"):
                model = row.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = " ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return (f"{model}, {cores} cores, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}, load average {load}")


def commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, text=True,
                              capture_output=True).stdout.strip() or "?"
    except OSError:
        return "?"


async def measure(lines: list[str], edits: int, rng: random.Random) -> tuple[list[float], int]:
    """Milliseconds from each didChange to its diagnostics, and the findings of the first check."""
    client = LanguageClient("bench", "1")
    arrived: dict[int, float] = {}
    counts: dict[int, int] = {}
    event = asyncio.Event()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        arrived[params.version or 0] = time.perf_counter()
        counts[params.version or 0] = len(params.diagnostics)
        event.set()

    async def wait(version: int) -> float:
        while version not in arrived:
            event.clear()
            await asyncio.wait_for(event.wait(), 60)
        return arrived[version]

    await client.start_io(sys.executable, "-m", "factcheck", "lsp", cwd=str(ROOT / "bench"))
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities()))
    client.initialized(types.InitializedParams())
    uri = (ROOT / "bench" / "draft.md").as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri, language_id="markdown", version=1, text="\n".join(lines) + "\n")))
    await wait(1)
    times: list[float] = []
    for version in range(2, edits + 2):
        line = rng.choice([i for i, ln in enumerate(lines) if _DIGIT.search(ln)])
        col = rng.choice([m.start() for m in _DIGIT.finditer(lines[line])])
        new = str((int(lines[line][col]) + 1) % 10)
        lines[line] = lines[line][:col] + new + lines[line][col + 1:]
        units = len(lines[line][:col].encode("utf-16-le")) // 2
        rng_ = types.Range(start=types.Position(line=line, character=units),
                           end=types.Position(line=line, character=units + 1))
        sent = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangePartial(range=rng_, text=new)]))
        times.append((await wait(version) - sent) * 1000)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return times, counts[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lines", type=int, default=300)
    parser.add_argument("--edits", type=int, default=40)
    parser.add_argument("--seed", type=int, default=19)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    lines = draft(args.lines, rng)
    times, found = asyncio.run(measure(lines, args.edits, rng))
    median = statistics.median(times)
    p90 = statistics.quantiles(times, n=10)[-1] if len(times) > 1 else times[0]
    print(f"factcheck lsp latency, {dt.date.today().isoformat()}, at commit `{commit()}`\n")
    print(f"Machine: {machine()}\n")
    print(f"Draft: {len(lines)} lines, {sum(map(len, lines))} characters, {found} findings; "
          f"{len(times)} one-character edits, each waited for\n")
    print("| didChange → publishDiagnostics | value | goal | ok? |\n|---|---|---|---|")
    print(f"| median | {median:.0f} ms | ≤ {GOAL_MS:.0f} ms | {'yes' if median <= GOAL_MS else 'no'} |")
    print(f"| 90th percentile | {p90:.0f} ms |  |  |")
    print(f"| fastest, slowest | {min(times):.0f} ms, {max(times):.0f} ms |  |  |")
    return 0 if median <= GOAL_MS else 1


if __name__ == "__main__":
    sys.exit(main())
