"""Loading an indexed registry without a `Source` or `Path` for each of its files: each built
when read, the articles checked by their stamps, `check -o` answered from what loading
`stat`ed (`Registry.inputs`), the stamps compared as the index's rows are read."""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

import pytest

from factcheck.check.findings import ClaimRef, Finding, Severity
from factcheck.cli.runner import cited
from factcheck.errors import RegistryError
from factcheck.registry import sqlbuild, sqlindex, store
from tests.perf.test_sqlindex import MAY, OLD, age, make_archive


@pytest.fixture(autouse=True)
def indexed(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("FACTCHECK_NO_CACHE", raising=False)
    monkeypatch.setattr(store, "MIN_BYTES", 0)  # these registries are small


def _plain(claims: Path, monkeypatch, check_stale: bool = True):
    monkeypatch.setenv("FACTCHECK_NO_CACHE", "1")
    try:
        return store.load([claims], check_stale)
    finally:
        monkeypatch.delenv("FACTCHECK_NO_CACHE")


def test_an_indexed_registry_builds_only_the_sources_it_is_asked_for(tmp_path, monkeypatch):
    claims = make_archive(tmp_path)
    store.load([claims])
    reg = store.load([claims])
    assert reg.indexed and reg.sources._built == {}
    reg.inputs(articles=True)  # what `check -o` asks
    assert reg.sources._built == {}
    assert reg.sources["may"].id == "may" and list(reg.sources._built) == ["may"]
    plain = _plain(claims, monkeypatch)
    assert list(reg.sources) == list(plain.sources) == ["april", "june", "may"]
    assert dict(reg.sources) == dict(plain.sources) and dict(reg.files) == dict(plain.files)
    assert reg.sources.get("nope") is None and "nope" not in reg.files


@pytest.mark.parametrize("arg", [".", "claims", "claims/", "./claims", "claims//", "ABS",
                                 "claims/may.json", "./claims/may.json", "ABS/may.json"])
def test_the_files_listed_are_the_paths_a_path_join_names(tmp_path, monkeypatch, arg):
    claims = make_archive(tmp_path)
    monkeypatch.chdir(claims if arg == "." else tmp_path)
    given = Path(arg.replace("ABS", str(claims)))
    expected = [given / n for n in sorted(os.listdir(given))] if given.is_dir() else [given]
    assert store._joined(store.listed([given])) == list(map(str, expected))
    reg = store.load([given])
    assert reg.indexed and list(reg.files.values()) == expected


def test_inputs_are_the_files_and_articles_the_registry_names(tmp_path, monkeypatch):
    claims = make_archive(tmp_path)
    store.load([claims])
    reg = store.load([claims])

    def ident(p) -> tuple[int, int]:
        st = os.stat(p)
        return st.st_dev, st.st_ino
    files = sorted(claims.glob("*.json"))
    assert reg.inputs() == ({ident(f) for f in files}, [])
    assert reg.inputs(articles=True) == ({ident(f) for f in (tmp_path / "articles").iterdir()}, [])
    plain = _plain(claims, monkeypatch)
    named = [os.path.join(claims, f"../articles/{s}.txt") for s in ("april", "june", "may")]
    assert plain.inputs() == ((), list(map(str, files)))
    assert plain.inputs(articles=True) == ((), named)
    assert store.load([claims], check_stale=False).inputs(articles=True) == (set(), named)


def test_an_article_changed_by_hand_is_verified_alone(tmp_path, monkeypatch):
    """An article whose size or time is not what it was when it last matched goes to
    `verify_articles` (stale, or matched again); the others are not handed over."""
    claims = make_archive(tmp_path)
    store.load([claims])
    handed = []
    real = sqlindex.verify_articles
    monkeypatch.setattr(sqlindex, "verify_articles",
                        lambda db, sources, *a: handed.append([s.id for s in sources])
                        or real(db, sources, *a))
    store.load([claims])
    assert handed == []
    os.utime(tmp_path / "articles" / "june.txt", (OLD + 60, OLD + 60))  # touched, the same
    reg = store.load([claims])
    assert handed == [["june"]] and list(reg.sources._built) == ["june"]
    store.load([claims])
    assert handed == [["june"]]  # matched with its new time
    (tmp_path / "articles" / "may.txt").write_text(MAY + "补充。", "utf-8")
    age(tmp_path / "articles", OLD + 120)
    with pytest.raises(RegistryError, match="stale"):
        store.load([claims])
    assert handed[-1] == ["april", "june", "may"]  # all three times changed


def _variants(rows: list[tuple]) -> list[list[tuple]]:
    """Rows as an index holds them, each changed in one way."""
    out = [rows, rows[:-1], rows[::-1], rows + [("/x/new.json", 1, 1, 0)]]
    for i, field in ((0, 0), (1, 1), (2, 2), (1, 3)):
        changed = list(rows)
        row = list(changed[i])
        row[field] = row[field] + "x" if field == 0 else row[field] + 1
        changed[i] = tuple(row)
        out.append(changed)
    return out


def test_the_stamps_compared_as_read_are_sqlbuild_s_test(monkeypatch):
    now = time.time_ns()
    recent = now - int(sqlindex.RACY_SECONDS * 1e9) + 10**8
    rnd = random.Random(7)
    found = [(f"/r/{i}.json", rnd.randrange(100, 9000), now - rnd.randrange(3, 9) * 10**9, 0)
             for i in range(6)]
    cases = 0
    for stamps in (found, found[:3] + [found[3][:2] + (recent, 0)] + found[4:]):
        for held in _variants(stamps):
            rows = [(*h, 7, 1, 2, "sid", b"", None, None, None) for h in held]
            assert store.current(rows, stamps) == sqlbuild.current(held, *sqlbuild.stamps_of(stamps))
            cases += store.current(rows, stamps)
    assert cases == 1  # only the same files, unchanged and none recent


def test_a_report_names_the_sources_its_findings_cite(tmp_path):
    claims = make_archive(tmp_path)
    store.load([claims])
    reg = store.load([claims])

    def finding(*sources: str) -> Finding:
        refs = [ClaimRef(f"c{i}", s, 1, "") for i, s in enumerate(sources)]
        return Finding("d.txt", 1, 1, 1, 2, Severity.ERROR, "r", "t", "m", claim=refs[0],
                       related=tuple(refs[1:]))
    assert [s.id for s in cited(reg, [finding("may"), finding("may", "april")])] == ["april", "may"]
    assert cited(reg, []) == [] and list(reg.sources._built) == ["april", "may"]


@pytest.mark.parametrize("by_descriptor", [True, False])
def test_the_stamps_are_each_file_s_own(tmp_path, monkeypatch, by_descriptor):
    """Each file's stamp is its own `stat` (from its folder's descriptor where the system
    allows it, from its absolute path otherwise), whatever the current folder."""
    claims = make_archive(tmp_path)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "may.json").write_text("{}", "utf-8")  # a name found beside the cwd
    monkeypatch.chdir(tmp_path / "elsewhere")
    if not by_descriptor:
        monkeypatch.setattr(os, "supports_dir_fd", set())
    found, folders, ids = store.stamps(store.listed([claims]))
    stats = [os.stat(p) for p in sorted(claims.glob("*.json"))]
    assert found == [(str(p), st.st_size, st.st_mtime_ns, 0)
                     for p, st in zip(sorted(claims.glob("*.json")), stats)]
    assert ids == {(st.st_dev, st.st_ino) for st in stats}
    assert folders == [(str(claims) + os.sep, True, True)] * 3


def test_the_articles_check_o_compares_are_read_from_the_files_rows(tmp_path, monkeypatch):
    """The index keeps each source's article path as the source gives it beside its fields:
    `check -o` reads them without unpacking any source's fields, and they are the paths the
    registry read from its files gives."""
    import marshal

    claims = make_archive(tmp_path)
    store.load([claims])
    reg = store.load([claims])
    unpacked = []
    real = marshal.loads
    monkeypatch.setattr(marshal, "loads", lambda b: unpacked.append(b) or real(b))
    articles = reg.sources.articles()
    assert not unpacked
    assert articles == [s.path for s in _plain(claims, monkeypatch).sources.values()] == [
        f"../articles/{s}.txt" for s in ("april", "june", "may")]
    ids, paths = reg.inputs(articles=True)  # each article stat'ed while loading
    stats = [os.stat(tmp_path / "articles" / f"{s}.txt") for s in ("april", "june", "may")]
    assert set(ids) == {(st.st_dev, st.st_ino) for st in stats} and paths == []
