"""`conflicting.conflicts_of` compares each source's sure pairing by its row (shape and value
ids, qualifier and text) without building its claim: it finds exactly what comparing the
claims finds, through an index and in memory, and builds no claim of the pairs it rejects or
keeps."""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

import pytest

from factcheck.check import align
from factcheck.check.agreement import agree, counterpart, strong
from factcheck.check.align import sure_pairs_by_source
from factcheck.check.conflicting import (
    Figure,
    _sure,
    conflicts_of,
    disagreeing_rows,
    sure_rows_by_source,
)
from factcheck.registry import store as registry
from factcheck.registry.claim import FIGURE_KINDS, Claim
from factcheck.registry.extract import extract_claims
from factcheck.registry.files import dumps
from factcheck.registry.model import Registry, Source
from factcheck.text.document import Document
from tests.conftest import SEED_ARTICLE, SHARED

#: Variants of the seed article registered together.
VARIANTS = 8
#: Each figure of the seed as a variant restates it: the same, approximated, rounded, another.
_FIGURE = re.compile(r"(?<![-:0-9.])[0-9]+(?:\.[0-9]+)?(?![0-9:\-])")


def _variant(text: str, i: int) -> str:
    """The seed article with its figures restated, rounded, approximated or changed; every
    third one states some paragraphs twice, with other figures (a pairing's rivals)."""
    if i == 0:
        return text
    rng = random.Random(i)
    if i % 3 == 1:  # each paragraph with figures followed by another telling of it
        text = "\n".join(line + "\n\n" + _variant(line, i + 100) if _FIGURE.search(line)
                          and len(line) > 40 else line for line in text.splitlines())

    def restate(m: re.Match) -> str:
        s, r = m.group(0), rng.random()
        if r < 0.3:
            return s
        if r < 0.45:
            return "约" + s
        if r < 0.55 and "." not in s and len(s) > 1:
            return s[0] + "0" * (len(s) - 1) + "多" if len(s) > 2 else s + "多"
        if r < 0.75 and "." in s:  # rounded, and written with its tenths or not (45.0, 45)
            return f"{round(float(s))}.0" if r < 0.7 else str(round(float(s)))
        return str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in s[1:])
    return _FIGURE.sub(restate, text)


Extracted = list[tuple[Source, list[Claim]]]


def _extracted(sources: list[tuple[Source, str]]) -> Extracted:
    return [(source, extract_claims(Document(source.id, text), source.id, 2023))
            for source, text in sources]


def _in_memory(sources: Extracted) -> Registry:
    reg = Registry()
    for source, found in sources:
        reg.add(source, found, Path(source.id))
    return reg


def _indexed(root: Path, sources: Extracted) -> Registry:
    """The sources' registry files in `root`, read through an index (built, then cached)."""
    claims = root / "claims"
    if not claims.is_dir():
        claims.mkdir()
        for source, found in sources:
            (claims / f"{source.id}.json").write_text(dumps(source, found), "utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FACTCHECK_CACHE_DIR", str(root / "cache"))
        mp.delenv("FACTCHECK_NO_CACHE", raising=False)
        mp.setattr(registry, "MIN_BYTES", 0)
        registry.load([claims])
        reg = registry.load([claims])
    assert reg._store is not None
    return reg


def by_claims(reg: Registry, claim, why: Counter) -> list:
    """The conflicts of `claim` found by comparing claims: each other source's sure pairing
    built, compared both ways with the claim and its rivals, and paired back, one by one."""
    pairs = sure_pairs_by_source(reg.index(), claim)
    own = reg.index().of_source(claim.source)
    out = []
    for sid in reg.sources:
        pair = pairs.get(sid) if sid != claim.source else None
        if pair is None:
            continue
        if not strong(pair):
            why["unsure"] += 1
        elif agree(claim, pair.claim):
            why["agrees" if align.same_figure(claim, pair.claim) else "agrees back"] += 1
        elif any(agree(claim, r) for r in pair.rivals):
            why["a rival agrees"] += 1
        else:
            back = counterpart(pair.claim, own.in_order(own.sure_candidates(pair.claim)))
            if back is not None and back.claim == claim:
                out.append(pair.claim)
                why["conflict"] += 1
            else:
                why["not mutual"] += 1
    return out


def _compare(reg: Registry) -> Counter:
    """Every figure's conflicts by rows and by claims (each from a fresh `same_figure` memo)."""
    why: Counter = Counter()
    for claim in reg.of_kind(*FIGURE_KINDS):
        align._CONSISTENT.clear()
        expected = by_claims(reg, claim, why)
        align._CONSISTENT.clear()
        found = conflicts_of(reg, claim)
        assert list(found) == expected, (claim.source, claim.text)
    return why


@pytest.fixture(scope="module")
def variants() -> Extracted:
    seed = SEED_ARTICLE.read_text("utf-8")
    return _extracted([(Source(id=f"v{i:02d}", date=f"2023-04-{i + 1:02d}"), _variant(seed, i))
                       for i in range(VARIANTS)])


@pytest.fixture(scope="module")
def archive(variants, tmp_path_factory) -> Path:
    """A folder holding the variants' registry files and their index."""
    root = tmp_path_factory.mktemp("variants")
    _indexed(root, variants)
    return root


def test_rows_find_what_claims_find_in_memory(variants):
    why = _compare(_in_memory(variants))
    # every way a pairing is let go, and conflicts, are met
    assert why["conflict"] > 200 and why["agrees"] > 100 and why["agrees back"] > 5, why
    assert why["not mutual"] > 5 and why["unsure"] > 5 and why["a rival agrees"], why


def test_rows_find_what_claims_find_through_the_index(variants, archive):
    why = _compare(_indexed(archive, variants))
    assert why["conflict"] > 200 and why["agrees back"] > 5 and why["not mutual"] > 5, why
    assert why["unsure"] > 5 and why["a rival agrees"], why


@pytest.mark.parametrize("indexed", [False, True])
def test_sure_rows_are_the_sure_pairs(variants, archive, indexed):
    """Each source's sure pairing by rows names the claim, referent, similarity and rivals
    of its pairing by claims, and whether each agrees with the draft figure; the ones kept
    as sure are those `agreement.strong` keeps."""
    reg = _indexed(archive, variants) if indexed else _in_memory(variants)
    index, kept, rivals = reg.index(), Counter(), 0
    for claim in reg.of_kind(*FIGURE_KINDS):
        pairs = sure_pairs_by_source(index, claim)
        rows = sure_rows_by_source(index, claim)
        assert rows.keys() == pairs.keys()
        for sid, p in rows.items():
            pair = pairs[sid]
            assert (index.get(p.row), p.referent, p.similarity, p.agrees) == \
                (pair.claim, pair.referent, pair.similarity, align.same_figure(claim, pair.claim))
            assert [(index.get(r), ok) for r, ok in p.rivals] == \
                [(r, align.same_figure(claim, r)) for r in pair.rivals]
            rivals += bool(p.rivals)
        sure = _sure(index, claim, list(rows.values()))
        assert sure == [rows[sid] for sid, pair in pairs.items() if strong(pair)]
        kept[len(sure) < len(rows)] += 1
    assert kept[True] > 5 and rivals > 5, (kept, rivals)


@pytest.mark.skipif(not (SHARED / "eval" / "multi" / "sources").is_dir(),
                    reason="the evaluation set is not beside the clone")
def test_rows_find_what_claims_find_among_the_multi_sources(tmp_path):
    sources = _extracted([(Source(id=p.stem), p.read_text("utf-8")) for p in
                          sorted((SHARED / "eval" / "multi" / "sources").glob("*.txt"))])
    why = _compare(_indexed(tmp_path, sources))
    assert why["conflict"] and why["not mutual"], why


def test_no_claim_of_the_pairs_is_built(variants, archive, monkeypatch):
    """Through an index, a conflict search asks for the claims of few of the pairings it
    compares (those alignment scores a shape by, one of each shape it pairs back), not of
    each (the conflicts found are built when read)."""
    reg = _indexed(archive, variants)
    index = reg.index()
    asked: set[int] = set()
    real = index._claim
    monkeypatch.setattr(index, "_claim", lambda row: asked.add(row) or real(row))
    built = paired = 0
    for claim in reg.of_kind(*FIGURE_KINDS):
        rows = {p.row for sid, p in sure_rows_by_source(index, claim).items()
                if sid != claim.source}
        asked.clear()
        disagreeing_rows(reg, claim, list(reg.sources))
        built += len(asked & rows)
        paired += len(rows)
    assert paired > 1000 and built < paired / 2, (built, paired)


def test_figure_words_read_what_the_claims_hold(variants, archive):
    """An indexed registry reads the qualifier and text of figures from their rows, building
    none of them; a registry in memory reads its claims."""
    reg = _indexed(archive, variants)  # a store that built nothing yet
    rows = reg._store.rows_of_kind(FIGURE_KINDS)  # their bodies read with them
    words = reg.figure_words(rows[::2])
    reg._store._bodies.clear()
    words.update(reg.figure_words(rows[1::2]))  # read now
    assert not reg._store._built
    assert words == {r: (c.qualifier, c.text) for r in rows for c in [reg.claim(r)]}
    assert reg.figure_words(rows) == words  # from the claims built
    plain = _in_memory(variants)
    index = plain.index()
    assert plain.figure_words([0, 5]) == {r: (index.get(r).qualifier, index.get(r).text)
                                          for r in (0, 5)}


def test_a_figure_reads_as_its_claim(variants):
    """`Figure` holds all `compare.consistent` reads of the figure it takes as the rewrite."""
    from factcheck.check.compare import consistent

    claims = [c for c in _in_memory(variants[:4]).of_kind(*FIGURE_KINDS)]
    compared = 0
    for c in claims:
        f = Figure(c.kind, c.value, c.low, c.high, c.low_open, c.high_open, c.qualifier, c.unit,
                   c.text)
        for other in claims[::7]:
            assert consistent(f, other) == consistent(c, other)
            compared += 1
    assert compared > 1000
