"""Issue 4 controls: config discovery, CLI precedence, every key, bad keys, `factcheck config`."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from factcheck.registry.files import default_claims_dir

WRONG = "累计培育试点企业786家。\n"
UNSUPPORTED = "每万名劳动者中高技能人才数达1330名。\n"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def rules_of(out: str) -> list[str]:
    return [f["rule"] for f in json.loads(out)["findings"]]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with a draft holding one error and one warning, and a deep working folder."""
    write(tmp_path, "drafts/d.md", WRONG + UNSUPPORTED)
    (tmp_path / "a" / "b").mkdir(parents=True)
    return tmp_path


def test_dot_file_found_from_a_subfolder(run_cli, project):
    draft = str(project / "drafts/d.md")
    assert run_cli("check", draft, cwd=project / "a" / "b")[0] == 1
    write(project, ".factcheck.toml", 'fail-on = "never"\n')
    assert run_cli("check", draft, cwd=project / "a" / "b")[0] == 0


def test_pyproject_tool_table_found_and_cli_wins(run_cli, project):
    write(project, "pyproject.toml", '[project]\nname = "x"\n\n[tool.factcheck]\nfail-on = "never"\n')
    draft = str(project / "drafts/d.md")
    assert run_cli("check", draft, cwd=project / "a")[0] == 0
    assert run_cli("check", draft, "--fail-on", "error", cwd=project / "a")[0] == 1


def test_pyproject_without_table_is_passed_over(run_cli, project):
    write(project, ".factcheck.toml", 'fail-on = "never"\n')
    write(project, "a/pyproject.toml", '[project]\nname = "factcheck-user"\n')
    assert run_cli("check", str(project / "drafts/d.md"), cwd=project / "a" / "b")[0] == 0


def test_format_key_and_cli_override(run_cli, project):
    write(project, ".factcheck.toml", 'format = "json"\n')
    code, out, _ = run_cli("check", "drafts/d.md", cwd=project)
    assert json.loads(out)["version"] == 1
    assert run_cli("check", "drafts/d.md", "--format", "plain", cwd=project)[1].startswith("drafts/d.md:1:9")


def test_enable_and_disable(run_cli, project):
    write(project, ".factcheck.toml", 'format = "json"\ndisable = ["unsupported-figure"]\n')
    assert rules_of(run_cli("check", "drafts/d.md", cwd=project)[1]) == ["figure-mismatch"]
    out = run_cli("check", "drafts/d.md", "--enable", "unsupported-figure", "--disable", "name-mismatch",
                  cwd=project)[1]
    assert rules_of(out) == ["unsupported-figure"]


def test_ignore_list_hides_draft_text(run_cli, project):
    write(project, ".factcheck.toml", 'format = "json"\nignore = ["1330名"]\n')
    assert rules_of(run_cli("check", "drafts/d.md", cwd=project)[1]) == ["figure-mismatch"]


def test_include_and_exclude_when_walking(run_cli, project):
    write(project, "drafts/old/x.md", WRONG)
    write(project, "drafts/notes.rst", WRONG)
    write(project, ".factcheck.toml", 'format = "json"\nexclude = ["old"]\n')
    files = lambda out: sorted({f["path"] for f in json.loads(out)["findings"]})  # noqa: E731
    assert files(run_cli("check", "drafts", cwd=project)[1]) == ["drafts/d.md"]
    out = run_cli("check", "drafts", "--include", "*.rst", "--exclude", "nothing", cwd=project)[1]
    assert files(out) == ["drafts/notes.rst"]


def test_claims_relative_to_the_config_file(run_cli, project):
    shutil.copy(default_claims_dir() / "workercn-2023-04-03.json", project / "reg.json")
    write(project, ".factcheck.toml", 'claims = ["reg.json"]\n')
    assert run_cli("check", str(project / "drafts/d.md"), cwd=project / "a" / "b")[0] == 1
    write(project, ".factcheck.toml", 'claims = ["missing.json"]\n')
    code, _, err = run_cli("check", str(project / "drafts/d.md"), cwd=project / "a")
    assert code == 2 and str(project / "missing.json") in err


def test_encoding_key(run_cli, project):
    (project / "gbk.txt").write_bytes(WRONG.encode("gb18030"))
    write(project, ".factcheck.toml", 'encoding = "utf-8"\n')
    code, _, err = run_cli("check", "gbk.txt", cwd=project)
    assert code == 2 and "utf-8" in err
    assert run_cli("check", "gbk.txt", "--encoding", "gb18030", cwd=project)[0] == 1


def test_tolerance_reaches_the_rules_options(run_cli, project, monkeypatch):
    import factcheck.check.checker

    seen: list[dict] = []
    real = factcheck.check.checker.check
    def spy(doc, reg, rules=None, options=None):
        seen.append(options)
        return real(doc, reg, rules, options)

    monkeypatch.setattr(factcheck.check.checker, "check", spy)
    write(project, ".factcheck.toml", "tolerance = 0.5\n")
    run_cli("check", "drafts/d.md", cwd=project)
    run_cli("check", "drafts/d.md", "--tolerance", "2", cwd=project)
    assert [o.get("tolerance") for o in seen] == [0.5, 2.0]


@pytest.mark.parametrize("toml, needle", [
    ('fail_on = "never"\n', "did you mean 'fail-on'"),
    ('colour = true\n', "unknown key 'colour'"),
    ('fail-on = "sometimes"\n', "fail-on"),
    ('enable = ["no-such-rule"]\n', "no-such-rule"),
    ('max-bytes = "big"\n', "max-bytes"),
    ('tolerance = -1\n', "tolerance"),
    ('encoding = "klingon"\n', "encoding"),
    ('ignore = "1330名"\nexclude = [1]\n', "exclude"),
    ('fail-on = \n', "invalid TOML"),
])
def test_bad_config_is_one_line_naming_file_and_key(run_cli, project, toml, needle):
    cfg = write(project, ".factcheck.toml", toml)
    code, out, err = run_cli("check", "drafts/d.md", cwd=project)
    assert code == 2 and out == "" and err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("error:") and str(cfg) in err and needle in err


def test_config_command_shows_values_and_origins(run_cli, project):
    cfg = write(project, "pyproject.toml", '[tool.factcheck]\nfail-on = "warning"\nignore = ["1330名"]\n')
    code, out, err = run_cli("config", "--format", "json", cwd=project / "a")
    assert code == 0 and err == ""
    lines = {ln.split("=")[0].strip(): ln for ln in out.splitlines() if "=" in ln and not ln.startswith("#")}
    assert re.match(r'fail-on +=  ?"warning"  #', lines["fail-on"]) \
        and lines["fail-on"].endswith(f"# {cfg}")
    width = len(lines["fail-on"].split("=")[0])
    assert all(len(line.split("=")[0]) == width for line in lines.values())  # one column
    assert lines["max-related"].startswith("max-related") and "= 10  # default" in lines["max-related"]
    assert '["1330名"]' in lines["ignore"] and str(cfg) in lines["ignore"]
    assert '"json"' in lines["format"] and lines["format"].endswith("# CLI")
    assert lines["max-bytes"].endswith("# default")
    assert out.startswith(f"# config file: {cfg}\n")


def test_config_command_without_a_file(run_cli, tmp_path):
    code, out, _ = run_cli("config", cwd=tmp_path)
    assert code == 0 and "none found" in out and re.search(r'^fail-on += "error"  # default$', out, re.M)


def test_builtin_keyword_in_config_claims(tmp_path, monkeypatch, capsys):
    from factcheck.cli import main

    (tmp_path / "pyproject.toml").write_text('[tool.factcheck]\nclaims = ["builtin"]\n', "utf-8")
    (tmp_path / "d.txt").write_text("全市累计培育试点企业786家。", "utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "d.txt", "--format", "json"]) == 1
    assert '"expected": "768家"' in capsys.readouterr().out
