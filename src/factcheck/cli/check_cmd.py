"""The `check` command, registered on the app defined in cli.py; the pipeline is in runner.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any, List, Optional

import typer

from factcheck.cli.app import app
from factcheck.cli.fastparams import FastCommand, speed_up
from factcheck.errors import ConfigError

speed_up(app)  # the group's --version/--help without pydantic (cli.py may pass cls= itself)

# Options that are also config keys, shared with `factcheck config` so both read them alike.
CLAIMS = typer.Option(None, "--claims", "-c", metavar="PATH",
                      help="Registry file or folder (repeatable). Default: built-in.")
FORMAT = typer.Option(None, "--format", "-f", metavar="FORMAT", show_default="auto",
                      help="auto, text, plain, json, jsonl, sarif, github, rdjson, junit, html.")
FAIL_ON = typer.Option(None, "--fail-on", metavar="LEVEL", show_default="error",
                       help="Exit 1 at this severity or above: error, warning, info or never.")
ENABLE = typer.Option(None, "--enable", metavar="RULE",
                      help="Run only these rules (repeatable or comma-separated).")
DISABLE = typer.Option(None, "--disable", metavar="RULE", help="Skip these rules (repeatable or comma-separated).")
TOLERANCE = typer.Option(None, "--tolerance", metavar="N", hidden=True,  # no rule reads it yet
                         help="Handed to the rules as options['tolerance'].")
INCLUDE = typer.Option(None, "--include", metavar="GLOB", help="Glob of files to check in folders (repeatable).")
EXCLUDE = typer.Option(None, "--exclude", metavar="GLOB", help="Glob of files or folders to skip (repeatable).")
IGNORE = typer.Option(None, "--ignore", metavar="TEXT", help="Draft text never reported, e.g. 1330名 (repeatable).")
ENCODING = typer.Option(None, "--encoding", metavar="NAME", help="Force the drafts' encoding.")
MAX_BYTES = typer.Option(None, "--max-bytes", metavar="BYTES", help="Refuse drafts larger than this many bytes.")
MAX_RELATED = typer.Option(None, "--max-related", metavar="N", show_default="10",
                           help="Sources a source-conflict note names; the rest are counted (0: all).")

# Options of `check` alone.
BASELINE = typer.Option(None, "--baseline", metavar="FILE", help="Report only findings not in this baseline.")
WRITE_BASELINE = typer.Option(None, "--write-baseline", metavar="FILE",
                              help="Record every current finding in this baseline file.")
DIFF = typer.Option(None, "--diff", metavar="BASE",
                    help="Report only findings on lines changed since git BASE.")
FIX = typer.Option(False, "--fix", help="Put the source's words in place of errors with one fix.")
DRY_RUN = typer.Option(False, "--dry-run", help="With --fix: print a diff, change nothing.")
QUIET = typer.Option(False, "--quiet", "-q", help="No progress bar or notes on stderr.")
NO_COLOR = typer.Option(False, "--no-color", help="Plain text without colours.")
OUTPUT = typer.Option(None, "--output", "-o", metavar="FILE", help="Write the report here (atomically).")
SOURCE = typer.Option(None, "--source", "-s", metavar="ID", help="Only these registered sources (repeatable).")
JOBS = typer.Option(0, "--jobs", "-j", metavar="N", help="Worker processes for many files (0: as many as the work and the free CPUs fill).")
DASK = typer.Option(None, "--dask", metavar="ADDRESS",
                    help="Check on Dask: 'local' or a scheduler like tcp://host:8786 (docs/dask.md).")


def overrides(claims: Optional[List[Path]], fmt: Optional[str], fail_on: Optional[str],
              enable: Optional[List[str]], disable: Optional[List[str]], tolerance: Optional[float],
              include: Optional[List[str]], exclude: Optional[List[str]],
              ignore: Optional[List[str]], encoding: Optional[str],
              max_bytes: Optional[int], max_related: Optional[int] = None) -> dict[str, Any]:
    """CLI options keyed like the config file (None: not given)."""
    return {"claims": claims, "format": fmt, "fail-on": fail_on, "enable": enable,
            "disable": disable, "tolerance": tolerance, "include": include, "exclude": exclude,
            "ignore": ignore, "encoding": encoding, "max-bytes": max_bytes,
            "max-related": max_related}


@app.command(cls=FastCommand)
def check(
    paths: Optional[List[str]] = typer.Argument(
        None, metavar="PATH",
        help="Draft files or folders (recursing into .txt/.md); - or nothing reads stdin."),
    claims: Optional[List[Path]] = CLAIMS,
    fmt: Optional[str] = FORMAT,
    output: Optional[Path] = OUTPUT,
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
    baseline: Optional[Path] = BASELINE,
    write_baseline: Optional[Path] = WRITE_BASELINE,
    diff: Optional[str] = DIFF,
    fix: bool = FIX,
    dry_run: bool = DRY_RUN,
    quiet: bool = QUIET,
    no_color: bool = NO_COLOR,
    source: Optional[List[str]] = SOURCE,
    jobs: int = JOBS,
    dask: Optional[str] = DASK,
) -> None:
    """Check drafts against the claims registry and report every discrepancy.

    Examples: [bold]factcheck check draft.md[/bold]
    · [bold]factcheck check drafts/ --format json[/bold] · [bold]cat draft.txt | factcheck check -[/bold]
    · [bold]factcheck check drafts/ --diff origin/main[/bold]
    · [bold]factcheck check draft.md --fix --dry-run[/bold]
    · settings: [bold]factcheck config[/bold] (docs/ci-and-editors.md)
    """
    from factcheck.cli.config import load_config
    from factcheck.cli.runner import Request, run

    config = load_config(overrides(claims, fmt, fail_on, enable, disable, tolerance, include,
                                   exclude, ignore, encoding, max_bytes, max_related))
    if jobs < 0:
        raise ConfigError(f"--jobs must be 0 or more, not {jobs}", "", "0 starts one per CPU")
    if dask is not None:
        from factcheck.dask.cluster import check_address, require

        require()
        check_address(dask)
    req = Request(tuple(paths or ()), output, no_color, baseline, write_baseline, diff, fix,
                  dry_run, quiet, tuple(source or ()), jobs, dask)
    raise typer.Exit(run(config, req))
