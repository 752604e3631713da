"""JSON Lines: one finding per line, each exactly `Finding.to_dict()` (the JSON contract)."""

from __future__ import annotations

import json
from collections.abc import Iterator

from factcheck.check.findings import Finding
from factcheck.report import Report

#: Characters JSON leaves raw that some line readers (Python's str.splitlines) treat as breaks.
_LINE_SAFE = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"})


def finding_line(f: Finding) -> str:
    """One finding as a single JSON line, with no raw line or paragraph separators."""
    return json.dumps(f.to_dict(), ensure_ascii=False).translate(_LINE_SAFE)


def render_jsonl(report: Report) -> str:
    """Every finding as one JSON object per line; no findings gives an empty string."""
    return "".join(jsonl_pieces(report))


def jsonl_pieces(report: Report) -> Iterator[str]:
    """`render_jsonl`'s lines one at a time."""
    return (finding_line(f) + "\n" for f in report.findings)
