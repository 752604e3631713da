"""Texts without a character OpenCC's t2s changes skip OpenCC (text/t2s_chars.py): same norm."""

from __future__ import annotations

import pytest

from factcheck.text import document
from factcheck.text.document import Document, normalise
from tests.conftest import draft_files

RANGES = [(0x2E80, 0xA000), (0xF900, 0xFB00), (0x20000, 0x2A6E0), (0x2F800, 0x2FA20)]


@pytest.fixture(scope="module")
def changing() -> frozenset[str]:
    chars = document._t2s_chars()
    if chars is None:
        pytest.skip("the installed OpenCC is not the one text/t2s_chars.py was built from: "
                    "run scripts/t2s_chars.py")
    return chars


def test_every_character_left_out_is_unchanged_by_opencc(changing):
    convert = document._opencc().convert
    left_out = "".join(chr(cp) for a, b in RANGES for cp in range(a, b) if chr(cp) not in changing)
    assert len(left_out) > 40_000
    assert convert(left_out) == left_out  # as one text: no phrase of them changes either
    assert [c for c in left_out[::50] if convert(c) != c] == []


def test_the_list_holds_what_opencc_changes(changing):
    assert {"萬", "試", "點", "業"} <= changing and not {"万", "试", "点", "业"} & changing


@pytest.mark.parametrize("text", [
    "全市累计培育试点企业768家。", "全市累計培育試點企業７８６家。", "乾隆年间", "有序推进",
    "覆盖产业工人44.8万余人\ud800。", "ＡＢＣ　中国",
])
def test_norm_is_what_opencc_gives(text, monkeypatch, changing):
    fast = normalise(text)
    monkeypatch.setattr(document, "_t2s_chars", lambda: None)
    assert fast == normalise(text)


def test_drafts_norm_is_what_opencc_gives(monkeypatch, changing):
    from factcheck.text.read import read_path

    docs = [read_path(p) for p in draft_files()]
    fast = [Document(d.path, d.text).norm for d in docs]
    monkeypatch.setattr(document, "_t2s_chars", lambda: None)
    assert fast == [Document(d.path, d.text).norm for d in docs]
