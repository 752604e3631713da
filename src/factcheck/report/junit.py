"""JUnit XML: one test suite per draft, one test case per finding, for CI test-report viewers."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from factcheck.check.findings import Finding, Severity
from factcheck.report import Report
from factcheck.report.position import display_path, files_in_order

#: Characters XML 1.0 cannot carry at all, even escaped (most C0 controls, lone surrogates, …).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """Text with every character XML 1.0 forbids replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def render_junit(report: Report) -> str:
    """Testsuites > testsuite per file > testcase per finding; errors and warnings fail."""
    root = ET.Element("testsuites", name="factcheck")
    by_path: dict[str, list[Finding]] = {path: [] for path in files_in_order(report)}
    for f in report.findings:
        by_path[f.path].append(f)
    for path, findings in by_path.items():
        root.append(_suite(path, findings))
    if report.errors:
        root.append(_unreadable(report.errors))
    _count(root, root.findall("testsuite"))
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def _suite(path: str, findings: list[Finding]) -> ET.Element:
    """One file's suite; a file without findings gets one passing case."""
    name = xml_safe(display_path(path))
    suite = ET.Element("testsuite", name=name)
    for f in findings:
        suite.append(_case(name, f))
    if not findings:
        ET.SubElement(suite, "testcase", classname=name, name="factcheck", file=name)
    _count(suite, suite.findall("testcase"))
    return suite


def _case(name: str, f: Finding) -> ET.Element:
    """One finding; an error or warning fails, an info passes with its message as output."""
    case = ET.Element("testcase", classname=name, name=f"{f.rule} {f.line}:{f.column}",
                      file=name, line=str(f.line))
    if f.severity >= Severity.WARNING:
        failure = ET.SubElement(case, "failure", type=f.severity.label,
                                message=xml_safe(f.message))
        failure.text = xml_safe(_details(name, f))
    else:
        ET.SubElement(case, "system-out").text = xml_safe(_details(name, f))
    return case


def _details(name: str, f: Finding) -> str:
    """Where, what the draft says, what the source says."""
    lines = [f"{name}:{f.line}:{f.column}: {f.severity.label} [{f.rule}] {f.message}",
             f"draft: {f.text}"]
    if f.expected is not None:
        lines.append(f"expected: {f.expected}")
    if f.claim:
        lines.append(f"source {f.claim.source}:{f.claim.line}: {f.claim.text}")
    return "\n".join(lines)


def _unreadable(errors: list[str]) -> ET.Element:
    """A suite with one erroring case per file that could not be read."""
    suite = ET.Element("testsuite", name="unreadable")
    for i, error in enumerate(errors, 1):
        case = ET.SubElement(suite, "testcase", classname="unreadable", name=f"unreadable {i}")
        ET.SubElement(case, "error", type="unreadable", message=xml_safe(error))
    _count(suite, suite.findall("testcase"))
    return suite


def _count(node: ET.Element, children: list[ET.Element]) -> None:
    """Set tests/failures/errors on a suite (from its cases) or on the root (from its suites)."""
    if node.tag == "testsuites":
        for key in ("tests", "failures", "errors"):
            node.set(key, str(sum(int(child.get(key, "0")) for child in children)))
        return
    node.set("tests", str(len(children)))
    node.set("failures", str(sum(len(child.findall("failure")) for child in children)))
    node.set("errors", str(sum(len(child.findall("error")) for child in children)))
