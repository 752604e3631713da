"""The HTML report without a browser: escaping, anchors, summary, filters, nesting, no network."""

from __future__ import annotations

import pytest

from factcheck.check.findings import ClaimRef, Finding, Severity, sort_findings
from factcheck.report import Report, render
from factcheck.report.html import render_html
from html_dom import EXTERNAL, Dom
from sample_report import sample_report

NASTY = '<script>alert("x")</script> & <img src=x onerror=alert(1)> "quoted" 9'


def _finding(path: str, line: str, lineno: int, words: str, **kw: object) -> Finding:
    col = line.index(words) + 1
    fields = dict(severity=Severity.ERROR, rule="figure-mismatch", message="m")
    fields.update(kw)
    return Finding(path=path, line=lineno, column=col, end_line=lineno,
                   end_column=col + len(words), text=words, **fields)  # type: ignore[arg-type]


def nasty_report() -> Report:
    """A draft whose text, path, rule, message and source are all markup."""
    path = 'drafts/<b>"evil"</b>.md'
    claim = ClaimRef(id="x", source="<src>", line=1, text="<i>来源</i> 说 9 & 10",
                     column=0, end_column=0, title="<title>", date="2023-04-03")
    f = _finding(path, NASTY, 1, "<script>", rule='r"<x>', message="<b>bold</b> & co",
                 expected="9", claim=claim, fix="</li>")
    return Report(findings=[f], files=[path], texts={path: NASTY + "\n"},
                  errors=["error: <unreadable> & gone"])


def test_markup_in_every_field_is_shown_as_text() -> None:
    page = render_html(nasty_report())
    dom = Dom(page)
    assert len(dom.select("script")) == 1  # only the report's own script
    assert not dom.select("img") and not dom.select("b") and not dom.select("i")
    assert "<script>alert" not in page and "alert(&quot;x&quot;)&lt;/script&gt;" in page
    line = dom.select("div", "ln", data_n="1")[0]
    assert line.text == NASTY
    assert dom.by_id("hl-1").text == "<script>"
    assert dom.by_id("hl-1").attrs["data-rule"] == 'r"<x>'
    assert "<b>bold</b> & co" in dom.by_id("f-1").text
    assert "<i>来源</i>" in dom.select("blockquote", "source")[0].text
    assert "<unreadable> & gone" in dom.select("ul", "unreadable")[0].text


def test_every_finding_has_a_highlight_and_an_explanation_linked_both_ways() -> None:
    report = sample_report()
    dom = Dom(render_html(report))
    assert len(dom.select("mark", "hl")) == len(report.findings)
    for n, f in enumerate(report.findings, 1):
        mark, note = dom.by_id(f"hl-{n}"), dom.by_id(f"f-{n}")
        assert mark.text == f.text
        assert mark.attrs["data-ref"] == f"f-{n}" and mark.attrs["tabindex"] == "0"
        assert (mark.attrs["data-severity"], mark.attrs["data-rule"]) == (f.severity.label, f.rule)
        assert (note.attrs["data-severity"], note.attrs["data-rule"]) == (f.severity.label, f.rule)
        assert [a.attrs["href"] for a in note.children if a.tag == "a"] == [f"#hl-{n}"]
        assert f.message in note.text


def test_highlight_sits_in_its_own_line_even_past_the_bmp() -> None:
    dom = Dom(render_html(sample_report()))
    line2 = dom.select("div", "ln", data_n="2")[0]
    assert line2.text.startswith("𠮷") and [c.text for c in line2.children[0].children] == ["786家"]


def test_source_sentence_marks_the_sources_words() -> None:
    dom = Dom(render_html(sample_report()))
    quote = dom.select("blockquote", "source")[0]
    assert [m.text for m in quote.children if m.tag == "mark"] == ["768家"]
    cite = dom.select("p", "cite")[0].text
    assert "工人日报" in cite and "2023-04-03" in cite and "grrb-20230403, line 5" in cite


def test_summary_numbers_are_the_json_summary() -> None:
    report = sample_report()
    dom = Dom(render_html(report))
    shown = {e.attrs["data-key"]: int(e.text) for e in dom.select("dd")}
    assert shown == report.summary()
    bars = {e.attrs["data-rule"]: int(e.text) for e in dom.select("span", "num")}
    assert bars == {"number-mismatch": 1, "unsourced-number": 1, "date-style": 1}


def test_filters_offer_each_severity_and_rule_present() -> None:
    report = sample_report()
    dom = Dom(render_html(report))
    form = dom.by_id("filters")
    assert "hidden" in form.attrs  # the script shows them; without it they could not work
    boxes = {(e.attrs["data-kind"], e.attrs["value"]) for e in dom.select("input")}
    assert boxes == ({("severity", f.severity.label) for f in report.findings}
                     | {("rule", f.rule) for f in report.findings})
    assert all("checked" in e.attrs and e.attrs["type"] == "checkbox" for e in dom.select("input"))


def test_empty_report_renders() -> None:
    page = render_html(Report(findings=[], files=[]))
    dom = Dom(page)
    assert "No findings." in page and "No drafts were checked." in page
    assert {e.attrs["data-key"]: e.text for e in dom.select("dd")}["findings"] == "0"
    assert not dom.select("mark") and not dom.select("input")


def test_clean_draft_text_is_folded_away() -> None:
    dom = Dom(render_html(sample_report()))
    section = dom.select("section", data_path="drafts/clean.md")[0]
    assert "no findings" in section.text and "一切正常。" in section.text
    assert [c.tag for c in section.children][-1] == "details"


def test_nested_and_crossing_findings_keep_valid_markup() -> None:
    line = "覆盖产业工人44.8万余人。"
    path = "d.txt"
    outer = _finding(path, line, 1, "44.8万余人", rule="a")
    inner = _finding(path, line, 1, "44.8万", rule="b", severity=Severity.INFO)
    crossing = _finding(path, line, 1, "万余人。", rule="c", severity=Severity.WARNING)
    report = Report(sort_findings([outer, inner, crossing]), [path], texts={path: line})
    dom = Dom(render_html(report))  # Dom asserts every tag closes in order
    texts = {dom.by_id(f"hl-{n}").attrs["data-rule"]: dom.by_id(f"hl-{n}").text
             for n in range(1, 4)}
    # c starts inside b (innermost) and crosses it: clipped to b's end, the text still intact
    assert texts == {"a": "44.8万余人", "b": "44.8万", "c": "万"}
    assert dom.select("div", "ln")[0].text == line


def test_finding_without_its_draft_text_still_explained() -> None:
    f = _finding("gone.md", "abc", 1, "b")
    dom = Dom(render_html(Report([f], ["gone.md"])))
    assert not dom.select("mark") and dom.by_id("f-1").attrs["data-rule"] == "figure-mismatch"


@pytest.mark.parametrize("report", [sample_report(), nasty_report(), Report([], [])],
                         ids=["sample", "nasty", "empty"])
def test_page_loads_nothing_from_the_network(report: Report) -> None:
    page = render("html", report)
    dom = Dom(page)
    for el in dom.elements:
        for name in ("src", "href", "action", "srcset", "poster", "data"):
            value = el.attrs.get(name, "").strip().lower()
            assert not value.startswith(("http:", "https:", "//")), (el.tag, name, value)
    assert not dom.select("link") and not dom.select("iframe") and not dom.select("img")
    style = "".join(e.text for e in dom.select("style"))
    assert not EXTERNAL.search(style) and not EXTERNAL.search(dom.scripts[0])
    assert not EXTERNAL.search(page)
