"""Issue 4 controls: suppression comments in drafts, every form, in Markdown and plain text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.check.suppress import Mask, directives

WRONG = "累计培育试点企业786家。"                   # figure-mismatch (error)
UNSUPPORTED = "每万名劳动者中高技能人才数达1330名。"   # unsupported-figure (warning)


def findings(run_cli, tmp_path: Path, lines: list[str], name: str = "d.md") -> list[tuple[int, str]]:
    """(line, rule) of every finding reported for a draft made of `lines`."""
    draft = tmp_path / name
    draft.write_text("\n".join(lines) + "\n", "utf-8")
    code, out, err = run_cli("check", str(draft), "--format", "json", "--fail-on", "never")
    assert code == 0 and err == ""
    return [(f["line"], f["rule"]) for f in json.loads(out)["findings"]]


def test_without_comments_everything_is_reported(run_cli, tmp_path):
    assert findings(run_cli, tmp_path, [WRONG, UNSUPPORTED]) == [
        (1, "figure-mismatch"), (2, "unsupported-figure")]


def test_html_block_disable_enable(run_cli, tmp_path):
    lines = [WRONG, "<!-- factcheck-disable -->", WRONG, UNSUPPORTED, "<!-- factcheck-enable -->", WRONG]
    assert findings(run_cli, tmp_path, lines) == [(1, "figure-mismatch"), (6, "figure-mismatch")]


def test_html_block_naming_a_rule(run_cli, tmp_path):
    lines = ["<!-- factcheck-disable figure-mismatch -->", WRONG, UNSUPPORTED,
             "<!-- factcheck-enable figure-mismatch -->", WRONG]
    assert findings(run_cli, tmp_path, lines) == [(3, "unsupported-figure"), (5, "figure-mismatch")]


def test_unclosed_block_runs_to_the_end(run_cli, tmp_path):
    assert findings(run_cli, tmp_path, [WRONG, "<!-- factcheck-disable -->", WRONG, WRONG]) == [
        (1, "figure-mismatch")]


def test_html_disable_next_line(run_cli, tmp_path):
    lines = ["<!-- factcheck-disable-next-line -->", WRONG, WRONG,
             "<!-- factcheck-disable-next-line figure-mismatch -->", WRONG + UNSUPPORTED]
    assert findings(run_cli, tmp_path, lines) == [(3, "figure-mismatch"), (5, "unsupported-figure")]


def test_html_disable_line(run_cli, tmp_path):
    lines = [WRONG + "<!-- factcheck-disable-line -->", WRONG,
             UNSUPPORTED + " <!-- factcheck-disable-line figure-mismatch -->"]
    assert findings(run_cli, tmp_path, lines) == [(2, "figure-mismatch"), (3, "unsupported-figure")]


def test_plain_text_comment_lines(run_cli, tmp_path):
    lines = ["# factcheck: disable-next-line", WRONG, WRONG, "# factcheck: disable", WRONG,
             "# factcheck: enable", UNSUPPORTED, "# factcheck: disable-next-line unsupported-figure",
             UNSUPPORTED]
    assert findings(run_cli, tmp_path, lines, "d.txt") == [(3, "figure-mismatch"),
                                                           (7, "unsupported-figure")]


def test_plain_text_block_naming_rules_and_reason(run_cli, tmp_path):
    lines = ["# factcheck: disable unsupported-figure -- our own survey, figure-mismatch still on",
             WRONG, UNSUPPORTED, "# factcheck: enable", UNSUPPORTED]
    assert findings(run_cli, tmp_path, lines, "d.txt") == [(2, "figure-mismatch"),
                                                           (5, "unsupported-figure")]


def test_disable_all_then_reenable_one_rule(run_cli, tmp_path):
    lines = ["<!-- factcheck-disable -->", "<!-- factcheck-enable figure-mismatch -->",
             WRONG + UNSUPPORTED]
    assert findings(run_cli, tmp_path, lines) == [(3, "figure-mismatch")]


@pytest.mark.parametrize("line, expected", [
    ("<!-- factcheck-disable-next-line a, b -->", [("disable-next-line", {"a", "b"})]),
    ("<!--factcheck-enable-->", [("enable", set())]),
    ("  # factcheck: disable-line x", [("disable-line", {"x"})]),
    ("<!-- factcheck-disabled -->", []),
    ("factcheck: disable", []),
])
def test_directive_syntax(line, expected):
    assert [(k, set(n)) for k, n in directives(line)] == expected


def test_mask_states():
    off_all = Mask().disable(frozenset())
    assert off_all.hides("x") and not off_all.enable(frozenset({"x"})).hides("x")
    assert Mask().disable(frozenset({"x"})).hides("x") and not Mask().disable(frozenset({"x"})).hides("y")
