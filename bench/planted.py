"""Plant one error in copies of an article's sentences and count how many the checker reports.

    python bench/planted.py ARTICLE.txt [ARTICLE.txt ...] [--show 20]

Each article is extracted into a registry in memory; then, for every figure a sentence of it
states once, each kind of error below that applies is written into a copy of that sentence,
and the copy is checked against the article's registry. A plant is *reported* when an error
finding overlaps the changed figure, *warned* when only a warning or info does, *missed*
otherwise. Prints the share of each per kind and, with --show, some of the plants not reported.

  digit      the last digit of the figure changed (768家 -> 761家)
  swap       its first two digits transposed when they differ (768家 -> 678家)
  magnitude  its decimal point moved right, or a zero added before 万/亿 (44.8万 -> 448万)
  qualifier  余/多 turned into 近, 近 into 超过, 超过 into 近 (40余万 -> 近40万)
  direction  增长/上升/提高/增加 turned into their opposite right before a change (and back)

A sentence stating a figure twice is left out (the plant could stand for either). The
figures are plain text edits of the source's own sentences, so this measures how the checker
reads the article's figures and their referents, not how it pairs reworded sentences.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from factcheck import api

NUMERIC = ("number", "percent", "money", "date", "ordinal")
OPPOSITES = (("增长", "下降"), ("上升", "下降"), ("提高", "降低"), ("增加", "减少"),
             ("下降", "增长"), ("减少", "增加"), ("降低", "提高"))


def digit(text: str) -> str | None:
    places = [i for i, ch in enumerate(text) if ch.isdigit()]
    if not places:
        return None
    i = places[-1]
    return text[:i] + str((int(text[i]) + 3) % 10) + text[i + 1:]


def swap(text: str) -> str | None:
    m = re.search(r"\d\d", text)
    if not m or m.group(0)[0] == m.group(0)[1]:
        return None
    return text[:m.start()] + m.group(0)[::-1] + text[m.end():]


def magnitude(text: str) -> str | None:
    m = re.search(r"(\d+)\.(\d)(\d*)", text)
    if m:
        return text[:m.start()] + m.group(1) + m.group(2) + ("." + m.group(3) if m.group(3) else "") \
            + text[m.end():]
    m = re.search(r"\d+(?=[万亿])", text)
    return text[:m.end()] + "0" + text[m.end():] if m else None


def qualifier(text: str) -> str | None:
    m = re.match(r"(\d[\d.]*)([余多])(.*)", text)
    if m:
        return "近" + m.group(1) + m.group(3)
    if text.startswith("近"):
        return "超过" + text[1:]
    if text.startswith("超过"):
        return "近" + text[2:]
    return None


KINDS = {"digit": digit, "swap": swap, "magnitude": magnitude, "qualifier": qualifier}


def plants(sentence: str, at: int, text: str, kind: str) -> list[tuple[str, str, int, int]]:
    """(kind, planted sentence, start, end of the changed figure) for one source figure."""
    out = []
    for name, change in KINDS.items():
        new = change(text)
        if new and new != text:
            out.append((name, sentence[:at] + new + sentence[at + len(text):], at, at + len(new)))
    if kind in ("percent", "number", "money"):
        for word, opposite in OPPOSITES:
            j = sentence.rfind(word, 0, at)
            if j >= 0 and at - (j + len(word)) <= 2 and sentence[j + len(word)] != "值":  # 增加值
                shift = len(opposite) - len(word)
                out.append(("direction", sentence[:j] + opposite + sentence[j + len(word):],
                            at + shift, at + shift + len(text)))
                break
    return out


def outcome(found: list, start: int, end: int) -> str:
    hit = [f for f in found if f.line == 1 and f.column - 1 < end and start < f.end_column - 1]
    if any(f.severity.label == "error" for f in hit):
        return "reported"
    return "warned" if hit else "missed"


def run(paths: list[Path]) -> tuple[dict[str, Counter], list[tuple]]:
    counts: dict[str, Counter] = defaultdict(Counter)
    missed = []
    for path in paths:
        registry = api.extract_article(path.read_text("utf-8"), path.stem)
        done = set()
        for c in registry.claims:
            s = c.sentence
            if c.kind not in NUMERIC or not s or s.count(c.text) != 1:
                continue
            for kind, draft, start, end in plants(s, s.index(c.text), c.text, c.kind):
                if (kind, draft) in done:
                    continue
                done.add((kind, draft))
                result = outcome(api.check_text(draft, registry), start, end)
                counts[kind][result] += 1
                if result != "reported":
                    missed.append((path.stem, kind, result, c.text, draft[max(0, start - 12):end + 12]))
    return counts, missed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("articles", nargs="+", type=Path)
    ap.add_argument("--show", type=int, default=0, help="list this many plants not reported")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    counts, missed = run(a.articles)
    print(f"{len(a.articles)} article(s)")
    print("| kind | plants | reported | warned | missed |\n|---|---|---|---|---|")
    for kind in list(KINDS) + ["direction"]:
        c = counts[kind]
        n = sum(c.values())
        if n:
            print(f"| {kind} | {n} | {c['reported'] / n:.0%} | {c['warned'] / n:.0%} | {c['missed'] / n:.0%} |")
    random.Random(a.seed).shuffle(missed)
    for row in missed[:a.show]:
        print(*row, sep="  ")
    return 0


if __name__ == "__main__":
    sys.exit(main())
