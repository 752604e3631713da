"""A self-contained HTML page: summary, each draft with its findings highlighted, explanations."""

from __future__ import annotations

from collections import Counter
from html import escape

from factcheck.check.findings import ClaimRef, Finding, Severity
from factcheck.report import Report
from factcheck.report.html_assets import CSS, JS
from factcheck.report.position import display_path, files_in_order, split_lines

_SEVERITIES = sorted(Severity, reverse=True)
_PLURAL = {"error": "errors", "warning": "warnings", "info": "infos"}

Numbered = list[tuple[int, Finding]]


def _e(text: object) -> str:
    """Text escaped for element content and double-quoted attribute values."""
    return escape(str(text), quote=True)


def render_html(report: Report) -> str:
    """The whole page; every finding numbered from 1 in report order (`#f-N`, `#hl-N`)."""
    numbered = list(enumerate(report.findings, 1))
    body = [_summary(report), _filters(report.findings), "<main>"]
    body += [_draft(report, k, path, [(n, f) for n, f in numbered if f.path == path])
             for k, path in enumerate(files_in_order(report), 1)]
    body.append("</main>")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<meta name=\"referrer\" content=\"no-referrer\">\n"
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
        f"<title>factcheck report: {_title_counts(report)}</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body) + f"\n<script>{JS}</script>\n</body>\n</html>\n")


def _title_counts(report: Report) -> str:
    s = report.summary()
    return f"{s['findings']} finding(s) in {s['files']} file(s)"


def _summary(report: Report) -> str:
    """Counts, a bar chart by rule, unreadable inputs and a list of the drafts."""
    s = report.summary()
    cards = [("files", "Files checked", ""), ("findings", "Findings", "")]
    cards += [(_PLURAL[sev.label], _PLURAL[sev.label].capitalize(), f" sev-{sev.label}")
              for sev in _SEVERITIES]
    if "unreadable" in s:
        cards.append(("unreadable", "Unreadable", " sev-error"))
    stats = "".join(f'<div class="stat{cls}"><dt>{_e(label)}</dt>'
                    f'<dd data-key="{key}">{s[key]}</dd></div>' for key, label, cls in cards)
    out = ['<header id="summary">', "<h1>factcheck report</h1>",
           f'<dl class="stats">{stats}</dl>', _chart(report)]
    if report.errors:
        items = "".join(f"<li>{_e(err)}</li>" for err in report.errors)
        out.append(f'<h3>Could not read</h3><ul class="unreadable">{items}</ul>')
    out.append(_toc(report))
    out.append("</header>")
    return "\n".join(out)


def _chart(report: Report) -> str:
    """Findings by rule as stacked CSS bars, one segment per severity."""
    if not report.findings:
        return '<p class="clean">No findings.</p>'
    by_rule: dict[str, Counter[str]] = {}
    for f in report.findings:
        by_rule.setdefault(f.rule, Counter())[f.severity.label] += 1
    top = max(sum(c.values()) for c in by_rule.values())
    summaries = {r.id: r.summary for r in report.rules}
    rows = []
    for rule, counts in sorted(by_rule.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])):
        segs = "".join(
            f'<span class="seg sev-{sev.label}" style="width:{100 * counts[sev.label] / top:.2f}%"'
            f' title="{counts[sev.label]} {sev.label}"></span>'
            for sev in _SEVERITIES if counts[sev.label])
        rows.append(f'<code class="label" title="{_e(summaries.get(rule, ""))}">{_e(rule)}</code>'
                    f'<span class="bar" role="img" aria-label="{sum(counts.values())}">{segs}</span>'
                    f'<span class="num" data-rule="{_e(rule)}">{sum(counts.values())}</span>')
    return ('<h3 id="by-rule">Findings by rule</h3>'
            f'<div class="chart" aria-labelledby="by-rule">{"".join(rows)}</div>')


def _toc(report: Report) -> str:
    """Links to every draft's section with its counts."""
    paths = files_in_order(report)
    if not paths:
        return '<p>No drafts were checked.</p>'
    items = []
    for k, path in enumerate(paths, 1):
        mine = [f for f in report.findings if f.path == path]
        items.append(f'<li><a href="#draft-{k}">{_e(display_path(path))}</a> '
                     f'<span class="counts">{_counts(mine)}</span></li>')
    return f'<h3>Drafts</h3><ol class="toc">{"".join(items)}</ol>'


def _counts(findings: list[Finding]) -> str:
    if not findings:
        return '<span class="clean">no findings</span>'
    c = Counter(f.severity.label for f in findings)
    return ", ".join(f"{c[s.label]} {s.label if c[s.label] == 1 else _PLURAL[s.label]}"
                     for s in _SEVERITIES if c[s.label])


def _filters(findings: list[Finding]) -> str:
    """Checkboxes by severity and rule; hidden until the script runs (they need it)."""
    sev = Counter(f.severity.label for f in findings)
    rules = Counter(f.rule for f in findings)

    def box(kind: str, value: str, count: int) -> str:
        return (f'<label><input type="checkbox" data-kind="{kind}" value="{_e(value)}" checked> '
                f'{_e(value)} <span class="counts">({count})</span></label>')

    sevs = "".join(box("severity", s.label, sev[s.label]) for s in _SEVERITIES if sev[s.label])
    rule_boxes = "".join(box("rule", r, n) for r, n in sorted(rules.items()))
    return ('<form id="filters" class="filters" hidden aria-label="Filter findings">'
            f"<fieldset><legend>Severity</legend>{sevs}</fieldset>"
            f"<fieldset><legend>Rule</legend>{rule_boxes}</fieldset>"
            f'<p class="counts"><output id="shown" aria-live="polite">{len(findings)}</output>'
            f" of {len(findings)} findings shown</p></form>")


def _draft(report: Report, k: int, path: str, items: Numbered) -> str:
    """One draft: heading, its text with highlights, then the explanation of each finding."""
    head = (f'<section class="draft" id="draft-{k}" data-path="{_e(path)}"><header>'
            f"<h2>{_e(display_path(path))}</h2>"
            f'<span class="counts">{_counts([f for _, f in items])}</span></header>')
    text = report.texts.get(path)
    if text is None:
        body = '<p class="counts">The draft\'s text is not available.</p>'
    elif items:
        body = _text(text, items)
    else:
        body = f"<details><summary>Show the text</summary>{_text(text, [])}</details>"
    notes = "".join(_explanation(n, f) for n, f in items)
    tail = f'<h3>Findings</h3><ol class="findings">{notes}</ol>' if items else ""
    return f"{head}{body}{tail}</section>"


def _text(text: str, items: Numbered) -> str:
    """Every line of the draft, numbered, with its findings' words wrapped in highlights."""
    lines = split_lines(text)
    if lines and lines[-1] == "" and len(lines) > 1:
        lines = lines[:-1]  # the final newline does not start a line worth showing
    out = []
    for i, line in enumerate(lines, 1):
        spans = [_span(line, n, f) for n, f in items if f.line == i]
        out.append(f'<div class="ln" data-n="{i}"><span>{_marked(line, spans)}</span></div>')
    return f'<div class="text" lang="zh">{"".join(out)}</div>'


def _span(line: str, n: int, f: Finding) -> tuple[int, int, str]:
    """(start, end, opening tag) of a finding's words in its line, 0-based and clamped."""
    start = min(max(f.column - 1, 0), len(line))
    end = f.end_column - 1 if f.end_line == f.line else len(line)
    tag = (f'<mark class="hl sev-{f.severity.label}" id="hl-{n}" data-ref="f-{n}" '
           f'data-severity="{f.severity.label}" data-rule="{_e(f.rule)}" tabindex="0" '
           f'role="link" title="{_e(f"{f.severity.label} [{f.rule}] {f.message}")}">')
    return start, min(max(end, start), len(line)), tag


def _marked(line: str, spans: list[tuple[int, int, str]]) -> str:
    """The line escaped, each span wrapped in its tag; spans nest, a crossing one is clipped."""
    out: list[str] = []
    ends: list[int] = []  # ends of the open highlights, innermost last
    pos = 0

    def close_to(limit: int) -> None:
        nonlocal pos
        while ends and ends[-1] <= limit:
            end = ends.pop()
            out.append(_e(line[pos:end]) + "</mark>")
            pos = end

    for start, end, tag in sorted(spans, key=lambda s: (s[0], -s[1])):
        close_to(start)
        out.append(_e(line[pos:start]) + tag)
        pos = start
        ends.append(min(end, ends[-1]) if ends else end)
    close_to(len(line))
    return "".join(out) + _e(line[pos:])


def _explanation(n: int, f: Finding) -> str:
    """A finding's card: severity, rule, place, message, the source sentence and a way back."""
    sev = f.severity.label
    parts = [f'<li class="finding sev-{sev}" id="f-{n}" tabindex="-1" data-severity="{sev}" '
             f'data-rule="{_e(f.rule)}" data-line="{f.line}" data-column="{f.column}">',
             f'<p class="meta"><span class="badge sev-{sev}">{sev}</span>'
             f"<code>{_e(f.rule)}</code><span>line {f.line}, column {f.column}</span></p>",
             f'<p>Draft: <span class="draft-words" lang="zh">{_e(f.text)}</span>'
             + (f' · source: <span class="draft-words" lang="zh">{_e(f.expected)}</span>'
                if f.expected else "")
             + (f' · suggested: <span lang="zh">{_e(f.fix)}</span>'
                if f.fix and f.fix != f.expected else "") + "</p>",
             f'<p class="message" lang="zh">{_e(f.message)}</p>']
    for ref in ([f.claim] if f.claim else []) + list(f.related):
        parts.append(_source(ref, f.expected or "" if ref is f.claim else ""))
    parts.append(f'<a class="back" href="#hl-{n}">↩ back to the text</a></li>')
    return "".join(parts)


def _source(ref: ClaimRef, words: str) -> str:
    """The source sentence with the source's words marked, then its title, date and place."""
    where = _source_words(ref, words)
    text = ref.text
    if where:
        a, b = where
        sentence = f"{_e(text[:a])}<mark>{_e(text[a:b])}</mark>{_e(text[b:])}"
    else:
        sentence = _e(text)
    cite = " · ".join(_e(x) for x in (ref.title, ref.date) if x)
    place = f"{_e(ref.source)}, line {ref.line}"
    return (f'<blockquote class="source" lang="zh">{sentence}</blockquote>'
            f'<p class="cite">{cite + " · " if cite else ""}<code>{place}</code></p>')


def _source_words(ref: ClaimRef, words: str) -> tuple[int, int] | None:
    """Where the source's words sit in its sentence: its own columns if they hold them, else
    their first occurrence (the columns may count from the source line, not the sentence)."""
    a, b = ref.column - 1, ref.end_column - 1
    if not words:
        return None  # nothing to check the columns against
    if 0 <= a < b <= len(ref.text) and ref.text[a:b] == words:
        return a, b
    if words in ref.text:
        i = ref.text.index(words)
        return i, i + len(words)
    return None
