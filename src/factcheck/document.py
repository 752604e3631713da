"""Read and decode drafts and articles; a same-length normalised text; offset -> (line, column)."""

from __future__ import annotations

import bisect
import sys
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from factcheck.errors import InputError

#: Full-width ASCII variants folded to ASCII. The full-width comma (，) is kept on purpose:
#: folding it would glue "768，130" into a thousands-separated number.
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F) if cp != 0xFF0C}
_FULLWIDTH[0x3000] = 0x20

DEFAULT_MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Document:
    """Decoded text with a same-length normalised copy and a line index."""

    path: str
    text: str
    encoding: str = "utf-8"
    line_starts: tuple[int, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        starts = [0]
        text = self.text
        i = 0
        n = len(text)
        while i < n:
            ch = text[i]
            if ch == "\r":
                if i + 1 < n and text[i + 1] == "\n":
                    i += 1
                starts.append(i + 1)
            elif ch == "\n":
                starts.append(i + 1)
            i += 1
        object.__setattr__(self, "line_starts", tuple(starts))

    @cached_property
    def norm(self) -> str:
        """The text with full-width forms folded and traditional script simplified, same length."""
        return normalise(self.text)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a 0-based character offset; columns count code points."""
        idx = bisect.bisect_right(self.line_starts, offset) - 1
        return idx + 1, offset - self.line_starts[idx] + 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line without its line break."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    @property
    def line_count(self) -> int:
        """Number of lines."""
        return len(self.line_starts)


def normalise(text: str) -> str:
    """Fold full-width ASCII and convert traditional to simplified script, keeping every offset."""
    folded = text.translate(_FULLWIDTH)
    if not any("\u3400" <= ch <= "\u9fff" for ch in folded):
        return folded
    return _simplify(folded)


def _simplify(text: str) -> str:
    """OpenCC t2s, applied so the result has exactly the input's length."""
    converter = _opencc()
    out = converter.convert(text)
    if len(out) == len(text):
        return out
    # Rare phrase conversions change length; fall back to one character at a time.
    return "".join(_char_t2s(ch) for ch in text)


@lru_cache(maxsize=4096)
def _char_t2s(ch: str) -> str:
    conv = _opencc().convert(ch)
    return conv if len(conv) == 1 else ch


@lru_cache(maxsize=1)
def _opencc():
    import opencc  # only here: the one OpenCC import

    return opencc.OpenCC("t2s.json")


def decode(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode bytes as text; return (text, encoding). Raise InputError for binary or undecodable."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot decode as {encoding} ({exc.__class__.__name__})", name,
                             "check the file or pick another --encoding") from None
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc.replace("-sig", "")
            except UnicodeDecodeError:
                break
    if b"\x00" in data[:8192]:
        raise InputError("binary file, not text", name, "give a .txt or .md draft")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _detect(data, name)


def _detect(data: bytes, name: str) -> tuple[str, str]:
    """Legacy encodings: prefer GB18030 (a superset of GBK/GB2312), then Big5, else ask the detector."""
    for enc in ("gb18030", "big5"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _looks_chinese(text):
            return text, enc
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or not _looks_textual(str(best)):
        raise InputError("not text in any known encoding", name,
                         "give a text file or name its encoding with --encoding")
    return str(best), best.encoding


def _looks_chinese(text: str) -> bool:
    sample = text[:20000]
    cjk = sum("\u4e00" <= ch <= "\u9fff" for ch in sample)
    odd = sum(ch < " " and ch not in "\r\n\t" for ch in sample)
    return odd == 0 and (cjk > 0 or sample.isascii())


def _looks_textual(text: str) -> bool:
    sample = text[:20000]
    odd = sum(ch < " " and ch not in "\r\n\t\f" for ch in sample)
    return odd <= len(sample) // 100


def read_path(path: Path, encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
              display: str | None = None) -> Document:
    """Read one file as a Document; every failure is an InputError naming the file."""
    name = display or str(path)
    try:
        if path.is_dir():
            raise InputError("is a folder, not a file", name, "give a file")
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"file is {size} bytes, over the limit of {max_bytes}", name,
                             "raise --max-bytes or split the file")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", name, "check the path") from None
    except PermissionError:
        raise InputError("permission denied", name, "check the file's permissions") from None
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror or exc})", name) from None
    text, enc = decode(data, name, encoding)
    return Document(name, text, enc)


def read_stdin(encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read standard input as a Document named `-`."""
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"standard input is over the limit of {max_bytes} bytes", "-",
                         "raise --max-bytes")
    text, enc = decode(data, "<stdin>", encoding)
    return Document("-", text, enc)
