"""The check path stays light: no word segmentation, pinyin or HTML extraction for a plain draft."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

#: sqlite3 and msgspec only for a registry large enough to be indexed (registry.store.MIN_BYTES).
HEAVY = ("jieba", "pypinyin", "trafilatura", "lxml", "pydantic", "sqlite3", "msgspec")

DRAFTS = {
    "figures": "全市累计培育试点企业768家，覆盖产业工人44.8万余人。\n",
    "names spelt right": "由大国工匠、全国劳模刘云清指导，中天钢铁集团发布调薪计划。\n",
    "quote and title": "他说：“要让职工群众共享改革红利。”《江苏省集体协商条例》已施行。\n",
}


def _loaded_after_check(tmp_path, text: str, *args: str) -> list[str]:
    (tmp_path / "draft.md").write_text(text, "utf-8")
    code = ("import json, sys; from factcheck.cli import main; "
            f"code = main(['check', 'draft.md', '--quiet', *{list(args)!r}]); "
            f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                         text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


@pytest.mark.parametrize("name", DRAFTS)
def test_check_imports_nothing_heavy(tmp_path, name):
    assert _loaded_after_check(tmp_path, DRAFTS[name], "--format", "json") == []


def test_check_with_text_output_imports_nothing_heavy(tmp_path):
    assert _loaded_after_check(tmp_path, DRAFTS["figures"], "--format", "plain") == []


def test_a_name_slip_needs_no_segmenter_and_pinyin_only_once(tmp_path):
    """Telling a homophone slip loads no segmenter; pypinyin only while the reading table is
    built (the first run with this cache folder): then 刘云青 reads as its characters do."""
    loaded = _loaded_after_check(tmp_path, "由全国劳模刘云青指导。\n", "--format", "json")
    assert "jieba" not in loaded and "trafilatura" not in loaded
    assert _loaded_after_check(tmp_path, "由全国劳模刘云青指导。\n", "--format", "json") == []
