"""Context memos: what depends only on a draft figure and the registry, remembered by the
figure's placeless key across checks of one registry."""

from __future__ import annotations

from factcheck.api import load_registry
from factcheck.check.rules import memos
from factcheck.check.rules.base import Context
from factcheck.registry.claim import FIGURE_KINDS
from factcheck.registry.extract import extract_claims
from factcheck.text.document import Document


def context(text: str, registry) -> Context:
    doc = Document("draft.txt", text)
    return Context(doc, extract_claims(doc, with_subjects=False), registry)


def test_a_figure_said_again_elsewhere_is_remembered_and_placed_anew() -> None:
    registry = load_registry()
    ctx = context("全市累计培育试点企业786家。\n\n全市累计培育试点企业786家。\n", registry)
    first, second = ctx.figures
    assert (first.line, second.line) == (1, 3)
    assert ctx.once("test", first, lambda: "worked out") == "worked out"
    assert ctx.once("test", second, lambda: "again") == "worked out"
    assert [p.draft for p in ctx.pairs] == [first, second]
    assert ctx.pairs[0].claim is ctx.pairs[1].claim


def test_a_check_keeps_its_own_numbers_when_a_later_one_starts_new_memos(monkeypatch) -> None:
    monkeypatch.setattr(memos, "MAX_REMEMBERED", 3)
    registry = load_registry()
    early = context("全市累计培育试点企业786家，特色产业园区13个。\n", registry)
    assert early.once("test", early.figures[0], lambda: "early") == "early"
    late = context("设立校外教学点10个，培训点25个，累计资助1805名职工。\n", registry)
    assert all(d.kind in FIGURE_KINDS for d in late.figures) and len(late.figures) == 3
    assert late.once("test", late.figures[0], lambda: "late") == "late"  # new memos
    assert early.once("test", early.figures[0], lambda: "again") == "early"
    assert early.once("test", early.figures[1], lambda: "second") == "second"


def test_claims_replaced_in_a_registry_are_not_read_from_the_memos() -> None:
    registry = load_registry()
    ctx = context("全市累计培育试点企业786家。\n", registry)
    assert ctx.pairs[0].claim is not None
    registry.claims = [c for c in registry.claims if c.text != "768家"]
    again = context("全市累计培育试点企业786家。\n", registry)
    assert again.pairs[0].claim is None or again.pairs[0].claim.text != "768家"
