"""Suppression comments in drafts and the `ignore` list: findings are dropped, never patched.

Markdown/HTML form                              plain-text form
<!-- factcheck-disable [rule …] -->             # factcheck: disable [rule …]
<!-- factcheck-enable [rule …] -->              # factcheck: enable [rule …]
<!-- factcheck-disable-next-line [rule …] -->   # factcheck: disable-next-line [rule …]
<!-- factcheck-disable-line [rule …] -->        … # factcheck: disable-line [rule …]

Without rule ids a directive covers every rule. A disable … enable block covers both directive
lines and everything between; an unclosed block runs to the end of the file. A finding is judged
by the line it starts on. Text after ` -- ` in a directive is a free-form reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from factcheck.check.findings import Finding
from factcheck.records import dataclass
from factcheck.text.document import Document, normalise
from factcheck.lazyre import lazy

_KIND = r"(disable-next-line|disable-line|disable|enable)(?!\w|-(?!->))"
_HTML = lazy(r"<!--\s*factcheck-" + _KIND + r"(.*?)-->")
_PLAIN = lazy(r"#\s*factcheck:\s*" + _KIND + r"(.*)$")


@dataclass(frozen=True)
class Mask:
    """Rules hidden on a line: all but `rules` when `every`, else exactly `rules`."""

    every: bool = False
    rules: frozenset[str] = frozenset()

    def hides(self, rule: str) -> bool:
        """Whether this mask hides findings of `rule`."""
        return (rule not in self.rules) if self.every else (rule in self.rules)

    def disable(self, names: frozenset[str]) -> "Mask":
        """The block state after a disable directive naming `names` (empty: every rule)."""
        if not names:
            return Mask(True)
        return Mask(True, self.rules - names) if self.every else Mask(False, self.rules | names)

    def enable(self, names: frozenset[str]) -> "Mask":
        """The block state after an enable directive naming `names` (empty: every rule)."""
        if not names:
            return Mask()
        return Mask(True, self.rules | names) if self.every else Mask(False, self.rules - names)


def directives(line: str) -> list[tuple[str, frozenset[str]]]:
    """The (kind, rule ids) of every directive on one line, in order."""
    found = [(m.start(), m.group(1), m.group(2)) for m in _HTML.finditer(line)]
    found += [(m.start(), m.group(1), m.group(2)) for m in _PLAIN.finditer(line)]
    return [(kind, _rule_names(rest)) for _, kind, rest in sorted(found)]


def _rule_names(rest: str) -> frozenset[str]:
    rest = rest.split(" -- ", 1)[0]
    return frozenset(n for n in re.split(r"[\s,]+", rest) if n)


def line_masks(lines: list[str]) -> dict[int, list[Mask]]:
    """1-based line number -> the masks that apply to it."""
    masks: dict[int, list[Mask]] = {}
    state = Mask()
    for number, line in enumerate(lines, start=1):
        before = state
        for kind, names in directives(line):
            if kind == "disable":
                state = state.disable(names)
            elif kind == "enable":
                state = state.enable(names)
            else:
                target = number + 1 if kind == "disable-next-line" else number
                masks.setdefault(target, []).append(Mask().disable(names))
        masks.setdefault(number, []).extend(m for m in (before, state) if m != Mask())
    return masks


def filter_suppressed(findings: Iterable[Finding], doc: Document) -> list[Finding]:
    """The findings no suppression comment in `doc` hides."""
    findings = list(findings)
    if "factcheck" not in doc.text or not findings:
        return findings
    masks = line_masks([doc.line_text(n) for n in range(1, doc.line_count + 1)])
    return [f for f in findings if not any(m.hides(f.rule) for m in masks.get(f.line, ()))]


def drop_ignored(findings: Iterable[Finding], ignore: Iterable[str]) -> list[Finding]:
    """The findings whose draft text is not in the `ignore` list (compared after normalising)."""
    hidden = {normalise(t.strip()) for t in ignore}
    if not hidden:
        return list(findings)
    return [f for f in findings if normalise(f.text.strip()) not in hidden]
