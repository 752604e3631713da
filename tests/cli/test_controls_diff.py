"""Issue 4 controls: --diff BASE keeps only findings on lines added or changed since BASE."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from factcheck.check.gitdiff import parse_diff

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

WRONG = "累计培育试点企业786家。"
UNSUPPORTED = "每万名劳动者中高技能人才数达1330名。"


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=repo,
                   check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository whose first commit holds a draft with one wrong figure."""
    git(tmp_path, "init", "-q")
    (tmp_path / "d.md").write_text(f"{WRONG}\n前言。\n", "utf-8")
    git(tmp_path, "add", "d.md")
    git(tmp_path, "commit", "-qm", "first")
    return tmp_path


def lines(out: str) -> list[tuple[str, int]]:
    return [(Path(f["path"]).name, f["line"]) for f in json.loads(out)["findings"]]


def test_only_changed_lines_are_reported(run_cli, repo):
    with (repo / "d.md").open("a", encoding="utf-8") as fh:
        fh.write(f"{UNSUPPORTED}\n")
    assert lines(run_cli("check", "d.md", "--format", "json", cwd=repo)[1]) == [("d.md", 1), ("d.md", 3)]
    code, out, _ = run_cli("check", "d.md", "--format", "json", "--diff", "HEAD", cwd=repo)
    assert code == 0 and lines(out) == [("d.md", 3)]  # the old error is not this change's


def test_changed_line_is_reported(run_cli, repo):
    (repo / "d.md").write_text(f"全市{WRONG}\n前言。\n", "utf-8")
    code, out, _ = run_cli("check", "d.md", "--format", "json", "--diff", "HEAD", cwd=repo)
    assert code == 1 and lines(out) == [("d.md", 1)]


def test_unchanged_file_reports_nothing_and_untracked_file_everything(run_cli, repo):
    (repo / "new.md").write_text(f"{WRONG}\n", "utf-8")
    code, out, _ = run_cli("check", ".", "--format", "json", "--diff", "HEAD", cwd=repo)
    assert code == 1 and lines(out) == [("new.md", 1)]


def test_diff_from_outside_the_repository(run_cli, repo, tmp_path_factory):
    (repo / "d.md").write_text(f"{WRONG}\n前言。\n{WRONG}\n", "utf-8")
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    code, out, _ = run_cli("check", str(repo / "d.md"), "--format", "json", "--diff", "HEAD", cwd=elsewhere)
    assert code == 1 and lines(out) == [("d.md", 3)]


def test_bad_base_is_one_line(run_cli, repo):
    code, out, err = run_cli("check", "d.md", "--diff", "no-such-branch", cwd=repo)
    assert code == 2 and out == "" and err.count("\n") == 1 and "no-such-branch" in err


def test_not_a_repository_is_one_line(run_cli, tmp_path):
    (tmp_path / "d.md").write_text(f"{WRONG}\n", "utf-8")
    code, out, err = run_cli("check", "d.md", "--diff", "HEAD", cwd=tmp_path)
    assert code == 2 and out == "" and err.count("\n") == 1 and "not inside a git repository" in err


def test_stdin_cannot_be_diffed(run_cli, repo):
    code, _, err = run_cli("check", "-", "--diff", "HEAD", stdin=WRONG, cwd=repo)
    assert code == 2 and err.count("\n") == 1 and "standard input" in err


def test_parse_diff_hunks(tmp_path):
    text = ("diff --git a/x.md b/x.md\n--- a/x.md\n+++ b/x.md\n@@ -1,0 +2,3 @@\n+a\n+b\n+c\n"
            "@@ -9 +12 @@\n-old\n+new\n@@ -20,2 +22,0 @@\n-gone\n-gone\n"
            "--- a/y.md\n+++ /dev/null\n@@ -1 +0,0 @@\n-bye\n")
    assert parse_diff(text, tmp_path) == {(tmp_path / "x.md").resolve(): frozenset({2, 3, 4, 12})}
