"""Load registries: from the compiled cache when it is current, else from the files (then cached)."""

from __future__ import annotations

from pathlib import Path

from factcheck.errors import RegistryError
from factcheck.registry.files import check_stale as stale_error
from factcheck.registry.files import default_claims_dir, load_file, registry_files
from factcheck.registry.model import Registry


def load(paths: list[Path] | None = None, check_stale: bool = True) -> Registry:
    """Load registries from files or folders (default: the built-in one).

    A compiled cache of the same files (same paths, sizes and modification times) is read
    instead of the JSON when there is one; otherwise the files are read, validated and
    cached for the next load."""
    from factcheck.registry import cache as regcache

    files = registry_files(paths or [default_claims_dir()])
    if not files:
        raise RegistryError("no claims registry found", ", ".join(map(str, paths or [])),
                            "run 'factcheck extract ARTICLE' or pass --claims")
    key = regcache.key(files)
    reg = regcache.read(key, files, check_stale)
    if reg is not None:
        return reg
    reg = Registry()
    for f in files:
        source, claims = load_file(f)
        if check_stale:
            stale_error(source, f)
        reg.add(source, claims, f)
    regcache.write(key, files, reg)
    return reg


