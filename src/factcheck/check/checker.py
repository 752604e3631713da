"""check(draft, registry) -> findings: extract, align, run the rules, sort. Never prints or exits."""

from __future__ import annotations

from collections.abc import Iterable

from factcheck.check.findings import Finding, sort_findings
from factcheck.check.rules import RULES
from factcheck.check.rules.base import Context
from factcheck.registry.extract import extract_claims
from factcheck.registry.model import Registry
from factcheck.text.document import Document


def check(doc: Document, registry: Registry, rules: Iterable[str] | None = None,
          options: dict | None = None) -> list[Finding]:
    """Findings for one draft against the registry, in their total order."""
    ctx = Context(doc, extract_claims(doc, with_subjects=False), registry, options or {})
    selected = list(rules) if rules is not None else list(RULES)
    findings: list[Finding] = []
    for rule_id in selected:
        findings.extend(RULES[rule_id][0](ctx))
    return sort_findings(findings)
