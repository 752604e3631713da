"""The public Python API: load a registry, check text or files, extract a source article.

Stable under semantic versioning (docs/api.md). Nothing here prints, exits or keeps state
between calls; every problem the caller can fix raises a `FactcheckError` subclass.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Union

from factcheck.check.findings import ClaimRef, Finding, Severity
from factcheck.errors import ConfigError, FactcheckError, InputError, RegistryError
from factcheck.registry.model import Registry, Source
from factcheck.text.document import Document

__all__ = [
    "ClaimRef", "ConfigError", "Document", "FactcheckError", "Finding", "InputError", "Registry",
    "RegistryError", "Severity", "Source", "check_document", "check_paths", "check_text",
    "draft_files",
    "extract_article", "load_registry", "registry_json", "save_registry",
]

PathLike = Union[str, "os.PathLike[str]"]
#: Files `check_paths` reads inside a folder unless told otherwise.
DRAFT_GLOBS = ("*.md", "*.markdown", "*.txt", "*.text")
_LEVELS = ("error", "warning", "info", "never")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def load_registry(paths: PathLike | Iterable[PathLike] | None = None) -> Registry:
    """The claims registry in `paths` (files or folders; "builtin" names the shipped one), or
    the built-in registry when `paths` is None."""
    from factcheck.registry.store import load

    if paths is None:
        return load(None)
    items = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    if not items:
        raise ConfigError("no registry paths given", "load_registry",
                          "pass None for the built-in registry")
    return load([Path(p) for p in items])


def _rule_ids(rules: Iterable[str] | None) -> list[str]:
    """The rules to run: all of them, or the ids given (an unknown id is a ConfigError)."""
    from factcheck.check.rules import RULES

    if rules is None:
        return list(RULES)
    chosen = [rules] if isinstance(rules, str) else list(rules)
    for rule in chosen:
        if rule not in RULES:
            raise ConfigError(f"unknown rule {rule!r}", "rules", f"rules are {', '.join(RULES)}")
    return chosen


def _floor(fail_on: str | None) -> Severity | None:
    """The lowest severity kept: None keeps every finding, as does "never"."""
    if fail_on is None or fail_on == "never":
        return None
    if fail_on not in _LEVELS:
        raise ConfigError(f"fail_on must be one of {', '.join(_LEVELS)}, not {fail_on!r}", "fail_on")
    return Severity.parse(fail_on)


def check_text(text: str, registry: Registry, path: str = "-", *,
               rules: Iterable[str] | None = None, fail_on: str | None = None,
               ignore: Iterable[str] = (), options: Mapping[str, Any] | None = None
               ) -> list[Finding]:
    """The findings of one draft's text against `registry`, in their total order.

    `rules` picks rule ids (default: all); `fail_on` keeps only findings at that severity or
    above; suppression comments in the text and the `ignore` texts drop findings; `options`
    go to the rules (`max_related`, `tolerance`)."""
    if not isinstance(text, str):
        raise InputError(f"text must be str, not {type(text).__name__}", path,
                         "decode the draft first")
    return check_document(Document(path, text), registry, rules=rules, fail_on=fail_on,
                          ignore=ignore, options=options)


def check_document(document: Document, registry: Registry, *,
                   rules: Iterable[str] | None = None, fail_on: str | None = None,
                   ignore: Iterable[str] = (), options: Mapping[str, Any] | None = None
                   ) -> list[Finding]:
    """`check_text` for a draft already read into a `Document` (as `read_path` returns it),
    which keeps its path and encoding: what the CLI and the language server call."""
    return _check_document(document, registry, _rule_ids(rules), _floor(fail_on),
                           tuple(ignore), dict(options or {}))


def _check_document(doc: Document, registry: Registry, rules: list[str], floor: Severity | None,
                    ignore: tuple[str, ...], options: dict[str, Any]) -> list[Finding]:
    """The rules' findings minus suppressed, ignored and (with a floor) milder ones."""
    from factcheck.check import checker, suppress

    found = checker.check(doc, registry, rules, options)
    found = suppress.drop_ignored(suppress.filter_suppressed(found, doc), ignore)
    return found if floor is None else [f for f in found if f.severity >= floor]


def _matches(rel: str, patterns: Iterable[str]) -> bool:
    """A relative posix path matches a glob by its whole path or its name."""
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(name, p) for p in patterns)


def draft_files(paths: Iterable[PathLike], include: Iterable[str] = DRAFT_GLOBS,
                exclude: Iterable[str] = ()) -> list[str]:
    """Files named, plus files in folders named that match `include` and not `exclude`
    (hidden files, links leading outside a folder and non-regular files skipped), in a stable
    order; `exclude` patterns are relative to the working folder."""
    from factcheck.text.walk import Walk

    return Walk(tuple(include), tuple(exclude)).paths([str(p) for p in paths])


class _FileCheck:
    """Reads and checks one draft file with fixed settings (also inside worker processes)."""

    def __init__(self, registry: Registry, rules: list[str], floor: Severity | None,
                 encoding: str | None) -> None:
        self.registry, self.rules, self.floor, self.encoding = registry, rules, floor, encoding

    def __call__(self, path: str) -> tuple[str, list[Finding] | tuple]:
        """(path, findings), or (path, the error's class and parts) when it cannot be read."""
        from factcheck.text.read import read_path

        try:
            doc = read_path(Path(path), self.encoding)
        except FactcheckError as exc:  # sent back as parts: the class rebuilds it exactly
            return path, (type(exc), exc.what, exc.where, exc.todo)
        return path, _check_document(doc, self.registry, self.rules, self.floor, (), {})


_WORKER: _FileCheck | None = None  # set only inside a forked worker, never in the caller


def _init_worker(job: _FileCheck) -> None:
    global _WORKER
    _WORKER = job


def _in_worker(path: str) -> tuple[str, list[Finding] | tuple]:
    assert _WORKER is not None
    return _WORKER(path)


def _map(job: _FileCheck, files: list[str], jobs: int) -> Iterator[tuple[str, Any]]:
    """`job(file)` for every file, in order; over `jobs` forked processes when worth it."""
    import multiprocessing

    if jobs == 0:
        jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    if jobs <= 1 or len(files) < 8 or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(job, files)
        return
    job.registry.index()  # built once before forking, so every worker shares it
    from concurrent.futures import ProcessPoolExecutor

    ctx = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(jobs, ctx, _init_worker, (job,)) as pool:
        yield from pool.map(_in_worker, files, chunksize=max(1, min(32, len(files) // (jobs * 4))))


def check_paths(paths: PathLike | Iterable[PathLike], registry: Registry, jobs: int = 1, *,
                rules: Iterable[str] | None = None, fail_on: str | None = None,
                include: Iterable[str] = DRAFT_GLOBS, exclude: Iterable[str] = (),
                encoding: str | None = None) -> dict[str, list[Finding]]:
    """Findings of every draft file named or found in the folders named, by path in order.

    `jobs` worker processes share the work (0: one per CPU); the first file that cannot be
    read raises its InputError."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 0:
        raise ConfigError(f"jobs must be 0 or more, not {jobs!r}", "check_paths")
    files = draft_files(paths, include, exclude)
    if "-" in files:
        raise InputError("standard input cannot be checked by path", "check_paths",
                         "read it and call check_text")
    job = _FileCheck(registry, _rule_ids(rules), _floor(fail_on), encoding)
    out: dict[str, list[Finding]] = {}
    for path, found in _map(job, files, jobs):
        if isinstance(found, tuple):
            cls, what, where, todo = found
            raise cls(what, where, todo)
        out[path] = found
    return out


def extract_article(text: str, name: str, *, title: str | None = None, date: str | None = None,
                    publisher: str | None = None, url: str | None = None,
                    author: str | None = None) -> Registry:
    """A registry holding one source: the claims of an article's text, named `name`.

    Metadata left as None is detected from the text (as `factcheck extract` does); "" keeps
    it empty. `date` is YYYY-MM-DD and sets the year of dates written without one."""
    from factcheck.registry.extract import extract_claims
    from factcheck.registry.files import sha256_text
    from factcheck.registry.metadata import detect_metadata

    if not isinstance(name, str) or not name.strip() or name != name.strip():
        raise ConfigError(f"source name {name!r} is empty or padded", "extract_article",
                          "name the source, e.g. workercn-2023-04-03")
    if not isinstance(text, str):
        raise InputError(f"text must be str, not {type(text).__name__}", name,
                         "decode the article first")
    if date and not _DATE.fullmatch(date):
        raise ConfigError(f"date {date!r} is not YYYY-MM-DD", "extract_article")
    doc = Document(name, text)
    given = {"title": title, "publisher": publisher, "author": author, "date": date, "url": url}
    detected = detect_metadata(doc) if None in given.values() else {}
    meta = {k: detected.get(k, "") if v is None else v for k, v in given.items()}
    ref_year = int(meta["date"][:4]) if meta["date"] else None
    claims = extract_claims(doc, name, ref_year, ref_date=meta["date"] or "")
    registry = Registry()
    registry.add(Source(id=name, sha256=sha256_text(text), **meta), claims, Path(f"{name}.json"))
    return registry


def registry_json(registry: Registry) -> str:
    """A one-source registry as the canonical JSON `factcheck extract` writes."""
    from factcheck.registry.files import dumps

    if len(registry.sources) != 1:
        raise RegistryError(f"a registry file holds one source, this registry has "
                            f"{len(registry.sources)}", "registry_json",
                            "save each source on its own")
    source = next(iter(registry.sources.values()))
    return dumps(source, [c for c in registry.claims if c.source == source.id])


def save_registry(registry: Registry, path: PathLike) -> None:
    """Write a one-source registry to `path`, whole or not at all."""
    from factcheck.registry.files import atomic_write

    text = registry_json(registry)
    try:
        atomic_write(Path(path), text)
    except OSError as exc:
        raise InputError(f"cannot write the registry ({exc.strerror or exc})", str(path)) from None
