"""The `lsp` command: run the language server (docs/editors.md)."""

from __future__ import annotations

from typing import Optional

import typer

from factcheck.cli.app import app
from factcheck.errors import ConfigError


@app.command()
def lsp(
    tcp: Optional[int] = typer.Option(None, "--tcp", metavar="PORT",
                                      help="Listen on this TCP port instead of stdio."),
    host: str = typer.Option("127.0.0.1", "--host", help="With --tcp: the address to listen on."),
    stdio: bool = typer.Option(False, "--stdio", help="Talk over stdin/stdout (the default)."),
) -> None:
    """Run the language server for Markdown and plain-text drafts: diagnostics as you type,
    quick fixes, hovers with the source sentence.

    Examples: [bold]factcheck lsp[/bold] (stdio, what editors start)
    · [bold]factcheck lsp --tcp 2087[/bold] · setup for VS Code, Neovim, Helix, Zed: docs/editors.md
    """
    if tcp is not None and not 0 < tcp < 65536:
        raise ConfigError(f"--tcp must be a port from 1 to 65535, not {tcp}", "--tcp")
    if tcp is not None and stdio:
        raise ConfigError("--tcp and --stdio cannot go together", "factcheck lsp")
    try:
        from factcheck.cli.lsp.server import serve
    except ImportError as exc:
        raise ConfigError(f"the language server needs {exc.name or 'pygls'}", "factcheck lsp",
                          "install it with: pip install 'factcheck[lsp]'") from None
    try:
        code = serve(tcp, host)
    except OSError as exc:
        if tcp is None:
            raise
        raise ConfigError(f"cannot listen on {host}:{tcp} ({exc.strerror or exc})", "--tcp",
                          "pick a free port, or use stdio") from None
    raise typer.Exit(code)
