"""The immutable Finding, its Severity and the JSON shape of both."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from factcheck.records import dataclass, field


class Severity(IntEnum):
    """How sure we are that the draft is wrong; ordered so that `>=` means 'at least as bad'."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        """Lower-case name used in every output format."""
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> "Severity":
        """Severity from its lower-case name."""
        return cls[text.upper()]


@dataclass(frozen=True, slots=True)
class ClaimRef:
    """Where a finding's expectation comes from: one claim of one source."""

    id: str
    source: str
    line: int
    text: str
    column: int = 0
    end_column: int = 0
    title: str = ""
    date: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Contract fields first (`id, source, line, text`), then extensions."""
        return {"id": self.id, "source": self.source, "line": self.line, "text": self.text,
                "column": self.column, "end_column": self.end_column,
                "title": self.title, "date": self.date}


@dataclass(frozen=True, slots=True, order=False)
class Finding:
    """One discrepancy at one place in one draft. Positions are 1-based; end_column is exclusive."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    severity: Severity
    rule: str
    text: str
    message: str
    expected: str | None = None
    claim: ClaimRef | None = None
    fix: str | None = None
    related: tuple[ClaimRef, ...] = field(default_factory=tuple)
    related_total: int | None = None  # how many `related` was cut from (None: not cut)

    def sort_key(self) -> tuple[str, int, int, str]:
        """Total order: path, line, column, rule."""
        return (self.path, self.line, self.column, self.rule)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of one finding (docs/json-output.md)."""
        return {
            "path": self.path, "line": self.line, "column": self.column,
            "end_line": self.end_line, "end_column": self.end_column,
            "severity": self.severity.label, "rule": self.rule, "text": self.text,
            "message": self.message, "expected": self.expected,
            "claim": self.claim.to_dict() if self.claim else None,
            "fix": self.fix,
            "related": [ref.to_dict() for ref in self.related],
            "related_total": len(self.related) if self.related_total is None else self.related_total,
        }


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Findings in their total order, duplicates removed."""
    seen: dict[tuple, Finding] = {}
    for f in findings:
        seen.setdefault((f.path, f.line, f.column, f.end_column, f.rule), f)
    return sorted(seen.values(), key=Finding.sort_key)


def summarize(findings: list[Finding], files: int) -> dict[str, int]:
    """Counts for the report's summary object."""
    counts = {s.label: 0 for s in sorted(Severity, reverse=True)}
    for f in findings:
        counts[f.severity.label] += 1
    return {"files": files, "findings": len(findings), **{f"{k}s": v for k, v in counts.items()}}


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """What every output format says about a rule: its id, default severity and documentation."""

    id: str
    severity: Severity
    summary: str
    description: str
