"""Fixes are offered in the worker that checked the draft (--jobs), as one process offers them."""

from __future__ import annotations

import json
import os

from factcheck.check import fix


def test_fixes_are_offered_in_the_workers(run_cli, tmp_path, monkeypatch):
    for i in range(12):  # traditional script, full-width digits: offered as the draft writes
        (tmp_path / f"d{i:02d}.md").write_text("全市累計培育試點企業７８６家。\n", "utf-8")
    here, real = [], fix.offered
    monkeypatch.setattr(fix, "offered", lambda *a: here.append(os.getpid()) or real(*a))
    for jobs in ("1", "2"):
        code, out, _ = run_cli("check", str(tmp_path), "--jobs", jobs, "--format", "json")
        assert code == 1
        assert [f["fix"] for f in json.loads(out)["findings"]] == ["７６８家"] * 12
    assert here == [os.getpid()] * 12  # --jobs 1 offers here; --jobs 2 in its workers
