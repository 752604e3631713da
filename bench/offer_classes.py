#!/usr/bin/env python
"""What the offered fixes' recheck (check/fix.offered) reads, by the kind of sentence it fixes.

    python bench/offer_classes.py DRAFT [--alone]

Checks DRAFT against the built-in registry in-process, then counts each fixable finding by
its rule, whether its sentence (`fix._sentence`) holds one claim or more, and whether it
holds another finding of the draft's check: fixes, distinct fixed sentences and their
characters (what the recheck would be spared if a class were never rechecked). `--alone`
also checks each distinct fixed sentence as a document of its own and counts those whose
finding keys differ from what the one recheck document gives them (its paragraphs are
read together: a quote left open, a person named anywhere in it). Prints CPU times."""

from __future__ import annotations

import argparse
import time
from bisect import bisect_left
from collections import Counter
from pathlib import Path

from factcheck.api import check_document, load_registry
from factcheck.check import fix
from factcheck.registry.extract import extract_claims
from factcheck.text.document import Document
from factcheck.text.read import read_path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("draft", type=Path)
    ap.add_argument("--alone", action="store_true")
    args = ap.parse_args()
    reg, doc = load_registry(), read_path(args.draft)
    t = time.process_time()
    found = check_document(doc, reg)
    print(f"check: {time.process_time() - t:.2f} s CPU, {len(found)} findings")
    starts = sorted(c.start for c in extract_claims(doc, with_subjects=False))
    places = sorted(doc.offset(f.line, f.column) for f in found)
    script = fix._traditional(doc)
    fixes, paras = Counter(), {}
    for a, b, f in fix._spans(doc, found):
        if f.end_line != f.line:
            continue
        at, line = doc.line_starts[f.line - 1], doc.line_text(f.line)
        s0, s1 = fix._sentence(line, a - at, b - at)
        claims = bisect_left(starts, s1 + at) - bisect_left(starts, s0 + at)
        others = bisect_left(places, s1 + at) - bisect_left(places, s0 + at) - 1
        key = (f.rule, "one claim" if claims == 1 else "more claims",
               "no other finding" if others == 0 else "other findings")
        fixes[key] += 1
        new = fix.styled(f.fix or "", doc.text[a:b], script)
        paras.setdefault(key, set()).add(line[s0:a - at] + new + line[b - at:s1])
    print("| rule | claims | its sentence | fixes | fixed sentences | characters |")
    print("|---|---|---|---|---|---|")
    for key in sorted(fixes):
        print(f"| {' | '.join(key)} | {fixes[key]} | {len(paras[key])} "
              f"| {sum(map(len, paras[key])):,} |")
    if args.alone:
        texts = list(dict.fromkeys(p for ps in paras.values() for p in ps))
        joint = fix._line_keys(check_document(Document(doc.path, "\n\n".join(texts)), reg))
        differ = sum(fix._line_keys(check_document(Document(doc.path, p), reg)).get(1, set())
                     != joint.get(2 * n - 1, set()) for n, p in enumerate(texts, 1))
        print(f"fixed sentences read differently alone than in one document: {differ} "
              f"of {len(texts)}")


if __name__ == "__main__":
    main()
