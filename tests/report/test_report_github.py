"""GitHub Actions: workflow-command escaping, grouping, and the step-summary table."""

from __future__ import annotations

import dataclasses

import pytest

from factcheck.check.findings import Finding, Severity
from factcheck.report import Report
from factcheck.report.github import (annotation, escape_data, escape_property,
                                     github_step_summary, markdown_cell, render_github)
from sample_report import sample_report


@pytest.mark.parametrize(("raw", "data", "prop"), [
    ("100%", "100%25", "100%25"),
    ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
    ("x: 1, y", "x: 1, y", "x%3A 1%2C y"),
    ("%0A", "%250A", "%250A"),  # an already-escaped-looking sequence stays literal
    ("草稿：768家，", "草稿：768家，", "草稿：768家，"),  # full-width punctuation is not special
])
def test_escaping(raw: str, data: str, prop: str) -> None:
    assert escape_data(raw) == data
    assert escape_property(raw) == prop


def test_annotation_commands_per_severity() -> None:
    lines = render_github(sample_report()).splitlines()
    assert lines[0] == "::group::drafts/草稿 v1,终稿.md"
    assert lines[1].startswith("::error file=drafts/草稿 v1%2C终稿.md,line=2,col=16,endLine=2,"
                               "endColumn=20,title=factcheck number-mismatch::草稿写786家")
    assert lines[2].startswith("::warning file=")
    assert lines[3].startswith("::notice file=")
    assert lines[3].endswith("::日期格式: 100%25 符合,%0A仅供参考")
    assert lines[4] == "::endgroup::"
    assert not lines[5].startswith("::")  # the summary is log text, not an annotation


def test_every_command_is_one_line() -> None:
    f = dataclasses.replace(sample_report().findings[0], message="a\nb\rc", rule="r:1,2")
    line = annotation(f)
    assert "\n" not in line and "\r" not in line
    assert "title=factcheck r%3A1%2C2::" in line


def test_multi_line_span_has_no_columns() -> None:
    f = Finding("a.md", 1, 2, 3, 1, Severity.WARNING, "r", "t", "m")
    assert annotation(f) == "::warning file=a.md,line=1,endLine=3,title=factcheck r::m"


def test_groups_per_file_even_when_unsorted() -> None:
    base = Finding("a.md", 1, 1, 1, 2, Severity.ERROR, "r", "t", "m")
    findings = [base, dataclasses.replace(base, path="b.md"), dataclasses.replace(base, line=2)]
    out = render_github(Report(findings, ["a.md", "b.md"])).splitlines()
    assert out.count("::group::a.md") == 1 and out.count("::group::b.md") == 1
    assert out.count("::endgroup::") == 2


@pytest.mark.parametrize(("raw", "cell"), [
    ("a|b", "a\\|b"), ("x\ny", "x<br>y"), ("<b>&", "&lt;b&gt;&amp;"), ("*强调*", "\\*强调\\*"),
    ("`code` [l](u)", "\\`code\\` \\[l\\](u)"), (None, ""),
])
def test_markdown_cell(raw: str | None, cell: str) -> None:
    assert markdown_cell(raw) == cell


def test_step_summary_lists_every_finding_beyond_ten() -> None:
    base = Finding("a.md", 1, 1, 1, 2, Severity.ERROR, "r", "t|x", "m")
    findings = [dataclasses.replace(base, line=n, end_line=n) for n in range(1, 26)]
    summary = github_step_summary(Report(findings, ["a.md"]))
    rows = [line for line in summary.splitlines() if line.startswith("| a.md |")]
    assert len(rows) == 25
    assert rows[0] == "| a.md | 1 | 1 | error | r | t\\|x |  | m |"
    assert all(row.count(" | ") == 7 for row in rows)  # escaped pipes do not add cells


def test_step_summary_columns_and_values() -> None:
    summary = github_step_summary(sample_report())
    assert "| file | line | col | severity | rule | draft text | expected | message |" in summary
    row = "| drafts/草稿 v1,终稿.md | 2 | 16 | error | number-mismatch | 786家 | 768家 |"
    assert row in summary
    assert "drafts/图.png" in summary  # unreadable files are listed


def test_step_summary_without_findings_has_no_table() -> None:
    summary = github_step_summary(Report([], ["a.md"]))
    assert "0 finding(s) in 1 file(s)" in summary
    assert "| file |" not in summary
