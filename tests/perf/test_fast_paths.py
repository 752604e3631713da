"""Shortcuts taken for many sources give exactly what the plain computation gives: alignment
that skips claims without a referent, sure pairings looked up among anchored claims, value
keys, names out of a draft's reach, homophones ruled out from a reading table."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

import pytest

from factcheck.check.align import Pair, SUPPORT_SIMILARITY, align, comparable
from factcheck.check.similarity import clause_similarity, referent_match
from factcheck.registry.claim import EVENT_KINDS
from factcheck.registry.index import value_key
from factcheck.registry.claim import Claim
from factcheck.check.compare import consistent
from factcheck.check.agreement import agree, counterpart
from factcheck.check.conflicting import back_key, conflicts_of
from factcheck.text.document import Document
from factcheck.text.read import read_path
from factcheck.registry.extract import extract_claims
from factcheck.registry.model import Registry, Source
from factcheck.registry.store import load
from factcheck.check.rules import names
from factcheck.registry.claim import FIGURE_KINDS
from tests.conftest import SEED_ARTICLE, draft_files
from tests.perf.test_sqlindex import APRIL, JUNE, MAY

DRAFTS = draft_files()
ARTICLE = SEED_ARTICLE


def plain_align(d, candidates) -> Pair:
    """`align` as it was: every candidate scored."""
    scored, supporters = [], []
    for c in candidates:
        if not comparable(d, c):
            continue
        ref = referent_match(d, c)
        ok = consistent(d, c)
        sim = clause_similarity(d, c) if ref or ok or d.kind in EVENT_KINDS else 0.0
        scored.append((ref * 10 + sim / 10 + (4 if ok else 0) + (2 if d.unit == c.unit else 0),
                       ref, sim, c))
        if ok:
            supporters.append((ref, sim, c))
    if not scored:
        return Pair(d, None)
    scored.sort(key=lambda t: -t[0])
    _, ref, sim, best = scored[0]
    rivals = tuple(c for s, r, _, c in scored[1:] if r and r == ref and c.subject == best.subject)
    backing = tuple(c for r, s, c in supporters
                    if r >= max(2, ref) or (ref == 0 and s >= SUPPORT_SIMILARITY))
    return Pair(d, best, ref, sim, rivals, backing)


@pytest.fixture(scope="module")
def many() -> Registry:
    """The seed registry and three reports that restate and update its figures."""
    reg = load()
    for sid, date, text in (("april", "2023-04-03", APRIL), ("may", "2023-05-26", MAY),
                            ("june", "2023-06-30", JUNE)):
        reg.add(Source(id=sid, date=date), extract_claims(Document(sid, text), sid, 2023),
                Path(sid))
    return reg


def draft_figures() -> list:
    out = []
    for path in [*DRAFTS, ARTICLE]:
        doc = read_path(path)
        out += [c for c in extract_claims(doc, with_subjects=False) if c.kind in FIGURE_KINDS]
    return out


def test_alignment_equals_scoring_every_candidate(many):
    index = many.index()
    figures = draft_figures()
    assert len(figures) > 50
    for d in figures:
        plain = plain_align(d, index.candidates(d))
        assert align(d, index) == plain, d.text
        assert align(d, index.candidates(d)) == plain
        assert align(d, index).agreeing_rival == \
            next((r for r in plain.rivals if consistent(d, r)), None)


def test_cached_alignment_equals_scoring_every_candidate(tmp_path, monkeypatch):
    """The registry index's shape and value ids pair exactly as the claims themselves do."""
    from factcheck.registry import store
    from tests.perf.test_sqlindex import make_archive

    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("FACTCHECK_NO_CACHE", raising=False)
    monkeypatch.setattr(store, "MIN_BYTES", 0)
    claims = make_archive(tmp_path)
    load([claims])
    cached = load([claims])
    assert cached._store is not None
    index = cached.index()
    figures = draft_figures()
    rivalled = 0
    for d in figures:
        plain = plain_align(d, index.candidates(d))
        pair = align(d, index)
        assert pair == plain, d.text
        assert pair.agreeing_rival == next((r for r in plain.rivals if consistent(d, r)), None)
        rivalled += bool(plain.rivals)
    assert rivalled > 0
    monkeypatch.setenv("FACTCHECK_NO_CACHE", "1")
    plain_reg = load([claims])
    assert plain_reg._store is None
    noted = 0
    for claim, same in zip(cached.of_kind(*FIGURE_KINDS), plain_reg.of_kind(*FIGURE_KINDS)):
        assert claim == same
        found = conflicts_of(cached, claim)
        assert list(found) == list(conflicts_of(plain_reg, same)), claim.text
        noted += bool(found)
    assert noted >= 4


def test_sure_pairings_are_among_the_anchored_claims(many):
    index = many.index()
    for d in draft_figures() + many.of_kind(*FIGURE_KINDS):
        everything = index.in_order(index.candidates(d))
        for sid in many.sources:
            full = [c for c in everything if c.source == sid]
            sure = [c for c in index.in_order(index.sure_candidates(d)) if c.source == sid]
            assert counterpart(d, sure) == counterpart(d, full)


def test_conflicts_equal_the_plain_search(many):
    index = many.index()

    def plain(claim):
        out = []
        for sid in many.sources:
            group = [c for c in index.in_order(index.candidates(claim)) if c.source == sid]
            if sid == claim.source or not group:
                continue
            pair = counterpart(claim, group)
            if pair is None or agree(claim, pair.claim) or any(agree(claim, r) for r in pair.rivals):
                continue
            own = index.of_source(claim.source)
            back = counterpart(pair.claim, own.in_order(own.candidates(pair.claim)))
            if back is not None and back.claim == claim:
                out.append(pair.claim)
        return out

    found = 0
    for claim in many.of_kind(*FIGURE_KINDS):
        assert conflicts_of(many, claim) == plain(claim)
        found += bool(plain(claim))
    assert found >= 4


def test_the_back_pairing_reads_only_its_key(many):
    """`conflicts_of` remembers a back pairing by `back_key`: a figure differing in all the
    key leaves out (where it stands, its source and id, its sentence, the figures of its
    clause) pairs back with the same claim, as surely."""
    index = many.index()
    varied = 0
    for y in many.of_kind(*FIGURE_KINDS):
        context = y.context if y.kind in EVENT_KINDS else y.context.translate(_OTHER_DIGITS)
        other = y.with_(id="other", source="elsewhere", line=y.line + 7, column=y.column + 3,
                        end_column=y.end_column + 3, start=y.start + 50, end=y.end + 50,
                        sentence="另一句。", status="verified", note="n", context=context)
        assert back_key(other) == back_key(y)
        varied += context != y.context
        for sid in many.sources:
            own = index.of_source(sid)
            group = own.in_order(own.sure_candidates(y))
            assert group == own.in_order(own.sure_candidates(other))
            a, b = counterpart(y, group), counterpart(other, group)
            assert (a and (a.claim, a.referent, a.similarity)) == \
                (b and (b.claim, b.referent, b.similarity)), y.text
    assert varied > 10


_OTHER_DIGITS = str.maketrans("0123456789", "1234567890")


DECIMALS = ["10", "10.0", "1E+1", "0", "-0", "0.00", "1.5", "1.50", "-1.5", "15E-1", "0.1",
            "123456789012345678901234567890123", "123456789012345678901234567890124",
            "1234567890123456789012345678901230E-1", "Infinity", "-Infinity", "1E+30", "1E30"]


def test_value_keys_are_equal_exactly_when_values_are():
    values = [Decimal(t) for t in DECIMALS] + ["2023-04-03", "2023-4-3", None, ""]
    for a in values:
        for b in values:
            same = type(a) is type(b) and a == b or a is None and b is None
            assert (value_key(a) == value_key(b)) == same, (a, b)
    assert value_key(Decimal("NaN")) != value_key(Decimal("NaN"))


def test_names_out_of_reach_have_no_slips():
    rng = random.Random(5)
    people = sorted({str(e.value) for e in load().entities("person", "organisation")})
    pool = "".join(read_path(p).text for p in DRAFTS)
    made = ["".join(rng.choice(pool) for _ in range(rng.randint(1, 6))) for _ in range(3000)]
    for text in [read_path(p).text for p in DRAFTS] + [pool[i:i + 60] for i in range(0, 3000, 60)]:
        have = set(text)
        for name in people + made:
            if not names._reachable(name, have):
                assert not list(names.near_misses(text, name, set(people))), (name, text)


def test_the_reading_table_rules_out_only_what_pypinyin_tells_apart():
    if names._reading_table() is None:
        pytest.skip("no writable cache folder")
    rng = random.Random(7)
    chars = sorted({ch for p in [*DRAFTS, ARTICLE] for ch in read_path(p).text
                    if "\u4e00" <= ch <= "\u9fff"})
    ruled_out = 0
    for _ in range(3000):
        a, b, c = rng.choice(chars), rng.choice(chars), rng.choice(chars)
        for x, y in ((a + c, b + c), (c + a, c + b), (c + a + c, c + b + c)):
            if not names.may_sound_alike(x, y):
                ruled_out += 1
                assert names.pinyin(x) != names.pinyin(y), (x, y)
    assert ruled_out > 5000
    for x, y in (("刘云清", "刘云青"), ("中天钢铁", "中天钢贴"), ("高兰", "高蓝")):
        assert names.may_sound_alike(x, y) and names.homophone(x, y)


def test_readings_from_the_table_are_pypinyins():
    """A name read character by character (no phrase that reads otherwise in it) reads as
    pypinyin reads it, phrases and their overlaps included; others go to pypinyin."""
    if names._reading_table() is None:
        pytest.skip("no writable cache folder")
    from pypinyin import Style, lazy_pinyin
    from pypinyin.constants import PHRASES_DICT

    rng = random.Random(3)
    phrases = sorted(PHRASES_DICT)
    text = "".join(read_path(p).text for p in [*DRAFTS, ARTICLE])
    chars = sorted({ch for ch in text if "\u4e00" <= ch <= "\u9fff"})
    made = [rng.choice(phrases) + rng.choice(phrases) for _ in range(2000)]
    made += [rng.choice(phrases)[1:] + rng.choice(phrases)[:-1] for _ in range(2000)]
    made += ["".join(rng.choice(chars) for _ in range(rng.randint(1, 8))) for _ in range(4000)]
    made += ["银行", "中国工商银行", "长江", "行长", "会计", "G20峰会", "刘云青", "〇"]
    plain = 0
    for s in made:
        plain += names._plain_reading(s) is not None
        assert names.pinyin(s) == lazy_pinyin(s, style=Style.NORMAL, errors="default"), s
    assert names._plain_reading("中国工商银行") is None and names._plain_reading("刘云青")
    assert plain > len(made) // 2


def test_grouped_scoring_equals_plain_scoring_on_mixed_claims():
    """Candidates that share some of what pairing reads and differ in the rest (words before
    or after, what they count, unit, value, precision, clause) pair as when each is scored."""
    rng = random.Random(11)
    befores = ["设立校外教学点", "培训点", "累计培育试点企业", "为", ""]
    afters = ["", "企业提供了", "的送教上门讲座", "职工圆了大学梦"]
    subjects = ["校外教学点", "培训点", "试点企业", "企业", ""]
    units = ["个", "家", "名", ""]
    values = [Decimal("10"), Decimal("1E+1"), Decimal("20"), Decimal("768"), Decimal("10.0")]
    contexts = ["设立校外教学点10个，培训点20个", "全市累计培育试点企业768家", "为500多家企业提供了讲座"]

    pools = {"before": befores, "after": afters, "subject": subjects, "unit": units,
             "value": values, "context": contexts, "qualifier": ["", "多", "约"]}

    def claim(i, base=None, **fixed):
        if base is None:
            fields = {name: rng.choice(pool) for name, pool in pools.items()}
        else:  # the base claim with one field changed
            name = rng.choice(list(pools))
            fields = {**base, name: rng.choice(pools[name])}
        fields.update(fixed, kind="number")
        v = fields["value"]
        return Claim(text=f"{v}{fields['unit']}", start=0, end=1, line=1, column=i,
                     end_column=i + 1, low=v, high=v, source=f"s{i % 3}", id=f"c{i}", **fields)

    paired = 0
    for case in range(300):
        base = {name: rng.choice(pool) for name, pool in pools.items()}
        cands = [claim(i, base) for i in range(rng.randint(1, 12))]
        d = claim(99, qualifier=rng.choice(["", "约"]))
        expected = plain_align(d, cands)
        got = align(d, cands)
        assert got == expected, case
        assert got.agreeing_rival == next((r for r in expected.rivals if consistent(d, r)), None)
        paired += expected.claim is not None and bool(expected.rivals)
    assert paired > 20
