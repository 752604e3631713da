"""Every format renders the sample report byte-for-byte as its golden file."""

from __future__ import annotations

import pytest

from factcheck.report import FORMAT_NAMES, _formatters, render
from sample_report import FORMAT_GOLDEN, GOLDEN, GOLDENS, sample_report

REGEN = "python tests/report/regen_golden.py"


@pytest.mark.parametrize("name", sorted(GOLDENS))
def test_output_matches_golden_file(name: str) -> None:
    path = GOLDEN / name
    assert path.exists(), f"missing golden {name}; run {REGEN}"
    assert GOLDENS[name](sample_report()).encode("utf-8") == path.read_bytes(), f"run {REGEN}"


def test_every_registered_format_has_a_golden_file() -> None:
    assert set(FORMAT_NAMES) == set(_formatters())
    assert set(FORMAT_GOLDEN) == set(FORMAT_NAMES)
    assert set(FORMAT_GOLDEN.values()) <= set(GOLDENS)


@pytest.mark.parametrize("fmt", FORMAT_NAMES)
def test_registered_format_renders_its_golden(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert render(fmt, sample_report()) == GOLDENS[FORMAT_GOLDEN[fmt]](sample_report())


def test_no_stale_golden_files() -> None:
    on_disk = {p.name for p in GOLDEN.iterdir() if p.is_file()}
    assert on_disk == set(GOLDENS), f"stale or missing goldens; run {REGEN}"


@pytest.mark.parametrize("fmt", FORMAT_NAMES)
def test_output_is_deterministic_and_ends_with_newline(fmt: str) -> None:
    first = render(fmt, sample_report())
    assert first == render(fmt, sample_report())
    assert first.endswith("\n")
