"""rdjson: reviewdog's shape, UTF-8 byte columns, suggestions from fixes."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from factcheck.check.findings import Finding, Severity
from factcheck.report import Report
from factcheck.report.rdjson import render_rdjson
from sample_report import DRAFT, sample_report


def _diagnostics(report: Report) -> list[dict[str, Any]]:
    body = json.loads(render_rdjson(report))
    assert body["source"] == {"name": "factcheck"}
    return body["diagnostics"]


def test_byte_columns_after_chinese_and_an_astral_character() -> None:
    # Line 2: 𠮷 (4 bytes) + 14 CJK characters (3 bytes each) before "786家" (3 + 3 bytes).
    first = _diagnostics(sample_report())[0]
    assert first["location"] == {"path": DRAFT, "range": {"start": {"line": 2, "column": 47},
                                                          "end": {"line": 2, "column": 53}}}


def test_byte_columns_match_the_encoded_line() -> None:
    line = "据统计，全市技能人才总量达到50万人。"
    byte_start = line.encode("utf-8").index("50万人".encode("utf-8")) + 1
    rng = _diagnostics(sample_report())[1]["location"]["range"]
    assert rng["start"]["column"] == byte_start
    assert rng["end"]["column"] - rng["start"]["column"] == len("50万人".encode("utf-8"))


def test_severity_code_and_message() -> None:
    diags = _diagnostics(sample_report())
    assert [d["severity"] for d in diags] == ["ERROR", "WARNING", "INFO"]
    assert [d["code"] for d in diags] == [{"value": "number-mismatch"},
                                          {"value": "unsourced-number"}, {"value": "date-style"}]
    assert diags[0]["message"].startswith("草稿写786家")
    assert "常州培育试点企业768家" in diags[0]["message"]  # the source sentence


def test_suggestion_only_when_a_fix_is_set() -> None:
    diags = _diagnostics(sample_report())
    assert diags[0]["suggestions"] == [{"range": diags[0]["location"]["range"], "text": "768家"}]
    assert all("suggestions" not in d for d in diags[1:])


def test_without_the_text_columns_stay_code_points() -> None:
    report = dataclasses.replace(sample_report(), texts={})
    rng = _diagnostics(report)[0]["location"]["range"]
    assert (rng["start"]["column"], rng["end"]["column"]) == (16, 20)


def test_multi_line_range_converts_each_end_on_its_own_line() -> None:
    text = "一二三\n四五六\n"
    f = Finding("a.md", 1, 2, 2, 3, Severity.WARNING, "r", "二三\n四五", "m")
    rng = _diagnostics(Report([f], ["a.md"], texts={"a.md": text}))[0]["location"]["range"]
    assert rng == {"start": {"line": 1, "column": 4}, "end": {"line": 2, "column": 7}}
