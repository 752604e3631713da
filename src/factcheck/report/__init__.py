"""Output formats: each a short function from a Report to text, listed in FORMATTERS."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Callable

from factcheck import jsontext
from factcheck.check.findings import ClaimRef, Finding, RuleInfo, summarize
from factcheck.records import dataclass, field
from factcheck.registry.model import Source

#: A registered source as reports name it (one type with the registry's).
SourceInfo = Source


@dataclass(frozen=True)
class Report:
    """Everything a formatter may show. `texts` maps a draft path to its decoded text;
    `speakers` maps a quote claim's (source, id) to the source sentence naming its speaker;
    `baselined` counts findings left out because the baseline accepts them."""

    findings: list[Finding]
    files: list[str]
    rules: list[RuleInfo] = field(default_factory=list)
    sources: list[SourceInfo] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    speakers: dict[tuple[str, str], str] = field(default_factory=dict)
    baselined: int = 0

    def summary(self) -> dict[str, Any]:
        """The JSON report's summary object."""
        out = summarize(self.findings, len(self.files))
        if self.errors:
            out["unreadable"] = len(self.errors)
        if self.baselined:
            out["baselined"] = self.baselined
        return out


def render_json(report: Report) -> str:
    """The versioned JSON contract: {"version": 1, "findings": [...], "summary": {...}}."""
    return "".join(json_pieces(report))


def json_pieces(report: Report) -> Iterator[str]:
    """`render_json`'s text in pieces, one finding at a time (a large report is never whole)."""
    yield '{\n  "version": 1,\n  "findings": '
    refs: dict[int, tuple[ClaimRef, str]] = {}  # the same source claims, named again and again
    sep = "[\n    "
    for f in report.findings:
        yield sep + finding_json(f, refs)
        sep = ",\n    "
    yield "[]" if sep[0] == "[" else "\n  ]"
    yield ',\n  "summary": ' + jsontext.dumps(report.summary(), level=1) + "\n}\n"


_FINDING_KEYS = tuple(f'\n      "{k}": ' for k in (
    "path", "line", "column", "end_line", "end_column", "severity", "rule", "text", "message",
    "expected", "claim", "fix", "related", "related_total"))


def finding_json(f: Finding, refs: dict[int, tuple[ClaimRef, str]] | None = None) -> str:
    """`jsontext.dumps(f.to_dict(), level=2)` (a finding as the JSON report nests it),
    written field by field; `refs` remembers the text of each source claim by identity."""
    scalar = jsontext.scalar
    texts = [scalar(v) for v in (f.path, f.line, f.column, f.end_line, f.end_column,
                                 f.severity.label, f.rule, f.text, f.message, f.expected)]
    texts.append("null" if f.claim is None else _ref_json(f.claim, 3, refs))
    texts.append(scalar(f.fix))
    texts.append("[" + ",".join("\n        " + _ref_json(r, 4, refs) for r in f.related)
                 + "\n      ]" if f.related else "[]")
    texts.append(scalar(len(f.related) if f.related_total is None else f.related_total))
    if None in texts:  # not plain data: as the general writer does
        return jsontext.dumps(f.to_dict(), level=2)
    return "{" + ",".join(k + t for k, t in zip(_FINDING_KEYS, texts)) + "\n    }"


def _ref_json(ref: ClaimRef, level: int, refs: dict[int, tuple[ClaimRef, str]] | None) -> str:
    if refs is None:
        return jsontext.dumps(ref.to_dict(), level=level)
    key = id(ref) * 8 + level
    known = refs.get(key)
    if known is None or known[0] is not ref:
        known = refs[key] = (ref, jsontext.dumps(ref.to_dict(), level=level))
    return known[1]


#: Each format's module (under factcheck.report) and function; "" is this module.
_WHERE: dict[str, tuple[str, str]] = {
    "text": ("text", "render_text_auto"), "plain": ("text", "render_plain"),
    "json": ("", "render_json"), "jsonl": ("jsonl", "render_jsonl"),
    "sarif": ("sarif", "render_sarif"), "github": ("github", "render_github"),
    "rdjson": ("rdjson", "render_rdjson"), "junit": ("junit", "render_junit"),
    "html": ("html", "render_html"),
}


def _formatter(fmt: str) -> Callable[[Report], str]:
    """One format's function, importing only its module (rich, xml … load when used)."""
    import importlib

    module, name = _WHERE[fmt]
    if not module:
        return globals()[name]
    return getattr(importlib.import_module(f"factcheck.report.{module}"), name)


def _formatters() -> dict[str, Callable[[Report], str]]:
    return {fmt: _formatter(fmt) for fmt in _WHERE}


FORMAT_NAMES = ("text", "plain", "json", "jsonl", "sarif", "github", "rdjson", "junit", "html")


def render(fmt: str, report: Report) -> str:
    """Render a report in the named format."""
    return _formatter(fmt)(report)


def pieces(fmt: str, report: Report) -> Iterable[str]:
    """`render(fmt, report)` in pieces: JSON, JSON Lines and plain text a finding at a time,
    for a large report's memory; other formats whole."""
    if fmt == "json":
        return json_pieces(report)
    if fmt == "jsonl":
        from factcheck.report.jsonl import jsonl_pieces

        return jsonl_pieces(report)
    if fmt == "plain":
        from factcheck.report.text import plain_pieces

        return plain_pieces(report)
    return (render(fmt, report),)
