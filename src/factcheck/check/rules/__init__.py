"""Every rule, listed in one dict: id -> (check function, RuleInfo)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from factcheck.check.findings import Finding, RuleInfo, Severity
from factcheck.check.rules import bodies, conflicts, figures, laws, names, people, unsupported
from factcheck.check.rules.base import Context

Check = Callable[[Context], Iterator[Finding]]


def _info(module, rule_id: str | None = None, severity: Severity | None = None,
          summary: str | None = None) -> RuleInfo:
    return RuleInfo(rule_id or module.ID, severity or module.SEVERITY, summary or module.SUMMARY,
                    (module.__doc__ or "").strip())


RULES: dict[str, tuple[Check, RuleInfo]] = {
    figures.ID: (figures.check, _info(figures)),
    unsupported.ID: (unsupported.check, _info(unsupported)),
    names.ID: (names.check, _info(names)),
    bodies.ID: (bodies.check, _info(bodies)),
    people.ROLE_ID: (people.check_roles, _info(people, people.ROLE_ID, Severity.ERROR, people.ROLE_SUMMARY)),
    people.ID: (people.check, _info(people)),
    people.QUOTE_ID: (people.check_quotes, _info(people, people.QUOTE_ID, Severity.ERROR,
                                                  people.QUOTE_SUMMARY)),
    laws.ID: (laws.check, _info(laws)),
    conflicts.ID: (conflicts.check, _info(conflicts)),
}


def rule_infos() -> list[RuleInfo]:
    """Documentation of every rule, in a stable order."""
    return [info for _, info in RULES.values()]
