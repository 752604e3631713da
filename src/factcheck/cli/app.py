"""The typer app: parse options, call the core, pick a formatter, map errors to exit codes."""

from __future__ import annotations

import sys
from typing import Optional

import typer

from factcheck.errors import FactcheckError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode="rich",
    help="Check Chinese news drafts against a claims registry built from a trusted source.\n\n"
    "Example: [bold]factcheck check draft.md[/bold] checks a draft against the built-in registry "
    "(工人日报 2023-04-03, Changzhou industrial-worker reform).",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from factcheck import __version__

        _write(f"factcheck {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Check Chinese news drafts against a claims registry built from a trusted source."""


def _write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


@app.command()
def parse(
    text: Optional[str] = typer.Argument(None, help="Text to read, or - (or nothing) for stdin."),
    fmt: str = typer.Option("text", "--format", "-f", help="text (a table) or json."),
) -> None:
    """Show every quantity, date and ordinal the checker reads in TEXT.

    Example: [bold]factcheck parse "培育试点企业768家，覆盖44.8万余人" --format json[/bold]
    """
    from factcheck.quantity.parsing import (
        FIELDS,
        parse_rows,
        render_items_table,
        rows_json_pieces,
    )
    from factcheck.text.document import Document
    from factcheck.text.read import read_stdin

    if fmt not in ("text", "json"):
        raise FactcheckError(f"unknown format {fmt!r}", "--format", "use text or json")
    doc = read_stdin() if text in (None, "-") else Document("<argument>", text)
    rows = parse_rows(doc)
    if fmt == "json":
        for piece in rows_json_pieces(rows):
            sys.stdout.write(piece)
        _write("\n")
    else:
        from factcheck.report.escape import printable_lines

        _write(printable_lines(render_items_table([dict(zip(FIELDS, row)) for row in rows])))
