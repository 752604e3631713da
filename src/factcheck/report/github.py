"""GitHub Actions: workflow-command annotations, and a Markdown table for the step summary."""

from __future__ import annotations

import html

from factcheck.check.findings import Finding, Severity
from factcheck.report import Report
from factcheck.report.escape import printable
from factcheck.report.position import display_path

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
#: Characters a Markdown table cell must not carry raw (they would format or split the cell).
_MARKDOWN = str.maketrans({c: "\\" + c for c in "\\`*_[]|~"})


def escape_data(text: str) -> str:
    """Escape a workflow command's message (GitHub's escapeData), other control characters
    shown as backslash escapes (the log viewer would act on them)."""
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    """Escape a workflow command's property value (GitHub's escapeProperty)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(f: Finding) -> str:
    """One `::error file=…,line=…::message` command; columns only for a one-line span."""
    props = {"file": display_path(f.path), "line": str(f.line)}
    if f.end_line == f.line:
        # GitHub takes columns only on a one-line span; it documents no unit, so code points.
        props.update(col=str(f.column), endLine=str(f.end_line), endColumn=str(f.end_column))
    else:
        props["endLine"] = str(f.end_line)
    props["title"] = f"factcheck {f.rule}"
    head = ",".join(f"{k}={escape_property(v)}" for k, v in props.items())
    return f"::{_COMMAND[f.severity]} {head}::{escape_data(_message(f))}"


def _message(f: Finding) -> str:
    """The finding's message, then the source sentence it was checked against."""
    if not f.claim:
        return f.message
    return f"{f.message}\nsource {f.claim.source}:{f.claim.line}: {f.claim.text}"


def render_github(report: Report) -> str:
    """Annotations grouped per file in collapsible log groups, then a plain summary line."""
    out: list[str] = []
    for path, findings in _by_file(report.findings).items():
        out.append(f"::group::{escape_data(display_path(path))}")
        out.extend(annotation(f) for f in findings)
        out.append("::endgroup::")
    out.append(_summary_line(report))
    return "\n".join(out) + "\n"


def _by_file(findings: list[Finding]) -> dict[str, list[Finding]]:
    """Findings per path, paths in first-seen order (one group each even if unsorted)."""
    out: dict[str, list[Finding]] = {}
    for f in findings:
        out.setdefault(f.path, []).append(f)
    return out


def _summary_line(report: Report) -> str:
    """Counts as plain log text (not a command, so it is not an annotation)."""
    s = report.summary()
    return (f"factcheck: {s['findings']} finding(s) in {s['files']} file(s): "
            f"{s['errors']} error(s), {s['warnings']} warning(s), {s['infos']} info")


def markdown_cell(text: str | None) -> str:
    """Text made safe for one Markdown table cell: HTML and Markdown escaped, breaks as <br>."""
    if not text:
        return ""
    escaped = html.escape(text, quote=False).translate(_MARKDOWN)
    return "<br>".join(escaped.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def github_step_summary(report: Report) -> str:
    """Every finding as a Markdown table, for $GITHUB_STEP_SUMMARY (annotations stop at 10)."""
    out = ["## factcheck", "", _summary_line(report).removeprefix("factcheck: "), ""]
    if report.findings:
        out += ["| file | line | col | severity | rule | draft text | expected | message |",
                "| --- | ---: | ---: | --- | --- | --- | --- | --- |"]
        out += [_row(f) for f in report.findings]
        out.append("")
    if report.errors:
        out += ["### Unreadable", ""] + [f"- {markdown_cell(e)}" for e in report.errors] + [""]
    return "\n".join(out)


def _row(f: Finding) -> str:
    """One finding as a table row."""
    cells = [markdown_cell(display_path(f.path)), str(f.line), str(f.column), f.severity.label,
             markdown_cell(f.rule), markdown_cell(f.text), markdown_cell(f.expected),
             markdown_cell(f.message)]
    return "| " + " | ".join(cells) + " |"
