"""What runs on a Dask worker: read drafts there, check them, write partitions of findings."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from factcheck.check import suppress
from factcheck.check.findings import Finding
from factcheck.errors import FactcheckError, InputError
from factcheck.registry.model import Registry
from factcheck.text.document import Document
from factcheck.text.read import DEFAULT_MAX_BYTES, decode, read_path

#: A draft to read: (the name reports give it, where the worker reads it).
Draft = tuple[str, str]
#: One draft's outcome: (the draft, its findings) or (None, its one-line error).
Outcome = tuple[Document | None, list[Finding] | str]


@dataclass(frozen=True)
class Settings:
    """How every draft is read and checked: the rules, their options, the ignore list, decoding."""

    rules: tuple[str, ...] | None = None
    options: dict[str, Any] = field(default_factory=dict)
    ignore: tuple[str, ...] = ()
    encoding: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES


@dataclass(frozen=True)
class DraftError:
    """A draft that could not be read or decoded, with its one-line `error:` message."""

    path: str
    error: str

    def to_dict(self) -> dict[str, str]:
        """The error as JSON: {"path": ..., "error": ...}."""
        return {"path": self.path, "error": self.error}


@dataclass(frozen=True)
class Tally:
    """What a written partition holds: drafts, findings, the worst severity (0: none), errors."""

    drafts: int = 0
    findings: int = 0
    worst: int = 0
    errors: tuple[str, ...] = ()


@dataclass(frozen=True)
class RegistryFiles:
    """A registry on storage every worker reads (the same paths there): each worker process
    loads it once, through its compiled cache, and nothing is sent but these paths."""

    paths: tuple[str, ...]


@lru_cache(maxsize=4)
def _loaded(paths: tuple[str, ...]) -> Registry:
    from factcheck.registry.store import load

    return load([Path(p) for p in paths])


def resolve(registry: Registry | RegistryFiles) -> Registry:
    """The registry itself, loading registry files on this worker the first time."""
    return _loaded(registry.paths) if isinstance(registry, RegistryFiles) else registry


def read(draft: Draft, settings: Settings) -> Document:
    """A Document from a local path or, through fsspec, a URL such as s3://bucket/key."""
    name, where = draft
    if "://" not in where or where.startswith("file://"):
        return read_path(Path(where.removeprefix("file://")), settings.encoding,
                         settings.max_bytes, display=name)
    import fsspec

    try:
        with fsspec.open(where, "rb") as fh:
            data = fh.read(settings.max_bytes + 1)
    except (OSError, ValueError, ImportError) as exc:
        raise InputError(f"cannot read ({exc})", name,
                         "check the URL and its credentials") from None
    if len(data) > settings.max_bytes:
        raise InputError(f"file is over the limit of {settings.max_bytes} bytes", name,
                         "raise --max-bytes or split the draft")
    text, enc = decode(data, name, settings.encoding)
    return Document(name, text, enc)


def findings(doc: Document, registry: Registry, settings: Settings) -> list[Finding]:
    """The rules' findings for one draft minus suppression comments and the ignore list."""
    from factcheck.check.checker import check

    found = check(doc, registry, settings.rules, settings.options)
    return suppress.drop_ignored(suppress.filter_suppressed(found, doc), settings.ignore)


def outcome(draft: Draft, registry: Registry, settings: Settings) -> Outcome:
    """(draft, findings), or (None, the one-line error) when it cannot be read."""
    try:
        doc = read(draft, settings)
    except FactcheckError as exc:
        return None, exc.line()
    return doc, findings(doc, registry, settings)


def outcomes(drafts: list[Draft], registry: Registry | RegistryFiles,
             settings: Settings) -> list[Outcome]:
    """Every draft of a partition checked, in order."""
    reg = resolve(registry)
    return [outcome(d, reg, settings) for d in drafts]


def texts(items: Iterable[tuple[str, str | bytes]], registry: Registry | RegistryFiles,
          settings: Settings) -> list[Finding | DraftError]:
    """Findings of (path, text) pairs, bytes decoded here; an undecodable draft is a DraftError."""
    registry = resolve(registry)
    out: list[Finding | DraftError] = []
    for path, text in items:
        try:
            if isinstance(text, bytes):
                if len(text) > settings.max_bytes:
                    raise InputError(f"file is over the limit of {settings.max_bytes} bytes",
                                     path, "raise --max-bytes or split the draft")
                doc = Document(path, *decode(text, path, settings.encoding))
            else:
                doc = Document(path, text)
        except FactcheckError as exc:
            out.append(DraftError(path, exc.line()))
            continue
        out.extend(findings(doc, registry, settings))
    return out


def write_part(drafts: list[Draft], target: str, registry: Registry | RegistryFiles,
               settings: Settings) -> Tally:
    """Check a partition and write its findings as JSON Lines to `target`; only a tally returns."""
    from factcheck.atomic import write_bytes
    from factcheck.report.jsonl import finding_line

    from factcheck.check.fix import offered

    reg = resolve(registry)
    lines: list[str] = []
    errors: list[str] = []
    worst = 0
    for doc, found in outcomes(drafts, reg, settings):
        if doc is None:
            errors.append(str(found))
            continue
        found = offered(doc, found, lambda d: findings(d, reg, settings))  # as the CLI offers
        lines += [finding_line(f) for f in found]  # type: ignore[union-attr]
        worst = max([worst, *(int(f.severity) for f in found)])  # type: ignore[union-attr]
    write_bytes(Path(target), "".join(line + "\n" for line in lines).encode("utf-8"))
    return Tally(len(drafts), len(lines), worst, tuple(errors))
