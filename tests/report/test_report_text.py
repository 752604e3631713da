"""The terminal formats: colour on request, none with --no-color or NO_COLOR."""

from __future__ import annotations

import dataclasses

import pytest

from factcheck.check.findings import Finding, Severity
from factcheck.report import Report, render
from factcheck.report.text import render_plain, render_text, use_color
from sample_report import sample_report

ESC = "\x1b["


def test_color_false_has_no_escape_codes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    assert ESC not in render_text(sample_report(), color=False)


def test_color_true_ignores_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    plain_env = render_text(sample_report(), color=True)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    assert ESC in plain_env
    assert render_text(sample_report(), color=True) == plain_env


@pytest.mark.parametrize(("flag", "env", "expected"), [
    (False, None, True), (True, None, False), (False, "1", False), (False, "", True),
])
def test_use_color(flag: bool, env: str | None, expected: bool,
                   monkeypatch: pytest.MonkeyPatch) -> None:
    if env is None:
        monkeypatch.delenv("NO_COLOR", raising=False)
    else:
        monkeypatch.setenv("NO_COLOR", env)
    assert use_color(flag) is expected


def test_registered_text_format_honours_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert render("text", sample_report()) == render_text(sample_report(), color=False)
    monkeypatch.delenv("NO_COLOR")
    assert ESC in render("text", sample_report())


def test_context_shows_the_draft_line_with_the_words_underlined() -> None:
    out = render_text(sample_report(), color=True)
    assert "\x1b[1;4;31m786家\x1b[0m" in out
    assert "𠮷祥物亮相后" in out


def test_context_without_the_draft_text_shows_just_the_words() -> None:
    report = dataclasses.replace(sample_report(), texts={})
    lines = render_text(report, color=False).splitlines()
    assert lines[1] == "    786家"


def test_plain_lists_each_finding_and_the_summary() -> None:
    f = Finding("a.md", 3, 4, 3, 6, Severity.WARNING, "r", "两万", "m")
    assert render_plain(Report([f], ["a.md"])) == (
        "a.md:3:4: warning [r] m\n1 finding(s) in 1 file(s): 0 error(s), 1 warning(s), 0 info\n")


def test_plain_report_is_written_a_finding_at_a_time() -> None:
    """`pieces` streams the plain report (a 10 MB draft's report is never whole in memory),
    and its pieces are exactly `render_plain`'s text."""
    from factcheck.report import pieces

    report = sample_report()
    report = dataclasses.replace(report, findings=report.findings * 3)
    got = list(pieces("plain", report))
    assert len(got) == len(report.findings) + 1
    assert "".join(got) == render_plain(report)
    assert got[-1].startswith(f"{len(report.findings)} finding(s)")
