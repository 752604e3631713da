"""The cache folder: where the registry index (`registry.sqlindex`) and other derived data live.

$FACTCHECK_CACHE_DIR, else $XDG_CACHE_HOME/factcheck (or %LOCALAPPDATA%\\factcheck), else
~/.cache/factcheck; FACTCHECK_NO_CACHE=1 turns caching off. Blobs (`write_blob`) are derived
bytes kept under a name and a key, such as the name rules' table of readings; one that cannot
be read is ignored, one that cannot be written is skipped.
"""

from __future__ import annotations

import marshal
import os
import struct
import zlib
from pathlib import Path

#: The first bytes of a blob file.
MAGIC = b"FCBLOB\x00\x01"


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


def named(prefix: str, key: str, suffix: str) -> Path | None:
    """A file in the cache folder named after a key (None when caching is off)."""
    folder = cache_dir()
    if folder is None:
        return None
    data = key.encode("utf-8", "surrogatepass")
    return folder / f"{prefix}-{zlib.crc32(data):08x}{zlib.adler32(data):08x}{suffix}"


def read_blob(name: str, key: str) -> bytes | None:
    """Bytes kept under a name and key by `write_blob` (None if there are none)."""
    path = named(name, key, ".data")
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
    path = named(name, key, ".data")
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
