"""The `check` and `extract` commands, registered on the app defined in cli.py."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

from factcheck.cli import _write, app
from factcheck.errors import ConfigError, ExitCode, FactcheckError, InputError
from factcheck.findings import Severity

DRAFT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
FAIL_ON = ("error", "warning", "info", "never")


def draft_paths(args: list[str]) -> list[str]:
    """Files named, and .txt/.md files found (sorted) in folders named; '-' stays stdin."""
    out: list[str] = []
    for arg in args:
        p = Path(arg)
        if arg == "-" or not p.is_dir():
            out.append(arg)
            continue
        for root, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            out += [str(Path(root) / f) for f in sorted(files)
                    if f.lower().endswith(DRAFT_SUFFIXES) and not f.startswith(".")]
    return out


def read_draft(arg: str, encoding: str | None):
    """A Document from a path or '-' (stdin)."""
    from factcheck.document import read_path, read_stdin

    return read_stdin(encoding) if arg == "-" else read_path(Path(arg), encoding)


def exit_code(findings, fail_on: str, unreadable: int) -> int:
    """2 if any input could not be read, 1 if a finding reaches --fail-on, else 0."""
    if unreadable:
        return ExitCode.USAGE
    if fail_on == "never":
        return ExitCode.OK
    bar = Severity.parse(fail_on)
    return ExitCode.FINDINGS if any(f.severity >= bar for f in findings) else ExitCode.OK


@app.command()
def check(
    paths: Optional[List[str]] = typer.Argument(
        None, help="Draft files or folders (recursing into .txt/.md); - or nothing reads stdin."),
    claims: Optional[List[Path]] = typer.Option(
        None, "--claims", "-c", help="Registry file or folder (repeatable). Default: built-in."),
    fmt: str = typer.Option("auto", "--format", "-f",
                            help="auto, text, plain, json, jsonl, sarif, github, rdjson, junit."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report here."),
    fail_on: str = typer.Option("error", "--fail-on", help="error, warning, info or never."),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Force the drafts' encoding."),
    no_color: bool = typer.Option(False, "--no-color", help="Plain text without colours."),
) -> None:
    """Check drafts against the claims registry and report every discrepancy.

    Examples: [bold]factcheck check draft.md[/bold] · [bold]factcheck check drafts/ --format json[/bold]
    · [bold]cat draft.txt | factcheck check -[/bold]
    """
    from factcheck import registry as reg_mod
    from factcheck.checker import check as run_check
    from factcheck.report import FORMAT_NAMES, Report, render
    from factcheck.rules import rule_infos

    if fail_on not in FAIL_ON:
        raise ConfigError(f"--fail-on must be one of {', '.join(FAIL_ON)}, not {fail_on!r}", "--fail-on")
    fmt = _pick_format(fmt, output, no_color)
    if fmt not in FORMAT_NAMES:
        raise ConfigError(f"unknown format {fmt!r}", "--format", f"use one of {', '.join(FORMAT_NAMES)}")
    args = list(paths or [])
    if not args:
        if sys.stdin is None or sys.stdin.isatty():
            raise InputError("no drafts given", "factcheck check", "name files or folders, or pipe text to -")
        args = ["-"]
    registry = reg_mod.load(list(claims) if claims else None)
    findings, files, texts, errors = [], [], {}, []
    for arg in draft_paths(args):
        try:
            doc = read_draft(arg, encoding)
        except FactcheckError as exc:
            errors.append(exc.line())
            sys.stderr.write(exc.line() + "\n")
            continue
        files.append(doc.path)
        texts[doc.path] = doc.text
        findings += run_check(doc, registry)
    from factcheck.findings import sort_findings

    report = Report(sort_findings(findings), files, rule_infos(), _sources(registry), texts, errors)
    text = render(fmt, report)
    if output:
        reg_mod.atomic_write(output, text)
    else:
        _write(text)
    raise typer.Exit(exit_code(report.findings, fail_on, len(errors)))


def _pick_format(fmt: str, output: Optional[Path], no_color: bool) -> str:
    if fmt == "auto":
        if os.environ.get("GITHUB_ACTIONS") == "true":
            return "github"
        fmt = "text" if (output is None and sys.stdout.isatty()) else "plain"
    if fmt == "text" and (no_color or os.environ.get("NO_COLOR")):
        return "plain"
    return fmt


def _sources(registry):
    from factcheck.report import SourceInfo

    return [SourceInfo(s.id, s.title, s.publisher, s.date, s.url, s.path)
            for s in registry.sources.values()]
