"""Columns between our 1-based code points and the client's 0-based UTF-8/16/32 code units."""

from __future__ import annotations

from lsprotocol import types

from factcheck.text.document import Document

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def units(text: str, encoding: str) -> int:
    """How many code units `text` takes in the client's encoding."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(ch > "\uffff" for ch in text)  # astral characters take 2


def to_client(doc: Document, line: int, column: int, encoding: str) -> types.Position:
    """The client position of a 1-based (line, code-point column)."""
    text = doc.line_text(line) if 0 < line <= doc.line_count else ""
    return types.Position(line=line - 1, character=units(text[:column - 1], encoding))


def from_client(doc: Document, pos: types.Position, encoding: str) -> tuple[int, int]:
    """The 1-based (line, code-point column) of a client position (past the end: clamped)."""
    line = min(pos.line + 1, doc.line_count)
    text, used, column = doc.line_text(line), 0, 1
    for ch in text:
        if used >= pos.character:
            break
        used += units(ch, encoding)
        column += 1
    return line, column


def span(doc: Document, line: int, column: int, end_line: int, end_column: int,
         encoding: str) -> types.Range:
    """A client range from 1-based positions (end exclusive, as LSP has it)."""
    return types.Range(start=to_client(doc, line, column, encoding),
                       end=to_client(doc, end_line, end_column, encoding))


def line_end(doc: Document, line: int, encoding: str) -> types.Position:
    """The client position at the end of a 1-based line, before its break."""
    return types.Position(line=line - 1, character=units(doc.line_text(line), encoding))
