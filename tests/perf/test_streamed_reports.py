"""Reports written as they are rendered: the same bytes as the whole text, never a half file."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import jsontext
from factcheck.atomic import replacing
from factcheck.report import pieces, render
from tests.report.sample_report import sample_report
from tests.report.test_jsontext import TREES


def nested(items: list, indent: int = 2) -> str:
    """What json.dumps writes for `items` as the value of a one-key object."""
    return json.dumps({"k": items}, ensure_ascii=False, indent=indent)


@settings(max_examples=300, deadline=None)
@given(st.lists(TREES, max_size=5), st.sampled_from([1, 2, 4]))
def test_an_array_in_pieces_is_what_json_writes_whole(items, indent):
    head = "{\n" + " " * indent + '"k": '
    streamed = head + "".join(jsontext.array_lines(items, indent, 1)) + "\n}"
    assert streamed == nested(items, indent)


@pytest.mark.parametrize("value", [{"a": [1, {"b": []}]}, [], "s", [[{}]]])
def test_a_nested_value_is_indented_as_json_nests_it(value):
    expected = json.dumps({"x": {"y": value}}, ensure_ascii=False, indent=2)
    assert expected == '{\n  "x": {\n    "y": ' + jsontext.dumps(value, level=2) + "\n  }\n}"


def test_a_not_plain_value_keeps_its_nesting():
    class Text(str):
        """A str subclass jsontext leaves to json.dumps."""

    value = {"a": [Text("t"), 1]}
    expected = json.dumps({"k": [value]}, ensure_ascii=False, indent=2)
    assert '{\n  "k": ' + "".join(jsontext.array_lines([value])) + "\n}" == expected


@pytest.mark.parametrize("fmt", ["json", "jsonl", "sarif", "plain"])
@pytest.mark.parametrize("empty", [False, True])
def test_pieces_join_to_the_rendered_report(fmt, empty):
    report = sample_report()
    if empty:
        report = type(report)([], report.files, report.rules, report.sources, report.texts)
    assert "".join(pieces(fmt, report)) == render(fmt, report)


def test_json_comes_one_finding_a_piece():
    report = sample_report()
    assert len(list(pieces("json", report))) == len(report.findings) + 3
    assert len(list(pieces("jsonl", report))) == len(report.findings)


def test_a_failure_while_writing_leaves_the_old_file(tmp_path):
    path = tmp_path / "report.json"
    path.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        with replacing(path) as fh:
            fh.write(b"half")
            raise RuntimeError("the renderer broke")
    assert path.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["report.json"]
    with replacing(path) as fh:
        fh.write(b"new ")
        fh.write(b"whole")
    assert path.read_bytes() == b"new whole"
