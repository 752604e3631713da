"""The registry index keeps each file's sentences once (`sentences`), its claims' bodies without
them, and reads every claim back whole."""

from __future__ import annotations

import marshal
import sqlite3

import pytest

from factcheck.errors import RegistryError
from factcheck.registry import sqlbuild, sqlindex, store as registry
from tests.perf.test_sqlindex import cache_files, make_archive

pytestmark = pytest.mark.usefixtures("cache_dir")


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(folder))
    monkeypatch.delenv("FACTCHECK_NO_CACHE", raising=False)
    monkeypatch.setattr(registry, "MIN_BYTES", 0)
    return folder


def _plain(claims, monkeypatch):
    monkeypatch.setenv("FACTCHECK_NO_CACHE", "1")
    try:
        return registry.load([claims])
    finally:
        monkeypatch.delenv("FACTCHECK_NO_CACHE")


def test_each_file_keeps_each_sentence_once_and_bodies_hold_none(tmp_path):
    files = sorted(make_archive(tmp_path).glob("*.json"))
    db = sqlindex.connect(tmp_path / "index.sqlite")
    assert sqlbuild.sync(db, files)
    held = db.execute("SELECT file, n, text FROM sentences ORDER BY file, n").fetchall()
    per_file: dict[int, list[str]] = {}
    for file, n, text in held:
        assert n == len(per_file.setdefault(file, []))  # numbered from 0 in each file
        per_file[file].append(text)
    claims = db.execute("SELECT c.file, c.said, c.body, s.text FROM claims c"
                        f"{sqlindex.SENTENCE} ORDER BY c.file, c.seq").fetchall()
    assert len(claims) > sum(map(len, per_file.values()))  # sentences hold several claims
    for file, texts in per_file.items():
        mine = [c for c in claims if c[0] == file]
        assert texts == list(dict.fromkeys(c[3] for c in mine))  # distinct, in claim order
    for _, _, body, text in claims:
        assert text and text.encode() not in body  # the sentence is not in the body
        assert marshal.loads(body)[sqlindex.CLAIM_FIELDS.index("sentence")] is None
    db.close()


def test_claims_read_through_the_index_have_their_sentences(tmp_path, monkeypatch):
    claims = make_archive(tmp_path)
    plain = _plain(claims, monkeypatch)
    registry.load([claims])
    again = registry.load([claims])
    assert again._store is not None
    store = again._store
    assert [store.claim(r) for r in range(len(plain.claims))] == plain.claims  # one by one
    assert registry.load([claims]).claims == plain.claims  # a file at a time
    kinds = ("number", "date", "person", "organisation", "quote")
    for kind in kinds:
        fresh = registry.load([claims])
        assert fresh.of_kind(kind) == [c for c in plain.claims if c.kind == kind
                                        and c.status != "ignored"]
    assert fresh._store.sentences(("number", "date")) == list(dict.fromkeys(
        c.sentence for c in plain.claims if c.kind in ("number", "date")))


def test_a_claim_without_its_sentence_is_a_damaged_index(tmp_path):
    claims = make_archive(tmp_path)
    expected = registry.load([claims]).claims
    (path,) = cache_files(tmp_path / "cache")
    with sqlite3.connect(path) as db:
        db.execute("DELETE FROM sentences WHERE n = 0")
    with pytest.raises(RegistryError, match="index is damaged"):
        registry.load([claims]).claims
    assert not path.exists()
    assert registry.load([claims]).claims == expected


def test_an_index_of_the_former_layout_is_rebuilt_silently(tmp_path, monkeypatch):
    claims = make_archive(tmp_path)
    expected = registry.load([claims]).claims
    (path,) = cache_files(tmp_path / "cache")
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = ? WHERE key = 'format'", (sqlindex.FORMAT - 1,))
    reg = registry.load([claims])
    assert reg._store is not None and reg.claims == expected
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT value FROM meta WHERE key='format'").fetchone() == (
            sqlindex.FORMAT,)


def test_the_claims_source_pairs_name_are_read_together(tmp_path, monkeypatch):
    """`align.sure_pairs_by_source` reads the claims its pairs name in one query
    (`SqlStore.read_rows`), not one query a source; the conflicts found are the same."""
    from factcheck.check.conflicting import conflicts

    claims = make_archive(tmp_path)
    expected = [(a.id, b.id) for a, b in conflicts(_plain(claims, monkeypatch))]
    registry.load([claims])
    reg = registry.load([claims])
    store, one_row, read = reg._store, [], []
    real_query, real_read = store._query, store.read_rows

    def query(sql, args=()):
        if "c.seq=?" in sql:  # `SqlStore.claim` reading one claim
            one_row.append(args)
        return real_query(sql, args)

    def read_rows(rows):
        read.append(list(rows))
        real_read(rows)

    monkeypatch.setattr(store, "_query", query)
    monkeypatch.setattr(store, "read_rows", read_rows)
    assert [(a.id, b.id) for a, b in conflicts(reg)] == expected and expected
    assert any(len(rows) > 1 for rows in read)  # several sources' claims at once
    assert one_row == []


@pytest.mark.parametrize("sentence, context, before, after", [
    ("全市培育试点企业768家。", "试点企业768家", "试点企业", ""),  # found: kept as places
    ("全市培育试点企业768家。", "另一句话", "全市", "。"),  # a context not in the sentence: text
    ("", "", "", ""),
    ("企业企业企业", "企业", "企业企业", "企业企业企业"),  # repeated: any place gives the text
    ("a\U0001f600b", "\U0001f600b", "a", "b"),  # a character outside the BMP
])
def test_a_body_keeps_the_parts_of_its_sentence_as_places(sentence, context, before, after):
    from factcheck.registry.claim import Claim

    claim = Claim("number", "768家", 0, 1, 1, 1, 2, sentence=sentence, context=context,
                  before=before, after=after)
    fields = sqlindex.row_fields(claim)
    body = sqlindex.encode(fields)
    assert sqlindex.decode(body, sentence) == claim
    held = marshal.loads(body)
    for name, text in (("context", context), ("before", before), ("after", after)):
        kept = held[sqlindex.CLAIM_FIELDS.index(name)]
        assert type(kept) is (int if text and text in sentence else str)


def test_a_claim_with_a_number_for_a_part_of_its_sentence_is_not_kept_as_a_row():
    from factcheck.registry.claim import Claim

    claim = Claim("number", "768家", 0, 1, 1, 1, 2, sentence="768家", context=5)  # type: ignore
    assert sqlindex.row_fields(claim) is None


def test_a_new_index_remembers_the_name_lists_without_each_file_s_name_rows(tmp_path,
                                                                          monkeypatch):
    """The build of a new index writes the name lists (`sqllists.BuiltLists`): the first check
    reads them as a later one does, never every file's name rows (`NameLists._names`)."""
    from factcheck.registry.sqlindex import NAME_KINDS
    from factcheck.registry.sqlstore import SqlStore

    from factcheck.registry.sqllists import BUILT_KINDS

    claims = make_archive(tmp_path)
    plain = _plain(claims, monkeypatch)
    with monkeypatch.context() as mp:
        mp.setattr(SqlStore, "_names", lambda self: pytest.fail("name rows read"))
        first = registry.load([claims])
        assert first._store is not None
        for kind in BUILT_KINDS:
            assert first.entities(kind) == plain.entities(kind)
            assert first.distinct_entities(kind) == plain.distinct_entities(kind)
        assert first.sentences(*NAME_KINDS) == plain.sentences(*NAME_KINDS)
        assert first.said(*NAME_KINDS) == plain.said(*NAME_KINDS)
    for kind in NAME_KINDS:  # the other kinds' lists, gathered when asked
        assert first.entities(kind) == plain.entities(kind)
        assert first.distinct_entities(kind) == plain.distinct_entities(kind)
    assert len(plain.distinct_entities("organisation")) < len(plain.entities("organisation"))


def test_built_lists_are_written_only_over_the_files_first_rows_they_counted(tmp_path):
    from factcheck.registry.sqllists import BuiltLists

    db = sqlindex.connect(tmp_path / "index.sqlite")
    db.execute("INSERT INTO files(id, path, base) VALUES(1, 'a.json', 5)")
    lists = BuiltLists()
    lists.add("a.json", 3, ((1, "organisation", "工会", "工会", (), "工会说。"),))
    lists.write(db, 0)
    assert db.execute("SELECT count(*) FROM memo").fetchone() == (0,)
    db.execute("UPDATE files SET base = 0")
    lists.write(db, 0)
    (body,), = db.execute("SELECT body FROM memo WHERE name='organisation'")
    assert marshal.loads(body) == ((1, "organisation", "工会", "工会", ()),)
    db.close()


def test_the_claims_stating_a_value_are_found_by_index_through_their_figures(tmp_path):
    """No table of values: a value's claims are those of the figures with its value key
    (`figures_vkey`), each figure's claims found by `claims_value`, not by a scan."""
    from factcheck.registry import sqlstore

    files = sorted(make_archive(tmp_path).glob("*.json"))
    db = sqlindex.connect(tmp_path / "index.sqlite")
    assert sqlbuild.sync(db, files)
    assert "vals" not in {n for n, in db.execute("SELECT name FROM sqlite_master")}
    for live, join in (("", ""), (" AND c.live = 1", sqlindex.SENTENCE)):
        sql = sqlstore._VALUED.format(columns=", c.body", live=live, join=join)
        plan = " ".join(r[-1] for r in db.execute("EXPLAIN QUERY PLAN " + sql, ("number", "x")))
        assert "figures_vkey" in plan and "claims_value" in plan, plan
    db.close()
