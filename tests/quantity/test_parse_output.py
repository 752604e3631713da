"""The `parse` command's fast JSON writer, line index and character folding give exactly what
the general ones give."""

from __future__ import annotations

import json
from array import array

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import jsontext
from factcheck.quantity.chars import _FOLD, fold, wide_groups
from factcheck.quantity.parsing import (
    FIELDS,
    items_json,
    items_json_pieces,
    parse_items,
    parse_rows,
    rows_json_pieces,
)
from factcheck.text import document
from factcheck.text.document import _FULLWIDTH, Document, normalise
from tests.quantity.test_fast_path import _corpus, _synthetic

_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=8),
                     st.floats(allow_nan=True, allow_infinity=True))
_FIELDS = ("line", "column", "end_column", "text", "kind", "value", "low", "high", "low_open",
           "high_open", "unit", "qualifier", "currency")


def _slow_line_starts(text: str) -> array:
    """Line starts as the Document computed them character by character (\\r\\n, \\n, \\r)."""
    starts, i = array("q", [0]), 0
    while i < len(text):
        if text[i] == "\r" and text[i + 1:i + 2] == "\n":
            i += 1
        if text[i] in "\r\n":
            starts.append(i + 1)
        i += 1
    return starts


def test_items_json_is_the_general_writer_on_news() -> None:
    text = "\n\n".join(_corpus() + [_synthetic(0, 2000)])
    items = parse_items(Document("corpus", text), 2023)
    assert len(items) > 1000
    assert items_json(items) == jsontext.dumps({"items": items}) == json.dumps(
        {"items": items}, ensure_ascii=False, indent=2)
    rows = parse_rows(Document("corpus", text), 2023)
    assert [dict(zip(FIELDS, row)) for row in rows] == items
    for chunk in (1, 7, len(items) - 1, len(items), len(items) + 1):
        assert "".join(items_json_pieces(items, chunk)) == items_json(items)
        assert "".join(rows_json_pieces(rows, chunk)) == items_json(items)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.fixed_dictionaries({k: _SCALARS for k in _FIELDS}), max_size=5), st.integers(1, 3))
def test_items_json_is_the_general_writer_on_any_scalars(items: list[dict], chunk: int) -> None:
    general = json.dumps({"items": items}, ensure_ascii=False, indent=2)
    assert "".join(items_json_pieces(items, chunk)) == general
    rows = [tuple(it[k] for k in FIELDS) for it in items]
    assert "".join(rows_json_pieces(rows, chunk)) == json.dumps(
        {"items": [dict(zip(FIELDS, row)) for row in rows]}, ensure_ascii=False, indent=2)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.one_of(_SCALARS, st.lists(st.integers(), max_size=2)), min_size=12, max_size=14),
                max_size=4), st.integers(1, 3))
def test_rows_of_other_lengths_or_nested_values_go_to_the_general_writer(rows: list[list], chunk: int) -> None:
    items = [dict(zip(FIELDS, row)) for row in rows]
    assert "".join(rows_json_pieces(rows, chunk)) == json.dumps({"items": items}, ensure_ascii=False, indent=2)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(_FIELDS), st.one_of(
    _SCALARS, st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=2), st.integers(), max_size=2)),
    min_size=0, max_size=13), max_size=3), st.integers(1, 2))
def test_items_json_is_the_general_writer_on_other_shapes(items: list[dict], chunk: int) -> None:
    assert "".join(items_json_pieces(items, chunk)) == json.dumps({"items": items}, ensure_ascii=False, indent=2)


def test_items_json_nested_values_in_place_of_fields() -> None:
    base = dict.fromkeys(_FIELDS, 1)
    for nested in ([], {}, [1, 2], {"a": 1}, [[1]]):
        for key in ("line", "value", "currency"):
            items = [dict(base), dict(base), base | {key: nested}]
            for chunk in (1, 2, 3):
                assert "".join(items_json_pieces(items, chunk)) == json.dumps(
                    {"items": items}, ensure_ascii=False, indent=2)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="\r\nab\u2028\x85", max_size=30))
def test_line_starts_break_at_crlf_lf_and_cr(text: str) -> None:
    assert Document("x", text).line_starts == _slow_line_starts(text)


_FOLDED_ALPHABET = "".join(map(chr, sorted(_FOLD))) + "".join(map(chr, sorted(_FULLWIDTH))) + "ab1，。一〇"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_FOLDED_ALPHABET, max_size=30))
def test_fold_and_normalise_translate_each_character_once(text: str) -> None:
    assert fold(text) == wide_groups(text, text.translate(_FOLD))
    assert normalise(text) == normalise_by_translate(text)


def normalise_by_translate(text: str) -> str:
    """normalise as it was written with str.translate."""
    folded = text.translate(_FULLWIDTH)
    return document._simplify(folded) if any("\u3400" <= ch <= "\u9fff" for ch in folded) else folded


def test_translate_tables_map_no_character_to_another_key() -> None:
    for table in (_FOLD, _FULLWIDTH):  # else replacing one character at a time would chain
        assert not [k for k, v in table.items() if v != k and v in table]


def test_rows_of_other_lengths_whose_values_add_up_go_to_the_general_writer() -> None:
    rows = [[None] * 12, [None] * 14]
    items = [dict(zip(FIELDS, row)) for row in rows]
    assert "".join(rows_json_pieces(rows, 2)) == json.dumps({"items": items}, ensure_ascii=False, indent=2)
