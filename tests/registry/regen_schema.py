"""Regenerate docs/claims.schema.json from factcheck.registry.store.json_schema(): python tests/registry/regen_schema.py"""

from __future__ import annotations

import json
from pathlib import Path

from factcheck.registry.schema import json_schema

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "docs" / "claims.schema.json"


def schema_text() -> str:
    """The schema file's exact text."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    SCHEMA_PATH.write_text(schema_text(), "utf-8")
    print(f"wrote {SCHEMA_PATH}")
