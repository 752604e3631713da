"""Drafts in every encoding an editor's machine produces are read as the same text, at the same places."""

from __future__ import annotations

import json
from functools import lru_cache

import pytest

from factcheck.text.document import Document
from factcheck.text.read import decode, read_path
from factcheck.errors import InputError

from .conftest import FIXTURES, article_lines, assert_one_error_line, snapshot

DRAFT = FIXTURES / "summary.md"


@lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2t.json")


def traditional(text: str) -> str:
    return _s2t().convert(text)


def hanzi(text: str) -> int:
    return sum("\u4e00" <= ch <= "\u9fff" for ch in text)


def encodable(text: str, enc: str) -> bool:
    try:
        text.encode(enc)
    except UnicodeEncodeError:
        return False
    return True


LINES = article_lines()
BOMS = {"utf-8-sig": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff",
        "utf-32-le": b"\xff\xfe\x00\x00", "utf-32-be": b"\x00\x00\xfe\xff"}


@pytest.mark.parametrize("enc", ["utf-8", *BOMS])
def test_unicode_encodings_with_and_without_bom(enc):
    text = "\n".join(LINES)
    got, _ = decode(BOMS.get(enc, b"") + text.encode(enc), "draft.txt")
    assert got == text


@pytest.mark.parametrize("enc", ["gbk", "gb18030", "gb2312"])
def test_every_article_line_in_gbk_is_read_as_gb18030(enc):
    lines = [ln for ln in LINES if encodable(ln, enc) and hanzi(ln) >= 2]
    assert len(lines) > 20
    for line in lines:
        assert decode(line.encode(enc), "x.txt") == (line, "gb18030"), line


@pytest.mark.parametrize("enc", ["big5", "cp950"])
def test_every_traditional_article_line_in_big5_is_read_as_big5(enc):
    # A lone symbol (×) is the same bytes' likeliest reading in either script; two hanzi decide.
    lines = [t for t in map(traditional, LINES) if encodable(t, enc) and hanzi(t) >= 2]
    assert len(lines) > 20
    for line in lines:
        text, got = decode(line.encode(enc), "x.txt")
        assert text == line and got.startswith(("big5", "cp950")), (line, text, got)


#: Short texts are where GBK and Big5 are most easily confused: both decode most byte pairs.
SHORT_SIMPLIFIED = ["中国", "工人", "增长", "常州", "试点企业", "产业工人", "技能人才", "培育768家",
                    "覆盖44.8万余人", "职工群众", "经济高质量发展", "劳模", "江苏省", "工会", "改革红利"]
SHORT_TRADITIONAL = ["產業工人", "臺灣", "經濟", "職工", "報導", "勞動者", "常州市", "團結奮鬥",
                     "試點企業768家", "覆蓋44.8萬餘人", "集體協商", "技能人才", "國際", "鐵路", "銀行"]


@pytest.mark.parametrize("text", SHORT_SIMPLIFIED)
def test_short_gbk_is_not_taken_for_big5(text):
    assert decode(text.encode("gbk"), "x.txt") == (text, "gb18030")


@pytest.mark.parametrize("text", SHORT_TRADITIONAL)
def test_short_big5_is_not_taken_for_gbk(text):
    assert decode(text.encode("big5"), "x.txt") == (text, "big5")


def test_traditional_text_saved_as_gbk_stays_gb18030():
    text = "\n".join(traditional(ln) for ln in LINES[:12])
    data = text.encode("gbk", errors="replace")
    assert decode(data, "x.txt") == (data.decode("gbk"), "gb18030")


def test_gb18030_four_byte_characters():
    text = "常州𠀀试点企业768家😀，覆盖44.8万余人。"
    assert decode(text.encode("gb18030"), "x.txt") == (text, "gb18030")


def test_utf8_never_loses_to_a_legacy_guess():
    for line in LINES:
        assert decode(line.encode("utf-8"), "x.txt") == (line, "utf-8")
    for text in ("Привет, как дела · да", "Καλημέρα κόσμε", "naïve café résumé", "Größe Übung", "é"):
        assert decode(text.encode("utf-8"), "x.txt") == (text, "utf-8")


def test_forced_encoding_wins_and_a_bom_is_not_text():
    data = "試點企業".encode("big5")
    assert decode(data, "x", "big5") == ("試點企業", "big5")
    assert decode(data, "x", "latin-1")[0] == data.decode("latin-1")  # forced, even when wrong
    assert decode(b"\xef\xbb\xbf768\xe5\xae\xb6", "x", "utf-8") == ("768家", "utf-8")


@pytest.mark.parametrize("encoding, needle", [("nonsense-8", "is no known encoding"),
                                              ("rot13", "'rot13' is not a text encoding"),
                                              ("utf-8", "cannot decode as utf-8 at byte 3")])
def test_forced_encoding_failures_are_input_errors(encoding, needle):
    with pytest.raises(InputError) as exc:
        decode(b"abc\xff\xfe", "draft.txt", encoding)
    assert needle in exc.value.line()


def _findings(out: str) -> list[tuple]:
    return sorted((f["rule"], f["line"], f["column"], f["end_column"], f["text"])
                  for f in json.loads(out)["findings"])


@pytest.mark.parametrize("enc", ["gbk", "gb18030", "utf-16", "utf-8-sig", "big5"])
def test_check_reports_the_same_places_in_every_encoding(cli, tmp_path, enc):
    text = DRAFT.read_text("utf-8")
    if enc == "big5":
        text = traditional(text)
    utf8 = tmp_path / "utf8.md"
    utf8.write_text(text, "utf-8")
    other = tmp_path / f"{enc}.md"
    other.write_bytes(text.encode(enc, errors="replace"))
    if text.encode(enc, errors="replace").decode(enc) != text:
        pytest.skip(f"the draft does not survive {enc}")
    code, out, err = cli("check", utf8, "--format", "json")
    assert code == 1 and not err, err
    expected = _findings(out)
    assert expected
    before = snapshot(tmp_path)
    code, out, err = cli("check", other, "--format", "json")
    assert (code, err) == (1, "")
    assert _findings(out) == expected
    assert snapshot(tmp_path) == before


def test_forced_encoding_on_the_command_line(cli, tmp_path):
    draft = tmp_path / "big5.md"
    draft.write_bytes(traditional(DRAFT.read_text("utf-8")).encode("big5", errors="replace"))
    code, out, err = cli("check", draft, "--encoding", "big5", "--format", "json")
    assert code == 1 and not err
    code, out, err = cli("check", draft, "--encoding", "utf-8", "--format", "json")
    assert code == 2
    assert_one_error_line(err, str(draft), "utf-8", "--encoding")


MIXED = "第一行\r\n第二行\n第三行\r第四行\r\n\r\n第六行，末尾"


def test_mixed_line_endings_give_columns_on_the_decoded_text():
    doc = Document("x.txt", MIXED)
    assert doc.line_count == 6
    assert [doc.line_text(i) for i in range(1, 7)] == ["第一行", "第二行", "第三行", "第四行", "", "第六行，末尾"]
    for line in range(1, 7):
        start = doc.line_starts[line - 1]
        for col, ch in enumerate(doc.line_text(line), 1):
            assert doc.position(start + col - 1) == (line, col)
            assert MIXED[start + col - 1] == ch


@pytest.mark.parametrize("ending", ["\r\n", "\r", "mixed"])
def test_check_columns_do_not_move_with_line_endings(cli, tmp_path, ending):
    lines = DRAFT.read_text("utf-8").split("\n")
    lf = tmp_path / "lf.md"
    lf.write_bytes("\n".join(lines).encode())
    endings = ["\r\n", "\n", "\r"] if ending == "mixed" else [ending]
    text = "".join(ln + endings[i % len(endings)] for i, ln in enumerate(lines))
    other = tmp_path / "other.md"
    other.write_bytes(text.encode())
    code_lf, out_lf, _ = cli("check", lf, "--format", "json")
    code, out, err = cli("check", other, "--format", "json")
    assert (code, err) == (code_lf, "")
    assert _findings(out) == _findings(out_lf) != []


def test_read_path_keeps_the_encoding_it_found(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes("試點企業768家".encode("big5"))
    doc = read_path(p)
    assert (doc.text, doc.encoding) == ("試點企業768家", "big5")
