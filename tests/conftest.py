"""Shared fixtures: registries built from snippets, the built-in registry, a CLI runner."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from factcheck.document import Document
from factcheck.extract import extract_claims
from factcheck.registry import Registry, Source, load

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def registry_from(text: str, source: str = "snippet", year: int = 2023) -> Registry:
    """A registry built from a source snippet, as `extract` would build it."""
    reg = Registry()
    doc = Document(f"{source}.txt", text)
    reg.add(Source(id=source, date=f"{year}-04-03"), extract_claims(doc, source, year), Path(source))
    return reg


@pytest.fixture(scope="session")
def builtin_registry() -> Registry:
    """The shipped registry of the seed article."""
    return load()


@pytest.fixture
def run_cli(capsys, monkeypatch):
    """Run `factcheck ARGS`; return (exit code, stdout, stderr)."""
    from factcheck.cli import main

    def run(*args: str, stdin: str | None = None, cwd: Path | None = None):
        if cwd:
            monkeypatch.chdir(cwd)
        if stdin is not None:
            import io
            import sys

            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8"))))
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run


def pytest_configure(config):
    os.environ.setdefault("NO_COLOR", "1")
