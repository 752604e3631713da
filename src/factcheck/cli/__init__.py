"""The command line: the typer app, one module per command, configuration, progress and workers."""

from factcheck.cli.entry import main

__all__ = ["main"]
