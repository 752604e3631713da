"""The claims command group: list, show, validate, set, conflicts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.registry.files import dumps, load_file
from tests.registry.conftest import APRIL, MAY, read_registry

SEED = "workercn-2023-04-03"


@pytest.fixture
def folder(run_cli, tmp_path) -> Path:
    """claims/ with the April and May sources, extracted from their own articles."""
    for name, date, text in (("april", "2023-04-03", APRIL), ("may", "2023-05-26", MAY)):
        art = tmp_path / f"{name}.txt"
        art.write_text(text + "\n", "utf-8")
        code, _, err = run_cli("extract", str(art), "--output", str(tmp_path / "claims" / f"{name}.json"),
                               "--date", date)
        assert code == 0, err
    return tmp_path / "claims"


def test_list_default_registry(run_cli):
    code, out, _ = run_cli("claims", "list", "--format", "json")
    claims = json.loads(out)["claims"]
    assert code == 0 and claims and {c["source"] for c in claims} == {SEED}
    code, out, _ = run_cli("claims", "list")
    assert code == 0 and "number:试点企业:768家" in out and SEED in out


def test_list_filters(run_cli, folder):
    code, out, _ = run_cli("claims", "list", "-c", str(folder), "--source", "may", "--kind", "number",
                           "--format", "json")
    claims = json.loads(out)["claims"]
    assert code == 0 and claims
    assert {(c["source"], c["kind"]) for c in claims} == {("may", "number")}
    code, _, err = run_cli("claims", "list", "-c", str(folder), "--source", "june")
    assert code == 2 and "no source 'june'" in err and "april, may" in err


def test_show_highlights_the_words(run_cli):
    code, out, _ = run_cli("claims", "show", "number:试点企业:768家")
    assert code == 0
    assert "全市累计培育‹试点企业›⟦768家⟧、特色产业园区13个" in out
    assert f"source: {SEED} (2023-04-03)" in out and "line 18, column" in out


def test_show_unknown_id(run_cli):
    code, _, err = run_cli("claims", "show", "number:试点企业:999家")
    assert code == 2 and err.startswith("error: no claim with id")


def test_show_json_in_every_source(run_cli, folder):
    code, out, _ = run_cli("claims", "show", "number:培训点:20个", "-c", str(folder), "--format", "json")
    assert code == 0 and [c["source"] for c in json.loads(out)["claims"]] == ["april", "may"]


def test_set_ignored_edits_the_file_and_check_skips_it(run_cli, folder, tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("覆盖产业工人约30万人。\n", "utf-8")
    code, _, _ = run_cli("check", str(draft), "-c", str(folder / "april.json"), "--format", "json")
    assert code == 1
    code, _, err = run_cli("claims", "set", "number:产业工人:44.8万余人", "-c", str(folder),
                           "--source", "april", "--status", "ignored", "--note", "superseded")
    assert code == 0 and "status ignored" in err
    path = folder / "april.json"
    assert path.read_text("utf-8") == dumps(*load_file(path))      # still canonical
    c = next(c for c in read_registry(path)["claims"] if c["id"] == "number:产业工人:44.8万余人")
    assert (c["status"], c["note"]) == ("ignored", "superseded")
    code, out, _ = run_cli("check", str(draft), "-c", str(path), "--format", "json")
    assert "figure-mismatch" not in {f["rule"] for f in json.loads(out)["findings"]}


def test_set_needs_a_source_when_ids_repeat(run_cli, folder):
    code, _, err = run_cli("claims", "set", "number:培训点:20个", "-c", str(folder), "--status", "verified")
    assert code == 2 and "--source" in err and "april, may" in err


def test_set_rejects_unknown_status_and_no_change(run_cli, folder):
    args = ("claims", "set", "number:培训点:20个", "-c", str(folder / "may.json"))
    code, _, err = run_cli(*args, "--status", "wrong")
    assert code == 2 and "auto, verified, ignored" in err
    code, _, err = run_cli(*args)
    assert code == 2 and "nothing to change" in err


def test_validate_ok(run_cli, folder):
    code, out, _ = run_cli("claims", "validate", str(folder))
    assert code == 0 and f"{folder / 'april.json'}: ok" in out and f"{folder / 'may.json'}: ok" in out
    code, out, _ = run_cli("claims", "validate")
    assert code == 0 and ": ok" in out


def _rewrite(path: Path, change) -> None:
    data = read_registry(path)
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")


def test_validate_duplicate_ids(run_cli, folder):
    _rewrite(folder / "may.json", lambda d: d["claims"].append(dict(d["claims"][0])))
    code, out, _ = run_cli("claims", "validate", str(folder))
    assert code == 1 and "may.json: error: duplicate claim id" in out and "april.json: ok" in out


def test_validate_schema_type(run_cli, folder):
    _rewrite(folder / "may.json", lambda d: d["claims"][0].update(line="3"))
    code, out, _ = run_cli("claims", "validate", str(folder / "may.json"))
    # the loader's own type check or the schema's, whichever speaks first
    assert code == 1 and ("claim field 'line' has the wrong type" in out
                          or "schema: '3' is not of type 'integer' at /claims/0/line" in out)


def test_validate_schema_only_problem(run_cli, folder):
    _rewrite(folder / "may.json", lambda d: d["source"].update(sha256="not-a-hash"))
    code, out, _ = run_cli("claims", "validate", str(folder / "may.json"))
    assert code == 1 and "schema: 'not-a-hash' does not match" in out and "/source/sha256" in out


def test_validate_stale_article(run_cli, folder, tmp_path):
    (tmp_path / "may.txt").write_text(MAY.replace("820家", "830家") + "\n", "utf-8")
    code, out, _ = run_cli("claims", "validate", "-c", str(folder))
    assert code == 1 and "may.json: error: registry is stale" in out


def test_validate_same_source_twice(run_cli, folder, tmp_path):
    copy = tmp_path / "copy.json"
    copy.write_text((folder / "may.json").read_text("utf-8"), "utf-8")
    code, out, _ = run_cli("claims", "validate", str(folder), str(copy))
    assert code == 1 and "source 'may' is also registered in" in out


def test_validate_notes_non_canonical(run_cli, folder):
    path = folder / "may.json"
    path.write_text(json.dumps(read_registry(path), ensure_ascii=False) + "\n", "utf-8")
    code, out, _ = run_cli("claims", "validate", str(path))
    assert code == 0 and "note: not in canonical form" in out


def test_conflicts_command(run_cli, folder):
    code, out, _ = run_cli("claims", "conflicts", "-c", str(folder), "--format", "json")
    pairs = {tuple(c["text"] for c in pair) for pair in json.loads(out)["conflicts"]}
    assert code == 0 and pairs == {("768家", "820家"), ("13个", "15个"), ("44.8万余人", "47.6万余人")}
    code, out, _ = run_cli("claims", "conflicts", "-c", str(folder))
    assert "3 figures the sources state differently" in out and "may (2023-05-26)" in out
    code, out, _ = run_cli("claims", "conflicts")
    assert code == 0 and out.startswith("no conflicts among 1 sources")


def test_bare_group_prints_help(run_cli):
    code, out, _ = run_cli("claims")
    assert code == 2 and "validate" in out and "conflicts" in out
