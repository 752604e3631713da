"""The one way factcheck writes a file: whole or not at all, never replacing a device."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


def write_bytes(path: Path, data: bytes) -> None:
    """Write via a temp file in the same folder and a rename, so a crash leaves the old file whole.

    An existing file keeps its mode; a new one gets the umask's. A symbolic link is written
    through to its target and stays a link. A target that exists but is not a regular file
    (/dev/null, a named pipe), or has other hard links, is written in place: renaming over it
    would replace the device with a plain file, or split the links."""
    with replacing(path) as fh:
        fh.write(data)


@contextmanager
def replacing(path: Path) -> Iterator[BinaryIO]:
    """A binary file to write in pieces that replaces `path` as `write_bytes` does, when the
    block ends without an error (otherwise the old file stays whole)."""
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    try:
        st = path.stat()
        mode: int | None = st.st_mode
    except FileNotFoundError:
        st, mode = None, None
    if st is not None and (not stat.S_ISREG(st.st_mode) or st.st_nlink > 1):
        with _in_place(path, regular=stat.S_ISREG(st.st_mode)) as fh:
            yield fh
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
        if mode is not None:
            shutil.copymode(path, tmp)
        else:
            mask = os.umask(0)
            os.umask(mask)
            os.chmod(tmp, 0o666 & ~mask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def _in_place(path: Path, regular: bool) -> Iterator[BinaryIO]:
    """Overwrite a file through its own inode (every hard link sees the new bytes)."""
    with open(path, "r+b" if regular else "wb") as fh:
        yield fh
        if regular:
            fh.truncate()
            fh.flush()
            os.fsync(fh.fileno())


def write_text(path: Path, text: str) -> None:
    """`write_bytes` of UTF-8 text with \\n line ends."""
    write_bytes(path, text.encode("utf-8"))
