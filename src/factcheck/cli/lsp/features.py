"""Findings as LSP values: diagnostics, quick fixes and suppression actions, hovers."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from lsprotocol import types

from factcheck.check.findings import ClaimRef, Finding, Severity
from factcheck.cli.lsp.positions import from_client, line_end, span
from factcheck.text.document import Document

SOURCE = "factcheck"
SEVERITY = {Severity.ERROR: types.DiagnosticSeverity.Error,
            Severity.WARNING: types.DiagnosticSeverity.Warning,
            Severity.INFO: types.DiagnosticSeverity.Information}
#: Markdown that would change how a quoted source sentence renders.
_MARKUP = re.compile(r"([\\`*_\[\]<>#|~])")

Locate = Callable[[ClaimRef], types.Location]


def finding_range(doc: Document, f: Finding, encoding: str) -> types.Range:
    """A finding's span in the client's units."""
    return span(doc, f.line, f.column, f.end_line, f.end_column, encoding)


def claim_note(claim: ClaimRef) -> str:
    """`title (date), line N: sentence`: the source a finding relies on, in one line."""
    where = " ".join(p for p in (claim.title or claim.source, f"({claim.date})" if claim.date else "") if p)
    return f"{where}, line {claim.line}: {claim.text}"


def diagnostic(doc: Document, f: Finding, encoding: str, locate: Locate | None = None
               ) -> types.Diagnostic:
    """One finding as a diagnostic: rule id as code, the terminal's message, the source sentence
    as related information."""
    refs = [r for r in (f.claim, *f.related) if r is not None]
    related = [types.DiagnosticRelatedInformation(location=locate(r), message=claim_note(r))
               for r in refs] if locate else None
    return types.Diagnostic(range=finding_range(doc, f, encoding), message=f.message,
                            severity=SEVERITY[f.severity], code=f.rule, source=SOURCE,
                            related_information=related or None)


def _touches(doc: Document, f: Finding, start: int, end: int) -> bool:
    """Whether a finding's span meets the offsets [start, end] (a bare cursor too)."""
    return doc.offset(f.line, f.column) <= end and start <= doc.offset(f.end_line, f.end_column)


def at(doc: Document, findings: Iterable[Finding], rng: types.Range, encoding: str) -> list[Finding]:
    """The findings a client range (or cursor) touches."""
    start = doc.offset(*from_client(doc, rng.start, encoding))
    end = doc.offset(*from_client(doc, rng.end, encoding))
    return [f for f in findings if _touches(doc, f, start, end)]


def directive(markdown: bool, rules: str, reason: str = "") -> str:
    """A documented suppression comment for the end of a line (docs/ci-and-editors.md)."""
    body = f"disable-line{' ' + rules if rules else ''}{' -- ' + reason if reason else ''}"
    return f" <!-- factcheck-{body} -->" if markdown else f"  # factcheck: {body}"


def _edit(uri: str, rng: types.Range, text: str) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(changes={uri: [types.TextEdit(range=rng, new_text=text)]})


def actions(uri: str, doc: Document, findings: list[Finding], safe: set[Finding],
            encoding: str, markdown: bool) -> list[types.CodeAction]:
    """Quick fixes for the safe fixes `--fix` applies, then per finding "suppress this rule on
    this line" and "ignore this figure" (every rule on its line), as comments."""
    out: list[types.CodeAction] = []
    for f in findings:
        diag = [diagnostic(doc, f, encoding)]
        if f in safe:
            out.append(types.CodeAction(
                title=f"Replace {f.text} with the source's {f.fix}",
                kind=types.CodeActionKind.QuickFix, diagnostics=diag, is_preferred=True,
                edit=_edit(uri, finding_range(doc, f, encoding), f.fix or "")))
        end = types.Range(start=line_end(doc, f.line, encoding), end=line_end(doc, f.line, encoding))
        out.append(types.CodeAction(
            title=f"Suppress {f.rule} on this line", kind=types.CodeActionKind.QuickFix,
            diagnostics=diag, edit=_edit(uri, end, directive(markdown, f.rule))))
        out.append(types.CodeAction(
            title=f"Ignore {f.text} (every rule on this line)", kind=types.CodeActionKind.QuickFix,
            diagnostics=diag, edit=_edit(uri, end, directive(markdown, "", f"ignore {f.text}"))))
    return out


def _escape(text: str) -> str:
    """Text shown literally in Markdown."""
    return _MARKUP.sub(r"\\\1", text)


def _highlight(sentence: str, words: str | None) -> str:
    """The sentence as Markdown with the source's words in bold (the first time they occur)."""
    if not words or words not in sentence:
        return _escape(sentence)
    before, _, after = sentence.partition(words)
    return f"{_escape(before)}**{_escape(words)}**{_escape(after)}"


def hover_text(f: Finding) -> str:
    """Markdown for a flagged span: what is wrong, the source sentence with its figure in bold,
    the source's title and date."""
    lines = [f"**{f.rule}** ({f.severity.label}): {_escape(f.message)}"]
    if f.claim is not None:
        c = f.claim
        lines += ["", "> " + _highlight(c.text, f.expected), "",
                  " · ".join(p for p in (f"《{c.title}》" if c.title else c.source, c.date,
                                        f"line {c.line}") if p)]
    return "\n".join(lines)


def hover(doc: Document, findings: Iterable[Finding], pos: types.Position,
          encoding: str) -> types.Hover | None:
    """The hover for the findings under the cursor, or None."""
    here = at(doc, findings, types.Range(start=pos, end=pos), encoding)
    if not here:
        return None
    value = "\n\n---\n\n".join(hover_text(f) for f in here)
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=value),
                       range=finding_range(doc, here[0], encoding))
