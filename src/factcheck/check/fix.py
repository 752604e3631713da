"""--fix: put the source's words in place of each error that has one fix, byte-for-byte elsewhere.

Only errors with `Finding.fix` set are fixed. Fixes whose spans overlap are all skipped. A file
is rewritten only if its bytes are exactly what was checked (same encoding, BOM and line
endings), through a temp file renamed over it in the same folder.
"""

from __future__ import annotations

import codecs
import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from factcheck.check.findings import Finding, Severity
from factcheck.errors import InputError
from factcheck.text.document import Document

#: Lines with their breaks, split like `Document` (\r\n, \r or \n only).
_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))


@dataclass(frozen=True)
class Plan:
    """The fixed text of one draft and the findings it fixes."""

    doc: Document
    text: str
    fixed: tuple[Finding, ...]


def fixable(f: Finding) -> bool:
    """An error with one replacement that differs from the draft's words."""
    return f.severity == Severity.ERROR and f.fix is not None and f.fix != f.text


def _spans(doc: Document, findings: list[Finding]) -> list[tuple[int, int, Finding]]:
    """Fixable findings as (start, end, finding) whose span still holds the finding's text."""
    spans = []
    for f in findings:
        start, end = doc.offset(f.line, f.column), doc.offset(f.end_line, f.end_column)
        if fixable(f) and doc.text[start:end] == f.text:
            spans.append((start, end, f))
    return sorted(spans, key=lambda s: (s[0], s[1]))


def _without_overlaps(spans: list[tuple[int, int, Finding]]) -> list[tuple[int, int, Finding]]:
    """Spans that overlap no other span (overlapping fixes are all skipped)."""
    keep, reach = [], -1  # reach: the furthest end of any earlier span
    for i, (start, end, f) in enumerate(spans):
        next_start = spans[i + 1][0] if i + 1 < len(spans) else end
        if start >= reach and end <= next_start:
            keep.append((start, end, f))
        reach = max(reach, end)
    return keep


def plan(doc: Document, findings: list[Finding]) -> Plan | None:
    """The draft with every safe fix applied, or None when there is nothing to fix."""
    spans = _without_overlaps(_spans(doc, findings))
    if not spans:
        return None
    parts, last = [], 0
    for start, end, f in spans:
        parts += [doc.text[last:start], f.fix or ""]
        last = end
    parts.append(doc.text[last:])
    return Plan(doc, "".join(parts), tuple(s[2] for s in spans))


def _codec(raw: bytes, doc: Document) -> tuple[bytes, str]:
    """(BOM, codec) that turn `doc.text` back into exactly `raw`; InputError if none does."""
    bom, codec = b"", doc.encoding
    for mark, name in _BOMS:
        if raw.startswith(mark) and not doc.text.startswith("\ufeff"):
            bom, codec = mark, (name if doc.encoding.startswith("utf-16") else doc.encoding)
            break
    try:
        same = bom + doc.text.encode(codec) == raw
    except (UnicodeEncodeError, LookupError):
        same = False
    if not same:
        raise InputError("cannot rewrite byte-for-byte (changed since read?)", doc.path,
                         "fix it by hand")
    return bom, codec


def encode_fixed(p: Plan) -> bytes:
    """The fixed draft in the original file's encoding, BOM and line endings."""
    raw = Path(p.doc.path).read_bytes()
    bom, codec = _codec(raw, p.doc)
    try:
        return bom + p.text.encode(codec)
    except UnicodeEncodeError:
        raise InputError(f"the fix cannot be written in {codec}", p.doc.path,
                         "fix it by hand") from None


def apply(p: Plan) -> None:
    """Rewrite the draft on disk with its fixes."""
    data = encode_fixed(p)
    try:
        from factcheck.atomic import write_bytes

        write_bytes(Path(p.doc.path), data)
    except OSError as exc:
        raise InputError(f"cannot write ({exc.strerror or exc})", p.doc.path) from None


def unified_diff(p: Plan) -> str:
    """A unified diff of the planned fixes (what --fix --dry-run prints)."""
    encode_fixed(p)  # same checks as a real fix: a dry run promises what --fix would do
    old, new = _LINES.findall(p.doc.text), _LINES.findall(p.text)
    lines = difflib.unified_diff(old, new, f"a/{p.doc.path}", f"b/{p.doc.path}")
    return "".join(ln if ln.endswith(("\n", "\r")) else ln + "\n\\ No newline at end of file\n"
                   for ln in lines)
