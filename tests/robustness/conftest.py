"""Robustness tests: hypothesis profiles, a CLI runner and the checks every refusal must pass.

HYPOTHESIS_PROFILE selects how hard the fuzz tests push: `ci` (default: 50 examples a test,
derandomized), `dev` (500), `bench` (FUZZ_MAX_EXAMPLES a test; what bench/fuzz.py runs).
"""

from __future__ import annotations

import hashlib
import io
import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
FIXTURES = ROOT / "tests" / "fixtures"
#: The seed article, shipped beside the built-in registry.
ARTICLE = ROOT / "claims" / "articles" / "workercn-2023-04-03.txt"
FACTCHECK = Path(sys.executable).with_name("factcheck")

_COMMON = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("ci", max_examples=50, derandomize=True, **_COMMON)
settings.register_profile("dev", max_examples=500, **_COMMON)
# bench/fuzz.py: examples per test from FUZZ_MAX_EXAMPLES; failures print a reproduce blob.
settings.register_profile("bench", max_examples=int(os.environ.get("FUZZ_MAX_EXAMPLES", "20000")),
                          database=None, print_blob=True, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def article_lines() -> list[str]:
    """The seed article's non-blank lines."""
    return [ln.strip() for ln in ARTICLE.read_text("utf-8").splitlines() if ln.strip()]


def assert_one_error_line(err: str, *needles: str) -> str:
    """stderr is exactly one `error:` line, without a traceback, mentioning each needle."""
    assert "Traceback" not in err, err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: "), err
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` with its sha256 and mode, to prove nothing changed."""
    out = {}
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            out[str(p.relative_to(folder))] = f"{hashlib.sha256(p.read_bytes()).hexdigest()} {p.stat().st_mode:o}"
    return out


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run `factcheck ARGS` in-process through cli.main; return (code, stdout, stderr)."""
    from factcheck.cli import main

    def run(*args: str, stdin: bytes | None = None):
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def no_color(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")


def pytest_configure(config):
    config.addinivalue_line("markers", "property: a hypothesis property (what bench/fuzz.py runs)")


def pytest_collection_modifyitems(items):
    """Mark every hypothesis test `property`, so bench/fuzz.py can share its examples among them."""
    for item in items:
        if getattr(getattr(item, "obj", None), "is_hypothesis_test", False):
            item.add_marker(pytest.mark.property)
