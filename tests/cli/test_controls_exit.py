"""Issue 4 controls: --fail-on, --output, --format auto, colour, step summary, --max-bytes, progress."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

WRONG = "累计培育试点企业786家。\n"                    # error: the source says 768家
UNSUPPORTED = "每万名劳动者中高技能人才数达1330名。\n"   # warning: the source never says it
RIGHT = "累计培育试点企业768家。\n"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch, tmp_path):
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize("text, fail_on, code", [
    (WRONG, "error", 1), (WRONG, "warning", 1), (WRONG, "info", 1), (WRONG, "never", 0),
    (UNSUPPORTED, "error", 0), (UNSUPPORTED, "warning", 1), (UNSUPPORTED, "info", 1),
    (UNSUPPORTED, "never", 0), (RIGHT, "info", 0),
])
def test_fail_on_levels(run_cli, tmp_path, text, fail_on, code):
    draft = write(tmp_path, "d.md", text)
    assert run_cli("check", str(draft), "--fail-on", fail_on, "--format", "json")[0] == code


def test_output_file_gets_report_and_exit_code_follows_findings(run_cli, tmp_path):
    draft, out_file = write(tmp_path, "d.md", WRONG), tmp_path / "out" / "report.json"
    code, out, err = run_cli("check", str(draft), "--format", "json", "--output", str(out_file))
    assert (code, out) == (1, "")
    report = json.loads(out_file.read_text("utf-8"))
    assert [f["text"] for f in report["findings"]] == ["786家"]
    assert not [p for p in out_file.parent.iterdir() if p.name.endswith(".tmp")]
    mask = os.umask(0o022)
    os.umask(mask)
    assert out_file.stat().st_mode & 0o777 == 0o666 & ~mask  # like any new file, not 0600
    code, out, _ = run_cli("check", str(write(tmp_path, "ok.md", RIGHT)), "-o", str(out_file))
    assert (code, out) == (0, "") and "0 finding(s)" in out_file.read_text("utf-8")


def test_format_auto_is_github_under_actions(run_cli, tmp_path, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out, _ = run_cli("check", str(write(tmp_path, "d.md", WRONG)))
    assert code == 1 and out.startswith("::group::") and "::error file=" in out


def test_format_auto_is_plain_off_terminal(run_cli, tmp_path):
    code, out, _ = run_cli("check", str(write(tmp_path, "d.md", WRONG)))
    assert code == 1 and "d.md:1:9: error [figure-mismatch]" in out and "\x1b[" not in out


@pytest.mark.parametrize("opt_out", ["--no-color", "NO_COLOR"])
def test_no_color_gives_plain_text(run_cli, tmp_path, monkeypatch, opt_out):
    draft = str(write(tmp_path, "d.md", WRONG))
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert "\x1b[" in run_cli("check", draft, "--format", "text")[1]  # colour by default
    if opt_out == "NO_COLOR":
        monkeypatch.setenv("NO_COLOR", "1")
        out = run_cli("check", draft, "--format", "text")[1]
    else:
        out = run_cli("check", draft, "--format", "text", "--no-color")[1]
    assert "\x1b[" not in out and "d.md:1:9: error" in out


def test_github_step_summary_appended(run_cli, tmp_path, monkeypatch):
    summary = write(tmp_path, "summary.md", "earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, _, _ = run_cli("check", str(write(tmp_path, "d.md", WRONG)), "--format", "github")
    text = summary.read_text("utf-8")
    assert code == 1 and text.startswith("earlier step\n## factcheck")
    assert "786家" in text and "768家" in text


def test_no_step_summary_for_other_formats(run_cli, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    run_cli("check", str(write(tmp_path, "d.md", WRONG)), "--format", "json")
    assert not summary.exists()


def test_max_bytes_is_passed_to_the_reader(run_cli, tmp_path):
    draft = str(write(tmp_path, "d.md", WRONG))
    code, _, err = run_cli("check", draft, "--max-bytes", "10")
    assert code == 2 and err.count("\n") == 1 and "over the limit of 10" in err
    assert run_cli("check", draft, "--max-bytes", "1000")[0] == 1


def test_bad_max_bytes_is_one_line(run_cli, tmp_path):
    code, _, err = run_cli("check", str(write(tmp_path, "d.md", WRONG)), "--max-bytes", "0")
    assert code == 2 and err.count("\n") == 1 and "max-bytes" in err


def test_progress_bar_on_terminal_hidden_by_quiet(run_cli, tmp_path, monkeypatch):
    from factcheck.cli import progress

    for i in range(3):
        write(tmp_path, f"drafts/d{i}.md", WRONG)
    monkeypatch.setattr(progress, "_is_terminal", lambda stream: True)
    assert "checking" in run_cli("check", "drafts")[2]
    assert run_cli("check", "drafts", "--quiet")[2] == ""
    assert "checking" not in run_cli("check", "drafts/d0.md")[2]  # one file: no bar


def test_no_progress_bar_off_terminal(run_cli, tmp_path):
    for i in range(3):
        write(tmp_path, f"drafts/d{i}.md", WRONG)
    assert run_cli("check", "drafts")[2] == ""
