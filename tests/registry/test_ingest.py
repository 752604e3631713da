"""extract reads .txt, .md and saved .html pages: the article body, never the page furniture."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.text.read import read_path
from factcheck.registry.ingest import is_html, read_article
from factcheck.registry.files import sha256_text
from tests.registry.conftest import FIXTURES, read_registry

PAGE = FIXTURES / "workercn-page.html"
#: Figures that stand only in the page's navigation, ads, sidebar and footer.
FURNITURE = ("300万", "99元", "50%", "12亿元", "20亿人次", "88元", "84151598", "2008", "12345678")
BODY = ("768家", "13个", "44.8万余人", "10个", "20个", "1805名", "15万人次", "182家", "3.03亿元")


def test_html_body_without_furniture():
    art = read_article(PAGE)
    assert art.html
    for words in FURNITURE:
        assert words not in art.doc.text, words
    for words in BODY:
        assert words in art.doc.text, words


def test_html_metadata_from_tags_and_source_line():
    meta = read_article(PAGE).meta
    assert meta == {"title": "江苏常州厚植技能人才培养沃土,为经济高质量发展提供支撑",
                    "publisher": "中工网-工人日报", "author": "王伟", "date": "2023-04-03",
                    "url": "https://www.workercn.cn/c/2023-04-03/7788990.shtml"}


def test_html_sha256_is_of_the_decoded_page():
    art = read_article(PAGE)
    assert art.sha256 == sha256_text(read_path(PAGE).text) != sha256_text(art.doc.text)


def test_extract_html_claims_only_from_body(run_cli, tmp_path):
    out = tmp_path / "claims" / "page.json"
    code, _, err = run_cli("extract", str(PAGE), "--name", "page", "--output", str(out))
    assert code == 0 and "article body" in err
    data = read_registry(out)
    texts = {c["text"] for c in data["claims"]}
    assert set(BODY) <= texts
    assert not any(f in t for t in texts for f in FURNITURE)
    assert data["source"]["sha256"] == sha256_text(read_path(PAGE).text)
    assert (out.parent / data["source"]["path"]).resolve() == PAGE.resolve()


def test_html_positions_count_in_the_extracted_text(run_cli, tmp_path):
    out = tmp_path / "page.json"
    run_cli("extract", str(PAGE), "--name", "page", "--output", str(out))
    body = read_article(PAGE).doc
    for c in read_registry(out)["claims"]:
        assert body.text[c["start"]:c["end"]] == c["text"]
        assert body.position(c["start"]) == (c["line"], c["column"])


def test_html_page_edit_makes_registry_stale(run_cli, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE.read_text("utf-8"), "utf-8")
    out = tmp_path / "page.json"
    run_cli("extract", str(page), "--name", "page", "--output", str(out))
    draft = tmp_path / "d.txt"
    draft.write_text("全市累计培育试点企业768家。\n", "utf-8")
    assert run_cli("check", str(draft), "--claims", str(out), "--format", "json")[0] == 0
    page.write_text(PAGE.read_text("utf-8").replace("768家", "769家"), "utf-8")
    code, _, err = run_cli("check", str(draft), "--claims", str(out), "--format", "json")
    assert code == 2 and "stale" in err


def test_html_without_article_text_is_an_input_error(run_cli, tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title></title></head><body><script>var a = 1;</script></body></html>",
                    "utf-8")
    code, _, err = run_cli("extract", str(page), "--output", str(tmp_path / "x.json"))
    assert code == 2 and err.startswith("error: no article text found in the page")


def test_html_by_content_without_suffix(tmp_path):
    assert is_html(Path("saved"), "<!DOCTYPE html><html><body></body></html>")
    assert not is_html(Path("a.txt"), "来源:中工网 <b>")


def test_txt_metadata_from_the_dateline(run_cli, tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("常州产改再出发：试点企业扩容\n\n来源:中工网-工人日报 2023-05-26 07:20\n\n"
                   "工人日报-中工网记者 王伟\n\n全市累计培育试点企业820家。\n", "utf-8")
    out = tmp_path / "a.json"
    assert run_cli("extract", str(art), "--output", str(out))[0] == 0
    src = read_registry(out)["source"]
    assert (src["id"], src["title"], src["publisher"], src["author"], src["date"]) == (
        "a", "常州产改再出发：试点企业扩容", "中工网-工人日报", "王伟", "2023-05-26")


@pytest.mark.parametrize("option,field,value", [
    ("--author", "author", "陆阳丽"), ("--title", "title", "改写的标题"),
    ("--publisher", "publisher", "常州日报"), ("--date", "date", "2023-06-01"),
    ("--url", "url", "https://example.org/a")])
def test_metadata_options_override_detection(run_cli, tmp_path, option, field, value):
    out = tmp_path / "page.json"
    assert run_cli("extract", str(PAGE), "--output", str(out), option, value)[0] == 0
    assert read_registry(out)["source"][field] == value


def test_markdown_source(run_cli, tmp_path):
    art = tmp_path / "later.md"
    art.write_text("# 常州产改新进展\n\n- 全市累计培育试点企业820家\n- 特色产业园区15个\n", "utf-8")
    out = tmp_path / "later.json"
    assert run_cli("extract", str(art), "--output", str(out), "--date", "2023-05-26")[0] == 0
    assert {"820家", "15个"} <= {c["text"] for c in read_registry(out)["claims"]}


def test_bad_date_option(run_cli, tmp_path):
    code, _, err = run_cli("extract", str(PAGE), "--output", str(tmp_path / "x.json"), "--date", "4月3日")
    assert code == 2 and "--date" in err
