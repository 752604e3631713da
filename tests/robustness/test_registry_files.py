"""Broken or stale registries (`--claims FILE`) are refused with one line naming the file and the place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.check.checker import check
from factcheck.text.document import Document
from factcheck.errors import FactcheckError, RegistryError
from factcheck.registry.files import default_claims_dir, parse_registry
from factcheck.registry.model import Registry

from .conftest import FIXTURES, ARTICLE, assert_one_error_line, snapshot

DRAFT = FIXTURES / "summary.md"
BUILTIN = next(default_claims_dir().glob("*.json"))


def builtin() -> dict:
    data = json.loads(BUILTIN.read_text("utf-8"))
    data["source"]["path"] = ""  # no article next to the copy: nothing to be stale against
    return data


def _run(cli, tmp_path: Path, registry_text: str):
    reg = tmp_path / "claims.json"
    reg.write_text(registry_text, "utf-8")
    draft = tmp_path / "draft.md"
    draft.write_bytes(DRAFT.read_bytes())
    before = snapshot(tmp_path)
    result = cli("check", draft, "--claims", reg)
    assert snapshot(tmp_path) == before
    return reg, result


def _mutated(edit) -> str:
    data = builtin()
    edit(data)
    return json.dumps(data, ensure_ascii=False, indent=2)


def _dup(d):
    d["claims"][3]["id"] = d["claims"][1]["id"]


CASES = {
    "truncated JSON": (lambda: BUILTIN.read_text("utf-8")[:500], ["invalid JSON", ":"]),
    "not an object": (lambda: "[1, 2, 3]", ["not a claims registry"]),
    "wrong schema": (lambda: _mutated(lambda d: d.update(schema=2)), ["schema version 2"]),
    "no schema": (lambda: _mutated(lambda d: d.pop("schema")), ["schema version None"]),
    "no source id": (lambda: _mutated(lambda d: d["source"].pop("id")), ["source.id is missing", ": source"]),
    "missing claim field": (lambda: _mutated(lambda d: d["claims"][2].pop("kind")),
                            ["claim field 'kind' is missing", "claims[2]"]),
    "duplicate ids": (lambda: _mutated(_dup), ["duplicate claim id", "claims[3]"]),
    "unknown field": (lambda: _mutated(lambda d: d["claims"][0].update(colour="red")),
                      ["unknown claim field 'colour'", "claims[0]"]),
    "bad value": (lambda: _mutated(lambda d: d["claims"][0].update(value="many")), ["claims[0]"]),
    "claim not an object": (lambda: _mutated(lambda d: d["claims"].insert(4, "768家")), ["claims[4]"]),
    "deeply nested": (lambda: "[" * 100_000 + "]" * 100_000, ["claims.json"]),
    "huge integer": (lambda: '{"schema": ' + "9" * 5000 + "}", ["claims.json"]),
}


@pytest.mark.parametrize("case", CASES)
def test_broken_registry_is_one_line(cli, tmp_path, case):
    make, needles = CASES[case]
    reg, (code, out, err) = _run(cli, tmp_path, make())
    assert code == 2
    assert_one_error_line(err, str(reg), *needles)
    assert out == ""


def test_registry_that_is_not_utf8(cli, tmp_path):
    reg = tmp_path / "claims.json"
    reg.write_bytes(BUILTIN.read_text("utf-8").encode("gb18030"))
    code, _, err = cli("check", DRAFT, "--claims", reg)
    assert code == 2
    assert_one_error_line(err, str(reg))


def test_missing_registry(cli, tmp_path):
    code, _, err = cli("check", DRAFT, "--claims", tmp_path / "nope.json")
    assert code == 2
    assert_one_error_line(err, "nope.json")


def test_intact_copy_loads(cli, tmp_path):
    """The mutations above are what breaks the registry, not the copying."""
    _, (code, out, err) = _run(cli, tmp_path, json.dumps(builtin(), ensure_ascii=False))
    assert (code, err) == (1, "")


@pytest.mark.parametrize("encoding", [None, "gb18030"])
def test_stale_registry_names_the_rebuild_command(cli, tmp_path, encoding):
    article = tmp_path / "article.txt"
    text = ARTICLE.read_text("utf-8")
    article.write_bytes(text.encode(encoding or "utf-8"))
    reg = tmp_path / "claims" / "src.json"
    code, _, err = cli("extract", article, "--name", "src", "--output", reg)
    assert code == 0, err
    code, _, err = cli("check", DRAFT, "--claims", reg)
    assert code == 1 and "error" not in err, err
    article.write_bytes(text.replace("768家", "786家").encode(encoding or "utf-8"))
    before = snapshot(tmp_path)
    code, out, err = cli("check", DRAFT, "--claims", reg)
    assert code == 2
    assert_one_error_line(err, str(reg), "stale", "factcheck extract", "--output")
    assert snapshot(tmp_path) == before


def test_registry_pointing_at_an_impossible_article_path(cli, tmp_path):
    reg = tmp_path / "claims.json"
    data = builtin()
    data["source"]["path"] = "a" * 5000
    reg.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    code, _, err = cli("check", DRAFT, "--claims", reg)
    assert "Traceback" not in err
    assert code in (1, 2)


# Any JSON value, for replacing one field of one claim or of the source.
JSON = st.recursive(st.none() | st.booleans() | st.integers(-10**6, 10**6)
                    | st.floats(allow_nan=False) | st.text(max_size=12)
                    | st.sampled_from(["NaN", "Infinity", "-1e999", "1e-999", "0", "768", "十八", ""]),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
                    max_leaves=6)
_BASE = builtin()
_DOC = Document("draft.md", DRAFT.read_text("utf-8"))
_FIELDS = sorted(_BASE["claims"][0])


@given(index=st.integers(0, len(_BASE["claims"]) - 1), field=st.sampled_from(_FIELDS + ["<source>"]),
       value=JSON)
def test_fuzz_registry_fields(index, field, value):
    """A registry with one field replaced by any JSON value loads and checks, or is refused."""
    data = json.loads(json.dumps(_BASE))
    if field == "<source>":
        data["source"] = value
    else:
        data["claims"][index][field] = value
    try:
        source, claims = parse_registry(data, "claims.json")
        reg = Registry()
        reg.add(source, claims, Path("claims.json"))
        check(_DOC, reg)
    except FactcheckError as exc:
        assert isinstance(exc, RegistryError)
