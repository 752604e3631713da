"""Column conversions, line lookup and display paths shared by the formats."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.text.document import Document
from factcheck.report import Report
from factcheck.report.position import (display_path, files_in_order, line_text, split_lines,
                                       utf8_column, utf16_column)


@pytest.mark.parametrize(("line", "column", "expected"), [
    ("abc", 1, 1), ("abc", 3, 3), ("中文abc", 3, 3), ("𠮷a", 2, 3), ("𠮷a", 3, 4),
    ("a𐐀b", 3, 4), ("𠮷𠮷x", 3, 5), ("ab", 5, 5),  # past the end: one unit per column
])
def test_utf16_column(line: str, column: int, expected: int) -> None:
    assert utf16_column(line, column) == expected


@pytest.mark.parametrize(("line", "column", "expected"), [
    ("abc", 2, 2), ("中文abc", 3, 7), ("a𐐀b", 3, 6), ("𠮷祥", 2, 5), ("𠮷祥", 3, 8),
    ("é", 2, 3), ("ab", 4, 4),
])
def test_utf8_column(line: str, column: int, expected: int) -> None:
    assert utf8_column(line, column) == expected


@given(st.text(), st.integers(min_value=1, max_value=60))
def test_conversions_agree_with_the_encoders(line: str, column: int) -> None:
    prefix = line[:column - 1]
    beyond = column - 1 - len(prefix)
    utf8 = len(prefix.encode("utf-8", "surrogatepass"))
    utf16 = len(prefix.encode("utf-16-le", "surrogatepass")) // 2
    assert utf8_column(line, column) == 1 + utf8 + beyond
    assert utf16_column(line, column) == 1 + utf16 + beyond


@given(st.text(alphabet=st.sampled_from(["a", "中", "\r", "\n", "\u2028", "\x0c", "𠮷"])))
def test_lines_are_numbered_like_document(text: str) -> None:
    doc = Document("d.md", text)
    assert len(split_lines(text)) == doc.line_count
    report = Report(findings=[], files=["d.md"], texts={"d.md": text})
    for n in range(1, doc.line_count + 1):
        assert line_text(report, "d.md", n) == doc.line_text(n)


def test_line_text_outside_the_text_is_empty() -> None:
    report = Report(findings=[], files=["d.md"], texts={"d.md": "一\n二"})
    assert line_text(report, "d.md", 2) == "二"
    assert line_text(report, "d.md", 3) == line_text(report, "d.md", 0) == ""
    assert line_text(report, "other.md", 1) == ""


def test_display_path_is_relative_with_forward_slashes(monkeypatch: pytest.MonkeyPatch,
                                                        tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    assert display_path(str(tmp_path / "drafts" / "稿.md")) == "drafts/稿.md"
    assert display_path(os.path.join(".", "drafts", "x", "..", "稿.md")) == "drafts/稿.md"
    assert display_path("<stdin>") == "<stdin>"


def test_files_in_order_adds_paths_only_findings_name() -> None:
    from sample_report import sample_findings

    findings = sample_findings()
    report = Report(findings=findings, files=["b.md", "a.md"])
    assert files_in_order(report) == ["b.md", "a.md", findings[0].path]
