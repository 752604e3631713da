"""Settings for the documents a client opens: the nearest config file and its registry, each
loaded once and loaded again when its files change; source articles for related locations."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types

from factcheck.api import Registry, load_registry
from factcheck.check.findings import ClaimRef
from factcheck.cli.config import DEFAULT, DOT_FILE, Config, load_config
from factcheck.errors import FactcheckError
from factcheck.cli.lsp.positions import span
from factcheck.registry.files import default_claims_dir, registry_files
from factcheck.text.document import Document

Stamp = tuple[tuple[str, int, int], ...]


@dataclass(frozen=True)
class Settings:
    """What one document is checked with: its config and registry."""

    config: Config
    registry: Registry

    def fail_on(self) -> str | None:
        """`fail-on` when a config file sets it: the editor then shows only findings that
        reach it; by default it shows them all, as the terminal report does."""
        return None if self.config.origins.get("fail-on", DEFAULT) == DEFAULT else self.config.fail_on


def _stamp(paths: list[Path]) -> Stamp:
    """(path, mtime, size) of the files that exist: changes when any is edited, added or removed."""
    out = []
    for p in paths:
        try:
            st = p.stat()
        except OSError:
            continue
        out.append((str(p), st.st_mtime_ns, st.st_size))
    return tuple(out)


def _config_candidates(folder: Path) -> list[Path]:
    return [f / name for f in (folder, *folder.parents) for name in (DOT_FILE, "pyproject.toml")]


class Workspace:
    """Configs by folder and registries by their paths, reloaded when a stamp changes."""

    def __init__(self, root: Path | None) -> None:
        self.root = root
        self._configs: dict[Path, tuple[Stamp, Config]] = {}
        self._registries: dict[tuple[str, ...], tuple[Stamp, Registry]] = {}
        self._articles: dict[Path, tuple[Stamp, Document | None]] = {}

    def settings(self, path: Path | None) -> Settings:
        """The config nearest `path` (or the workspace root) and the registry it names."""
        folder = path.parent if path is not None else (self.root or Path.cwd())
        config = self.config(folder.resolve())
        return Settings(config, self.registry(config.claims))

    def config(self, folder: Path) -> Config:
        """The Config for files in `folder`; a broken file raises ConfigError."""
        stamp = _stamp(_config_candidates(folder))
        cached = self._configs.get(folder)
        if cached is None or cached[0] != stamp:
            cached = (stamp, load_config(None, folder))
            self._configs[folder] = cached
        return cached[1]

    def registry(self, claims: tuple[Path, ...]) -> Registry:
        """The registry in `claims` (default: the built-in one); a broken one raises RegistryError."""
        files = registry_files(list(claims) or [default_claims_dir()])
        stamp = _stamp(files)
        key = tuple(map(str, claims))
        cached = self._registries.get(key)
        if cached is None or cached[0] != stamp:
            cached = (stamp, load_registry(list(claims) or None))
            cached[1].index()  # built now, not on the first keystroke
            self._registries[key] = cached
        return cached[1]

    def forget(self) -> None:
        """Drop every cached config and registry (a watched file changed)."""
        self._configs.clear()
        self._registries.clear()
        self._articles.clear()

    def article(self, registry: Registry, source: str) -> tuple[Path, Document] | None:
        """A source's article file and text, when the registry names one that can be read."""
        meta, file = registry.sources.get(source), registry.files.get(source)
        if meta is None or file is None or not meta.path:
            return None
        path = (Path(file).parent / meta.path).resolve()
        stamp = _stamp([path])
        cached = self._articles.get(path)
        if cached is None or cached[0] != stamp:
            from factcheck.text.read import read_path

            try:
                doc: Document | None = read_path(path)
            except FactcheckError:
                doc = None
            cached = (stamp, doc)
            self._articles[path] = cached
        return (path, cached[1]) if cached[1] is not None else None

    def location(self, registry: Registry, claim: ClaimRef, encoding: str) -> types.Location:
        """Where a claim stands: its words in the source article, else its registry file."""
        found = self.article(registry, claim.source)
        if found is not None and 0 < claim.line <= found[1].line_count:
            path, doc = found
            end = claim.end_column or claim.column
            rng = span(doc, claim.line, max(claim.column, 1), claim.line, max(end, 1), encoding)
            return types.Location(uri=path.as_uri(), range=rng)
        file = registry.files.get(claim.source)
        uri = Path(os.path.abspath(file)).as_uri() if file else ""
        zero = types.Position(line=0, character=0)
        return types.Location(uri=uri, range=types.Range(start=zero, end=zero))
