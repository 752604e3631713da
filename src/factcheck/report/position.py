"""Line lookup, column-unit conversion and display paths shared by the output formats."""

from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import Callable

from factcheck.check.findings import Finding
from factcheck.report import Report

#: The same line breaks as `Document`: \r\n, \r or \n (not the extra ones str.splitlines knows).
_BREAK = re.compile(r"\r\n|\r|\n")

ColumnUnit = Callable[[str, int], int]


@lru_cache(maxsize=64)
def split_lines(text: str) -> tuple[str, ...]:
    """The text's lines without their breaks, numbered like `Document.line_text`."""
    return tuple(_BREAK.split(text))


def line_text(report: Report, path: str, line: int) -> str:
    """The 1-based line of a draft, or "" when the report does not hold that text or line."""
    lines = split_lines(report.texts.get(path, ""))
    return lines[line - 1] if 0 < line <= len(lines) else ""


def utf16_column(line: str, column: int) -> int:
    """1-based code-point column -> 1-based UTF-16 code-unit column (astral characters count 2)."""
    prefix = line[:max(column - 1, 0)]
    beyond = max(column - 1 - len(prefix), 0)
    return 1 + len(prefix.encode("utf-16-le", "surrogatepass")) // 2 + beyond


def utf8_column(line: str, column: int) -> int:
    """1-based code-point column -> 1-based UTF-8 byte column (a CJK character counts 3)."""
    prefix = line[:max(column - 1, 0)]
    beyond = max(column - 1 - len(prefix), 0)
    return 1 + len(prefix.encode("utf-8", "surrogatepass")) + beyond


def span(report: Report, f: Finding, unit: ColumnUnit) -> tuple[int, int]:
    """(start column, end column) of a finding converted to `unit`; end stays exclusive."""
    start = unit(line_text(report, f.path, f.line), f.column)
    end = unit(line_text(report, f.path, f.end_line), f.end_column)
    return start, end


def display_path(path: str) -> str:
    """A draft's path relative to the working directory when possible, with forward slashes."""
    if path.startswith("<") or not path:
        return path  # <stdin>, <argument>: not files
    if os.path.isabs(path):
        try:
            path = os.path.relpath(path)
        except ValueError:  # another drive on Windows: keep it absolute
            pass
    else:
        path = os.path.normpath(path)
    return path.replace(os.sep, "/")


def files_in_order(report: Report) -> list[str]:
    """Every checked file, then any path that only a finding names, each once."""
    seen = dict.fromkeys(report.files)
    seen.update(dict.fromkeys(f.path for f in report.findings))
    return list(seen)
