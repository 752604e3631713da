"""Output formats: each a short function from a Report to text, listed in FORMATTERS."""

from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Iterable, Iterator
from typing import Any, Callable

from factcheck import jsontext
from factcheck.check.findings import Finding, RuleInfo, summarize
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
    yield from jsontext.array_lines(f.to_dict() for f in report.findings)
    yield ',\n  "summary": ' + jsontext.dumps(report.summary(), level=1) + "\n}\n"


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
    """`render(fmt, report)` in pieces: JSON and JSON Lines a finding at a time, for a large
    report's memory; other formats whole."""
    if fmt == "json":
        return json_pieces(report)
    if fmt == "jsonl":
        from factcheck.report.jsonl import jsonl_pieces

        return jsonl_pieces(report)
    return (render(fmt, report),)
