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
