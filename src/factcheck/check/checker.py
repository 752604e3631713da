"""check(draft, registry) -> findings: extract, align, run the rules, sort. Never prints or exits."""

from __future__ import annotations

from collections.abc import Iterable

from factcheck.check.findings import Finding, sort_findings
from factcheck.check.rules import RULES
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
    return sort_findings(findings)
