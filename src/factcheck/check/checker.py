"""check(draft, registry) -> findings: extract, align, run the rules, sort. Never prints or exits."""

from __future__ import annotations

from collections.abc import Iterable

from factcheck.check.findings import Finding, Severity, sort_findings
from factcheck.check.rules import RULES
from factcheck.check.rules.figures import ID as FIGURE_RULE
from factcheck.check.rules.base import Context
from factcheck.registry.extract import extract_claims
from factcheck.check.sources import draft_sources
from factcheck.registry.model import Registry, only
from factcheck.text.document import Document


def check(doc: Document, registry: Registry, rules: Iterable[str] | None = None,
          options: dict | None = None) -> list[Finding]:
    """Findings for one draft against the registry, in their total order."""
    claims = extract_claims(doc, with_subjects=False)
    keep = draft_sources(claims, registry)
    if keep is not None:  # an archive: judge the draft against the articles it is written from
        registry = only(registry, keep)
    ctx = Context(doc, claims, registry, options or {})
    selected = list(rules) if rules is not None else list(RULES)
    findings: list[Finding] = []
    for rule_id in selected:
        findings.extend(RULES[rule_id][0](ctx))
    return sort_findings(_one_error_each(findings))


def _one_error_each(findings: list[Finding]) -> list[Finding]:
    """A figure error inside another rule's error says the same thing once more: 北京法院 for
    上海法院 is a wrong place (figure-mismatch) and a wrong name (name-mismatch), reported
    once, as the name."""
    others: dict[int, list[tuple[int, int, int, int]]] = {}  # by the line each starts on
    for f in findings:
        if f.severity is Severity.ERROR and f.rule != FIGURE_RULE:
            others.setdefault(f.line, []).append((f.line, f.column, f.end_line, f.end_column))

    def inside(f: Finding) -> bool:
        return any((f.line, f.column) >= (a, b) and (f.end_line, f.end_column) <= (c, d)
                   for a, b, c, d in others.get(f.line, ()))

    return [f for f in findings if f.rule != FIGURE_RULE or f.severity is not Severity.ERROR
            or not inside(f)]
