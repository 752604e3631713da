"""reviewdog's Diagnostic Result JSON (rdjson), with columns in UTF-8 bytes as reviewdog counts."""

from __future__ import annotations

from typing import Any

from factcheck import jsontext
from factcheck.check.findings import Finding, Severity
from factcheck.report import Report
from factcheck.report.position import display_path, span, utf8_column

_SEVERITY = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}


def render_rdjson(report: Report) -> str:
    """The report as one rdjson DiagnosticResult (`reviewdog -f=rdjson`)."""
    body = {"source": {"name": "factcheck"},
            "diagnostics": [diagnostic(report, f) for f in report.findings]}
    return jsontext.dumps(body) + "\n"


def diagnostic(report: Report, f: Finding) -> dict[str, Any]:
    """One rdjson Diagnostic; a `Finding.fix` becomes a suggestion replacing the same range."""
    where = _range(report, f)
    out: dict[str, Any] = {
        "message": _message(f),
        "location": {"path": display_path(f.path), "range": where},
        "severity": _SEVERITY[f.severity],
        "code": {"value": f.rule},
    }
    if f.fix is not None:
        out["suggestions"] = [{"range": where, "text": f.fix}]
    return out


def _range(report: Report, f: Finding) -> dict[str, Any]:
    """1-based line and UTF-8 byte column at each end; the end is exclusive in both formats."""
    start, end = span(report, f, utf8_column)
    return {"start": {"line": f.line, "column": start},
            "end": {"line": f.end_line, "column": end}}


def _message(f: Finding) -> str:
    """The message and, when known, the source sentence (reviewdog shows it in the comment)."""
    if not f.claim:
        return f.message
    return f"{f.message}\nsource {f.claim.source}:{f.claim.line}: {f.claim.text}"
