"""Issue 4 controls: --fix rewrites exactly the wrong figure; --dry-run prints a diff only."""

from __future__ import annotations

import codecs
import json
import os

import pytest

from factcheck.text.document import Document
from factcheck.check.findings import Finding, Severity
from factcheck.check.fix import plan

WRONG = "累计培育试点企业786家。"
UNSUPPORTED = "每万名劳动者中高技能人才数达1330名。"


@pytest.mark.parametrize("encoding, bom, newline", [
    ("utf-8", b"", "\n"), ("gb18030", b"", "\r\n"), ("utf-8", codecs.BOM_UTF8, "\r\n"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "\n"),
])
def test_fix_changes_only_the_figure(run_cli, tmp_path, encoding, bom, newline):
    text = newline.join(["前言。", WRONG, UNSUPPORTED, "结尾"])  # no final newline either
    draft = tmp_path / "d.txt"
    draft.write_bytes(bom + text.encode(encoding))
    code, out, err = run_cli("check", str(draft), "--fix", "--format", "json")
    assert draft.read_bytes() == bom + text.replace("786家", "768家").encode(encoding)
    assert code == 0 and "fixed 1 finding(s) in 1 file(s)" in err
    assert [f["text"] for f in json.loads(out)["findings"]] == ["1330名"]  # warnings stay


def test_dry_run_prints_a_diff_and_leaves_the_file_alone(run_cli, tmp_path):
    draft = tmp_path / "d.md"
    draft.write_bytes(f"前言。\n{WRONG}\n".encode("gb18030"))
    before = draft.read_bytes()
    code, out, err = run_cli("check", str(draft), "--fix", "--dry-run")
    assert draft.read_bytes() == before and code == 1 and "would fix 1" in err
    assert out.startswith(f"--- a/{draft}\n+++ b/{draft}\n") and "finding(s)" not in out
    assert f"\n-{WRONG}\n+{WRONG.replace('786', '768')}\n" in out and "\n 前言。\n" in out


def test_fix_keeps_mode_and_leaves_no_temp_files(run_cli, tmp_path):
    draft = tmp_path / "d.md"
    draft.write_text(f"{WRONG}\n", "utf-8")
    os.chmod(draft, 0o640)
    run_cli("check", str(draft), "--fix")
    assert draft.stat().st_mode & 0o777 == 0o640 and [p.name for p in tmp_path.iterdir()] == ["d.md"]


def test_nothing_to_fix_leaves_warnings(run_cli, tmp_path):
    draft = tmp_path / "d.md"
    draft.write_text(f"{UNSUPPORTED}\n", "utf-8")
    code, _, err = run_cli("check", str(draft), "--fix", "--fail-on", "warning")
    assert code == 1 and draft.read_text("utf-8") == f"{UNSUPPORTED}\n" and "fixed 0" in err


def test_stdin_cannot_be_fixed(run_cli):
    code, out, err = run_cli("check", "-", "--fix", stdin=WRONG)
    assert code == 2 and out == "" and err.count("\n") == 1 and "standard input" in err


def test_dry_run_needs_fix(run_cli, tmp_path):
    draft = tmp_path / "d.md"
    draft.write_text(f"{WRONG}\n", "utf-8")
    code, _, err = run_cli("check", str(draft), "--dry-run")
    assert code == 2 and err.count("\n") == 1 and "--dry-run" in err


def _finding(col: int, end: int, fix: str | None, severity: Severity = Severity.ERROR) -> Finding:
    return Finding("d", 1, col, 1, end, severity, "figure-mismatch", "0123456789"[col - 1:end - 1],
                   "m", fix=fix)


def test_overlapping_fixes_are_skipped():
    doc = Document("d", "0123456789")
    p = plan(doc, [_finding(1, 4, "abc"), _finding(3, 6, "xyz"), _finding(8, 10, "XY"),
                   _finding(7, 8, None), _finding(6, 7, "W", Severity.WARNING)])
    assert p is not None and p.text == "0123456XY9" and len(p.fixed) == 1


def test_fix_skips_a_span_that_no_longer_holds_the_text():
    doc = Document("d", "0123456789")
    stale = Finding("d", 1, 1, 1, 3, Severity.ERROR, "figure-mismatch", "zz", "m", fix="ab")
    assert plan(doc, [stale]) is None
