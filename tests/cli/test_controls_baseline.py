"""Issue 4 controls: --write-baseline / --baseline fingerprints that survive edits elsewhere."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

WRONG = "累计培育试点企业786家。"
UNSUPPORTED = "每万名劳动者中高技能人才数达1330名。"


def check(run_cli, tmp_path: Path, *extra: str) -> tuple[int, list[tuple[int, str]], str]:
    """Exit code, (line, text) of each finding, and stderr for drafts/d.md."""
    code, out, err = run_cli("check", "drafts/d.md", "--format", "json", *extra, cwd=tmp_path)
    return code, [(f["line"], f["text"]) for f in json.loads(out)["findings"]] if out else [], err


@pytest.fixture
def baselined(run_cli, tmp_path: Path) -> Path:
    """A draft with an error and a warning, both written to .factcheck-baseline.json."""
    draft = tmp_path / "drafts" / "d.md"
    draft.parent.mkdir()
    draft.write_text(f"前言。\n{WRONG}\n{UNSUPPORTED}\n", "utf-8")
    code, found, err = check(run_cli, tmp_path, "--write-baseline", "base/bl.json")
    assert code == 0 and found == [] and "wrote 2 finding(s)" in err
    return draft


def test_written_baseline_is_readable_and_has_no_positions(baselined, tmp_path):
    data = json.loads((tmp_path / "base" / "bl.json").read_text("utf-8"))
    assert data["version"] == 1 and len(data["findings"]) == 2
    row = data["findings"][0]
    assert row["path"] == "../drafts/d.md" and row["text"] == "786家" and "line" not in row
    assert not list((tmp_path / "base").glob("*.tmp"))


def test_rerun_with_baseline_reports_nothing(run_cli, baselined, tmp_path):
    assert check(run_cli, tmp_path)[0] == 1  # without the baseline the error still fails
    code, found, _ = check(run_cli, tmp_path, "--baseline", "base/bl.json", "--fail-on", "info")
    assert (code, found) == (0, [])


def test_edits_elsewhere_keep_findings_suppressed(run_cli, baselined, tmp_path):
    baselined.write_text(f"新加的开头段落。\n\n前言，改过了。\n{WRONG}\n\n{UNSUPPORTED}\n结尾。\n", "utf-8")
    code, found, _ = check(run_cli, tmp_path, "--baseline", "base/bl.json", "--fail-on", "info")
    assert (code, found) == (0, [])


def test_new_error_fails(run_cli, baselined, tmp_path):
    baselined.write_text(f"前言。\n{WRONG}\n{UNSUPPORTED}\n另外，{WRONG}\n", "utf-8")
    code, found, _ = check(run_cli, tmp_path, "--baseline", "base/bl.json")
    assert (code, found) == (1, [(4, "786家")])


def test_same_sentence_twice_counts_occurrences(run_cli, baselined, tmp_path):
    baselined.write_text(f"前言。\n{WRONG}\n{UNSUPPORTED}\n{WRONG}\n", "utf-8")
    code, found, _ = check(run_cli, tmp_path, "--baseline", "base/bl.json")
    assert (code, found) == (1, [(4, "786家")])


def test_changed_words_next_to_the_finding_reopen_it(run_cli, baselined, tmp_path):
    baselined.write_text(f"前言。\n全市{WRONG}\n{UNSUPPORTED}\n", "utf-8")
    assert check(run_cli, tmp_path, "--baseline", "base/bl.json")[1] == [(2, "786家")]


def test_baseline_works_from_another_folder(run_cli, baselined, tmp_path):
    code, out, _ = run_cli("check", str(baselined), "--baseline", str(tmp_path / "base/bl.json"),
                           cwd=tmp_path / "drafts")
    assert code == 0 and "0 finding(s)" in out


@pytest.mark.parametrize("content, needle", [
    (None, "no such baseline"), ("{nope", "unreadable baseline"), ('{"version": 9}', "version-1"),
])
def test_bad_baseline_is_one_line(run_cli, baselined, tmp_path, content, needle):
    path = tmp_path / "other.json"
    if content is not None:
        path.write_text(content, "utf-8")
    code, _, err = check(run_cli, tmp_path, "--baseline", "other.json")
    assert code == 2 and err.count("\n") == 1 and needle in err and "other.json" in err
