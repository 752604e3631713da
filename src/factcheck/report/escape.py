"""Text from drafts, articles and file names made safe to show: control characters, bidi
overrides and undecodable bytes of a file name become visible escapes."""

from __future__ import annotations

import re

from factcheck.lazyre import lazy

#: C0 and C1 controls (tab kept), DEL, the bidi embeddings, overrides and isolates that
#: reorder what a reader sees, and the lone surrogates an undecodable file name holds.
_UNSAFE = lazy("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a non-UTF-8 file name (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every character that could move the cursor, clear the screen, reorder a line
    or fail to encode shown as a backslash escape (\\x1b, \\u202e, a file name's \\xe4 byte)."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


def printable_lines(text: str) -> str:
    """`printable` for each line of a multi-line text, keeping its line breaks (\r\n too)."""
    return "\n".join(printable(line[:-1]) + "\r" if line.endswith("\r") else printable(line)
                     for line in text.split("\n"))
