"""--baseline / --write-baseline: fingerprints of accepted findings that survive edits elsewhere.

A fingerprint hashes the rule, the draft's path (relative to the baseline file), the draft text,
the expected text and up to WINDOW normalised characters either side of the finding on its own
line (whitespace removed), plus an occurrence index among findings sharing all of those. Line and
column numbers are left out on purpose, so adding or removing paragraphs does not reopen
accepted findings.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from factcheck import jsontext
from factcheck.check.findings import Finding
from factcheck.errors import ConfigError
from factcheck.text.document import Document

VERSION = 1
WINDOW = 10


def path_key(path: str, base: Path) -> str:
    """A draft's path relative to the baseline's folder, with forward slashes ('-' for stdin)."""
    if path == "-":
        return path
    try:
        return Path(os.path.relpath(os.path.realpath(path), os.path.realpath(base))).as_posix()
    except ValueError:  # another drive on Windows
        return Path(os.path.realpath(path)).as_posix()


def _context(doc: Document, f: Finding) -> tuple[str, str]:
    """Up to WINDOW non-space normalised characters before and after the finding, on its line."""
    start, end = doc.offset(f.line, f.column), doc.offset(f.end_line, f.end_column)
    line_start = doc.line_starts[f.line - 1]
    line_end = line_start + len(doc.line_text(f.end_line)) if f.end_line == f.line else end
    before = "".join(doc.norm[line_start:start].split())[-WINDOW:]
    after = "".join(doc.norm[end:max(line_end, end)].split())
    return before, after[:WINDOW]


def entries(findings: Iterable[Finding], doc: Document, base: Path) -> list[dict[str, Any]]:
    """One baseline entry (fingerprint plus readable fields) per finding of one draft."""
    import hashlib  # only when a baseline is used: keeps it off the start-up path

    seen: Counter[tuple[str, ...]] = Counter()
    out = []
    for f in findings:
        key = (f.rule, path_key(f.path, base), f.text, f.expected or "", *_context(doc, f))
        digest = hashlib.sha256(json.dumps([*key, seen[key]], ensure_ascii=False)
                                .encode("utf-8", "surrogatepass"))  # a non-UTF-8 file name
        seen[key] += 1
        out.append({"fingerprint": digest.hexdigest()[:32], "path": key[1], "rule": f.rule,
                    "text": f.text, "expected": f.expected})
    return out


def new_findings(findings: list[Finding], doc: Document, known: frozenset[str],
                 base: Path) -> list[Finding]:
    """The findings of one draft whose fingerprints are not in the baseline."""
    marks = entries(findings, doc, base)
    return [f for f, e in zip(findings, marks) if e["fingerprint"] not in known]


def dumps(all_entries: Iterable[dict[str, Any]]) -> str:
    """Canonical baseline text: entries by path, rule and fingerprint."""
    rows = sorted(all_entries, key=lambda e: (e["path"], e["rule"], e["fingerprint"]))
    return jsontext.dumps({"version": VERSION, "findings": rows}) + "\n"


def write(path: Path, all_entries: Iterable[dict[str, Any]]) -> None:
    """Write the baseline file atomically."""
    from factcheck.atomic import write_bytes

    try:
        # backslashreplace: a non-UTF-8 file name is kept as a \udcXX escape, valid JSON
        write_bytes(path, dumps(all_entries).encode("utf-8", "backslashreplace"))
    except OSError as exc:
        raise ConfigError(f"cannot write baseline ({exc.strerror or exc})", str(path)) from None


def load(path: Path) -> frozenset[str]:
    """The fingerprints in a baseline file; any problem is a one-line ConfigError."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ConfigError("no such baseline file", str(path),
                          "create it with --write-baseline") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        why = getattr(exc, "strerror", None) or exc.__class__.__name__
        raise ConfigError(f"unreadable baseline ({why})", str(path),
                          "rewrite it with --write-baseline") from None
    if not _valid(data):
        raise ConfigError(f"not a version-{VERSION} factcheck baseline", str(path),
                          "rewrite it with --write-baseline")
    return frozenset(r["fingerprint"] for r in data["findings"])


def _valid(data: Any) -> bool:
    """Whether parsed JSON has the baseline's shape."""
    if not isinstance(data, dict) or data.get("version") != VERSION:
        return False
    rows = data.get("findings")
    return isinstance(rows, list) and all(
        isinstance(r, dict) and isinstance(r.get("fingerprint"), str) for r in rows)
