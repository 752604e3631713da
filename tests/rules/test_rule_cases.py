"""Rule cases as data: each file under cases/ holds a source snippet, a draft and the expected
findings as (rule, line, column); each rule's docstring examples run too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from factcheck.check.checker import check
from factcheck.text.document import Document
from factcheck.check.rules import RULES
from tests.conftest import registry_from

def seed_registry():
    """The shipped registry of the seed article (`--- source` holding just `@seed`)."""
    from factcheck.registry.store import load

    return load()


CASES = sorted((Path(__file__).parent / "cases").glob("*.case"))


def parse_case(path: Path) -> tuple[str, str, set[tuple[str, int, int]], str, list]:
    """(source, draft, expected findings, draft file name, later sources) from a case file.

    A `--- later YYYY-MM-DD` part adds a second source published on that date."""
    text = path.read_text("utf-8")
    parts = dict(re.findall(r"^--- (\w+)\n(.*?)(?=^--- |\Z)", text, re.S | re.M))
    later = re.findall(r"^--- later (\S+)\n(.*?)(?=^--- |\Z)", text, re.S | re.M)
    expect = set()
    for line in parts.get("expect", "").splitlines():
        if line.strip():
            rule, ln, col = line.split()
            expect.add((rule, int(ln), int(col)))
    name = parts.get("name", "draft.txt").strip() or "draft.txt"
    return parts["source"], parts["draft"].rstrip("\n"), expect, name, later


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case(path: Path) -> None:
    source, draft, expect, name, later = parse_case(path)
    registry = seed_registry() if source.strip() == "@seed" else registry_from(source, more=later)
    found = {(f.rule, f.line, f.column) for f in check(Document(name, draft), registry)}
    assert found == expect


def test_every_rule_has_cases() -> None:
    covered = set()
    for path in CASES:
        covered |= {rule for rule, _, _ in parse_case(path)[2]}
    assert set(RULES) <= covered, f"rules without a case file: {set(RULES) - covered}"


def docstring_examples() -> list[tuple[str, str, str, str]]:
    """(rule, verdict, source, draft) from 'Flags:/Passes: source X draft Y' docstring lines."""
    out = []
    for rule_id, (_, info) in RULES.items():
        for verdict, src, draft in re.findall(r"(Flags|Passes):\s+source (\S+)\s+draft (\S+)",
                                              info.description):
            out.append((rule_id, verdict, src, draft, ()))
        for verdict, d1, s1, d2, s2, draft in re.findall(
                r"(Flags|Passes):\s+sources (\S+) (.+?) \| (\S+) (.+?)\s+draft (\S+)", info.description):
            out.append((rule_id, verdict, s1, draft, ((d2, s2),), d1))
    return out


@pytest.mark.parametrize("example", docstring_examples(), ids=lambda e: f"{e[0]}-{e[1]}-{e[3]}")
def test_docstring_example(example) -> None:
    rule, verdict, source, draft, later = example[:5]
    year = int(example[5][:4]) if len(example) > 5 else 2023
    registry = registry_from(source, year=year, more=list(later))
    rules = {f.rule for f in check(Document("d.txt", draft), registry)}
    assert (rule in rules) == (verdict == "Flags")


def test_docstring_examples_exist_for_every_rule() -> None:
    assert {r for r, *_ in docstring_examples()} >= {"figure-mismatch", "name-mismatch"}
