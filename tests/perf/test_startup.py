"""Start-up: patterns compiled on first use (from the cache folder's compiled code) and
`factcheck check PATH...` without typer give what they replace."""

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


@pytest.fixture
def fresh_codes(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(lazyre, "_codes", None)
    monkeypatch.setattr(lazyre, "_added", True)  # no atexit hook from the tests


def _same(a: re.Pattern[str], b: re.Pattern[str]) -> None:
    assert a == b  # pattern, flags and compiled code
    assert (a.groups, a.groupindex, a.flags) == (b.groups, b.groupindex, b.flags)
    for text in (TEXT, TEXT.lower(), ""):
        assert [m.span() + m.groups() for m in a.finditer(text)] == \
               [m.span() + m.groups() for m in b.finditer(text)]


@pytest.mark.parametrize("pattern,flags", PATTERNS)
def test_patterns_from_the_cache_are_what_re_compiles(fresh_codes, pattern, flags):
    first = lazyre.compile(pattern, flags)  # compiled by re, its code kept
    assert (pattern, flags) in lazyre._codes
    lazyre._save()
    lazyre._codes = None
    again = lazyre.compile(pattern, flags)  # from the blob in the cache folder
    assert lazyre._codes and (pattern, flags) in lazyre._codes
    _same(first, re.compile(pattern, flags))
    _same(again, re.compile(pattern, flags))


def test_a_lazy_pattern_compiles_on_first_use(fresh_codes):
    pattern = lazyre.lazy(*PATTERNS[0])
    assert "search" not in vars(pattern)
    assert pattern.sub("#", TEXT) == re.sub(PATTERNS[0][0], "#", TEXT)
    assert pattern.search is vars(pattern)["search"]  # found directly from now on
    assert [m.group("u") for m in pattern.finditer(TEXT)] == ["家", "名"]


def test_a_damaged_cache_is_ignored(fresh_codes, tmp_path):
    lazyre.compile(*PATTERNS[1])
    lazyre._save()
    (blob,) = (tmp_path / "cache").glob("regex-*")
    blob.write_bytes(blob.read_bytes()[:-40])
    lazyre._codes = None
    _same(lazyre.compile(*PATTERNS[1]), re.compile(*PATTERNS[1]))


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
    """A pattern built from a set in hash order would miss the cache in every new process."""
    first = _module_patterns("1")
    assert len(first) > 50 and first == _module_patterns("2")


def test_a_check_without_options_runs_without_typer(tmp_path):
    """Nor the registry's hash through OpenSSL, nor the package's folder through importlib."""
    (tmp_path / "draft.md").write_text("全市累计培育试点企业786家，覆盖产业工人44.8万余人。\n", "utf-8")
    unwanted = ["typer", "rich", "hashlib", "importlib.resources"]
    code = ("import json, sys; from factcheck.cli import main; code = main(['check', 'draft.md']); "
            f"print(json.dumps([code, [m for m in {unwanted!r} if m in sys.modules]]))")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                         text=True, check=True).stdout
    assert json.loads(out.strip().splitlines()[-1]) == [1, []]


@pytest.mark.parametrize("drafts", [["draft.md"], ["draft.md", "missing.md"], ["."], ["missing.md"]])
def test_a_check_without_options_is_the_typer_command_at_its_defaults(tmp_path, run_cli, drafts):
    (tmp_path / "draft.md").write_text("全市累计培育试点企业786家，覆盖产业工人44.8万余人。\n"
                                       "由全国劳模刘云青指导。\n", "utf-8")
    plain = run_cli("check", *drafts, cwd=tmp_path)
    typer = run_cli("check", *drafts, "--jobs", "0", cwd=tmp_path)  # an option: through typer
    assert plain == typer
    assert plain[0] in (1, 2) and plain[1]
