"""Read and decode drafts and articles: byte-order marks, binary signatures, UTF-8, then GB18030
or Big5, bounded by a byte limit."""

from __future__ import annotations

import errno
import os
import sys
import unicodedata
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from factcheck.errors import InputError
from factcheck.text.charset import guess_legacy, looks_misread
from factcheck.text.document import Document

DEFAULT_MAX_BYTES = 50 * 1024 * 1024


#: Byte-order marks and the codec for what follows, longest first (UTF-32 LE begins like UTF-16 LE).
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
#: Signatures of binary formats people mistake for drafts.
_MAGIC = ((b"\x89PNG", "a PNG image"), (b"PK\x03\x04", "a ZIP archive (.docx, .xlsx, .zip)"),
          (b"%PDF-", "a PDF document"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
          (b"\x1f\x8b", "a gzip archive"), (b"\xd0\xcf\x11\xe0", "an old Office document (.doc)"),
          (b"\x7fELF", "a program"), (b"Rar!", "a RAR archive"), (b"7z\xbc\xaf", "a 7-Zip archive"))
_BINARY_TODO = "give a .txt or .md draft (save Word or PDF files as plain text first)"
#: Bytes read at a time: a huge --max-bytes is a limit, never an allocation.
_CHUNK = 1 << 20
#: Code-point ranges real text is written in (scripts, punctuation, CJK, full-width forms,
#: emoji, CJK extension B for rare names); random bytes behind a UTF-16 BOM mostly fall outside.
_COMMON = ((0x09, 0x0D), (0x20, 0x7E), (0xA0, 0x24F), (0x370, 0x52F), (0x590, 0x6FF),
           (0x900, 0xE7F), (0x1E00, 0x1FFF), (0x2000, 0x2BFF), (0x3000, 0x33FF),
           (0x4E00, 0x9FFF), (0xAC00, 0xD7A3), (0xFE30, 0xFE4F), (0xFEFF, 0xFEFF),
           (0xFF00, 0xFFEF), (0x1F300, 0x1FAFF), (0x20000, 0x2A6DF))
#: Share of a UTF-16/32 text's characters that must be common ones (random bytes give ~60%).
_PLAUSIBLE = 0.9


def decode(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode bytes as text; return (text, encoding). Raise InputError for binary or undecodable."""
    if encoding:
        text, enc = _forced(data, name, encoding)
    else:
        text, enc = _sniff(data, name)
    if not _looks_textual(text):
        raise InputError(f"binary data is not a text draft (control characters as {enc})", name,
                         _BINARY_TODO)
    return text, enc


def _forced(data: bytes, name: str, encoding: str) -> tuple[str, str]:
    """Decode with the encoding the user named; a leading byte-order mark is not text."""
    try:
        with warnings.catch_warnings():  # unicode_escape warns about every odd backslash
            warnings.simplefilter("ignore")
            return data.decode(encoding).removeprefix("\ufeff"), encoding
    except LookupError as exc:
        what = "is not a text encoding" if "text encoding" in str(exc) else "is no known encoding"
        raise InputError(f"{encoding!r} {what}", "--encoding",
                         "use e.g. utf-8, gb18030, big5 or utf-16") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"cannot decode as {encoding} at byte {exc.start}", name,
                         "check the file or pick another --encoding") from None
    except (UnicodeError, ValueError, TypeError) as exc:  # codecs that are not plain text codecs
        raise InputError(f"cannot decode as {encoding} ({exc})", name,
                         "pick a text encoding such as utf-8 or gb18030") from None


def _sniff(data: bytes, name: str) -> tuple[str, str]:
    """Byte-order mark, then binary signatures, then UTF-8, then the legacy Chinese encodings."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(enc)
            except UnicodeDecodeError as exc:
                if enc == "utf-32-le":  # FF FE 00 00 is also UTF-16 LE text starting with U+0000
                    continue
                raise InputError(f"not valid {enc.upper()} at byte {exc.start + len(bom)} "
                                 "despite its byte-order mark", name,
                                 "fix the file or name its encoding with --encoding") from None
            if enc != "utf-8" and not _plausible(text):
                raise InputError(f"binary data is not a text draft (mostly rare or unassigned "
                                 f"characters as {enc})", name, _BINARY_TODO)
            return text, enc
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{what} is not a text draft", name, _BINARY_TODO)
    if b"\x00" in data[:8192]:
        raise InputError("binary data is not a text draft", name, _BINARY_TODO)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _detect(data, name)
    if not text.isascii():
        legacy = guess_legacy(data, min_score=1) if looks_misread(text) else None
        if legacy:
            return legacy
    return text, "utf-8"


def _detect(data: bytes, name: str) -> tuple[str, str]:
    """Legacy encodings: the likelier of GB18030 and Big5, else whatever the detector offers."""
    found = guess_legacy(data)
    if found and _looks_textual(found[0]):
        return found
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or not _looks_textual(str(best)):
        raise InputError("not text in any known encoding (tried UTF-8, GB18030, Big5)", name,
                         "give a text file or name its encoding with --encoding")
    return str(best), best.encoding


def _looks_textual(text: str) -> bool:
    """At most 1% control characters (other than tab, line breaks and form feed) in a sample."""
    sample = text[:20000]
    odd = sum(ch < " " and ch not in "\r\n\t\f" or "\x7f" <= ch < "\xa0" for ch in sample)
    return odd <= len(sample) // 100


def _common(ch: str) -> bool:
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _COMMON) and unicodedata.category(ch) != "Cn"


def _plausible(text: str) -> bool:
    """Whether a decoded UTF-16/32 text is mostly characters people write, in a sample."""
    sample = text[:20000]
    return not sample or sum(map(_common, sample)) >= _PLAUSIBLE * len(sample)


def read_bounded(stream: BinaryIO, limit: int) -> bytes:
    """Up to `limit` + 1 bytes from a stream, a chunk at a time (the + 1 shows it is over)."""
    parts: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = stream.read(min(_CHUNK, limit + 1 - size))
        if not chunk:
            break
        parts.append(chunk)
        size += len(chunk)
    return b"".join(parts)


def _missing(path: Path) -> str:
    """Why a path that cannot be opened is missing: a link to nowhere, or nothing at all."""
    if path.is_symlink():
        return "symbolic link to a file that does not exist"
    return "no such file"


def read_path(path: Path, encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
              display: str | None = None) -> Document:
    """Read one file as a Document; every failure is an InputError naming the file."""
    name = display or str(path)
    try:
        if path.is_dir():
            raise InputError("is a folder, not a file", name, "give a file")
        with path.open("rb") as fh:
            data = read_bounded(fh, max_bytes)  # bounded even for /dev/zero or a growing file
    except FileNotFoundError:
        raise InputError(_missing(path), name, "check the path") from None
    except PermissionError:
        raise InputError("permission denied", name, "check the file's permissions") from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the path
        if getattr(exc, "errno", None) == errno.ELOOP:
            raise InputError("symbolic link loops back on itself", name,
                             "point the link at a file") from None
        raise InputError(f"cannot read ({getattr(exc, 'strerror', None) or exc})", name,
                         "check the path") from None
    if len(data) > max_bytes:
        raise InputError(f"file is over the limit of {max_bytes} bytes", name,
                         "raise --max-bytes or split the draft")
    text, enc = decode(data, name, encoding)
    return Document(name, text, enc)


def read_stdin(encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read standard input as a Document named `-`."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError("standard input is closed", "-", "pipe a draft in or name a file")
    try:
        data = read_bounded(stream, max_bytes)
    except OSError as exc:
        raise InputError(f"cannot read standard input ({exc.strerror or exc})", "-",
                         "pipe a draft in or name a file") from None
    if len(data) > max_bytes:
        raise InputError(f"standard input is over the limit of {max_bytes} bytes", "-",
                         "raise --max-bytes or split the draft")
    text, enc = decode(data, "<stdin>", encoding)
    return Document("-", text, enc)


def total_bytes(paths: "Iterable[str | Path]") -> int:
    """The sizes of the files named, added up (files that cannot be read count nothing)."""
    total = 0
    for path in paths:
        try:
            total += os.stat(path).st_size
        except OSError:
            pass
    return total
