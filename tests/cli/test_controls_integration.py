"""Issue 4 controls: the pre-commit hook and the GitHub Action are wired to the real CLI."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HOOKS = (ROOT / ".pre-commit-hooks.yaml").read_text("utf-8")
ACTION = (ROOT / "action.yml").read_text("utf-8")


def test_hook_fields():
    assert re.search(r"^- id: factcheck$", HOOKS, re.M)
    assert re.search(r"^  entry: factcheck check$", HOOKS, re.M)
    assert re.search(r"^  language: python$", HOOKS, re.M)
    assert re.search(r"^  types_or: \[text, markdown\]$", HOOKS, re.M)
    files = re.search(r"^  files: (.+)$", HOOKS, re.M).group(1)
    exclude = re.search(r"^  exclude: (.+)$", HOOKS, re.M).group(1)

    def checked(path: str) -> bool:
        return bool(re.search(files, path)) and not re.search(exclude, path)
    assert all(map(checked, ["drafts/a.md", "news/draft/b.txt", "drafts/2023/稿件.md"]))
    assert not any(map(checked, ["setup.py", "drafts/notes.mdx", "requirements.txt",
                                 "README.md", "docs/guide.md", "b.txt", "drafts/README.md",
                                 "requirements-dev.txt"]))


def test_hook_yaml_structure():
    yaml = pytest.importorskip("yaml")
    (hook,) = yaml.safe_load(HOOKS)
    assert hook["id"] == "factcheck" and hook["entry"] == "factcheck check"


def test_action_inputs_and_commands():
    for name in ("paths", "claims", "fail-on", "version"):
        assert re.search(rf"^  {name}:$", ACTION, re.M), name
    assert "using: composite" in ACTION and "${{ github.action_path }}" in ACTION
    assert "--format sarif --output factcheck.sarif" in ACTION and "--format github" in ACTION
    assert "upload-sarif" in ACTION  # the SARIF upload guidance


def test_action_commands_use_real_options(run_cli, tmp_path, monkeypatch):
    """Every `factcheck check` line in the action runs against the real CLI without a usage error."""
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    draft = tmp_path / "d.md"
    draft.write_text("累计培育试点企业786家。\n", "utf-8")
    lines = re.findall(r"factcheck check \$PATHS \"\$\{args\[@\]\}\" (.+)", ACTION)
    assert len(lines) == 2
    for rest in lines:
        args = rest.replace('"$FAIL_ON"', "error").split()
        code, _, err = run_cli("check", str(draft), *args, cwd=tmp_path)
        assert code in (0, 1) and err == "", (rest, err)
    assert (tmp_path / "factcheck.sarif").is_file()
