"""--fix: put the source's words in place of each error that has one fix, byte-for-byte elsewhere.

Only errors with `Finding.fix` set are fixed. Fixes whose spans overlap are all skipped, and so
are the fixes of a line that, fixed, would have a finding it did not have (a name swapped in
beside another person's title). The source's words are written as the draft writes: full-width
digits where the replaced words have them, traditional script where the draft uses it. A file
is rewritten only if its bytes are exactly what was checked (same encoding, BOM and line
endings), through a temp file renamed over it in the same folder.
"""

from __future__ import annotations

import codecs
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from factcheck.check.findings import Finding, Severity
from factcheck.errors import InputError
from factcheck.text.document import Document
from factcheck.text.sentences import CLOSE_QUOTES, SENTENCE_END

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


def _traditional(doc: Document) -> dict[str, str]:
    """Simplified characters the draft writes in traditional script, as the draft writes them."""
    out: dict[str, str] = {}
    norm, text = doc.norm, doc.text
    if norm == text:
        return out
    for i in range(0, len(text), _CHUNK):  # characters are compared only where a chunk differs
        j = i + _CHUNK
        if norm[i:j] != text[i:j]:
            for simple, written in zip(norm[i:j], text[i:j]):
                if simple != written and "\u3400" <= written <= "\u9fff":
                    out.setdefault(simple, written)
    return out


#: Characters `_traditional` compares at once (a draft in simplified script writes few
#: traditional characters: on the 1 MB bench draft 16 -> 4.5 ms).
_CHUNK = 64


def styled(fix: str, replaced: str, script: dict[str, str]) -> str:
    """`fix` in the replaced words' width (７６８家 for ７８６家) and the draft's script (萬)."""
    wide = any("０" <= ch <= "９" or "Ａ" <= ch <= "ｚ" for ch in replaced)
    out = []
    for ch in fix:
        full = chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch
        if full != ch and ((wide and ch.isalnum()) or full in replaced):
            ch = full
        out.append(script.get(ch, ch))
    return "".join(out)


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
    """The draft with every non-overlapping fix applied, or None when there is nothing to fix."""
    script = _traditional(doc)
    spans = [(a, b, f, new) for a, b, f in _without_overlaps(_spans(doc, findings))
             if (new := styled(f.fix or "", doc.text[a:b], script)) != doc.text[a:b]]
    if not spans:
        return None
    parts, last = [], 0
    for start, end, _, new in spans:
        parts += [doc.text[last:start], new]
        last = end
    parts.append(doc.text[last:])
    return Plan(doc, "".join(parts), tuple(s[2] for s in spans))


def _key(f: Finding) -> tuple[str, str, str | None]:
    return (f.rule, f.text, f.expected)


def _styled_spans(doc: Document, findings: list[Finding]) -> list[tuple[int, int, Finding, str]]:
    """The fixable findings' spans, each with its fix as the draft would write it."""
    script = _traditional(doc)
    return [(a, b, f, styled(f.fix or "", doc.text[a:b], script)) for a, b, f in _spans(doc, findings)]


def unsafe_offers(doc: Document, findings: list[Finding],
                  recheck: Callable[[Document], list[Finding]]) -> set[Finding]:
    """Fixable findings whose fix alone would give their line a finding it did not have.

    Only the fix's sentence is checked again, fixed (`_sentence`): every such sentence a
    paragraph of one document, each distinct one once. What it finds is compared with the
    draft's own findings on that line; only a fix whose sentence finds something they lack
    has its sentence checked as it is too (a second, short document), so that what the
    sentence finds alone, out of its draft, is not taken for something the fix brought."""
    return _unsafe(doc, findings, recheck, _styled_spans(doc, findings))


def _unsafe(doc: Document, findings: list[Finding], recheck: Callable[[Document], list[Finding]],
            spans: list[tuple[int, int, Finding, str]]) -> set[Finding]:
    """`unsafe_offers`, given the fixable findings' spans with their fixes in the draft's style."""
    found = []
    for start, end, f, new in spans:
        if f.end_line == f.line:
            line = doc.line_text(f.line)
            col = start - doc.line_starts[f.line - 1]
            a, b = _sentence(line, col, col + end - start)
            found.append((f, line[a:b], line[a:col] + new + line[col + end - start:b]))
    had = _line_keys(findings)
    fixed = _checked(doc, [c[2] for c in found], recheck)
    doubt = [c for c in found if not fixed[c[2]] <= had.get(c[0].line, set())]
    as_is = _checked(doc, [c[1] for c in doubt], recheck)
    return {f for f, line, new in doubt if not fixed[new] <= had.get(f.line, set()) | as_is[line]}


def _checked(doc: Document, parts: list[str],
             recheck: Callable[[Document], list[Finding]]) -> dict[str, set]:
    """The finding keys of each distinct part, all checked in one document a part a paragraph."""
    paras = list(dict.fromkeys(parts))
    if not paras:
        return {}
    checked = _line_keys(recheck(Document(doc.path, "\n\n".join(paras), doc.encoding)))
    return {p: checked.get(2 * n - 1, set()) for n, p in enumerate(paras, 1)}


#: A fix is checked with its sentence: from the last sentence end before it to the first after
#: it, but no further than this many characters on either side when a sentence runs on (a
#: paste of thousands of figures on one line).
REACH = 250
_SENTENCE_END = re.compile(f"[{re.escape(SENTENCE_END)}][{re.escape(CLOSE_QUOTES)}]*")


def _sentence(line: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence of `line` that holds [start, end), cut at REACH; with the
    sentence before it when that one ends a quote, and the one after it when it ends a quote
    itself (a quote and the words naming its speaker are read together)."""
    lo, hi = max(0, start - REACH), min(len(line), end + REACH)
    ends = [m.end() for m in _SENTENCE_END.finditer(line, lo, hi)]
    before = [x for x in ends if x <= start]
    after = [x for x in ends if x >= end]
    if before and line[before[-1] - 1] in CLOSE_QUOTES:
        before.pop()
    if after and line[after[0] - 1] in CLOSE_QUOTES:
        after.pop(0)
    return (before[-1] if before else lo), (after[0] if after else hi)


def _line_keys(findings: list[Finding]) -> dict[int, set[tuple[str, str, str | None]]]:
    out: dict[int, set[tuple[str, str, str | None]]] = {}
    for f in findings:
        out.setdefault(f.line, set()).add(_key(f))
    return out


def safe_plan(doc: Document, findings: list[Finding],
              recheck: Callable[[Document], list[Finding]]) -> Plan | None:
    """`plan`, keeping only fixes whose line, fixed, has no finding the line did not have."""
    for _ in range(4):  # each round drops at least one line's fixes; few drafts need two
        p = plan(doc, findings)
        if p is None:
            return None
        fixed_lines = {f.line for f in p.fixed}
        had = {(f.line, *_key(f)) for f in findings if f not in p.fixed}
        after = recheck(Document(doc.path, p.text, doc.encoding))
        dirty = {f.line for f in after if f.line in fixed_lines and (f.line, *_key(f)) not in had}
        if not dirty:
            return p
        findings = [f for f in findings if not (f in p.fixed and f.line in dirty)]
    return None


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


def offered(doc: Document, found: list[Finding],
            recheck: Callable[[Document], list[Finding]]) -> list[Finding]:
    """The findings with fixes as the draft would write them, and a fix that would give its
    line a new finding taken off (not offered): what reports suggest."""
    from dataclasses import replace

    spans = _styled_spans(doc, found)
    if not spans:
        return list(found)
    unsafe = {id(f) for f in _unsafe(doc, found, recheck, spans)}
    restyled = {id(f): new for _, _, f, new in spans if new != f.fix}  # the draft's style
    return [replace(f, fix=None) if id(f) in unsafe else
            replace(f, fix=restyled[id(f)]) if id(f) in restyled else f for f in found]
