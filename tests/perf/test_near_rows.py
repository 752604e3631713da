"""Alignment through the index reads only the candidates whose figure may agree with the draft's
(`align._near_pair`): every figure `compare.consistent` accepts lies in reach, and the pairing
is the one reading every candidate gives."""

from __future__ import annotations

import itertools
import random
import re
from decimal import Decimal
from pathlib import Path

import pytest

from factcheck.check.align import align_indexed, reach
from factcheck.check.compare import consistent
from factcheck.registry import store
from factcheck.registry.claim import Claim
from factcheck.registry.extract import extract_claims
from factcheck.registry.files import dumps
from factcheck.registry.index import figure_range
from factcheck.registry.model import Source
from factcheck.text.document import Document

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ROOT / "claims" / "articles" / "workercn-2023-04-03.txt"
VALUES = ("0", "1", "5", "9", "10", "15", "20", "25", "99", "100", "150", "300", "500", "520",
          "768", "800", "1000", "1805", "1E+4", "0.5", "3.03", "-6.8", "-10", "44.8", "45",
          "12000", "15E+4", "1.2E+4")
#: (low, high, low_open, high_open) of a figure of value v: as stated, 超过, 不足, a range, bare.
BOUNDS = {"exact": lambda v: (v, v, False, False), "over": lambda v: (v, None, True, False),
          "at least": lambda v: (v, None, False, False), "under": lambda v: (None, v, False, True),
          "range": lambda v: (v, v * 2 if v > 0 else v / 2, False, False),
          "none": lambda v: (None, None, False, False)}


def figure(v: str, bounds: str, qualifier: str = "") -> Claim:
    value = Decimal(v)
    low, high, low_open, high_open = BOUNDS[bounds](value)
    return Claim("number", v, 0, 1, 1, 1, 2, value, low, high, low_open, high_open, "个", qualifier)


def meets(d: Claim, c: Claim) -> bool:
    span, (lo, hi) = reach(d), figure_range(c.value, c.low, c.high)
    return lo is not None and span is not None and lo <= span[1] and hi >= span[0]


def test_every_consistent_source_figure_is_in_the_draft_figure_s_reach():
    figures = [figure(v, b, q) for v in VALUES for b in BOUNDS for q in ("", "约", "多")]
    agreeing, apart = [], []
    for d, c in itertools.product(figures, repeat=2):
        (agreeing if consistent(d, c) else apart).append((d, c))
    assert len(agreeing) > 1000
    assert all(meets(d, c) for d, c in agreeing)
    # and the reach tells apart: most pairs that do not agree are out of it
    assert sum(meets(d, c) for d, c in apart) < len(apart) / 2


def test_a_figure_with_no_number_is_out_of_reach_and_a_draft_without_one_reaches_none():
    assert figure_range("2023-04", None, None) == (None, None)
    assert reach(Claim("date", "2023年4月", 0, 1, 1, 1, 2, "2023-04")) is None
    assert figure_range(Decimal(5), None, None)[0] < 5 < figure_range(Decimal(5), None, None)[1]


def _variant(text: str, rng: random.Random) -> str:
    """The article with some of its digit runs rewritten (as the bench's sources are)."""
    return re.sub(r"\d+", lambda m: str(rng.randint(1, 2 * int(m.group()) + 9))
                  if rng.random() < 0.4 else m.group(), text)


@pytest.fixture(scope="module")
def sources() -> dict[str, str]:
    """The 24 sources' files by name, extracted once for the module's tests."""
    text = ARTICLE.read_text("utf-8")[:2500]
    rng = random.Random(18)
    out = {}
    for i in range(24):
        body = text if i % 8 == 0 else _variant(text, rng)
        found = extract_claims(Document(f"s{i}.txt", body), f"s{i:02d}", 2023)
        out[f"s{i:02d}.json"] = dumps(Source(id=f"s{i:02d}"), found)
    return out


@pytest.fixture
def archive(sources, tmp_path, monkeypatch) -> Path:
    """A fresh folder of the 24 sources, indexed in a cache of its own."""
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("FACTCHECK_NO_CACHE", raising=False)
    monkeypatch.setattr(store, "MIN_BYTES", 0)
    claims = tmp_path / "claims"
    claims.mkdir()
    for name, data in sources.items():
        (claims / name).write_text(data, "utf-8")
    return claims


def _seen(pair) -> tuple:
    return (pair.claim, pair.referent, pair.similarity, tuple(pair.rivals),
            tuple(pair.supporters), pair.agreeing_rival)


@pytest.mark.parametrize("among", [False, True])
def test_the_near_rows_give_the_pairing_every_candidate_gives(archive, among):
    """Also with a source added among the others (its file's id out of registry order: the
    first rows are then found by each file's place)."""
    text = ARTICLE.read_text("utf-8")[:2500]
    rng = random.Random(6)
    drafts = [text] + [_variant(text, rng) for _ in range(3)]
    store.load([archive])
    if among:
        found = extract_claims(Document("x.txt", drafts[1]), "a00", 2023)
        (archive / "a00.json").write_text(dumps(Source(id="a00"), found), "utf-8")  # sorts first
    registry = store.load([archive])
    index = registry.index()
    assert index.near_rows is not None and bool(registry._store._late) is among
    near = 0
    for draft in drafts:
        for d in extract_claims(Document("d.md", draft), "", 2023):
            if d.kind in ("date", "ordinal", "score") or not d.kind:
                continue
            with_near = align_indexed(index, d)
            found = index.near_rows
            index.near_rows = None  # every candidate read, row by row
            try:
                every = align_indexed(index, d)
            finally:
                index.near_rows = found
            assert _seen(with_near) == _seen(every), d.text
            near += reach(d) is not None and index.near_anchored(d, *reach(d)) is not None
    assert near > 50


def test_the_figures_in_reach_are_found_by_an_index_not_a_scan(archive):
    """`near_rows` first asks which figures' ranges meet a draft figure's reach: an index on
    (lo, hi) answers it without reading every figure."""
    registry = store.load([archive])
    plans = []
    real = registry._store._query

    def planned(sql, args=()):
        if sql.startswith("SELECT id FROM figures"):
            plans.extend(d for *_, d in real("EXPLAIN QUERY PLAN " + sql, args))
        return real(sql, args)

    registry._store._query = planned
    assert registry._store.near_rows("number", ["个"], 10.0, 20.0) is not None
    assert plans and all("figures_lo" in p and "SCAN" not in p for p in plans), plans


def test_anchors_are_kept_once_a_shape_and_find_every_live_figure_of_it(archive):
    """The index keeps each shape's anchors once (kind, key, shape), not once a claim; the rows
    a key anchors are every live figure claim whose `claim_anchors` hold it."""
    from factcheck.registry.claim import FIGURE_KINDS
    from factcheck.registry.index import claim_anchors, shape_key

    registry = store.load([archive])
    claims = [(row, c) for row, c in enumerate(registry.claims)
              if c.kind in FIGURE_KINDS and c.status != "ignored"]
    expected: dict[tuple[str, str], list[int]] = {}
    for row, c in claims:
        for key in claim_anchors(c):
            expected.setdefault((c.kind, key), []).append(row)
    db = registry._store._db
    shapes = {(c.kind, k, shape_key(c)) for _, c in claims for k in claim_anchors(c)}
    assert db.execute("SELECT count(*) FROM anchors").fetchone()[0] == len(shapes)
    assert len(shapes) < sum(len(rows) for rows in expected.values()) / 4
    for key, rows in expected.items():
        assert registry._store._anchored(key) == rows, key
    real, plans = registry._store._query, []

    def planned(sql, args=()):
        plans.extend(d for *_, d in real("EXPLAIN QUERY PLAN " + sql, args))
        return real(sql, args)

    registry._store._query = planned  # the claims read from the index alone, not the table
    registry._store._anchored(next(iter(expected)))
    assert any("COVERING INDEX claims_shape" in p for p in plans), plans


def test_a_removed_source_s_shapes_are_no_near_rows_shapes(archive):
    """Anchors outlive the claims of their shape when a file is removed: the shapes
    `near_rows` lists are those with a live claim still (a shape with none would make every
    draft figure it anchors read all its candidates)."""
    text = ARTICLE.read_text("utf-8")[:2500]
    found = extract_claims(Document("x.txt", text.replace("常州", "无锡")), "x", 2023)
    (archive / "x.json").write_text(dumps(Source(id="x"), found), "utf-8")  # shapes of its own
    first = store.load([archive])
    gone = _shapes(first, "x") - set().union(*(_shapes(first, f"s{i:02d}") for i in range(24)))
    (archive / "x.json").unlink()
    registry = store.load([archive])
    index, listed = registry.index(), 0
    for d in extract_claims(Document("d.md", text), "", 2023):
        span = reach(d) if d.kind not in ("date", "ordinal", "score") and d.kind else None
        found = span and index.near_anchored(d, *span)
        if found:
            held = {index.shapes[row] for row in found.near}
            assert all(row is not None or shape in held for shape, row in found.first_far.items())
            listed += len(found.first_far)
    assert listed and gone


def _shapes(registry, sid: str) -> set[int]:
    """The shape ids of a source's live figure claims."""
    db = registry._store._db
    return {s for s, in db.execute("SELECT c.shape FROM claims c JOIN files f ON f.id = c.file "
                                   "WHERE f.sid = ? AND c.shape > 0", (sid,))}


def test_the_rows_in_reach_are_found_by_value_not_among_every_anchored_row(archive):
    """The anchored rows whose figure may agree are read through `claims_value` (the rows of
    the values in reach), not by walking every row of the draft figure's anchors."""
    registry = store.load([archive])
    plans: list[str] = []
    real = registry._store._query

    def planned(sql, args=()):
        found = real(sql, args)
        if found and "value IN (" in sql and "NOT IN" not in sql:  # the rows in reach
            plans.append(" ".join(d for *_, d in real("EXPLAIN QUERY PLAN " + sql, args)))
        return found

    registry._store._query = planned
    found = registry._store.near_rows("number", ["训点"], 9.5, 30.5)
    assert found is not None and found.near
    assert plans and all("claims_value" in p and "anchors" not in p for p in plans), plans
