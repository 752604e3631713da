"""The registry index (factcheck.registry.sqlindex): built on the first load, used by the next
ones, updated file by file when a registry changes, never trusted past a changed article,
rebuilt when damaged, skipped when unwritable, and invisible in the findings."""

from __future__ import annotations

import itertools
import json
import marshal
import os
import time
from pathlib import Path

import pytest

from factcheck.registry import cache as regcache, sqlbuild, sqlindex, store as registry
from factcheck.registry import files as regfiles, model as regmodel, sqllists, typedfile
from factcheck.check.checker import check
from factcheck.text.document import Document
from factcheck.errors import RegistryError
from factcheck.registry.extract import extract_claims
from factcheck.registry.files import dumps, sha256_text
from factcheck.registry.index import value_sig
from factcheck.registry.model import Source

APRIL = ("全市累计培育试点企业768家、特色产业园区13个，覆盖产业工人44.8万余人。"
         "设立校外教学点10个，培训点20个。全国劳模刘云清指导集训队，毕业生杨杰表示感谢。"
         "《江苏省集体协商条例》于2023年3月1日正式施行。")
MAY = ("截至5月底，全市累计培育试点企业820家、特色产业园区15个，覆盖产业工人47.6万余人。"
       "设立校外教学点10个，培训点25个。全国劳模刘云清指导集训队。")
JUNE = "全市累计培育试点企业831家、特色产业园区15个。设立校外教学点12个，培训点25个。"
DRAFT = ("全市累计培育试点企业820家，特色产业园区31个，覆盖产业工人约45万人。"
         "设立校外教学点10个，培训点25个。全国劳模刘云青指导集训队，毕业生杨杰指导了比赛。"
         "《江苏省集体谈判条例》已施行。\n")
OLD = time.time() - 3600  # older than RACY_SECONDS: trusted by size and time


@pytest.fixture(autouse=True)
def cache_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(folder))
    monkeypatch.delenv("FACTCHECK_NO_CACHE", raising=False)
    monkeypatch.setattr(registry, "MIN_BYTES", 0)  # these registries are small
    return folder


def make_archive(root: Path) -> Path:
    """Three registries with their articles, as `factcheck extract` writes them, all old."""
    claims, articles = root / "claims", root / "articles"
    claims.mkdir(parents=True)
    articles.mkdir()
    for sid, date, text in (("april", "2023-04-03", APRIL), ("may", "2023-05-26", MAY),
                            ("june", "2023-06-30", JUNE)):
        (articles / f"{sid}.txt").write_text(text, "utf-8")
        found = extract_claims(Document(f"{sid}.txt", text), sid, int(date[:4]))
        source = Source(id=sid, date=date, path=f"../articles/{sid}.txt", sha256=sha256_text(text))
        (claims / f"{sid}.json").write_text(dumps(source, found), "utf-8")
    age(root)
    return claims


def age(root: Path, when: float = OLD) -> None:
    for p in root.rglob("*"):
        if p.is_file():
            os.utime(p, (when, when))


def findings(reg) -> list[dict]:
    return [f.to_dict() for f in check(Document("draft.txt", DRAFT), reg)]


def replace(path: Path, data: bytes) -> None:
    """Rewrite a file as factcheck does (a new file renamed over it: a map of the old stays valid)."""
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("index-*.sqlite"))



def _from_files(claims, monkeypatch):
    """The registry in `claims` read from its files, the index left aside."""
    monkeypatch.setenv("FACTCHECK_NO_CACHE", "1")
    try:
        return registry.load([claims])
    finally:
        monkeypatch.delenv("FACTCHECK_NO_CACHE")

def test_built_then_read_instead_of_the_json(tmp_path, cache_dir, monkeypatch):
    claims = make_archive(tmp_path)
    plain = _from_files(claims, monkeypatch)
    first = registry.load([claims])
    assert len(cache_files(cache_dir)) == 1 and first._store is not None and plain._store is None
    monkeypatch.setattr(json, "loads", lambda *a, **k: pytest.fail("the JSON was parsed again"))
    for hashing in ("sha256_text", "_plain_utf8_sha256"):
        monkeypatch.setattr(regfiles, hashing, lambda *a: pytest.fail("an article was hashed"))
    second = registry.load([claims])
    assert second._store is not None
    assert list(second.sources.values()) == list(plain.sources.values())
    assert second.files == plain.files
    assert second.claims == first.claims == plain.claims


def test_findings_identical_without_index_first_and_later(tmp_path, monkeypatch):
    claims = make_archive(tmp_path)
    monkeypatch.setenv("FACTCHECK_NO_CACHE", "1")
    plain = findings(registry.load([claims]))
    monkeypatch.delenv("FACTCHECK_NO_CACHE")
    first = findings(registry.load([claims]))
    later_reg = registry.load([claims])
    later = findings(later_reg)
    assert later_reg._store is not None
    assert plain == first == later
    assert {f["rule"] for f in plain} >= {"figure-mismatch", "source-conflict", "name-mismatch",
                                          "role-mismatch", "document-title"}


def test_a_check_builds_only_the_claims_it_looks_at(tmp_path):
    claims = make_archive(tmp_path)
    reg = registry.load([claims])
    findings(reg)
    total = len(registry.load([claims]).claims)
    assert 0 < len(reg._store._built) < total


def test_source_conflicts_are_remembered_for_the_next_run(tmp_path, cache_dir):
    claims = make_archive(tmp_path)
    reg = registry.load([claims])
    expected = findings(reg)
    assert reg._store._new_conflicts
    reg._store.write_conflicts()  # what exit does
    again = registry.load([claims])
    assert findings(again) == expected
    assert not again._store._new_conflicts  # all found in the remembered ones


def test_only_narrows_an_indexed_registry(tmp_path, monkeypatch):
    claims = make_archive(tmp_path)
    indexed = registry.load([claims])
    monkeypatch.setenv("FACTCHECK_NO_CACHE", "1")
    plain = registry.load([claims])
    assert indexed._store is not None and plain._store is None
    a, b = regmodel.only(plain, ["may", "april"]), regmodel.only(indexed, ["may", "april"])
    assert list(a.sources) == list(b.sources) == ["april", "may"]
    assert a.claims == b.claims and findings(a) == findings(b)


def _retitle(path: Path, title: str) -> None:
    data = json.loads(path.read_text("utf-8"))
    data["source"]["title"] = title
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")


def test_a_changed_registry_file_alone_is_read_again(tmp_path, cache_dir, monkeypatch):
    claims = make_archive(tmp_path)
    registry.load([claims])
    _retitle(claims / "june.json", "六月")
    read = []
    real = typedfile.read_rows  # what the index reads a file with
    monkeypatch.setattr(typedfile, "read_rows", lambda p, raw: read.append(p.name) or real(p, raw))
    assert registry.load([claims]).sources["june"].title == "六月"
    assert read == ["june.json"]
    assert registry.load([claims]).sources["june"].title == "六月"  # too new: read again
    age(tmp_path, OLD + 60)
    read.clear()
    reg = registry.load([claims])  # the same bytes, a new time: re-stamped, not re-read
    assert reg.sources["june"].title == "六月" and read == [] and len(cache_files(cache_dir)) == 1
    registry.load([claims])
    assert read == []


def test_an_unchanged_index_is_not_synced_and_any_changed_stamp_is(tmp_path, monkeypatch):
    """Loading compares the index's files with the stamps itself (`store._current`): no
    `sqlbuild.sync` while every file keeps its path, order, size and time and none is recent;
    a new time, a recent file, a file removed or added each bring one."""
    claims = make_archive(tmp_path)
    registry.load([claims])
    synced = []
    real = sqlbuild.sync
    monkeypatch.setattr(sqlbuild, "sync", lambda *a: synced.append(1) or real(*a))

    def syncs() -> int:
        before = len(synced)
        registry.load([claims])
        return len(synced) - before
    assert syncs() == 0
    os.utime(claims / "may.json", (OLD + 60, OLD + 60))  # the same bytes, a new time
    assert (syncs(), syncs()) == (1, 0)
    (claims / "june.json").touch()  # recent: not trusted by its stamp until it is older
    assert (syncs(), syncs()) == (1, 1)
    age(tmp_path, OLD + 120)
    assert (syncs(), syncs()) == (1, 0)
    (claims / "april.json").rename(tmp_path / "april.json")
    assert (syncs(), syncs()) == (1, 0)
    (tmp_path / "april.json").rename(claims / "april.json")
    assert (syncs(), syncs()) == (1, 0)
    assert list(registry.load([claims]).sources) == ["april", "june", "may"]


def test_sources_added_and_removed_are_indexed_alone(tmp_path, cache_dir, monkeypatch):
    claims = make_archive(tmp_path)
    registry.load([claims])
    extra = registry.load([claims / "may.json"])  # another list of paths: another index
    assert len(cache_files(cache_dir)) == 2 and list(extra.sources) == ["may"]
    data = json.loads((claims / "may.json").read_text("utf-8"))
    data["source"]["id"] = "maybe"
    data["source"]["path"] = "../articles/may.txt"
    for c in data["claims"]:
        c["id"] = c["id"].replace("may", "maybe", 1)
    (claims / "maybe.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    age(tmp_path)
    read = []
    real = typedfile.read_rows  # what the index reads a file with
    monkeypatch.setattr(typedfile, "read_rows", lambda p, raw: read.append(p.name) or real(p, raw))
    reg = registry.load([claims])
    assert read == ["maybe.json"] and list(reg.sources) == ["april", "june", "may", "maybe"]
    plain = _from_files(claims, monkeypatch)
    assert reg.claims == plain.claims and findings(reg) == findings(plain)
    (claims / "april.json").unlink()
    reg = registry.load([claims])
    assert list(reg.sources) == ["june", "may", "maybe"]
    assert reg.claims == [c for c in plain.claims if c.source != "april"]


def test_a_source_registered_twice_is_the_same_error(tmp_path, monkeypatch):
    claims = make_archive(tmp_path)
    (claims / "zz.json").write_bytes((claims / "may.json").read_bytes())
    with pytest.raises(RegistryError) as indexed:
        registry.load([claims])
    monkeypatch.setenv("FACTCHECK_NO_CACHE", "1")
    with pytest.raises(RegistryError) as plain:
        registry.load([claims])
    assert indexed.value.line() == plain.value.line() and "registered twice" in plain.value.line()


def test_a_changed_article_is_stale_as_without_the_index(tmp_path, monkeypatch):
    claims = make_archive(tmp_path)
    registry.load([claims])
    assert registry.load([claims])._store is not None
    (tmp_path / "articles" / "may.txt").write_text(MAY + "补充。", "utf-8")
    with pytest.raises(RegistryError) as indexed:
        registry.load([claims])
    monkeypatch.setenv("FACTCHECK_NO_CACHE", "1")
    with pytest.raises(RegistryError) as plain:
        registry.load([claims])
    assert indexed.value.line() == plain.value.line()
    assert "factcheck extract" in indexed.value.line() and "may.txt" in indexed.value.line()


def test_a_touched_but_unchanged_article_is_hashed_not_stale(tmp_path, monkeypatch):
    claims = make_archive(tmp_path)
    registry.load([claims])
    age(tmp_path / "articles", OLD + 60)
    hashed = []
    real = regfiles._plain_utf8_sha256  # each article's bytes hashed
    monkeypatch.setattr(regfiles, "_plain_utf8_sha256", lambda p: hashed.append(p) or real(p))
    assert registry.load([claims])._store is not None
    assert len(hashed) == 3
    registry.load([claims])
    assert len(hashed) == 3  # verified with its new time


@pytest.mark.parametrize("damage", ["empty", "truncated", "garbage", "zeroed pages"])
def test_a_damaged_index_is_rebuilt_silently(tmp_path, cache_dir, damage):
    claims = make_archive(tmp_path)
    expected = findings(registry.load([claims]))
    (path,) = cache_files(cache_dir)
    for extra in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        extra.unlink(missing_ok=True)
    data = path.read_bytes()
    broken = {"empty": b"", "truncated": data[: len(data) // 2], "garbage": os.urandom(len(data)),
              "zeroed pages": data[:4096] + bytes(len(data) - 4096)}[damage]
    replace(path, broken)
    reg = registry.load([claims])
    assert findings(reg) == expected and reg._store is not None
    assert path.read_bytes()[:16] == b"SQLite format 3\x00"  # rebuilt
    assert findings(registry.load([claims])) == expected


def test_a_damaged_row_is_an_error_that_deletes_the_index(tmp_path, cache_dir):
    import sqlite3

    claims = make_archive(tmp_path)
    expected = registry.load([claims]).claims
    (path,) = cache_files(cache_dir)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE claims SET body = x'ff00ff'")
    with pytest.raises(RegistryError, match="index is damaged"):
        registry.load([claims]).claims
    assert not path.exists()
    assert registry.load([claims]).claims == expected


def test_an_unwritable_cache_folder_changes_nothing(tmp_path, monkeypatch):
    from factcheck.check.rules import names

    claims = make_archive(tmp_path)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(blocker / "cache"))
    first, second = registry.load([claims]), registry.load([claims])
    assert first._store is None and second._store is None
    names._reading_table.cache_clear()
    try:
        assert findings(first) == findings(second)
    finally:
        names._reading_table.cache_clear()  # the table found missing here: looked for again


def test_cache_folder_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.delenv("FACTCHECK_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert regcache.cache_dir() == tmp_path / "xdg" / "factcheck"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    assert regcache.cache_dir() == tmp_path / "home" / ".cache" / "factcheck"
    monkeypatch.setenv("FACTCHECK_NO_CACHE", "1")
    assert regcache.cache_dir() is None


def test_old_indexes_are_pruned(tmp_path, cache_dir, monkeypatch):
    monkeypatch.setattr(sqlindex, "KEEP", 2)
    claims = make_archive(tmp_path)
    for name in ("april", "may", "june"):
        registry.load([claims / f"{name}.json"])
        time.sleep(0.01)
    assert len(cache_files(cache_dir)) == 2


def test_the_cli_uses_the_index(tmp_path, cache_dir, run_cli):
    claims = make_archive(tmp_path)
    (tmp_path / "draft.txt").write_text(DRAFT, "utf-8")
    runs = [run_cli("check", str(tmp_path / "draft.txt"), "--claims", str(claims), "-f", "json")
            for _ in range(3)]
    assert len(cache_files(cache_dir)) == 1
    assert runs[0] == runs[1] == runs[2] and runs[0][0] == 1


def test_a_source_added_to_an_indexed_registry_is_checked_too(tmp_path):
    claims = make_archive(tmp_path)
    reg = registry.load([claims])
    assert reg._store is not None
    text = "全市累计培育试点企业900家。"
    reg.add(Source(id="july", date="2023-07-30"), extract_claims(Document("july", text), "july", 2023),
            Path("july.json"))
    assert reg._store is None
    assert any(c.source == "july" for c in reg.of_kind("number"))
    assert any(c.source == "july" for c in reg.index().candidates(reg.of_kind("number")[0]))


def test_small_registries_are_not_indexed(tmp_path, cache_dir, monkeypatch):
    monkeypatch.setattr(registry, "MIN_BYTES", 512_000)
    claims = make_archive(tmp_path)
    registry.load([claims])
    assert registry.load([claims])._store is None and not cache_files(cache_dir)


def test_lookups_answer_as_without_the_index(tmp_path, monkeypatch):
    claims = make_archive(tmp_path)
    indexed = registry.load([claims])
    monkeypatch.setenv("FACTCHECK_NO_CACHE", "1")
    plain = registry.load([claims])
    for kinds in (("number",), ("number", "date"), ("person",)):
        assert indexed.of_kind(*kinds) == plain.of_kind(*kinds)
    for c in plain.claims:
        assert indexed.with_value(c.kind, c.value) == plain.with_value(c.kind, c.value)
    a, b = indexed.index(), plain.index()
    for kind in ("number", "percent", "date"):
        assert a.by_kind(kind) == b.by_kind(kind)
    for d in plain.of_kind("number", "date"):
        assert a.candidates(d) == b.candidates(d) and a.anchored(d) == b.anchored(d)


def test_distinct_names_are_the_first_of_each_indexed_or_not(tmp_path, monkeypatch):
    claims = make_archive(tmp_path)
    registry.load([claims])
    indexed = registry.load([claims])
    monkeypatch.setenv("FACTCHECK_NO_CACHE", "1")
    plain = registry.load([claims])
    assert plain._store is None and indexed._store is not None
    for kinds in (("person",), ("person", "organisation"), ("law", "quote")):
        everything = plain.entities(*kinds)
        assert indexed.entities(*kinds) == everything
        expected = [e for i, e in enumerate(everything)
                    if all((o.kind, o.value, o.roles) != (e.kind, e.value, e.roles)
                           for o in everything[:i])]
        assert plain.distinct_entities(*kinds) == expected
        assert indexed.distinct_entities(*kinds) == expected
    assert len(plain.entities("person")) > len(plain.distinct_entities("person"))


def test_a_check_reads_the_index_as_it_was_when_loaded(tmp_path, monkeypatch):
    """Another process adding a source (which renumbers rows) does not change what a
    registry loaded before reads."""
    claims = make_archive(tmp_path)
    plain = _from_files(claims, monkeypatch)
    registry.load([claims])
    before = registry.load([claims])
    data = json.loads((claims / "may.json").read_text("utf-8"))
    data["source"]["id"] = "aaa"
    (claims / "aaa.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    _retitle(claims / "june.json", "六月")  # re-read: its rows are replaced
    age(tmp_path)
    after = registry.load([claims])  # sorts first: every row moves
    assert list(after.sources)[0] == "aaa"
    assert before.claims == plain.claims and findings(before) == findings(plain)
    assert after.claims[len(data["claims"]):] == plain.claims


NAME_KINDS = ("person", "organisation", "quote", "law")


def test_sentences_and_names_as_without_the_index_and_remembered(tmp_path, monkeypatch):
    claims = make_archive(tmp_path)
    plain = _from_files(claims, monkeypatch)
    want = {kinds: plain.sentences(*kinds) for kinds in (NAME_KINDS, ("person",), ("number",))}
    assert want[NAME_KINDS] and want[("number",)]
    assert want[NAME_KINDS] == list(dict.fromkeys(
        c.sentence for c in plain.claims if c.kind in NAME_KINDS and c.status != "ignored"))
    names = {k: plain.entities(k) for k in NAME_KINDS}
    first = registry.load([claims])
    assert {kinds: first.sentences(*kinds) for kinds in want} == want
    assert {k: first.entities(k) for k in NAME_KINDS} == names
    assert first._store._built == {}  # no claim was built for them
    # the next load answers from what the first remembered, without each file's name rows
    from factcheck.registry.sqlstore import SqlStore

    monkeypatch.setattr(SqlStore, "_names", lambda self: pytest.fail("name rows read again"))
    again = registry.load([claims])
    assert again.sentences(*NAME_KINDS) == want[NAME_KINDS]
    assert again.distinct_entities("person") == plain.distinct_entities("person")


def test_ignored_names_are_left_out_of_the_indexed_name_rows(tmp_path):
    claims = make_archive(tmp_path)
    path = claims / "may.json"
    data = json.loads(path.read_text("utf-8"))
    person = next(c for c in data["claims"] if c["kind"] == "person")
    person["status"] = "ignored"
    replace(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))
    age(tmp_path)
    reg = registry.load([claims])
    assert reg._store is not None
    assert person["text"] not in {str(e.value) for e in reg.entities("person")
                                  if reg.claim(e.row).source == "may"}
    assert reg.entities("person") == [
        regmodel.Entity(i, c.kind, c.value, c.subject, c.roles) for i, c in enumerate(reg.claims)
        if c.kind == "person" and c.status != "ignored"]


NOVEMBER = ("全市累计培育试点企业850家、特色产业园区15个。设立校外教学点10个，培训点25个。"
            "全国劳模刘云清指导集训队，毕业生杨洁表示感谢。")


def add_source(claims: Path, sid: str, text: str) -> None:
    """One more registry (and its article) in the archive, as `factcheck extract` writes it."""
    (claims.parent / "articles" / f"{sid}.txt").write_text(text, "utf-8")
    found = extract_claims(Document(f"{sid}.txt", text), sid, 2023)
    source = Source(id=sid, date="2023-11-30", path=f"../articles/{sid}.txt",
                    sha256=sha256_text(text))
    (claims / f"{sid}.json").write_text(dumps(source, found), "utf-8")
    age(claims.parent)


def plain_findings(claims: Path, monkeypatch) -> list[dict]:
    monkeypatch.setenv("FACTCHECK_NO_CACHE", "1")
    try:
        return findings(registry.load([claims]))
    finally:
        monkeypatch.delenv("FACTCHECK_NO_CACHE")


def remembered(cache_dir: Path) -> tuple[int, list[str], int]:
    import sqlite3

    (path,) = cache_files(cache_dir)
    db = sqlite3.connect(path)
    try:
        return (sqlindex.generation(db), sorted(n for n, in db.execute("SELECT DISTINCT name FROM memo")),
                db.execute("SELECT count(*) FROM conflicts").fetchone()[0])
    finally:
        db.close()


def memo_parts(cache_dir: Path) -> dict[str, int]:
    """How many parts each remembered list is kept in."""
    import sqlite3

    (path,) = cache_files(cache_dir)
    db = sqlite3.connect(path)
    try:
        return dict(db.execute("SELECT name, count(*) FROM memo GROUP BY name"))
    finally:
        db.close()


def test_a_list_of_many_parts_is_written_whole_again(tmp_path, cache_dir, monkeypatch):
    """Sources added one by one after the others append a part each, until a list holds
    `MAX_PARTS` more: it is then written whole, as one part, and reads the same."""
    from factcheck.registry import sqlbuild

    monkeypatch.setattr(sqlbuild, "MAX_PARTS", 2)
    claims = make_archive(tmp_path)
    findings(registry.load([claims]))
    name = "sentences:law,organisation,person,quote"
    counts = []
    for i, who in enumerate("洁婕捷"):  # each with a sentence of its own
        add_source(claims, f"z{i}", NOVEMBER.replace("杨洁", "杨" + who))
        registry.load([claims])
        counts.append(memo_parts(cache_dir)[name])
    assert counts == [2, 3, 1]
    kinds = ("person", "organisation", "quote", "law")
    plain = _from_files(claims, monkeypatch)
    reg = registry.load([claims])
    assert reg.sentences(*kinds) == plain.sentences(*kinds)
    assert reg.said(*kinds) == plain.said(*kinds)


def _remembered_then_added(tmp_path, cache_dir, monkeypatch, name):
    """An archive checked once (its answers remembered), then a source `name` added: the
    remembered answers are kept, and the check finds what a check without the index finds,
    the added source's conflicts among them. The archive's folder, the registry after the
    addition and its findings."""
    claims = make_archive(tmp_path)
    reg = registry.load([claims])
    findings(reg)
    reg._store.write_conflicts()  # what exit does
    before = remembered(cache_dir)
    assert before[1] and before[2]
    add_source(claims, name, NOVEMBER)
    after = registry.load([claims])
    assert remembered(cache_dir) == before  # kept, extended or moved
    got = findings(after)
    assert got == plain_findings(claims, monkeypatch)
    notes = [f["message"] for f in got if f["rule"] == "source-conflict"]
    assert any(name in n for n in notes)  # the added source's conflicts were found
    return claims, after, got


def test_a_source_added_after_the_others_keeps_what_was_remembered(tmp_path, cache_dir,
                                                                   monkeypatch):
    # november sorts after may: appended, each list's new rows a part of their own
    claims, after, got = _remembered_then_added(tmp_path, cache_dir, monkeypatch, "november")
    assert memo_parts(cache_dir)["sentences:law,organisation,person,quote"] == 2
    assert memo_parts(cache_dir)["said:law,organisation,person,quote"] == 2
    plain = _from_files(claims, monkeypatch)
    kinds = ("person", "organisation", "quote", "law")
    for name_kinds in (("person",), ("organisation",), kinds):
        assert after.entities(*name_kinds) == plain.entities(*name_kinds)
        assert after.distinct_entities(*name_kinds) == plain.distinct_entities(*name_kinds)
        assert after.sentences(*name_kinds) == plain.sentences(*name_kinds)
    assert after.said(*kinds) == plain.said(*kinds) == "\n".join(plain.sentences(*kinds))
    assert after.distinct_entities("person") == registry.load([claims]).distinct_entities("person")
    after._store.write_conflicts()
    assert findings(registry.load([claims])) == got


def test_a_source_added_between_the_others_keeps_what_was_remembered(tmp_path, cache_dir,
                                                                     monkeypatch):
    # autumn sorts between april and june: rows renumbered
    claims, after, got = _remembered_then_added(tmp_path, cache_dir, monkeypatch, "autumn")
    plain = _from_files(claims, monkeypatch)
    for kinds in (("person",), ("organisation",), ("person", "organisation", "quote", "law")):
        assert after.entities(*kinds) == plain.entities(*kinds)
        assert after.distinct_entities(*kinds) == plain.distinct_entities(*kinds)
        assert after.sentences(*kinds) == plain.sentences(*kinds)
    assert after.said("person", "organisation", "quote", "law") == \
        plain.said("person", "organisation", "quote", "law")
    after._store.write_conflicts()
    assert findings(registry.load([claims])) == got


def test_a_source_added_first_moves_the_remembered_rows(tmp_path, cache_dir, monkeypatch):
    claims = make_archive(tmp_path)
    reg = registry.load([claims])
    findings(reg)
    for kinds in (("person",), ("person", "organisation", "quote", "law")):
        reg.entities(*kinds), reg.distinct_entities(*kinds), reg.sentences(*kinds), reg.said(*kinds)
    reg._store.write_conflicts()
    generation, memo, _ = remembered(cache_dir)
    add_source(claims, "aaa", NOVEMBER + APRIL)  # sorts first: every row moves
    after = registry.load([claims])
    assert remembered(cache_dir)[:2] == (generation, memo)  # kept, moved
    plain = _from_files(claims, monkeypatch)
    for kinds in (("person",), ("person", "organisation", "quote", "law")):
        assert after.entities(*kinds) == plain.entities(*kinds)
        assert after.distinct_entities(*kinds) == plain.distinct_entities(*kinds)
        assert after.sentences(*kinds) == plain.sentences(*kinds)
        assert after.said(*kinds) == plain.said(*kinds) == "\n".join(plain.sentences(*kinds))
    assert findings(after) == findings(plain)


def test_a_source_added_between_the_others_joins_the_sentences_it_merged(tmp_path, cache_dir,
                                                                         monkeypatch):
    """The joined text of a list written whole again is made from the sentences just merged:
    the sentences list is not read back from the index for it."""
    claims = make_archive(tmp_path)
    reg = registry.load([claims])
    kinds = ("person", "organisation", "quote", "law")
    reg.sentences(*kinds), reg.said(*kinds)  # both remembered
    add_source(claims, "autumn", NOVEMBER)  # between april and june: rows move
    read, real = [], sqlbuild._parts
    monkeypatch.setattr(sqlbuild, "_parts", lambda db, name: read.append(name) or real(db, name))
    after = registry.load([claims])
    assert read.count("sentences:law,organisation,person,quote") == 1  # merged, not read again
    plain = _from_files(claims, monkeypatch)
    assert after.said(*kinds) == plain.said(*kinds) == "\n".join(plain.sentences(*kinds))


@pytest.mark.parametrize("cuts", [[(0, 0)], [(0, 5)], [(0, 0), (4, 3)], [(0, 2), (3, 0), (7, 9)]])
def test_remembered_rows_move_as_each_would_alone(cuts):
    """`_moved` cuts a list in registry order where the shift changes; a list out of order
    has each row moved alone. Either way each row gets the shift of the cut it falls in."""
    def alone(row: int) -> int:
        return row + [s for start, s in cuts if start <= row][-1]

    held = [(r, f"s{r}") for r in (0, 1, 3, 4, 6, 7, 8, 12)]
    for rows in (held, held[::-1]):
        moved = sqlbuild._moved(rows, cuts)
        assert moved == [(alone(r), s) for r, s in rows]
    unmoved = [r for r in held if alone(r[0]) == r[0]]
    kept = sqlbuild._moved(held, cuts)
    assert all(any(m is r for m in kept) for r in unmoved)  # rows that stay are not made again


def test_the_files_rows_are_read_in_registry_order_after_a_file_added_first(tmp_path):
    """Loading reads the index's files in their table's order and sorts them by their place
    only when a file added among the others put them out of it: in registry order either way."""
    claims = make_archive(tmp_path)
    registry.load([claims])
    add_source(claims, "aaa", NOVEMBER + APRIL)  # sorts first, with the largest id
    registry.load([claims])  # indexes it
    reg = registry.load([claims])
    assert list(reg.sources) == ["aaa", "april", "june", "may"]
    assert [str(reg.files[s]) for s in reg.sources] == sorted(map(str, claims.glob("*.json")))
    store = reg._store
    assert store._ids != sorted(store._ids) and store._bases == sorted(store._bases)
    assert [store.source_of(b) for b in store._bases] == list(reg.sources)


def test_joined_sentences_are_kept_as_utf16_and_read_back_whole(tmp_path, cache_dir,
                                                                 monkeypatch):
    import sqlite3

    odd = "刘云清\n\U0001f600 \ud800 end"  # a character beyond 16 bits, a lone surrogate
    assert sqlindex.joined_text([(sqlindex.joined_body(odd),)]) == odd
    assert sqlindex.joined_text([(sqlindex.joined_body(odd[:4]),),
                                 (sqlindex.joined_body(odd[4:]),)]) == odd  # parts go on
    assert sqlindex.joined_body("全市") == "全市".encode("utf-16-le")
    claims = make_archive(tmp_path)
    kinds = ("person", "organisation", "quote", "law")
    text = registry.load([claims]).said(*kinds)
    assert text == _from_files(claims, monkeypatch).said(*kinds)
    (path,) = cache_files(cache_dir)
    db = sqlite3.connect(path)
    try:
        (body,), = db.execute("SELECT body FROM memo WHERE name LIKE ?", (sqlindex.JOINED + "%",))
    finally:
        db.close()
    assert body.decode("utf-16-le") == text
    from factcheck.registry import sqllists

    monkeypatch.setattr(sqllists.NameLists, "sentences",  # read back, not joined again
                        lambda *a: pytest.fail("the joined text was not read back"))
    assert registry.load([claims]).said(*kinds) == text


def test_joined_sentences_are_read_as_utf16_undecoded_and_damaged_ones_written_again(
        tmp_path, cache_dir, monkeypatch):
    import sqlite3

    claims = make_archive(tmp_path)
    kinds = ("person", "organisation", "quote", "law")
    text = _from_files(claims, monkeypatch).said(*kinds)
    assert _from_files(claims, monkeypatch).said_units(*kinds) == sqlindex.joined_body(text)
    registry.load([claims]).said(*kinds)  # the index keeps the text
    monkeypatch.setattr(sqlindex, "joined_text",
                        lambda *a: pytest.fail("the kept text was decoded"))
    monkeypatch.setattr(sqllists.NameLists, "sentences",
                        lambda *a: pytest.fail("the joined text was not read back"))
    from factcheck.registry.sqlstore import SqlStore

    read, real = [], SqlStore._blob
    monkeypatch.setattr(SqlStore, "_blob", lambda self, *a: read.append(a) or real(self, *a))
    assert registry.load([claims]).said_units(*kinds) == sqlindex.joined_body(text)
    assert [a[:2] for a in read] == [("memo", "body")]  # by incremental I/O, not a query
    monkeypatch.undo()
    (path,) = cache_files(cache_dir)
    for damaged in ("刘云清", b"\x00"):  # a string, bytes of odd length: joined again
        db = sqlite3.connect(path)
        with db:
            db.execute("UPDATE memo SET body=? WHERE name LIKE ?", (damaged, sqlindex.JOINED + "%"))
        db.close()
        assert registry.load([claims]).said_units(*kinds) == sqlindex.joined_body(text)
        assert registry.load([claims]).said(*kinds) == text  # and kept whole again


def test_joined_sentences_read_as_units_are_not_read_again_as_text(tmp_path, cache_dir):
    """A check that asks the units (the substitution rule) and then the text (the people
    rules) reads the kept sentences from the index once."""
    from factcheck.registry.sqlstore import SqlStore

    claims = make_archive(tmp_path)
    kinds = ("person", "organisation", "quote", "law")
    text = registry.load([claims]).said(*kinds)  # the index keeps the text
    reg = registry.load([claims])
    read, real = [], SqlStore._memo_parts
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(SqlStore, "_memo_parts", lambda self, name: read.append(name) or real(self, name))
        assert reg.said_units(*kinds) == sqlindex.joined_body(text)
        assert reg.said(*kinds) == text
    assert read == [sqlindex.JOINED + ",".join(sorted(kinds))]


def test_a_source_appended_while_loading_is_not_read_halfway(tmp_path, monkeypatch):
    claims = make_archive(tmp_path)
    findings(registry.load([claims]))
    real = registry._articles
    done = []

    def another_process_appends(*args):  # between reading the files and the claims
        real(*args)
        if not done:
            done.append(1)
            add_source(claims, "november", NOVEMBER)
            registry.load([claims])  # brings the index up to date: one more file, same generation
    monkeypatch.setattr(registry, "_articles", another_process_appends)
    with pytest.raises(RegistryError, match="changed"):
        registry.load([claims])
    assert done


SLOTS_SOURCE = ("这台巡检机器人由北方智能装备研究院研制，核心芯片由华东集成电路研究所设计。"
                "公司发言人表示，Microsoft 昨天与本地电力公司签约采购风电80兆瓦，"
                "包括星河科技、云帆电子等大厂都开始要求使用绿电。")
SLOTS_DRAFT = ("这台巡检机器人由华东集成电路研究所研制，核心芯片由北方智能装备研究院设计。\n"
               "Oracle 昨天与本地电力公司签约采购风电80兆瓦。设立校外教学点10个。\n")


def _slots_of(claims, rows, draft: str) -> dict[int, list]:
    """Each organisation claim's slots in the draft (`substitutions._slots`), by row."""
    from factcheck.check.rules import substitutions as subs

    out = {}
    for r in rows:
        c = claims[r]
        found = [s for left, right in subs._contexts(c.sentence, str(c.value))
                 if not (left.endswith("、") or right.startswith("、"))
                 for s in subs._slots(draft, draft, left, right)]
        if found:
            out[r] = found
    return out


def test_the_indexed_slot_lookup_finds_the_slots_a_full_scan_finds(tmp_path, monkeypatch):
    from factcheck.check.rules import substitutions as subs
    from factcheck.check.rules.substitutions import compact
    from factcheck.registry import sqlnames

    claims = make_archive(tmp_path)
    found = extract_claims(Document("robot.txt", SLOTS_SOURCE), "robot", 2024)
    (tmp_path / "articles" / "robot.txt").write_text(SLOTS_SOURCE, "utf-8")
    source = Source(id="robot", date="2024-05-01", path="../articles/robot.txt",
                    sha256=sha256_text(SLOTS_SOURCE))
    (claims / "robot.json").write_text(dumps(source, found), "utf-8")
    age(tmp_path)
    plain = _from_files(claims, monkeypatch)
    registry.load([claims])  # builds the index
    indexed = registry.load([claims])
    assert plain.index().slot_words is None and indexed.index().slot_words is not None
    draft = compact(Document("draft.txt", SLOTS_DRAFT).norm, "|")[0]
    every = [r for r, c in enumerate(plain.claims) if c.kind == "organisation"]
    scanned = _slots_of(plain.claims, every, draft)
    words = indexed.index().slot_words(draft)
    held = indexed.index().slot_rows([w for w, *_ in words])
    for row, _, w in held:  # the words kept are those a full scan compares
        c = plain.claims[row]
        assert dict((w, rest) for w, *rest in words)[w] == \
            [str(c.value), subs._contexts(c.sentence, str(c.value))]
    looked_up = _slots_of(plain.claims, [row for row, *_ in held], draft)
    monkeypatch.setattr(sqlnames, "SLOT_PROBES", 0)  # a long draft: its four-grams among the index's
    assert indexed.index().slot_words(draft) == words
    assert len(scanned) >= 3  # the two swapped research bodies and Microsoft's slot
    assert looked_up == scanned
    doc = Document("draft.txt", SLOTS_DRAFT)
    assert [f.to_dict() for f in check(doc, indexed)] == [f.to_dict() for f in check(doc, plain)]
    assert sum(f.rule == "name-mismatch" for f in check(doc, plain)) >= 3


def test_the_sources_naming_a_body_are_asked_one_at_a_time_then_read_all(tmp_path, monkeypatch):
    """`body_sources` answers `in` as the set of every source naming a body would, reading one
    source's rows a question (none of the others') and every row after `Naming.ASKED`."""
    from factcheck.registry import sqlnames

    claims = make_archive(tmp_path)
    registry.load([claims])  # builds the index
    indexed = registry.load([claims])
    plain = _from_files(claims, monkeypatch)
    orgs = [c for c in plain.claims if c.kind == "organisation"]
    named = sorted({str(c.value) for c in orgs if c.source == "april"})
    want = {c.source for c in orgs if str(c.value) in named}
    assert len(want) >= 2
    bodies, read = indexed._store.bodies, []
    real = bodies._query
    bodies._query = lambda sql, args=(): read.append(found := real(sql, args)) or found
    about = indexed.index().body_sources(named)
    asked: set[str] = set()
    for sid in [*plain.sources, "nobody"]:
        asked.add(sid)
        assert (sid in about) is (sid in want), sid
        assert sum(map(len, read)) == len(want & asked)  # a row a source asked about naming one
    monkeypatch.setattr(sqlnames.Naming, "ASKED", 1)
    about = indexed.index().body_sources(named)
    assert [sid in about for sid in [*plain.sources, "nobody"]] == \
        [sid in want for sid in [*plain.sources, "nobody"]]


def test_the_quick_compaction_indexing_uses_is_the_rule_s():
    """`index.compact_text` (indexing) gives `compact`'s text (the rule's) for every mix of
    skipped characters, punctuation classes and their repeats."""
    import itertools

    from factcheck.registry.index import compact, compact_text

    marks = " *\n，：;|。！?“」工"
    for n in range(5):
        for chars in itertools.product(marks, repeat=n):
            text = "会" + "".join(chars) + "会"
            assert compact_text(text) == compact(text)[0], text


def test_a_new_index_is_left_in_wal_mode_and_finds_a_removed_file_s_rows(tmp_path, cache_dir):
    """A new index is written with the rollback journal and set back to WAL (checks read
    while another process updates it); its by-file indexes come with the first file
    dropped, whose rows are then gone from every table."""
    import sqlite3

    claims = make_archive(tmp_path)
    registry.load([claims])
    db = sqlite3.connect(cache_files(cache_dir)[0])
    indexes = {n for n, in db.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert "bodies_file" not in indexes and "claims_kind" in indexes
    (claims / "april.json").unlink()
    registry.load([claims])
    indexes = {n for n, in db.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"bodies_file", "slots_file"} <= indexes
    files = {f for f, in db.execute("SELECT id FROM files")}
    for table in ("claims", "sentences", "slots", "bodies"):
        assert {f for f, in db.execute(f"SELECT DISTINCT file FROM {table}")} <= files, table
    db.close()


def test_each_indexed_value_key_is_the_value_key_of_its_claim(tmp_path):
    """Indexing keeps `value_key`'s text by the value's type and text: the same text of
    another type (a number 5, a score "5") is another value, and equal numbers written
    apart (10, 1E+1) are one."""
    from decimal import Decimal

    from factcheck.registry.claim import FIGURE_KINDS, Claim
    from factcheck.registry.index import value_key

    values = [("number", Decimal("5")), ("score", "5"), ("number", Decimal("1E+1")),
              ("number", Decimal("10")), ("date", "2023-04-03"), ("number", Decimal("5"))]
    made = [Claim(kind=kind, text=str(value), start=i, end=i + 1, line=1, column=i,
                  end_column=i + 1, value=value, id=f"c{i}")
            for i, (kind, value) in enumerate(values)]
    path = tmp_path / "claims" / "a.json"
    path.parent.mkdir()
    path.write_text(dumps(Source(id="a"), made), "utf-8")
    db = sqlindex.connect(tmp_path / "index.sqlite")
    assert sqlbuild.sync(db, [path])
    held = dict(db.execute("SELECT c.seq, f.vkey FROM claims c JOIN figures f ON f.id = c.value"))
    claims = regfiles.load_file(path)[1]
    want = {seq: repr(value_key(c.value)) for seq, c in enumerate(claims) if c.kind in FIGURE_KINDS}
    assert held == want and len(set(want.values())) == 4
    db.close()


def test_the_rows_indexing_reads_are_the_claims_fields(tmp_path):
    """`load_file(..., rows=True)` (what indexing reads) gives each claim's fields as a
    `Claim` of it has them, absent fields at their defaults."""
    claims_dir = make_archive(tmp_path)
    path = claims_dir / "april.json"
    data = json.loads(path.read_text("utf-8"))
    for c in data["claims"][::2]:  # some entries without their optional fields
        for key in ("note", "qualifier", "roles", "start", "end", "low_open"):
            c.pop(key, None)
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    source, claims = regfiles.load_file(path)
    again, rows = regfiles.load_file(path, rows=True)
    assert again == source and len(rows) == len(claims) >= 10
    assert all(type(r) is regfiles.ClaimRow for r in rows)
    assert [tuple(r) for r in rows] == [sqlindex.row_fields(c) for c in claims]
    assert [sqlindex.row_sig(tuple(r)) for r in rows] == list(map(value_sig, claims))


def test_a_row_s_value_signature_is_its_claim_s():
    """`row_sig` reads a figure's `value_sig` from its row (Decimals as their text), as
    `value_sig` reads it from the claim, for numbers written any way, dates and names."""
    from decimal import Decimal

    from factcheck.registry.claim import Claim

    made = [Claim(kind=kind, text="x", start=0, end=1, line=1, column=1, end_column=2,
                  value=value, low=low, high=high, low_open=True, unit="家")
            for kind, value in (("number", Decimal("1.50")), ("number", Decimal("1E+1")),
                                ("number", Decimal("-0")), ("number", None), ("date", "2023"),
                                ("person", "张三"), ("percent", Decimal("123456789012345678E-30")))
            for low, high in ((None, None), (Decimal("1.5"), Decimal("2E+3")))]
    assert [sqlindex.row_sig(sqlindex.row_fields(c)) for c in made] == list(map(value_sig, made))


def test_a_claim_s_anchors_follow_from_its_shape():
    """Indexing finds `claim_anchors` once a shape (`shape_key`): a figure differing in all
    the shape leaves out has the same anchors."""
    from decimal import Decimal

    from factcheck.registry.claim import FIGURE_KINDS
    from factcheck.registry.index import claim_anchors, shape_key

    figures = [c for c in registry.load().claims if c.kind in FIGURE_KINDS]
    alike = 0
    for c in figures:
        other = c.with_(value=Decimal("7"), low=None, high=None, text="七", id="x", line=99,
                        start=c.start + 9, end=c.end + 9, sentence="", note="n", source="s")
        if shape_key(other) == shape_key(c):
            assert claim_anchors(other) == claim_anchors(c), c.text
            alike += 1
    assert alike > 20


PEOPLE = (("王", ("记者",)), ("王伟", ("记者", "中工网记者")), ("刘云清", ("全国劳模", "指导")),
          ("德米特里·亚历山德罗维奇", ("大使",)), ("穆哈卜·马米什", ("发言人", "外交部发言人")),
          ("马米什", ("发言人",)), ("刘云青", ("劳模",)), ("杨杰", ("毕业生", "毕")))


def _people_archive(root: Path) -> Path:
    """make_archive's registries and one more naming PEOPLE (one of them ignored)."""
    import dataclasses

    claims = make_archive(root)
    base = next(c for c in extract_claims(Document("april.txt", APRIL), "april", 2023)
                if c.kind == "person")
    people = [dataclasses.replace(base, value=v, text=v, subject=v, roles=r, id=f"p{i}", source="people")
              for i, (v, r) in enumerate(PEOPLE)]
    people.append(dataclasses.replace(people[1], value="王伟伟", id="ignored", status="ignored"))
    source = Source(id="people", date="2023-07-01")
    (claims / "people.json").write_text(dumps(source, people), "utf-8")
    age(root)
    return claims


def _held(name: str, text: str, pos) -> bool:
    """What a lookup of (text, pos) means, written out apart from `model.holding`."""
    if pos is None:
        return text != "" and any(name[i:].startswith(text) for i in range(len(name)))
    return len(name) <= 1 if pos < 0 else pos < len(name) and name[pos:].startswith(text)


def _keys(name: str) -> list[tuple[str, int]]:
    """The rest of a name from each place, and ("", -1) for a name of one character or none."""
    return [(name[at:], at) for at in range(len(name))] + ([("", -1)] if len(name) <= 1 else [])


def test_people_looked_up_in_the_index_are_those_a_walk_of_every_person_finds(tmp_path, monkeypatch):
    """`people_at` and `people_with_roles` through the index give exactly the people a walk
    of `entities("person")` accepts, in registry order (a key left out of
    `index.person_keys`, a one-character name's or a name's end, fails it)."""
    claims = _people_archive(tmp_path)
    plain = _from_files(claims, monkeypatch)
    registry.load([claims])
    indexed = registry.load([claims])
    assert indexed._store is not None and plain._store is None
    every = plain.entities("person")
    assert len(every) >= len(PEOPLE)
    names = {str(e.value) for e in every} | {"马米", "米什", "王", "云", "·", "亚历山德", "刘云", "张三"}
    probes = {(n[i:j], pos) for n in names for i in range(len(n)) for j in range(i + 1, len(n) + 1)
              for pos in (None, 0, 1, 2, 5)} | {("", -1), ("", 0), ("", 1), ("", None)}
    for text, pos in sorted(probes, key=str):
        want = [e for e in every if _held(str(e.value), text, pos)]
        assert indexed.people_at([(text, pos)]) == plain.people_at([(text, pos)]) == want, (text, pos)
    some = sorted(probes, key=str)[::7]
    want = [e for e in every if any(_held(str(e.value), t, p) for t, p in some)]
    assert indexed.people_at(some) == plain.people_at(some) == want
    for keep in (lambda key, pos: pos < 0 or len(key) == 3, lambda key, pos: pos == 1 and "云" in key):
        kept = [e for e in want if any(keep(key, at) for key, at in _keys(str(e.value))
                                       for text, pos in some if key.startswith(text)
                                       and (pos == at or pos is None and at >= 0 and text))]
        assert 0 < len(kept) < len(want)
        assert indexed.people_at(some, keep) == plain.people_at(some, keep) == kept
    roles = {r[i:j] for _, rs in PEOPLE for r in rs for i in range(len(r)) for j in range(i + 1, len(r) + 1)}
    for role in sorted(roles):
        want = [e for e in every if len(role) >= 2 and role in e.roles]
        assert indexed.people_with_roles([role]) == plain.people_with_roles([role]) == want, role
    assert indexed.people_with_roles(roles) == [e for e in every if roles & {r for r in e.roles if len(r) >= 2}]


def test_figure_ids_follow_the_value_signature(tmp_path):
    """A figure's value id (`_Batch._figure`, known by its fields when they are text) is
    shared exactly by the figures whose `row_sig` is equal: 10 and 1E+1, or a lone and an
    open bound, stay apart."""
    from decimal import Decimal

    from factcheck.registry.claim import Claim

    def made(value, low=None, low_open=False, kind="number"):
        return Claim(kind=kind, text="x", start=0, end=1, line=1, column=1, end_column=2,
                     value=value, low=low, low_open=low_open, unit="家")

    claims = [made(Decimal("10")), made(Decimal("1E+1")), made(Decimal("10")),
              made(Decimal("10"), Decimal("10")), made(Decimal("10"), Decimal("10"), True),
              made(Decimal("10"), Decimal("10"), True), made("2023", kind="date"),
              made("2023", kind="date"), made(None)]
    rows = [sqlindex.row_fields(c) for c in claims]
    db = sqlindex.connect(tmp_path / "index.sqlite")
    batch = sqlbuild._Batch(db, fresh=True)
    from factcheck.registry.index import figure_range, value_key
    ids = [batch._figure(f, figure_range, value_key) for f in rows + rows]
    sigs = [sqlindex.row_sig(f) for f in rows + rows]
    assert all((a == b) == (sa == sb) for a, sa in zip(ids, sigs) for b, sb in zip(ids, sigs))
    assert len(set(ids)) == 6
    db.close()


def test_name_rows_are_kept_for_the_merge_only_when_something_is_remembered(tmp_path):
    """A build keeps each added file's name rows for `_renumber` to merge into remembered
    name lists; with none remembered (a new index) it keeps the paths alone (memory)."""
    import marshal

    claims_dir = make_archive(tmp_path)
    files = sorted(claims_dir.glob("*.json"))
    db = sqlindex.connect(tmp_path / "index.sqlite")
    batches = []
    real = sqlbuild._Batch.flush

    def flush(self):
        batches.append(self)
        real(self)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sqlbuild._Batch, "flush", flush)
        assert sqlbuild.sync(db, files[:2])
        # the new index's build remembered its name lists (`sqllists.BuiltLists`)
        assert marshal.loads(db.execute("SELECT body FROM memo WHERE name='organisation'")
                             .fetchone()[0])
        assert sqlbuild.sync(db, files)
    fresh, added = batches
    assert set(fresh.names) == set(map(os.path.abspath, files[:2]))
    assert all(rows == () for rows in fresh.names.values())
    assert list(added.names) == [os.path.abspath(files[2])]
    assert any(added.names.values())  # the added file's people, organisations, quotes
    db.close()


def test_a_build_gives_back_its_page_cache(tmp_path):
    """`sync` writes with a large page cache and sets the connection's back when done, so the
    check that follows on the same connection holds no more pages than a later one."""
    files = sorted(make_archive(tmp_path).glob("*.json"))
    db = sqlindex.connect(tmp_path / "index.sqlite")
    db.execute("PRAGMA cache_size=-1234")
    assert sqlbuild.sync(db, files)
    assert db.execute("PRAGMA cache_size").fetchone()[0] == -1234
    db.close()


def test_missing_articles_are_not_read_again_on_every_load(tmp_path, monkeypatch):
    """Registries kept without their articles (a claims folder on its own): loading through
    the index `stat`s each article once and, finding none, asks nothing more of it."""
    claims = make_archive(tmp_path)
    for article in (tmp_path / "articles").iterdir():
        article.unlink()
    registry.load([claims])
    asked = []
    real = regfiles.article_matches
    monkeypatch.setattr(regfiles, "article_matches", lambda *a, **k: asked.append(1) or real(*a, **k))
    assert registry.load([claims])._store is not None
    assert asked == []
    (tmp_path / "articles" / "may.txt").write_text(MAY + "补充。", "utf-8")  # back, and changed
    with pytest.raises(RegistryError, match="stale"):
        registry.load([claims])
    assert asked  # the article is there again: compared, and found changed


def _kept_files(cache_dir: Path) -> tuple[object, list[tuple]]:
    """The value keeping the index's files (None when dropped) and the table's rows."""
    import sqlite3

    (path,) = cache_files(cache_dir)
    db = sqlite3.connect(path)
    try:
        kept = db.execute("SELECT value FROM meta WHERE key='files'").fetchone()
        try:
            value = None if kept is None else marshal.loads(kept[0])
        except ValueError:
            value = kept[0]
        return value, sqlindex.table_files(db)
    finally:
        db.close()


def test_the_files_rows_are_kept_as_one_value_after_every_change(tmp_path, cache_dir):
    """Building, verifying articles and adding sources (after the others and among them) each
    end with the files' rows kept as one value, equal to their table in registry order."""
    claims = make_archive(tmp_path)
    registry.load([claims])  # built, then every article verified
    kept, table = _kept_files(cache_dir)
    assert kept == table and len(table) == 3 and [r[9] for r in table] == [
        str(tmp_path / "articles" / f"{s}.txt") for s in ("april", "june", "may")]
    for sid in ("zzz", "bbb"):  # after the others, then among them
        add_source(claims, sid, NOVEMBER + JUNE)
        registry.load([claims])
        kept, table = _kept_files(cache_dir)
        assert kept == table
    assert [r[0].rsplit("/", 1)[1] for r in table] == sorted(p.name for p in claims.glob("*.json"))
    assert [r[5] for r in table] == [0, *itertools.accumulate(r[6] for r in table[:-1])]


def test_any_change_to_the_files_drops_the_kept_rows_and_loading_reads_the_table(
        tmp_path, cache_dir, monkeypatch):
    """A file row changed by anything but the writers that keep them again drops the kept
    value (a trigger); loading then reads the table, keeps its rows again for the next load,
    and the checks find what they found."""
    import sqlite3

    claims = make_archive(tmp_path)
    before = findings(registry.load([claims]))
    (path,) = cache_files(cache_dir)
    db = sqlite3.connect(path)
    db.execute("UPDATE files SET racy=0")
    db.commit()
    db.close()
    assert _kept_files(cache_dir)[0] is None
    read = []
    real = sqlindex.table_files
    monkeypatch.setattr(sqlindex, "table_files", lambda db: read.append(1) or real(db))
    assert findings(registry.load([claims])) == before
    assert read  # from the table
    kept, table = _kept_files(cache_dir)
    assert kept == table  # kept again
    read.clear()
    assert findings(registry.load([claims])) == before
    assert not read


@pytest.mark.parametrize("damage", ["other rows", "not marshal", "not a list"])
def test_kept_files_rows_that_disagree_with_the_table_are_not_trusted(tmp_path, cache_dir,
                                                                      damage, monkeypatch):
    """Kept rows that do not say what the table says are not trusted: loading finds the files
    changed, finds the table current and keeps the table's rows again; a value that is no
    list of rows is passed over for the table, whose rows are then kept again. Findings
    unchanged either way, and the next load reads the kept rows."""
    import sqlite3

    claims = make_archive(tmp_path)
    before = findings(registry.load([claims]))
    kept, table = _kept_files(cache_dir)
    value = {"other rows": marshal.dumps([(r[0], r[1] + 1, *r[2:]) for r in table]),
             "not marshal": b"\xff\x00 not marshal", "not a list": marshal.dumps(7)}[damage]
    (path,) = cache_files(cache_dir)
    db = sqlite3.connect(path)
    db.execute("UPDATE meta SET value=? WHERE key='files'", (value,))
    db.commit()
    db.close()
    read = []
    real = sqlindex.table_files
    monkeypatch.setattr(sqlindex, "table_files", lambda db: read.append(1) or real(db))
    assert findings(registry.load([claims])) == before
    assert read
    assert _kept_files(cache_dir) == (table, table)
    read.clear()
    assert findings(registry.load([claims])) == before
    assert not read  # the kept rows again


def test_files_rows_are_kept_again_only_when_the_index_can_be_written(tmp_path, cache_dir,
                                                                     monkeypatch):
    """An index locked by another writer is still read (its files' rows from their table)
    and left as it is: the load finds what it found, and keeps the rows at a later load."""
    import sqlite3

    claims = make_archive(tmp_path)  # old files: a load with the index current writes nothing
    before = findings(registry.load([claims]))
    (path,) = cache_files(cache_dir)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("UPDATE files SET racy=0")  # drops the kept value
    db.execute("BEGIN IMMEDIATE")  # another writer holds the index
    real = sqlindex.connect

    def impatient(where):  # waits 50 ms for the lock, not 30 s
        conn = real(where)
        conn.execute("PRAGMA busy_timeout=50")
        return conn

    try:
        with monkeypatch.context() as mp:
            mp.setattr(sqlindex, "connect", impatient)
            locked = registry.load([claims])
            assert locked._store is not None  # through the index
            assert findings(locked) == before
    finally:
        db.execute("ROLLBACK")
        db.close()
    assert _kept_files(cache_dir)[0] is None  # not kept: the index was locked
    registry.load([claims])
    kept, table = _kept_files(cache_dir)
    assert kept == table


def test_a_new_index_places_its_files_as_it_writes_them(tmp_path, cache_dir, monkeypatch):
    """A new index's files are written with their place in registry order (no statement
    updates them after); a file added among the others moves those after it."""
    import sqlite3

    claims = make_archive(tmp_path)
    statements: list[str] = []
    real = sqlindex.connect

    def traced(path):
        db = real(path)
        db.set_trace_callback(statements.append)
        return db

    monkeypatch.setattr(sqlindex, "connect", traced)
    registry.load([claims])
    assert any(s.startswith("INSERT INTO files") for s in statements)
    assert not [s for s in statements if s.startswith("UPDATE files SET ord")]
    add_source(claims, "bbb", NOVEMBER + JUNE)
    registry.load([claims])
    assert [s for s in statements if s.startswith("UPDATE files SET ord")]
    (path,) = cache_files(cache_dir)
    db = sqlite3.connect(path)
    rows = db.execute("SELECT ord, base, n FROM files ORDER BY ord").fetchall()
    db.close()
    assert [r[0] for r in rows] == list(range(4))
    assert [r[1] for r in rows] == [0, *itertools.accumulate(r[2] for r in rows[:-1])]


def test_the_console_script_closes_the_index_at_exit(tmp_path, cache_dir):
    """A check through the index closes its connection at exit though it skips the cycle
    collector's last pass (the store is freed by it): the last close checkpoints the index and
    removes its write-ahead log and shared memory, as SQLite does."""
    import subprocess
    import sys

    claims = make_archive(tmp_path)
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, "utf-8")
    code = ("import sys\n"
            "from factcheck.registry import store\n"
            "from factcheck.cli import entry\n"
            "store.MIN_BYTES = 0\n"
            f"sys.argv = ['factcheck', 'check', {str(draft)!r}, '--claims', {str(claims)!r}, '-q']\n"
            "entry.main()\n")
    for _ in range(2):  # the run that builds the index, then one that reads it
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              env={**os.environ, "FACTCHECK_CACHE_DIR": str(cache_dir)})
        assert done.returncode in (0, 1), done.stderr
        names = sorted(p.name for p in cache_dir.iterdir())
        assert any(n.startswith("index-") and n.endswith(".sqlite") for n in names)
        assert not [n for n in names if n.endswith(("-wal", "-shm"))], names


def test_a_store_closes_only_the_connections_its_own_process_opened(tmp_path):
    """A forked worker's copy of its parent's connection is left open at the worker's exit:
    closing it there could checkpoint the index under the parent."""
    import sqlite3

    from factcheck.registry import sqlstore

    db = sqlite3.connect(tmp_path / "x.sqlite")
    sqlstore._close_all([(os.getpid() + 1, db)])  # another process's
    assert db.execute("SELECT 1").fetchone() == (1,)
    sqlstore._close_all([(os.getpid(), db)])
    with pytest.raises(sqlite3.ProgrammingError):
        db.execute("SELECT 1")
