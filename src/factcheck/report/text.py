"""Terminal report: file:line:col, the draft's words highlighted, the source under it."""

from __future__ import annotations

import io
import os
from typing import TYPE_CHECKING, Iterator

from factcheck.check.findings import Finding, Severity
from factcheck.report import Report
from factcheck.report.escape import printable
from factcheck.report.position import line_text
from factcheck.report.wrap import INDENT, cut_left, cut_right, wrap_offsets

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _summary_line(report: Report) -> str:
    s = report.summary()
    files = s["files"]
    line = (f"{s['findings']} finding(s) in {files} file(s): "
            f"{s['errors']} error(s), {s['warnings']} warning(s), {s['infos']} info")
    if report.baselined:
        line += f"; {report.baselined} more accepted in the baseline"
    return line


def _source_line(report: Report, f: Finding) -> str:
    """Where the source says it and what it says: for a quote, the sentence naming the speaker."""
    assert f.claim is not None
    said = report.speakers.get((f.claim.source, f.claim.id))
    return f"{f.claim.source}:{f.claim.line}: {printable(said or f.claim.text)}"


def render_plain(report: Report) -> str:
    """Plain text, one block per finding, for pipes and logs."""
    return "".join(plain_pieces(report))


def plain_pieces(report: Report) -> Iterator[str]:
    """`render_plain` a finding at a time: a large report is never whole in memory."""
    for f in report.findings:
        block = printable(f"{f.path}:{f.line}:{f.column}: {f.severity.label} [{f.rule}] "
                          f"{f.message}") + "\n"
        if f.claim:
            block += f"    source {_source_line(report, f)}\n"
        yield block
    yield _summary_line(report) + "\n"


def use_color(no_color: bool = False) -> bool:
    """Colour unless --no-color was given or NO_COLOR is set to anything but "" (no-color.org)."""
    return not no_color and not os.environ.get("NO_COLOR")


def render_text_auto(report: Report) -> str:
    """The rich report, coloured unless NO_COLOR is set, wrapped to the terminal's width."""
    import shutil  # only for a terminal (with bz2, lzma and fnmatch): not for the plain report

    return render_text(report, width=shutil.get_terminal_size((100, 24)).columns,
                       color=use_color())


def render_text(report: Report, width: int = 100, color: bool = True) -> str:
    """Rich terminal report with the draft line and the finding's words highlighted."""
    from rich.console import Console
    from rich.text import Text

    buf = io.StringIO()
    # Every setting explicit so the output does not depend on TERM, COLORTERM or NO_COLOR;
    # the styles below are all 16-colour ones, so "standard" loses nothing.
    console = Console(file=buf, width=width, force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False,
                      soft_wrap=True, emoji=False, markup=False)
    for f in report.findings:
        style = _STYLE[f.severity]
        head = Text()
        head.append(printable(f"{f.path}:{f.line}:{f.column}"), style="bold")
        head.append(f" {f.severity.label} ", style=style)
        head.append(f"[{f.rule}] ", style="dim")
        head.append(printable(f.message))
        _print(console, head, width)
        _print(console, _context(report, f, style), width)
        if f.claim:
            src = Text("    source ", style="dim")
            where, _, said = _source_line(report, f).partition(": ")
            src.append(where, style="dim")
            src.append("  ")
            src.append_text(_highlight(said, printable(f.expected or ""), "bold green"))
            _print(console, src, width)
    _print(console, Text(_summary_line(report), style="bold"), width)
    return buf.getvalue()


def _print(console: Console, text: Text, width: int) -> None:
    """One logical line, wrapped to `width` between words, never inside a figure."""
    from rich.text import Text

    lines = text.divide(wrap_offsets(text.plain, width))
    for i, line in enumerate(lines):
        line.rstrip()
        if i:
            line = Text(INDENT) + line[len(line.plain) - len(line.plain.lstrip()):]
        console.print(line)


def _context(report: Report, f: Finding, style: str) -> Text:
    """The draft line around the finding, its words underlined (just the words without the text)."""
    from rich.text import Text

    line = line_text(report, f.path, f.line)
    if line:
        start = max(0, f.column - 1)
        end = f.end_column - 1 if f.end_line == f.line else len(line)
    else:
        line, start, end = f.text, 0, len(f.text)
    left, right = cut_left(line, start - 30, start), cut_right(line, end + 30, end)
    text = Text(INDENT)
    text.append(("…" if left else "") + printable(line[left:start]))
    text.append(printable(line[start:end]), style=f"{style} underline")
    text.append(printable(line[end:right]) + ("…" if right < len(line) else ""))
    return text


def _highlight(sentence: str, words: str, style: str) -> Text:
    """The sentence with the first occurrence of `words` styled."""
    from rich.text import Text

    text = Text(sentence)
    if words and words in sentence:
        i = sentence.index(words)
        text.stylize(style, i, i + len(words))
    return text
