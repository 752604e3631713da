"""SARIF: schema-valid, UTF-16 columns, stable fingerprints, relative URIs."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import __version__
from factcheck.check.findings import Finding, Severity
from factcheck.report import Report
from factcheck.report.sarif import FINGERPRINT_KEY, render_sarif
from sample_report import DRAFT, DRAFT_TEXT, sample_report

REPO = Path(__file__).resolve().parents[2]
SCHEMA = REPO.parent / "shared" / "eval" / "external" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def validator() -> Any:
    if not SCHEMA.exists():
        pytest.skip(f"SARIF schema not found at {SCHEMA}")
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    if "properties" not in schema and "Root" in schema.get("definitions", {}):
        # This copy keeps the root's constraints under definitions/Root; without the $ref
        # the top level checks nothing and every document "validates".
        schema = {**schema, "$ref": "#/definitions/Root"}
    return jsonschema.Draft7Validator(schema)


def _run(report: Report) -> dict[str, Any]:
    return json.loads(render_sarif(report))["runs"][0]


def test_sample_validates_against_the_schema(validator: Any) -> None:
    validator.validate(json.loads(render_sarif(sample_report())))


def test_schema_rejects_a_broken_log(validator: Any) -> None:
    broken = json.loads(render_sarif(sample_report()))
    broken["runs"][0]["results"][0]["level"] = "fatal"
    assert list(validator.iter_errors(broken))


_finding = st.builds(
    Finding, path=st.sampled_from(["a.md", "稿/b.md", "<stdin>"]),
    line=st.integers(1, 3), column=st.integers(1, 9), end_line=st.integers(3, 4),
    end_column=st.integers(1, 12), severity=st.sampled_from(list(Severity)),
    rule=st.sampled_from(["r1", "r2"]), text=st.text(max_size=5), message=st.text(min_size=1),
    expected=st.none() | st.text(max_size=5), fix=st.none() | st.text(max_size=5))


@settings(max_examples=30, deadline=None)
@given(st.lists(_finding, max_size=4), st.lists(st.text(max_size=20), max_size=2))
def test_any_report_validates(validator: Any, findings: list[Finding], errors: list[str]) -> None:
    report = Report(findings=findings, files=["a.md"], errors=errors,
                    texts={"a.md": "𠮷一二\n三四五六七八\n"})
    validator.validate(json.loads(render_sarif(report)))


def test_driver_and_rules() -> None:
    run = _run(sample_report())
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("factcheck", __version__)
    rules = driver["rules"]
    assert [r["id"] for r in rules] == ["number-mismatch", "unsourced-number", "date-style"]
    assert [r["defaultConfiguration"]["level"] for r in rules] == ["error", "warning", "note"]
    assert driver["rules"][0]["help"]["text"].startswith("The draft gives")
    assert run["columnKind"] == "utf16CodeUnits"


def test_results_point_at_their_rule_and_level() -> None:
    run = _run(sample_report())
    rules = run["tool"]["driver"]["rules"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    assert [r["level"] for r in run["results"]] == ["error", "warning", "note"]


def test_unlisted_rule_gets_a_descriptor() -> None:
    report = dataclasses.replace(sample_report(), rules=[])
    run = _run(report)
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert ids == ["number-mismatch", "unsourced-number", "date-style"]
    assert [r["ruleIndex"] for r in run["results"]] == [0, 1, 2]


def test_columns_count_utf16_units_after_a_character_outside_the_bmp() -> None:
    # Line 2 is "𠮷祥物亮相后，常州培育试点企业786家…": "786家" is code points 16..19,
    # but 𠮷 is a surrogate pair, so UTF-16 columns are 17..21 (end exclusive).
    region = _run(sample_report())["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 2, "startColumn": 17, "endLine": 2, "endColumn": 21}
    other = _run(sample_report())["results"][1]["locations"][0]["physicalLocation"]["region"]
    assert (other["startColumn"], other["endColumn"]) == (15, 19)  # no astral char: unchanged


def test_uri_is_relative_percent_encoded_with_srcroot() -> None:
    location = _run(sample_report())["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {
        "uri": "drafts/%E8%8D%89%E7%A8%BF%20v1%2C%E7%BB%88%E7%A8%BF.md", "uriBaseId": "%SRCROOT%"}


def test_absolute_path_under_cwd_becomes_relative(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    absolute = str(tmp_path / "sub" / "a.md")
    finding = dataclasses.replace(sample_report().findings[1], path=absolute)
    run = _run(Report(findings=[finding], files=[absolute]))
    uri = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "sub/a.md"


def _fingerprints(text: str) -> list[str]:
    report = dataclasses.replace(sample_report(), texts={DRAFT: text})
    return [r["partialFingerprints"][FINGERPRINT_KEY] for r in _run(report)["results"]]


def _shift(findings: list[Finding], lines: int) -> list[Finding]:
    return [dataclasses.replace(f, line=f.line + lines, end_line=f.end_line + lines)
            for f in findings]


def test_fingerprints_survive_edits_elsewhere() -> None:
    before = _fingerprints(DRAFT_TEXT)
    assert len(set(before)) == 3
    edited = (DRAFT_TEXT.replace("建设改革", "建设改革新进展")
              .replace("万余人。", "万余人。另有多项举措落地。") + "（完）\n")
    moved_text = "导语：新增一段。\n\n" + edited
    report = dataclasses.replace(sample_report(), texts={DRAFT: moved_text},
                                 findings=_shift(sample_report().findings, 2))
    after = [r["partialFingerprints"][FINGERPRINT_KEY] for r in _run(report)["results"]]
    assert after == before


def test_fingerprint_changes_with_the_nearby_words() -> None:
    before = _fingerprints(DRAFT_TEXT)
    after = _fingerprints(DRAFT_TEXT.replace("培育试点企业786家", "培育示范企业786家"))
    assert after[0] != before[0]
    assert after[1:] == before[1:]


def test_identical_findings_are_numbered() -> None:
    text = "共786家。\n共786家。\n"
    base = Finding(DRAFT, 1, 2, 1, 6, Severity.ERROR, "number-mismatch", "786家", "m", "768家")
    findings = [base, dataclasses.replace(base, line=2, end_line=2)]
    run = _run(Report(findings=findings, files=[DRAFT], texts={DRAFT: text}))
    prints = [r["partialFingerprints"][FINGERPRINT_KEY] for r in run["results"]]
    assert prints[0].split(":")[0] == prints[1].split(":")[0]
    assert [p.split(":")[1] for p in prints] == ["1", "2"]


def test_fix_becomes_a_replacement_and_unreadable_files_fail_the_invocation() -> None:
    run = _run(sample_report())
    fixes = run["results"][0]["fixes"]
    replacement = fixes[0]["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"] == {"text": "768家"}
    assert "fixes" not in run["results"][1]
    assert run["invocations"][0]["executionSuccessful"] is False
    clean = _run(Report(findings=[], files=["a.md"]))
    assert clean["invocations"][0] == {"executionSuccessful": True}
    assert clean["results"] == []
