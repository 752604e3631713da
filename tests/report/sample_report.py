"""The small Report every format's golden file renders, and the list of golden files."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from factcheck.check.findings import ClaimRef, Finding, RuleInfo, Severity, sort_findings
from factcheck.report import Report, render
from factcheck.report.github import github_step_summary
from factcheck.report.text import render_text

GOLDEN = Path(__file__).parent / "golden"

DRAFT = "drafts/草稿 v1,终稿.md"
CLEAN = "drafts/clean.md"

#: Line 2 starts with 𠮷 (U+20BB7, outside the BMP): 2 UTF-16 units, 4 UTF-8 bytes.
DRAFT_TEXT = (
    "# 常州产业工人队伍建设改革\n"
    "𠮷祥物亮相后，常州培育试点企业786家，覆盖44.8万余人。\n"
    "据统计，全市技能人才总量达到50万人。\r\n"
    "2023年4月3日，工人日报报道了这一进展。\n"
)

CLAIM = ClaimRef(id="grrb-20230403#7", source="grrb-20230403", line=5,
                 text="常州培育试点企业768家，覆盖44.8万余人", column=9, end_column=13,
                 title="工人日报", date="2023-04-03")

RULES = [
    RuleInfo("number-mismatch", Severity.ERROR, "A number differs from its source.",
             "The draft gives a different number than the source article for the same claim."),
    RuleInfo("unsourced-number", Severity.WARNING, "A number has no source claim.",
             "No claim in the registry matches this number; check it by hand."),
    RuleInfo("date-style", Severity.INFO, "A date could be written in the house style.",
             "Dates are written as 2023年4月3日 without leading zeros."),
]


def _at(line: int, words: str, **fields: object) -> Finding:
    """A finding on `words` in line `line` of the draft, columns found by searching."""
    text = DRAFT_TEXT.replace("\r\n", "\n").split("\n")[line - 1]
    column = text.index(words) + 1
    return Finding(path=DRAFT, line=line, column=column, end_line=line,
                   end_column=column + len(words), text=words, **fields)  # type: ignore[arg-type]


def sample_findings() -> list[Finding]:
    """An error with a claim, expectation and fix; a warning without a claim; an info."""
    return sort_findings([
        _at(2, "786家", severity=Severity.ERROR, rule="number-mismatch",
            message="草稿写786家，来源为768家", expected="768家", claim=CLAIM, fix="768家"),
        _at(3, "50万人", severity=Severity.WARNING, rule="unsourced-number",
            message="来源中找不到“50万人”"),
        _at(4, "2023年4月3日", severity=Severity.INFO, rule="date-style",
            message="日期格式: 100% 符合,\n仅供参考"),
    ])


def sample_report() -> Report:
    """Two drafts (one clean), one unreadable file, the rules and the draft texts."""
    return Report(findings=sample_findings(), files=[DRAFT, CLEAN], rules=list(RULES),
                  texts={DRAFT: DRAFT_TEXT, CLEAN: "一切正常。\n"},
                  errors=["error: binary file, not text, drafts/图.png; give a .txt or .md draft"])


def _format(name: str) -> Callable[[Report], str]:
    return lambda report: render(name, report)


#: Golden file name -> how to render it. Every registered format appears here.
GOLDENS: dict[str, Callable[[Report], str]] = {
    "sample.text.ansi": lambda report: render_text(report, color=True),
    "sample.text-nocolor.txt": lambda report: render_text(report, color=False),
    "sample.plain.txt": _format("plain"),
    "sample.json": _format("json"),
    "sample.jsonl": _format("jsonl"),
    "sample.sarif": _format("sarif"),
    "sample.github.txt": _format("github"),
    "sample.github-summary.md": github_step_summary,
    "sample.rdjson": _format("rdjson"),
    "sample.junit.xml": _format("junit"),
    "sample.html": _format("html"),
}

#: Which golden file shows each registered format.
FORMAT_GOLDEN = {"text": "sample.text.ansi", "plain": "sample.plain.txt", "json": "sample.json",
                 "jsonl": "sample.jsonl", "sarif": "sample.sarif", "github": "sample.github.txt",
                 "rdjson": "sample.rdjson", "junit": "sample.junit.xml",
                 "html": "sample.html"}
