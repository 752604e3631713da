"""The compiled registry cache: registries as `registry.load` parsed and validated them, kept
with marshal so that the next load of the same files reads neither the JSON nor the articles
and builds only the claims a check looks at.

One file per set of registry files, under $FACTCHECK_CACHE_DIR, else $XDG_CACHE_HOME/factcheck,
else ~/.cache/factcheck, named after the files' paths, sizes and modification times (and
this code's version). It holds each claim as one marshalled row, the claim index's maps as
row numbers, each claim's shape and value ids (`align.probe_ids`), the names and titles the
name rules compare, and for each source the size and modification time of its article when
its sha256 was verified: an article that still has them is not hashed again; any other is
checked as without the cache.

Registries of fewer than MIN_CLAIMS claims, and files modified in the last RACY_SECONDS (a
rewrite within the file system's timestamp granularity could keep size and time), are
never cached. Each cache file ends with the CRC-32 of the rest: one damaged on disk (a flipped
byte, a torn write) is noticed when opened, deleted and silently rebuilt rather than failing a
check halfway. A cache that cannot be read is ignored and rebuilt; one that cannot be written
is skipped. FACTCHECK_NO_CACHE=1 turns the
cache off.
"""

from __future__ import annotations

import marshal
import mmap
import os
import struct
import sys
import time
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factcheck import __version__
from factcheck.registry.compiled import FORMAT, MAGIC, RACY_SECONDS, Store, compile_registry

if TYPE_CHECKING:
    from factcheck.registry.model import Registry

#: The CRC-32 closing every cache file.
_SUM = struct.Struct("<I")
#: Cache files kept in the folder (the most recently used).
KEEP = 8
#: Registries with fewer claims are read from their JSON each time (a few milliseconds):
#: caching them would only churn the folder (`claims validate` loads each file alone).
MIN_CLAIMS = 1000
#: The modules whose code shapes what is cached: a change to one is a new cache.
_CODE = ("registry/files.py", "registry/model.py", "registry/cache.py", "registry/compiled.py",
         "registry/index.py",
         "registry/claim.py", "registry/referents.py")


def cache_dir() -> Path | None:
    """Where cache files go (None when caching is off or there is no home)."""
    if os.environ.get("FACTCHECK_NO_CACHE"):
        return None
    for var, sub in (("FACTCHECK_CACHE_DIR", ""), ("XDG_CACHE_HOME", "factcheck"),
                     ("LOCALAPPDATA", "factcheck")):
        value = os.environ.get(var)
        if value and os.path.isabs(value):
            return Path(value, sub)
    home = os.path.expanduser("~")
    return Path(home, ".cache", "factcheck") if os.path.isabs(home) else None


def key(files: list[Path]) -> str | None:
    """What identifies a set of registry files and the code reading them (None: do not cache)."""
    if cache_dir() is None:
        return None
    parts: list[Any] = [FORMAT, __version__, marshal.version, sys.version_info[:2]]
    here = Path(__file__).parents[1]
    oldest = time.time_ns() - int(RACY_SECONDS * 1e9)
    try:
        for name in _CODE:
            st = os.stat(here / name)
            parts.append((name, st.st_size, st.st_mtime_ns))
        for f in files:
            st = os.stat(f)
            if st.st_mtime_ns > oldest:
                return None
            parts.append((os.path.abspath(f), st.st_size, st.st_mtime_ns))
    except OSError:
        return None
    return repr(parts)


def _path(key: str) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    data = key.encode("utf-8", "surrogatepass")
    return folder / f"registry-{zlib.crc32(data):08x}{zlib.adler32(data):08x}.cache"


# --- reading -------------------------------------------------------------------------------

def read(key: str | None, files: list[Path], check_stale: bool) -> "Registry | None":
    """The registry cached under `key` (None when there is none or it cannot be read).

    With `check_stale`, every article whose size or modification time changed since it was
    verified is checked as `registry.load` checks it (a stale one raises RegistryError)."""
    from factcheck.registry.model import Registry, Source

    path = _path(key) if key else None
    if path is None:
        return None
    try:
        with open(path, "rb") as fh:
            data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        if data[:8] != MAGIC or not _intact(data):
            _discard(path)
            return None
        (head_len,) = struct.unpack("<Q", data[8:16])
        fmt, stored_key, sources, facts, bounds, sections = marshal.loads(data[16:16 + head_len])
        base = 16 + head_len
        if fmt != FORMAT or stored_key != key or len(sources) != len(files) \
                or len(bounds) != len(files) + 1 \
                or len(data) != base + sections["end"][0] + _SUM.size:
            return None
        sources = [Source(*s) for s in sources]
    except FileNotFoundError:
        return None
    except Exception:  # truncated, damaged or from another version: rebuilt
        _discard(path)
        return None
    try:
        os.utime(path)  # recently used, so pruning keeps it
    except OSError:
        pass
    store = Store(path, key, data, base, sections, bounds, [s.id for s in sources])
    reg = Registry(sources={s.id: s for s in sources},
                   files={s.id: f for s, f in zip(sources, files)}, store=store)
    if check_stale:
        _verify(sources, files, facts)
    return reg


def _intact(data: Any) -> bool:
    """Whether a cache file's closing CRC-32 matches the bytes before it."""
    if len(data) < 8 + _SUM.size:
        return False
    (stored,) = _SUM.unpack(data[-_SUM.size:])
    with memoryview(data) as view:
        return zlib.crc32(view[:-_SUM.size]) == stored


def _discard(path: Path) -> None:
    """Delete a cache file that cannot be used, so the next load writes a good one."""
    try:
        path.unlink()
    except OSError:
        pass


def sealed(payload: bytes) -> bytes:
    """A cache file's bytes: the payload and its CRC-32."""
    return payload + _SUM.pack(zlib.crc32(payload))


def _verify(sources: list, files: list[Path], facts: list) -> None:
    from factcheck.registry.files import check_stale as _check_stale

    for source, f, fact in zip(sources, files, facts):
        if not source.path or not source.sha256:
            continue
        if fact is not None:
            try:
                st = os.stat(fact[0])
                if (st.st_size, st.st_mtime_ns) == (fact[1], fact[2]):
                    continue
            except OSError:
                pass
        _check_stale(source, f)


# --- other derived data --------------------------------------------------------------------

def _blob_path(name: str, key: str) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    data = key.encode("utf-8", "surrogatepass")
    return folder / f"{name}-{zlib.crc32(data):08x}{zlib.adler32(data):08x}.data"


def read_blob(name: str, key: str) -> bytes | None:
    """Bytes kept under a name and key by `write_blob` (None if there are none)."""
    path = _blob_path(name, key)
    try:
        data = path.read_bytes() if path else b""
        (head_len,) = struct.unpack("<Q", data[8:16])
        if data[:8] != MAGIC or marshal.loads(data[16:16 + head_len]) != (key, len(data)):
            return None
        return data[16 + head_len:]
    except Exception:
        return None


def write_blob(name: str, key: str, blob: bytes) -> None:
    """Keep bytes under a name and key in the cache folder (silently skipped if it cannot)."""
    path = _blob_path(name, key)
    if path is None:
        return
    head = marshal.dumps((key, 0))
    size = 16 + len(head) + len(blob)
    for _ in range(2):  # the head states the file's size, which depends on the head's
        head = marshal.dumps((key, size))
        size = 16 + len(head) + len(blob)
    from factcheck.atomic import write_bytes

    try:
        write_bytes(path, MAGIC + struct.pack("<Q", len(head)) + head + blob)
    except OSError:
        pass


def writable() -> bool:
    """Whether the cache folder exists or can be made, and can be written."""
    folder = cache_dir()
    if folder is None:
        return False
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(folder, os.W_OK)


# --- writing -------------------------------------------------------------------------------

def write(key: str | None, files: list[Path], reg: "Registry") -> None:
    """Cache a registry just loaded from `files` (silently skipped when it cannot be)."""
    path = _path(key) if key else None
    if path is None or len(reg.claims) < MIN_CLAIMS:
        return
    try:
        payload = compile_registry(key, files, reg)
        if payload is None:
            return
        from factcheck.atomic import (
            write_bytes,  # tempfile and shutil: only when writing
        )

        write_bytes(path, sealed(payload))
        _prune(path.parent)
    except (OSError, ValueError):  # a read-only or full cache folder; an odd value
        return


def _prune(folder: Path) -> None:
    """Keep the KEEP most recently used cache files."""
    found = []
    for p in folder.glob("registry-*.cache"):
        try:
            found.append((p.stat().st_mtime_ns, p))
        except OSError:
            pass
    for _, p in sorted(found, reverse=True)[KEEP:]:
        for stale in (p, p.with_suffix(".conflicts")):
            try:
                stale.unlink()
            except OSError:
                pass


