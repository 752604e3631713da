"""Start-up: patterns compiled on first use and `factcheck check PATH...` without typer
give what they replace."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from factcheck import lazyre

PATTERNS = [
    (r"(?P<n>[\d一二三四五六七八九十]+)(?P<u>个|名|家)", 0),
    (r"[\u4e00-\u9fff]{2,4}(?=说)|(?i:copyright)\s*\d{4}", 0),
    (r"<!--.*?-->", re.S),
    (r"^\s*(#{1,6}\s|[-*+]\s)", re.M | re.I),
]
TEXT = "COPYRIGHT 2023 全市培育试点企业768家，覆盖产业工人四十名，刘云清说\n<!-- a\nb -->\n# 标题"


def test_a_lazy_pattern_compiles_on_first_use():
    pattern = lazyre.lazy(*PATTERNS[0])
    assert "search" not in vars(pattern)
    assert pattern.sub("#", TEXT) == re.sub(PATTERNS[0][0], "#", TEXT)
    assert pattern.search is vars(pattern)["search"]  # found directly from now on
    assert [m.group("u") for m in pattern.finditer(TEXT)] == ["家", "名"]


def _module_patterns(seed: str) -> list[str]:
    code = ("import importlib, pkgutil, re, sys, json, factcheck; from factcheck.lazyre import lazy\n"
            "for m in pkgutil.walk_packages(factcheck.__path__, 'factcheck.'):\n"
            "    if not any(s in m.name for s in ('__main__', '.lsp', '.dask')):\n"
            "        importlib.import_module(m.name)\n"
            "print(json.dumps(sorted(f'{n}.{k} {v._args!r}' for n, mod in list(sys.modules.items())\n"
            "    if n.startswith('factcheck') for k, v in vars(mod).items() if isinstance(v, lazy))))")
    env = {**os.environ, "PYTHONHASHSEED": seed}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def test_lazy_patterns_do_not_follow_the_hash_seed():
    """A pattern built from a set in hash order would differ from one process to the next."""
    first = _module_patterns("1")
    assert len(first) > 50 and first == _module_patterns("2")


def test_a_check_without_options_runs_without_typer(tmp_path):
    """Nor rich, nor the package's folder through importlib.resources, nor dataclasses (with
    inspect: factcheck.records); and once the built-in registry's article matched, the next run
    does not hash it again (hashlib loads OpenSSL)."""
    (tmp_path / "draft.md").write_text("全市累计培育试点企业786家，覆盖产业工人44.8万余人。\n", "utf-8")
    unwanted = ["typer", "rich", "importlib.resources", "hashlib", "dataclasses", "inspect"]
    code = ("import json, sys; from factcheck.cli import main; code = main(['check', 'draft.md']); "
            f"print(json.dumps([code, [m for m in {unwanted!r} if m in sys.modules]]))")
    env = {**os.environ, "FACTCHECK_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("FACTCHECK_NO_CACHE", None)
    runs = [json.loads(subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env,
                                      capture_output=True, text=True, check=True)
                       .stdout.strip().splitlines()[-1]) for _ in range(2)]
    assert runs == [[1, ["hashlib"]], [1, []]]


def test_a_changed_article_is_hashed_again(tmp_path, monkeypatch):
    from factcheck.registry import files
    from factcheck.registry.model import Source

    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("FACTCHECK_NO_CACHE", raising=False)
    monkeypatch.setattr(files, "_verified_articles", None)
    article = tmp_path / "a.txt"
    article.write_text("全市累计培育试点企业786家。", "utf-8")
    os.utime(article, ns=(10**18, 10**18))  # not modified just now
    source = Source(id="a", path="a.txt", sha256=files.sha256_text(article.read_text("utf-8")))
    assert files.article_matches(source, tmp_path / "a.json") is True
    monkeypatch.setattr(files, "_verified_articles", None)
    assert str(article) in files._verified()  # kept in the cache folder
    article.write_text("全市累计培育试点企业768家。", "utf-8")  # same size, same time
    os.utime(article, ns=(10**18, 10**18))
    assert files.article_matches(source, tmp_path / "a.json") is True  # what the stamp says
    os.utime(article, ns=(10**18, 10**18 + 1))
    assert files.article_matches(source, tmp_path / "a.json") is False


@pytest.mark.parametrize("drafts", [["draft.md"], ["draft.md", "missing.md"], ["."], ["missing.md"]])
def test_a_check_without_options_is_the_typer_command_at_its_defaults(tmp_path, run_cli, drafts):
    (tmp_path / "draft.md").write_text("全市累计培育试点企业786家，覆盖产业工人44.8万余人。\n"
                                       "由全国劳模刘云青指导。\n", "utf-8")
    plain = run_cli("check", *drafts, cwd=tmp_path)
    typer = run_cli("check", *drafts, "--jobs", "0", cwd=tmp_path)  # an option: through typer
    assert plain == typer
    assert plain[0] in (1, 2) and plain[1]


def test_the_exit_leaves_what_the_command_built_unscanned():
    """`factcheck` (the console script) freezes what it built before exiting: the shutdown's
    last collection scans no object the command made (they are freed by reference counting)."""
    code = ("import gc, sys\n"
            "from factcheck.cli import entry\n"
            "kept = []\n"
            "def run(argv):  # a command that builds what it leaves at exit\n"
            "    kept.extend([i] for i in range(50_000))\n"
            "    return 0\n"
            "entry._run = run\n"
            "try:\n"
            "    entry.main()\n"
            "except SystemExit:\n"
            "    pass\n"
            "print(sum(len(gc.get_objects(g)) for g in range(3)))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    tracked = int(out.stdout.split()[-1])
    assert tracked < 50_000  # the lists the command built are frozen, in no generation


def test_the_index_is_brought_up_to_date_with_the_collector_held_off(tmp_path, monkeypatch):
    """`sqlbuild.sync` runs with the cycle collector off and gives it back as it was, also when
    the update fails."""
    import gc

    from factcheck.registry import sqlbuild

    seen = []

    def fake(*args):
        seen.append(gc.isenabled())
        if len(seen) == 2:
            raise OSError("disk full")
        return True

    monkeypatch.setattr(sqlbuild, "_sync", fake)
    assert gc.isenabled()
    assert sqlbuild.sync(None, []) is True
    with pytest.raises(OSError):
        sqlbuild.sync(None, [])
    assert seen == [False, False] and gc.isenabled()
    gc.disable()
    try:  # a caller that had it off keeps it off
        sqlbuild.sync(None, [])
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize("raw", ["全市768家。\r\n第二行".encode("utf-8"),
                                 b"\xef\xbb\xbf" + "带BOM的文章".encode("utf-8"),
                                 "GB18030的文章".encode("gb18030"),
                                 b"\xff\xfe" + "UTF-16的文章".encode("utf-16-le"), b""])
def test_an_article_s_bytes_are_hashed_as_its_utf8_text_is(tmp_path, monkeypatch, raw):
    """`_plain_utf8_sha256` hashes the bytes without decoding them: for a file that is UTF-8
    that is its text's sha256 (BOM and line ends kept, as decoding keeps them); a file in
    another encoding still matches its source through the decoding `extract` used."""
    import hashlib

    from factcheck.registry import files
    from factcheck.registry.model import Source
    from factcheck.text.read import read_path

    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(files, "_verified_articles", None)
    article = tmp_path / "a.txt"
    article.write_bytes(raw)
    got = files._plain_utf8_sha256(article)
    try:
        assert got == files.sha256_text(raw.decode("utf-8"))
    except UnicodeDecodeError:  # no UTF-8 text: a hash no text's sha256 is
        assert got == hashlib.sha256(raw).hexdigest()
    if raw:
        source = Source(id="a", path="a.txt", sha256=files.sha256_text(read_path(article).text))
        assert files.article_matches(source, tmp_path / "a.json", keep=False) is True
