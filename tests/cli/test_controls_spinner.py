"""One huge draft on a terminal shows a spinner on stderr; --quiet and small drafts do not."""

from __future__ import annotations

import json

from factcheck.cli import progress


def _big(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("全市累计培育试点企业786家。\n" * (progress.BIG_DRAFT // 14 + 10), "utf-8")
    return path


def test_spinner_for_one_huge_draft(run_cli, tmp_path, monkeypatch):
    monkeypatch.setattr(progress, "_is_terminal", lambda stream: True)
    code, out, err = run_cli("check", str(_big(tmp_path)), "--format", "json")
    assert code == 1 and "checking" in err and "big.txt" in err
    assert json.loads(out)["summary"]["errors"] > 1000


def test_no_spinner_when_quiet_or_small(run_cli, tmp_path, monkeypatch):
    monkeypatch.setattr(progress, "_is_terminal", lambda stream: True)
    assert "checking" not in run_cli("check", str(_big(tmp_path)), "-q", "--format", "json")[2]
    small = tmp_path / "small.txt"
    small.write_text("全市累计培育试点企业786家。", "utf-8")
    assert run_cli("check", str(small), "--format", "json")[2] == ""
