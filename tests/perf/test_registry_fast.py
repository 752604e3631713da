"""The registry loader's fast path builds exactly what the field-by-field validator builds,
and leaves every irregular entry to it (so its one-line errors are unchanged)."""

from __future__ import annotations

import json

import pytest

from factcheck.registry import files as registry

BUILTIN = sorted(registry.default_claims_dir().glob("*.json"))


@pytest.mark.parametrize("path", BUILTIN, ids=lambda p: p.name)
def test_fast_claims_equal_validated_claims(path):
    data = json.loads(path.read_text("utf-8"))
    source = data["source"]["id"]
    fast_ids, slow_ids = set(), set()
    for i, raw in enumerate(data["claims"]):
        fast = registry._plain_claim(raw, source, fast_ids)
        slow = registry._claim(raw, f"claims[{i}]", source, slow_ids)
        assert fast is not None
        assert fast == slow and repr(fast) == repr(slow)
        assert [type(getattr(fast, f)) for f in fast.__slots__] == \
            [type(getattr(slow, f)) for f in slow.__slots__]


IRREGULAR = {
    "bool line": {"line": True}, "quoted line": {"line": "3"}, "float column": {"column": 1.0},
    "unknown field": {"colour": "red"}, "bad status": {"status": "done"},
    "bool value": {"value": True}, "infinite value": {"value": "Infinity"},
    "not a number": {"value": "abc"}, "non-text role": {"roles": [1]},
    "list text": {"text": ["768家"]},
}


@pytest.mark.parametrize("change", IRREGULAR.values(), ids=list(IRREGULAR))
def test_irregular_entries_take_the_validator(change):
    data = json.loads(BUILTIN[0].read_text("utf-8"))
    raw = next(c for c in data["claims"] if c["kind"] == "number") | change
    assert registry._plain_claim(raw, "s", set()) is None


def test_missing_field_and_duplicate_id_take_the_validator():
    data = json.loads(BUILTIN[0].read_text("utf-8"))
    raw = dict(data["claims"][0])
    assert registry._plain_claim({k: v for k, v in raw.items() if k != "line"}, "s", set()) is None
    assert registry._plain_claim(raw, "s", {raw["id"]}) is None
    assert registry._plain_claim([raw], "s", set()) is None


@pytest.mark.parametrize("path", BUILTIN[:4], ids=lambda p: p.name)
def test_whole_entries_read_at_once_give_the_plain_rows(path):
    """`_entry_row` (an entry with every field, read in one go) gives the row `_plain_claim`
    gives with `rows`; entries without every field are left to it."""
    data = json.loads(path.read_text("utf-8"))
    source = data["source"]["id"]
    whole, plain = set(), set()
    for raw in data["claims"]:
        row = registry._entry_row(raw, source, whole)
        want = registry._plain_claim(raw, source, plain, True)
        assert row is not None and type(row) is type(want) and tuple(row) == tuple(want)
        assert [type(v) for v in row] == [type(v) for v in want]
        assert registry._entry_row({k: v for k, v in raw.items() if k != "note"}, source,
                                   set()) is None
    assert whole == plain


@pytest.mark.parametrize("change", IRREGULAR.values(), ids=list(IRREGULAR))
def test_irregular_whole_entries_are_not_read_at_once(change):
    data = json.loads(BUILTIN[0].read_text("utf-8"))
    raw = next(c for c in data["claims"] if c["kind"] == "number") | change
    if len(raw) == len(registry.REGISTRY_FIELDS):  # an unknown field makes one too many
        assert registry._entry_row(raw, "s", set()) is None
    swapped = dict(data["claims"][0])
    assert registry._entry_row(swapped, "s", {swapped["id"]}) is None
    swapped["colour"] = swapped.pop("note")  # as many fields, one unknown
    assert registry._entry_row(swapped, "s", set()) is None
