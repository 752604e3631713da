"""Our own data is linted: every claims/*.json validates against the shipped JSON Schema and
round-trips byte-for-byte through load_file + dumps."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from factcheck.registry.claim import REGISTRY_FIELDS
from factcheck.registry.files import SOURCE_FIELDS, dumps, load_file
from tests.registry.regen_schema import SCHEMA_PATH, schema_text

ROOT = Path(__file__).resolve().parents[2]
REGISTRIES = sorted((ROOT / "claims").glob("*.json"))


def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text("utf-8"))


def test_schema_is_valid_draft_2020_12():
    jsonschema.Draft202012Validator.check_schema(schema())
    assert schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_file_is_generated_from_code():
    assert SCHEMA_PATH.read_text("utf-8") == schema_text(), "run: python tests/registry/regen_schema.py"


def test_schema_names_every_field():
    assert list(schema()["$defs"]["claim"]["properties"]) == list(REGISTRY_FIELDS)
    assert list(schema()["properties"]["source"]["properties"]) == list(SOURCE_FIELDS)


def test_shipped_registry_is_the_seed_article_alone():
    assert [p.name for p in REGISTRIES] == ["workercn-2023-04-03.json"]


@pytest.mark.parametrize("path", REGISTRIES, ids=[p.name for p in REGISTRIES])
def test_registry_validates(path: Path):
    errors = list(jsonschema.Draft202012Validator(schema()).iter_errors(json.loads(path.read_text("utf-8"))))
    assert not errors, [e.message for e in errors[:5]]


@pytest.mark.parametrize("path", REGISTRIES, ids=[p.name for p in REGISTRIES])
def test_registry_round_trips_byte_for_byte(path: Path):
    assert dumps(*load_file(path)) == path.read_text("utf-8")


def test_docs_example_validates_and_round_trips(tmp_path):
    doc = (ROOT / "docs" / "registry.md").read_text("utf-8")
    example = doc.split("```json\n", 1)[1].split("```", 1)[0]
    jsonschema.validate(json.loads(example), schema())
    path = tmp_path / "example.json"
    path.write_text(example, "utf-8")
    assert dumps(*load_file(path)) == example


@pytest.mark.parametrize("bad", [
    {"schema": 2}, {"claims": {"x": 1}}, {"source": {"id": ""}}, {"source": {"id": "a", "date": "4月3日"}},
    {"claim": {"status": "maybe"}}, {"claim": {"kind": ""}}, {"claim": {"line": 0}},
    {"claim": {"colour": "red"}}, {"claim": {"low": "about 3"}}])
def test_schema_rejects(bad: dict):
    data = json.loads(REGISTRIES[0].read_text("utf-8"))
    if "claim" in bad:
        data["claims"][0].update(bad["claim"])
    elif "source" in bad:
        data["source"] = bad["source"]
    else:
        data.update(bad)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema())
