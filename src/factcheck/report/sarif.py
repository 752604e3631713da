"""SARIF 2.1.0 for GitHub code scanning and other static-analysis viewers."""

from __future__ import annotations

import hashlib
import os
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from factcheck import __version__, jsontext
from factcheck.check.findings import Finding, RuleInfo, Severity
from factcheck.report import Report
from factcheck.report.position import display_path, line_text, span, utf16_column

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "factcheckContext/v1"
#: Code points either side of a finding that its fingerprint includes.
CONTEXT = 10

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render_sarif(report: Report) -> str:
    """The report as one SARIF 2.1.0 run with UTF-16 columns, as GitHub code scanning expects."""
    rules = _rule_list(report)
    index = {rule.id: i for i, rule in enumerate(rules)}
    fingerprints = _fingerprints(report)
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "factcheck", "version": __version__,
                            "semanticVersion": __version__,
                            "rules": [_descriptor(rule) for rule in rules]}},
        "columnKind": "utf16CodeUnits",
        "invocations": [_invocation(report)],
        "results": [_result(report, f, index[f.rule], fp)
                    for f, fp in zip(report.findings, fingerprints)],
    }
    body = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return jsontext.dumps(body) + "\n"


def _rule_list(report: Report) -> list[RuleInfo]:
    """The report's rules, then a bare entry for any rule a finding names that is not listed."""
    rules = list(report.rules)
    known = {rule.id for rule in rules}
    for f in report.findings:
        if f.rule not in known:
            known.add(f.rule)
            rules.append(RuleInfo(f.rule, f.severity, "", ""))
    return rules


def _descriptor(rule: RuleInfo) -> dict[str, Any]:
    """A SARIF reportingDescriptor; empty documentation falls back to the rule id."""
    summary = rule.summary or rule.id
    full = rule.description or summary
    return {"id": rule.id, "shortDescription": {"text": summary},
            "fullDescription": {"text": full}, "help": {"text": full},
            "defaultConfiguration": {"level": _LEVEL[rule.severity]}}


def _invocation(report: Report) -> dict[str, Any]:
    """Whether every file could be read, with one notification per unreadable file."""
    out: dict[str, Any] = {"executionSuccessful": not report.errors}
    if report.errors:
        out["toolExecutionNotifications"] = [
            {"level": "error", "message": {"text": error}} for error in report.errors]
    return out


def _result(report: Report, f: Finding, rule_index: int, fingerprint: str) -> dict[str, Any]:
    """One SARIF result: rule, level, message, location, fingerprint and the source claim."""
    out: dict[str, Any] = {
        "ruleId": f.rule, "ruleIndex": rule_index, "level": _LEVEL[f.severity],
        "message": {"text": f.message},
        "locations": [{"physicalLocation": {"artifactLocation": artifact_location(f.path),
                                            "region": _region(report, f)}}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }
    if f.fix is not None:
        out["fixes"] = [_fix(report, f)]
    props = {"text": f.text, "expected": f.expected,
             "claim": f.claim.to_dict() if f.claim else None}
    out["properties"] = {k: v for k, v in props.items() if v is not None}
    return out


def _region(report: Report, f: Finding) -> dict[str, int]:
    """The finding's region with columns in UTF-16 code units (endColumn exclusive, as ours)."""
    start, end = span(report, f, utf16_column)
    return {"startLine": f.line, "startColumn": start, "endLine": f.end_line, "endColumn": end}


def _fix(report: Report, f: Finding) -> dict[str, Any]:
    """A fix replacing the finding's words with `Finding.fix`."""
    change = {"artifactLocation": artifact_location(f.path),
              "replacements": [{"deletedRegion": _region(report, f),
                                "insertedContent": {"text": f.fix}}]}
    return {"description": {"text": f"Replace with {f.fix}"}, "artifactChanges": [change]}


def artifact_location(path: str) -> dict[str, str]:
    """A percent-encoded URI relative to %SRCROOT% (the working directory), or a file: URI;
    a name that is not UTF-8 is encoded as its bytes."""
    shown = display_path(path)
    if os.path.isabs(shown):
        return {"uri": PurePath(shown).as_uri()}
    raw = shown.encode("utf-8", "surrogateescape")  # undecodable name bytes come back as bytes
    return {"uri": quote(raw, safe="/"), "uriBaseId": "%SRCROOT%"}


def fingerprint(report: Report, f: Finding) -> str:
    """Hash of rule, draft words, expectation and nearby text: stable under edits elsewhere."""
    line = line_text(report, f.path, f.line)
    start = max(f.column - 1, 0)
    end = f.end_column - 1 if f.end_line == f.line else len(line)
    window = "".join(line[max(start - CONTEXT, 0):end + CONTEXT].split())
    parts = "\x1f".join((f.rule, f.text, f.expected or "", window))
    return hashlib.sha256(parts.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _fingerprints(report: Report) -> list[str]:
    """Each finding's fingerprint, with `:n` numbering identical ones within one file."""
    seen: dict[tuple[str, str], int] = {}
    out = []
    for f in report.findings:
        digest = fingerprint(report, f)
        n = seen[(f.path, digest)] = seen.get((f.path, digest), 0) + 1
        out.append(f"{digest}:{n}")
    return out
