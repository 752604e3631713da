"""check --source narrows the registry; --claims builtin names the shipped one; --jobs keeps order."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import draft_files


def test_source_narrows_and_unknown_source_is_usage_error(run_cli, tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("全市累计培育试点企业786家。", "utf-8")
    code, out, _ = run_cli("check", str(draft), "--source", "workercn-2023-04-03", "--format", "json")
    assert code == 1 and json.loads(out)["findings"][0]["claim"]["source"] == "workercn-2023-04-03"
    code, _, err = run_cli("check", str(draft), "--source", "nope")
    assert code == 2 and err.startswith("error:") and err.count("\n") == 1


def test_claims_builtin_keyword(run_cli, tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("全市累计培育试点企业786家。", "utf-8")
    code, out, _ = run_cli("check", str(draft), "--claims", "builtin", "--format", "json")
    assert code == 1 and json.loads(out)["findings"][0]["expected"] == "768家"


def test_jobs_give_the_same_report_in_the_same_order(run_cli, tmp_path):
    drafts = draft_files()
    for i in range(120 // len(drafts)):
        for src in drafts:
            shutil.copy(src, tmp_path / f"{i:02d}-{src.name}")
    one = run_cli("check", str(tmp_path), "--jobs", "1", "--format", "json")
    two = run_cli("check", str(tmp_path), "--jobs", "2", "--format", "json")
    assert one[0] == two[0] == 1
    assert one[1] == two[1]
    paths = [Path(f["path"]).name for f in json.loads(two[1])["findings"]]
    assert paths == sorted(paths) and len(set(paths)) > 50
