"""Helpers for registry tests: sources written to disk, registries from snippets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.text.document import Document
from factcheck.registry.extract import extract_claims
from factcheck.registry.model import Registry, Source

FIXTURES = Path(__file__).parent / "fixtures"
APRIL = "经过5年多的深入推进，全市累计培育试点企业768家、特色产业园区13个，覆盖产业工人44.8万余人。" \
        "截至目前，常州已培育省级产教融合型试点企业63家。设立校外教学点10个，培训点20个。"
MAY = "截至5月底，全市累计培育试点企业820家、特色产业园区15个，覆盖产业工人47.6万余人。" \
      "设立校外教学点10个，培训点20个。"


def sources_registry(*sources: tuple[str, str, str]) -> Registry:
    """A registry of several sources, each (id, date, text), built as `extract` builds it."""
    reg = Registry()
    for sid, date, text in sources:
        claims = extract_claims(Document(f"{sid}.txt", text), sid, int(date[:4]))
        reg.add(Source(id=sid, date=date, title=f"{sid} title"), claims, Path(f"{sid}.json"))
    return reg


@pytest.fixture
def two_sources() -> Registry:
    """The April report and a later one that updates three figures."""
    return sources_registry(("april", "2023-04-03", APRIL), ("may", "2023-05-26", MAY))


def read_registry(path: Path) -> dict:
    return json.loads(path.read_text("utf-8"))


def claim_by_text(path: Path, text: str) -> dict:
    return next(c for c in read_registry(path)["claims"] if c["text"] == text)
