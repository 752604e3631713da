"""JSON Lines: one finding per line, each the JSON contract of Finding.to_dict()."""

from __future__ import annotations

import dataclasses
import json

from factcheck.report import Report
from factcheck.report.jsonl import render_jsonl
from sample_report import sample_report


def test_one_contract_object_per_line() -> None:
    report = sample_report()
    lines = render_jsonl(report).split("\n")
    assert lines[-1] == ""
    assert [json.loads(line) for line in lines[:-1]] == [f.to_dict() for f in report.findings]


def test_chinese_is_kept_readable() -> None:
    assert "草稿写786家" in render_jsonl(sample_report())


def test_line_separators_inside_strings_do_not_split_lines() -> None:
    f = dataclasses.replace(sample_report().findings[0], message="一\u2028二\u2029三\x85四\n五")
    out = render_jsonl(Report([f], ["a.md"]))
    assert len(out.splitlines()) == 1  # str.splitlines breaks on U+2028, U+2029 and U+0085
    assert json.loads(out)["message"] == "一\u2028二\u2029三\x85四\n五"


def test_no_findings_is_empty() -> None:
    assert render_jsonl(Report([], ["a.md"])) == ""
