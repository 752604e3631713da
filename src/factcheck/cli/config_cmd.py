"""The `config` command: the settings `check` would use here, and where each one came from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, List, Optional

from factcheck.cli.app import _write, app
from factcheck.cli.check_cmd import (
    CLAIMS,
    DISABLE,
    ENABLE,
    ENCODING,
    EXCLUDE,
    FAIL_ON,
    FORMAT,
    IGNORE,
    INCLUDE,
    MAX_BYTES,
    MAX_RELATED,
    TOLERANCE,
    overrides,
)
from factcheck.cli.config import KEYS, Config, attr, load_config
from factcheck.report.escape import printable_lines

_NOTES = {"claims": "empty: the built-in registry", "tolerance": "reserved, no rule reads it yet",
          "encoding": "detected per file"}


def _value(value: Any) -> str:
    """A setting as TOML-like text."""
    if isinstance(value, tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, Path):
        value = str(value)
    return json.dumps(value, ensure_ascii=False)


def render_config(config: Config) -> str:
    """One `key = value  # origin` line per setting, after the file that was found."""
    where = str(config.file) if config.file else f"none found from {Path.cwd()} upward"
    lines = [f"# config file: {where}"]
    width = max(len(k) for k in KEYS)
    for key in KEYS:
        value = getattr(config, attr(key))
        origin = config.origins.get(key, "default")
        note = f" ({_NOTES[key]})" if key in _NOTES and origin == "default" else ""
        if value is None:
            text = f"# {key:<{width - 2}} (not set)"
        else:
            text = f"{key:<{width}} = {_value(value)}"
        lines.append(f"{text}  # {origin}{note}")
    lines.append(f"# rules run: {', '.join(config.rules())}")
    return printable_lines("\n".join(lines)) + "\n"


@app.command("config")
def config_command(
    claims: Optional[List[Path]] = CLAIMS,
    fmt: Optional[str] = FORMAT,
    fail_on: Optional[str] = FAIL_ON,
    enable: Optional[List[str]] = ENABLE,
    disable: Optional[List[str]] = DISABLE,
    tolerance: Optional[float] = TOLERANCE,
    include: Optional[List[str]] = INCLUDE,
    exclude: Optional[List[str]] = EXCLUDE,
    ignore: Optional[List[str]] = IGNORE,
    encoding: Optional[str] = ENCODING,
    max_bytes: Optional[int] = MAX_BYTES,
    max_related: Optional[int] = MAX_RELATED,
) -> None:
    """Show the settings `check` would use here and where each came from (default, file, CLI).

    Settings come from \\[tool.factcheck] in pyproject.toml or from .factcheck.toml (the nearest
    one from the working directory upward); options given here override them as in `check`.
    Example: [bold]factcheck config --fail-on warning[/bold]
    """
    _write(render_config(load_config(overrides(claims, fmt, fail_on, enable, disable, tolerance,
                                               include, exclude, ignore, encoding, max_bytes,
                                               max_related))))
