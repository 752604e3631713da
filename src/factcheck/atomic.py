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

    An existing file keeps its mode; a new one gets the umask's. A target that exists but is
    not a regular file (/dev/null, a named pipe) is written in place: renaming over it would
    replace the device with a plain file."""
    with replacing(path) as fh:
        fh.write(data)


@contextmanager
def replacing(path: Path) -> Iterator[BinaryIO]:
    """A binary file to write in pieces that replaces `path` as `write_bytes` does, when the
    block ends without an error (otherwise the old file stays whole)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        with open(path, "wb") as fh:
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


def write_text(path: Path, text: str) -> None:
    """`write_bytes` of UTF-8 text with \\n line ends."""
    write_bytes(path, text.encode("utf-8"))
