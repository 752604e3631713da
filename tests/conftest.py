"""Shared fixtures: registries built from snippets, the built-in registry, a CLI runner."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from factcheck.text.document import Document
from factcheck.registry.extract import extract_claims
from factcheck.registry.model import Registry, Source
from factcheck.registry.store import load

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
#: Processes the tests start (the `factcheck` script, the language server, Dask workers) keep
#: compiled bytecode here, outside the repository, instead of compiling every module on each
#: start when PYTHONDONTWRITEBYTECODE is set (75 ms of CPU a process).
os.environ.setdefault("PYTHONPYCACHEPREFIX",
                      str(Path(tempfile.gettempdir()) / f"factcheck-tests-pycache-{os.getuid()}"))
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
#: The seed article, shipped beside the built-in registry.
SEED_ARTICLE = ROOT / "claims" / "articles" / "workercn-2023-04-03.txt"
#: Drafts written for the tests (the dev set's drafts join them when ../shared is there).
FIXTURE_DRAFTS = [ROOT / "tests" / "fixtures" / "summary.md", ROOT / "examples" / "draft.md"]


def draft_files() -> list[Path]:
    """Drafts of the seed article: the dev set's labelled drafts when ../shared is beside the
    repository (CI), else the project's own fixtures, so a bare clone runs every test."""
    dev = SHARED / "eval" / "dev" / "drafts"
    return sorted(dev.iterdir()) if dev.is_dir() else list(FIXTURE_DRAFTS)


def registry_from(text: str, source: str = "snippet", year: int = 2023,
                  more: list[tuple[str, str]] = ()) -> Registry:
    """A registry built from source snippets, as `extract` would build it; `more` holds
    (date, text) of further sources."""
    reg = Registry()
    for i, (date, body) in enumerate([(f"{year}-04-03", text), *more]):
        sid = source if i == 0 else f"{source}-{i + 1}"
        doc = Document(f"{sid}.txt", body)
        reg.add(Source(id=sid, date=date), extract_claims(doc, sid, int(date[:4]), ref_date=date), Path(sid))
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


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """`--dist loadfile` (pyproject's addopts) with tests/dask as one file: a file's tests run
    on one pytest-xdist worker, so its module fixtures (a language server, a browser, a child
    process's answers) are built once, and tests/dask's cluster serves the whole folder."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class ByFile(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return "tests/dask" if path.startswith("tests/dask/") else path

    return ByFile(config, log)


def pytest_configure(config):
    os.environ.setdefault("NO_COLOR", "1")
    # Compiled registry caches (factcheck.registry.cache) go to this session's folder, not ~/.cache.
    import shutil
    import tempfile

    cache = tempfile.mkdtemp(prefix="factcheck-test-cache-")
    os.environ["FACTCHECK_CACHE_DIR"] = cache
    config.add_cleanup(lambda: shutil.rmtree(cache, ignore_errors=True))
