"""Shortcuts of a big draft's check give what the plain computation gives: each check's own
memos, one candidate decided without grouping, no near rows asked of an index in memory,
clause ends found by one scan, the name slots' starts and ends looked at only where a word
is shared, value keys remembered."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from factcheck.api import load_registry
from factcheck.check import align as align_mod
from factcheck.check.align import _decide_groups, _decide_one, _entries, align
from factcheck.check.rules import base, figures, memos
from factcheck.check.rules.base import Context
from factcheck.check.rules.substitutions import _REACH, _ends_after, _occurrences, _prefix, \
    _slots, _starts_before, _suffix
from factcheck.check.checker import check
from factcheck.registry.extract import extract_claims
from factcheck.registry.index import _finite_key, value_key
from factcheck.text.document import Document
from factcheck.text.sentences import CLAUSE_DELIMS, _clause_ends
from tests.conftest import draft_files

#: Sentences of the seed article restated, some figures changed, some twice.
DRAFT = ("全市累计培育试点企业786家，特色产业园区13个。\n\n"
         "设立校外教学点10个，培训点25个，累计资助1805名职工圆了大学梦。\n\n"
         "全市累计培育试点企业786家，特色产业园区13个。\n\n"
         "职工技能培训惠及职工15万人次，为500多家企业提供了720多场次的送教上门讲座。\n")


def findings_of(text: str) -> list:
    return check(Document("draft.txt", text), load_registry())


def test_a_check_works_a_figure_out_once_however_small_the_registrys_memos(monkeypatch) -> None:
    expected = findings_of(DRAFT)
    calls: list[int] = []
    differs = figures._differs
    monkeypatch.setattr(figures, "_differs", lambda pair: calls.append(1) or differs(pair))
    monkeypatch.setattr(memos, "MAX_REMEMBERED", 2)  # the registry's memos start again and again
    memos.REMEMBERED.clear()
    doc = Document("draft.txt", DRAFT)
    ctx = Context(doc, extract_claims(doc, with_subjects=False), load_registry())
    found = list(figures.check(ctx))
    distinct = len({base.placeless(d) for d in ctx.figures})
    assert len(ctx.figures) > distinct > 2
    assert len(calls) == distinct
    assert findings_of(DRAFT) == expected
    ours = {f for f in expected if f.rule == figures.ID}
    assert ours and ours <= set(found)


def test_the_checks_own_memo_answers_before_the_registrys() -> None:
    doc = Document("draft.txt", DRAFT)
    ctx = Context(doc, extract_claims(doc, with_subjects=False), load_registry())
    first = ctx.figures[0]
    assert ctx.once("test", first, lambda: "worked out") == "worked out"
    ctx.remembered("test").clear()  # the registry's memo started again
    assert ctx.once("test", first, lambda: "again") == "worked out"


@pytest.mark.parametrize("path", draft_files()[:6], ids=lambda p: p.name)
def test_one_candidate_is_decided_as_a_group_of_one(path) -> None:
    index = load_registry().index()
    doc = Document(path.name, path.read_text("utf-8"))
    seen = 0
    for d in extract_claims(doc, with_subjects=False):
        rows = index.candidate_rows(d)
        entries = _entries(d, rows, index.shapes, index.values, index.get, index.figure)
        for entry in entries:
            assert _decide_one(d, entry) == _decide_groups(d, [entry])
            seen += 1
    assert seen > 5


def test_an_index_in_memory_is_not_asked_for_near_rows(monkeypatch) -> None:
    index = load_registry().index()
    assert index.near_rows is None
    doc = Document("draft.txt", DRAFT)
    claims = [c for c in extract_claims(doc, with_subjects=False) if c.kind == "number"]
    before = [align(d, index) for d in claims]

    def no_reach(d):
        raise AssertionError("reach read for an index that cannot use it")

    monkeypatch.setattr(align_mod, "reach", no_reach)
    after = [align(d, index) for d in claims]
    assert [(p.claim, p.referent, p.similarity) for p in after] == \
        [(p.claim, p.referent, p.similarity) for p in before]


def char_loop_ends(text: str) -> tuple[int, ...]:
    """The clause ends as the character loop found them."""
    depth, depths = 0, []
    for ch in text:
        if ch in "“‘「『":
            depth += 1
        depths.append(depth)
        if ch in "”’」』" and depth:
            depth -= 1
    return tuple(i for i, ch in enumerate(text) if ch in CLAUSE_DELIMS and depths[i] == 0)


def test_clause_ends_are_the_character_loops() -> None:
    rng = random.Random(18)
    alphabet = "“‘「『”’」』，,、；;。！？!?中文ab"
    for _ in range(3000):
        text = "“" + "".join(rng.choice(alphabet) for _ in range(rng.randrange(40)))
        assert _clause_ends(text) == char_loop_ends(text), text


def plain_slots(draft: str, grams: str, left: str, right: str) -> list[tuple[int, int, int]]:
    """`_slots` as it was: every start and end within reach compared."""
    found: dict[tuple[int, int], int] = {}
    if len(right) >= 4 and right[:4] in grams:
        for y in _occurrences(draft, right[:4]):
            b = _prefix(draft[y:y + _REACH + 1], right)
            best = max(((_suffix(draft[max(0, x - _REACH - 1):x], left), x)
                        for x in _starts_before(draft, y)), default=(0, 0))
            if best[0]:
                found[best[1], y] = max(found.get((best[1], y), 0), best[0] + b)
    if len(left) >= 4 and left[-4:] in grams:
        for x in (i + 4 for i in _occurrences(draft, left[-4:])):
            a = _suffix(draft[max(0, x - _REACH - 1):x], left)
            best = max(((_prefix(draft[y:y + _REACH + 1], right), -y)
                        for y in _ends_after(draft, x)), default=(0, 0))
            if best[0]:
                found[x, -best[1]] = max(found.get((x, -best[1]), 0), a + best[0])
    return sorted((x, y, s) for (x, y), s in found.items())


def test_name_slots_are_the_plain_searchs() -> None:
    rng = random.Random(6)
    words = ["常州市", "总工会", "工匠学院", "|", "。", "建立", "和", "市总", "工会"]
    for _ in range(400):
        draft = "".join(rng.choice(words) for _ in range(rng.randrange(5, 40)))
        for left, right in [("常州市总工会", "建立工匠学院"), ("", "工匠学院建立"),
                            ("建立常州市", ""), ("和市总工会", "工会建立和")]:
            assert sorted(_slots(draft, draft, left, right)) == \
                plain_slots(draft, draft, left, right)


def test_value_keys_remembered_are_those_read_from_the_digits() -> None:
    rng = random.Random(4)
    spellings = []
    for _ in range(3000):
        n = Decimal(rng.randrange(-10**6, 10**6)).scaleb(rng.randrange(-8, 8))
        spellings += [n, n.normalize(), Decimal(str(n)) * 1, n.quantize(Decimal(1)) if
                      abs(n) < 10**12 else n]
    rng.shuffle(spellings)
    read = _finite_key.__wrapped__  # the key read from the digits, nothing remembered
    for value in spellings:  # equal values in another spelling come after one another
        assert value_key(value) == read(value)
    for a, b in zip(spellings, spellings[1:]):  # equal keys exactly for equal values
        assert (value_key(a) == value_key(b)) == (a == b)
    assert value_key(Decimal("1E+1")) == value_key(Decimal("10")) == value_key(10)
    assert value_key(0.5) == ("f", "0.5") != value_key(Decimal("0.5"))


@pytest.mark.parametrize("path", draft_files()[:4], ids=lambda p: p.name)
def test_anchored_rows_remembered_are_the_plain_ones_and_stay_so(path) -> None:
    from factcheck.registry.index import _draft_anchors

    index = load_registry().index()
    doc = Document(path.name, path.read_text("utf-8"))
    for d in extract_claims(doc, with_subjects=False):
        plain: dict[int, None] = {}
        for anchor in _draft_anchors(d):
            plain.update(dict.fromkeys(index.by_anchor.get((d.kind, anchor), ())))
        first = index.anchored_rows(d)
        assert first == plain and list(first) == list(plain)
        index.candidate_rows(d, first)  # a caller adds to the dict it is given
        first[-1] = None
        assert index.anchored_rows(d) == plain
