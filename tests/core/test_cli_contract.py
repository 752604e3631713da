"""The command-line contract: JSON shape, exit codes, stdin, folders, parse."""

from __future__ import annotations

import json
from pathlib import Path

WRONG = "全市累计培育试点企业786家、特色产业园区13个。\n"
RIGHT = "全市累计培育试点企业768家、特色产业园区13个。\n"
UNSUPPORTED = "每万名劳动者中高技能人才数达1330名。\n"

FINDING_KEYS = {"path", "line", "column", "end_line", "end_column", "severity", "rule", "text",
                "message", "expected", "claim"}


def write(tmp: Path, name: str, text: str) -> Path:
    path = tmp / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def test_json_contract(run_cli, tmp_path):
    draft = write(tmp_path, "d.txt", WRONG)
    code, out, err = run_cli("check", str(draft), "--format", "json")
    assert code == 1 and err == ""
    report = json.loads(out)
    assert report["version"] == 1 and set(report) == {"version", "findings", "summary"}
    (f,) = report["findings"]
    assert FINDING_KEYS <= set(f)
    assert (f["line"], f["column"], f["end_line"], f["end_column"]) == (1, 11, 1, 15)
    assert f["text"] == "786家" and f["severity"] == "error" and f["rule"] == "figure-mismatch"
    assert f["expected"] == "768家"
    assert f["claim"]["source"] == "workercn-2023-04-03" and f["claim"]["line"] == 18
    assert "768家" in f["claim"]["text"] and f["claim"]["id"]
    assert report["summary"]["errors"] == 1 and report["summary"]["files"] == 1


def test_exit_zero_on_correct_draft(run_cli, tmp_path):
    code, out, _ = run_cli("check", str(write(tmp_path, "ok.txt", RIGHT)), "--format", "json")
    assert code == 0 and json.loads(out)["findings"] == []


def test_warning_does_not_fail_by_default(run_cli, tmp_path):
    draft = write(tmp_path, "w.txt", UNSUPPORTED)
    code, out, _ = run_cli("check", str(draft), "--format", "json")
    assert code == 0
    assert [f["severity"] for f in json.loads(out)["findings"]] == ["warning"]
    assert run_cli("check", str(draft), "--fail-on", "warning", "--format", "json")[0] == 1


def test_stdin_dash_and_implicit(run_cli):
    code, out, _ = run_cli("check", "-", "--format", "json", stdin=WRONG)
    assert code == 1 and json.loads(out)["findings"][0]["path"] == "-"
    code, out, _ = run_cli("check", "--format", "json", stdin=WRONG)
    assert code == 1 and json.loads(out)["findings"][0]["text"] == "786家"


def test_folder_recurses_into_txt_and_md(run_cli, tmp_path):
    write(tmp_path, "a/one.txt", WRONG)
    write(tmp_path, "a/b/two.md", WRONG)
    write(tmp_path, "a/skip.json", WRONG)
    code, out, _ = run_cli("check", str(tmp_path / "a"), "--format", "json")
    paths = [Path(f["path"]).name for f in json.loads(out)["findings"]]
    assert code == 1 and sorted(paths) == ["one.txt", "two.md"]


def test_usage_errors_are_one_line_exit_2(run_cli, tmp_path):
    for args in (["check", "--format", "nope", "x"], ["check", "--bogus"],
                 ["check", str(tmp_path / "missing.txt")], ["check", "--fail-on", "sometimes", "x"]):
        code, out, err = run_cli(*args)
        assert code == 2, args
        assert err.count("\n") == 1 and err.startswith("error:") and "Traceback" not in err


def test_text_report_names_source(run_cli, tmp_path):
    code, out, _ = run_cli("check", str(write(tmp_path, "d.txt", WRONG)), "--format", "plain")
    assert code == 1 and "d.txt:1:11" in out and "768家" in out and "workercn-2023-04-03:18" in out


def test_parse_json_contract(run_cli):
    code, out, _ = run_cli("parse", "覆盖产业工人44.8万余人，专利1186项", "--format", "json")
    items = json.loads(out)["items"]
    assert code == 0
    first = items[0]
    assert {"line", "column", "end_column", "text", "kind", "value", "low", "high", "unit",
            "qualifier"} <= set(first)
    assert (first["text"], first["value"], first["unit"], first["qualifier"]) == ("44.8万余人", 448000, "人", "余")
    assert (first["line"], first["column"], first["end_column"]) == (1, 7, 14)
    assert items[1]["value"] == 1186


def test_extract_writes_registry(run_cli, tmp_path):
    article = write(tmp_path, "a.txt", "来源:测试日报\n2023-05-06 08:00\n\n全市累计培育试点企业900家。\n")
    code, _, err = run_cli("extract", str(article), "--name", "t1", cwd=tmp_path)
    assert code == 0 and "claims" in err
    data = json.loads((tmp_path / "claims" / "t1.json").read_text("utf-8"))
    assert data["source"]["date"] == "2023-05-06" and data["source"]["publisher"] == "测试日报"
    (claim,) = [c for c in data["claims"] if c["text"] == "900家"]
    assert claim["subject"] == "试点企业" and claim["line"] == 4 and claim["column"] == 11
    code, out, _ = run_cli("check", "-", "--claims", str(tmp_path / "claims"), "--format", "json",
                           stdin="全市累计培育试点企业800家。")
    assert code == 1 and json.loads(out)["findings"][0]["expected"] == "900家"


def test_help_has_examples(run_cli):
    for cmd in ([], ["check"], ["extract"], ["parse"]):
        code, out, _ = run_cli(*cmd, "--help")
        assert code == 0 and "Example" in out, cmd
