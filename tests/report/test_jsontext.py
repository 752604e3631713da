"""jsontext.dumps writes exactly what json.dumps(..., ensure_ascii=False, indent=2) writes."""

from __future__ import annotations

import enum
import json
import math
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import jsontext

SCALARS = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True)
           | st.text())
TREES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                     | st.dictionaries(st.text(max_size=6), inner, max_size=4), max_leaves=40)


def standard(obj, indent=2):
    return json.dumps(obj, ensure_ascii=False, indent=indent)


@settings(max_examples=400, deadline=None)
@given(TREES)
def test_any_json_tree_is_written_as_the_standard_library_writes_it(obj):
    assert jsontext.dumps(obj) == standard(obj)


@given(TREES, st.integers(0, 5))
def test_other_indents_too(obj, indent):
    assert jsontext.dumps(obj, indent=indent) == standard(obj, indent)


class Level(enum.IntEnum):
    LOW = 1


@pytest.mark.parametrize("obj", [
    {"a": (1, 2)},                    # a tuple: json.dumps writes a list
    {1: "one", None: 2, 2.5: True},   # keys json.dumps turns into strings
    [Level.LOW, {"x": Level.LOW}],    # an int subclass
    {"nested": [[], {}, [{}], "丁\u2028\ud800\x00\"\\"]},
    [math.inf, -math.inf, math.nan, -0.0, 1e300, 10**40],
])
def test_values_it_leaves_to_the_standard_library_come_out_the_same(obj):
    assert jsontext.dumps(obj) == standard(obj)


def test_what_json_cannot_write_raises_as_json_dumps_does():
    with pytest.raises(TypeError):
        jsontext.dumps({"v": Decimal("1.5")})
    loop: list = []
    loop.append(loop)
    with pytest.raises(ValueError, match="Circular"):
        jsontext.dumps({"loop": loop})


REFS = st.builds(
    __import__("factcheck.check.findings", fromlist=["ClaimRef"]).ClaimRef,
    id=st.text(max_size=5), source=st.text(max_size=5), line=st.integers(), text=st.text(),
    column=st.integers(), end_column=st.integers(), title=st.text(max_size=3),
    date=st.text(max_size=3))


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_a_finding_is_written_as_the_standard_library_writes_its_dict(data):
    from factcheck.check.findings import Finding, Severity
    from factcheck.report import Report, finding_json, render_json

    related = tuple(data.draw(st.lists(REFS, max_size=3)))
    claim = data.draw(st.none() | REFS | st.sampled_from(related or [None]))
    f = Finding(path=data.draw(st.text()), line=data.draw(st.integers()),
                column=data.draw(st.integers()), end_line=data.draw(st.integers()),
                end_column=data.draw(st.integers()),
                severity=data.draw(st.sampled_from(list(Severity))), rule=data.draw(st.text()),
                text=data.draw(st.text()), message=data.draw(st.text()),
                expected=data.draw(st.none() | st.text()), claim=claim,
                fix=data.draw(st.none() | st.text()), related=related,
                related_total=data.draw(st.none() | st.integers(min_value=0)))
    nested = standard({"x": [f.to_dict()]}).split("\n", 2)[2].rsplit("\n", 2)[0]
    assert finding_json(f, {}) == finding_json(f) == nested.strip(" ") and nested.startswith("    {")
    twice = Report([f, f], ["a.md"])
    whole = {"version": 1, "findings": [f.to_dict(), f.to_dict()],
             "summary": twice.summary()}
    assert render_json(twice) == standard(whole) + "\n"
