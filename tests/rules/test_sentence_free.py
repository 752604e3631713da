"""A figure's pairing, and what reads it and no sentence, worked out once for all figures alike
but for their sentence (`base.sentence_free`): a fixed sentence's other figures, a sentence a
draft restates with another figure changed."""

from __future__ import annotations

import random
import re
from functools import cache
from pathlib import Path
from weakref import WeakKeyDictionary

import pytest

from factcheck.api import load_registry
from factcheck.check import align as align_module
from factcheck.check.agreement import list_item, settle
from factcheck.check.align import align
from factcheck.check.checker import check
from factcheck.check.rules import base, memos
from factcheck.registry.claim import FIGURE_KINDS
from factcheck.registry.extract import extract_claims
from factcheck.text.document import Document
from tests.conftest import registry_from
from tests.rules.test_rule_cases import CASES, parse_case, seed_registry

DEV = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "dev" / "drafts"


@cache
def cases() -> list[tuple[object, str]]:
    """(registry, draft) of every rule case, built once for the file's tests (a registry
    checked by one test keeps what it remembered for the next: what they test holds either
    way)."""
    out = []
    for path in CASES:
        source, draft, _, _, later = parse_case(path)
        registry = seed_registry() if source.strip() == "@seed" else registry_from(source, more=later)
        out.append((registry, draft))
    return out


def shaken(draft: str, rng: random.Random) -> str:
    """The draft's lines three times, each time some of their digits changed and now and then
    a word's character: the same sentences with one figure or another changed (as fixed
    sentences and long drafts hold), or one clause's words."""
    lines = [ln for ln in draft.splitlines() if ln.strip()]
    out = []
    for _ in range(3):
        for ln in lines:
            ln = re.sub(r"\d", lambda m: str(rng.randrange(10)) if rng.random() < 0.2
                        else m.group(0), ln)
            hanzi = [i for i, ch in enumerate(ln) if "\u4e00" <= ch <= "\u9fff"]
            if hanzi and rng.random() < 0.3:
                i = rng.choice(hanzi)
                ln = ln[:i] + ln[rng.choice(hanzi)] + ln[i + 1:]
            out.append(ln)
    rng.shuffle(out)
    return "\n".join(out) + "\n"


def test_figures_alike_but_for_their_sentence_are_paired_once(monkeypatch) -> None:
    calls = []
    real = align_module.align
    monkeypatch.setattr(align_module, "align", lambda d, c: calls.append(d) or real(d, c))
    doc = Document("d.txt", "全市累计培育试点企业786家，特色产业园区13个。\n"
                            "全市累计培育试点企业786家，特色产业园区15个。\n")
    ctx = base.Context(doc, extract_claims(doc, with_subjects=False), load_registry())
    first, second = ctx.pairs[0], ctx.pairs[2]
    assert first.draft.sentence != second.draft.sentence and first.draft.text == "786家"
    assert first.claim is second.claim and first.claim.text == "768家"
    assert [d.text for d in calls] == ["786家", "13个", "15个"]


def test_a_later_check_of_the_registry_pairs_such_figures_no_more(monkeypatch) -> None:
    registry = load_registry()
    check(Document("d.txt", "全市累计培育试点企业786家，特色产业园区13个。\n"), registry)
    calls = []
    real = align_module.align
    monkeypatch.setattr(align_module, "align", lambda d, c: calls.append(d) or real(d, c))
    found = check(Document("fix.txt", "全市累计培育试点企业786家，特色产业园区15个。\n"), registry)
    assert [d.text for d in calls] == ["15个"]
    assert [f.text for f in found if f.rule == "figure-mismatch"] == ["786家", "15个"]


def test_a_pairing_that_reads_no_list_item_is_the_same_whatever_the_sentence() -> None:
    read_any = 0
    for registry, draft in cases():
        doc = Document("d.txt", draft)
        index = registry.index()
        for d in extract_claims(doc, with_subjects=False):
            if d.kind not in FIGURE_KINDS:
                continue
            read = []
            pair = settle(registry, align(d, index), lambda c: read.append(c) or list_item(c))
            read_any += bool(read)
            if read:
                continue
            for other in ("", "其他" + d.sentence[::-1], d.before + d.text):
                again = settle(registry, align(d.with_(sentence=other), index))
                assert (again.claim, again.referent, again.similarity, list(again.rivals),
                        list(again.supporters)) == (pair.claim, pair.referent, pair.similarity,
                                                    list(pair.rivals), list(pair.supporters))
    assert read_any  # the list-item cases read it


def _same_findings(registry, draft: str, monkeypatch, first: str = "") -> None:
    """The draft's findings, after a check of `first` against the same registry, are those
    of each sentence's figures worked out anew."""
    check(Document("first.txt", first), registry)
    doc = Document("d.txt", draft)
    shared = check(doc, registry)
    with monkeypatch.context() as m:
        m.setattr(base, "sentence_free", base.placeless)  # each sentence's figures its own
        m.setattr(memos, "FREE", WeakKeyDictionary())
        alone = check(doc, registry)
    assert shared == alone


@pytest.mark.parametrize("seed", range(3))
def test_findings_are_those_of_each_sentence_worked_out_alone(seed: int, monkeypatch) -> None:
    rng = random.Random(seed)
    for registry, draft in cases():
        _same_findings(registry, shaken(draft, rng), monkeypatch, shaken(draft, rng))


@pytest.mark.skipif(not DEV.is_dir(), reason="needs ../shared/eval/dev")
def test_dev_drafts_shaken_find_the_same(monkeypatch) -> None:
    rng = random.Random(7)
    registry = load_registry()
    for path in sorted(DEV.iterdir()):
        text = path.read_bytes().decode("utf-8", "replace")
        _same_findings(registry, shaken(text, rng), monkeypatch, text)
