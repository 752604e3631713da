"""The JSON Schema (draft 2020-12) of a registry file."""

from __future__ import annotations

from typing import Any

from factcheck.registry.files import REQUIRED_CLAIM, SCHEMA_VERSION, SOURCE_FIELDS


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a registry file, as docs/claims.schema.json ships it."""
    from factcheck.registry.claim import ENTITY_KINDS, NUMERIC_KINDS

    text = {"type": "string"}
    decimal = {"type": ["string", "null"], "pattern": r"^-?[0-9]+(\.[0-9]+)?$",
               "description": "A decimal as text (448000, 3.03), or null when unbounded."}
    count = {"type": "integer", "minimum": 0}
    claim_props: dict[str, Any] = {
        "id": {**text, "minLength": 1, "description": "Unique within the file: kind:subject:text."},
        # Open: rules add kinds (quote, …); the loader does not restrict them either.
        "kind": {"type": "string", "pattern": "^[a-z][a-z_]*$",
                 "examples": sorted(NUMERIC_KINDS | ENTITY_KINDS | {"date", "score"})},
        "text": {**text, "description": "The words as the article writes them (768家)."},
        "value": {"type": ["string", "null"],
                  "description": "Decimal text for figures, ISO date (XXXX for an unknown year), a score (110:102), "
                                 "or the name."},
        "low": decimal, "high": decimal,
        "low_open": {"type": "boolean"}, "high_open": {"type": "boolean"},
        "unit": text, "qualifier": text,
        "subject": {**text, "description": "What the figure counts; may be edited by hand."},
        "roles": {"type": "array", "items": text},
        "line": {"type": "integer", "minimum": 1}, "column": {"type": "integer", "minimum": 1},
        "end_column": {"type": "integer", "minimum": 1},
        "start": count, "end": count,
        "before": text, "after": text, "context": text, "sentence": text,
        "status": {"enum": ["auto", "verified", "ignored"],
                   "description": "ignored claims are skipped when checking."},
        "note": text,
    }
    source_props: dict[str, Any] = {k: dict(text) for k in SOURCE_FIELDS}
    source_props["id"].update(minLength=1, description="The source's id; also each claim's source.")
    source_props["date"].update(pattern=r"^([0-9]{4}-[0-9]{2}-[0-9]{2})?$",
                                description="Publication date; resolves 今年 and dates without a year.")
    source_props["path"]["description"] = "The article file, relative to this registry file."
    source_props["sha256"].update(pattern="^([0-9a-f]{64})?$",
                                  description="sha256 of the article's decoded text (for a saved "
                                              "page: the whole decoded HTML); a mismatch is stale.")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "factcheck claims registry",
        "description": "One source article's claims: claims/<source>.json.",
        "type": "object",
        "required": ["schema", "source", "claims"],
        "additionalProperties": False,
        "properties": {
            "schema": {"const": SCHEMA_VERSION},
            "source": {"type": "object", "required": ["id"], "additionalProperties": False,
                       "properties": source_props},
            "claims": {"type": "array", "items": {"$ref": "#/$defs/claim"}},
        },
        "$defs": {"claim": {"type": "object", "required": list(REQUIRED_CLAIM),
                            "additionalProperties": False, "properties": claim_props}},
    }
