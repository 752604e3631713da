"""JUnit XML: well-formed, one suite per file, failures for errors and warnings."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from factcheck.check.findings import Finding, Severity
from factcheck.report import Report
from factcheck.report.junit import render_junit, xml_safe
from sample_report import CLEAN, DRAFT, sample_report


def _root(report: Report) -> ET.Element:
    return ET.fromstring(render_junit(report).encode("utf-8"))


def test_suites_cases_and_counts() -> None:
    root = _root(sample_report())
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [DRAFT, CLEAN, "unreadable"]
    assert [(s.get("tests"), s.get("failures"), s.get("errors")) for s in suites] == [
        ("3", "2", "0"), ("1", "0", "0"), ("1", "0", "1")]
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("5", "2", "1")


def test_errors_and_warnings_fail_infos_pass() -> None:
    cases = _root(sample_report()).find("testsuite").findall("testcase")
    failures = [c.find("failure") for c in cases]
    types = [f.get("type") if f is not None else None for f in failures]
    assert types == ["error", "warning", None]
    assert failures[0].get("message") == "草稿写786家，来源为768家"
    assert "expected: 768家" in failures[0].text
    assert "日期格式" in cases[2].find("system-out").text


def test_clean_file_has_one_passing_case() -> None:
    suite = _root(sample_report()).findall("testsuite")[1]
    cases = suite.findall("testcase")
    assert len(cases) == 1 and list(cases[0]) == []


def test_no_files_no_findings_is_still_a_document() -> None:
    root = _root(Report([], []))
    assert root.get("tests") == "0" and list(root) == []


@given(st.text(), st.text())
def test_any_text_gives_well_formed_xml(message: str, path: str) -> None:
    f = Finding(path, 1, 1, 1, 2, Severity.ERROR, "r", message, message, message)
    root = _root(Report([f], [path]))
    assert root.find("testsuite/testcase/failure").get("message") == xml_safe(message)


def test_xml_safe_replaces_only_forbidden_characters() -> None:
    assert xml_safe("a\x00b\x0bc\ud800d") == "a\ufffdb\ufffdc\ufffdd"
    assert xml_safe("\t中\n𠮷\r&<") == "\t中\n𠮷\r&<"
