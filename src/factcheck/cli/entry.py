"""Entry point: register the commands on the app, run it, map every error to one stderr line
and an exit code."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from factcheck.errors import ExitCode, FactcheckError, IndexDamaged, from_os_error

if TYPE_CHECKING:
    import typer


#: Each command and the module that registers it on `app` (`parse` lives in app.py).
COMMAND_MODULES = {"parse": "app", "check": "check_cmd", "claims": "claims_cmd",
                   "config": "config_cmd", "extract": "extract_cmd", "lsp": "lsp_cmd"}


def _register_commands(args: list[str] | None = None) -> None:
    """Commands that live in their own modules, added here so `cli` stays thin: only the one
    `args` runs when it comes first (typer builds every registered command on each run),
    else all of them; in the same order either way."""
    import importlib

    from factcheck.cli.app import app

    name = args[0] if args else None
    wanted = [name] if name in COMMAND_MODULES else list(COMMAND_MODULES)
    for command in wanted:
        importlib.import_module(f"factcheck.cli.{COMMAND_MODULES[command]}")
    order = list(COMMAND_MODULES)
    app.registered_commands.sort(key=lambda c: order.index(c.name or c.callback.__name__))


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the app and map every error to one stderr line and an exit code.

    With `argv` (tests, embedding) the code is returned; without, the process exits with it.
    """
    if argv is None:
        _tolerant_streams()
        _tune_gc()
    try:
        code = _run(argv)
    except KeyboardInterrupt:  # Ctrl-C before or after the command (start-up imports)
        code = ExitCode.INTERRUPTED
    if code == ExitCode.INTERRUPTED:
        _stderr("error: interrupted; the report may be incomplete, run the command again")
    if argv is None:
        if code == ExitCode.BROKEN_PIPE:
            _quiet_pipe()
        _flush_or_quiet()
        _unscanned_at_exit()
        sys.exit(code)
    return code


def _unscanned_at_exit() -> None:
    """Leave what the command built to be freed at exit without the cycle collector's last
    pass: the interpreter's shutdown scans every object not frozen (the registry's rows, the
    claims, the findings), though reference counting frees them all. About 20 ms of a check
    against 10,000 indexed sources, 0.15 s of the run that builds their index."""
    import gc

    gc.freeze()


def _tune_gc() -> None:
    """A short run that builds many small objects which live to its end (claims, index rows,
    findings): reference counting frees nearly all garbage, so the cycle collector runs less
    often (as mypy sets it) and skips what start-up imported (frozen again once the command is
    built). About 20 ms of a check against 1,000 sources, and 5 ms of start-up when set before
    typer is imported; the peak memory of a 4 MB draft is unchanged (bench/run.py)."""
    import gc

    gc.freeze()
    gc.set_threshold(200_000, 30, 30)


def _plain_check(args: list[str]) -> list[str] | None:
    """The drafts of `factcheck check PATH...` given without options (what pre-commit runs),
    else None. Arguments that are not plain text (undecodable bytes), an empty one, Windows
    (where click expands wildcards) and shell completion go through typer."""
    import os

    if len(args) < 2 or args[0] != "check" or os.name == "nt" or "_FACTCHECK_COMPLETE" in os.environ:
        return None
    for arg in args[1:]:
        if not arg or arg.startswith("-"):
            return None
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            return None
    return args[1:]


def _run_plain(paths: list[str]) -> int:
    """`factcheck check PATH...` as the typer command runs it with no option given (every
    option None or False), without importing typer and building the command (40 ms); errors
    are mapped as in `_run`."""
    from factcheck.cli.config import load_config
    from factcheck.cli.runner import Request, run

    try:
        return _guarded(lambda: run(load_config({}), Request(tuple(paths))))
    except EOFError:  # as typer's Abort
        return ExitCode.INTERRUPTED


def _guarded(command: Callable[[], int | None]) -> int:
    """The command's exit code, run once more if the index was deleted on the way; a user
    error or the machine's fault (unwritable --output, full disk) becomes one `error:` line
    on stderr and exit 2, a reader gone away (`| head`) a quiet stop."""
    try:
        try:
            return int(command() or 0)
        except IndexDamaged:  # deleted on the way: run again on the registry files, once
            return int(command() or 0)
    except FactcheckError as exc:
        _stderr(exc.line())
        return ExitCode.USAGE
    except BrokenPipeError:
        return ExitCode.BROKEN_PIPE
    except OSError as exc:
        _stderr(from_os_error(exc).line())
        return ExitCode.USAGE


def _run(argv: list[str] | None) -> int:
    """The command's exit code; user errors become one `error:` line on stderr."""
    paths = _plain_check(sys.argv[1:] if argv is None else list(argv))
    if paths is not None:
        return _run_plain(paths)
    import typer  # imported here, after _tune_gc: the cycle collector skips start-up's objects

    from factcheck.cli.app import app
    from factcheck.cli.fastparams import tidy_help

    _register_commands(sys.argv[1:] if argv is None else argv)
    command = typer.main.get_command(app)
    tidy_help(command)
    if argv is None:  # the objects start-up built live to the end: never scanned again
        import gc

        gc.freeze()
    try:
        return _guarded(lambda: command.main(args=argv, prog_name="factcheck", standalone_mode=False))
    except typer.TyperException as exc:  # typer's usage errors (bad option, missing argument)
        return _usage_error(exc)
    except typer.Abort:  # typer's answer to EOF at a prompt
        return ExitCode.INTERRUPTED
    except SystemExit as exc:  # typer's own EPIPE handler exits 1 inside the command
        if isinstance(exc.__context__, BrokenPipeError):
            return ExitCode.BROKEN_PIPE
        raise


def _usage_error(exc: typer.TyperException) -> int:
    """Help for a bare command group; one `error:` line for anything else."""
    from factcheck.cli.app import _write

    if type(exc).__name__ == "NoArgsIsHelpError":
        ctx = getattr(exc, "ctx", None)
        _write(ctx.get_help() + "\n" if ctx else "")
        return ExitCode.USAGE
    ctx = getattr(exc, "ctx", None)
    cmd = ctx.command_path if ctx else "factcheck"
    message = " ".join(exc.format_message().split())
    _stderr(f"error: {message}; see '{cmd} --help'")
    return ExitCode.USAGE


def _tolerant_streams() -> None:
    """A terminal or pipe that cannot show hanzi (PYTHONIOENCODING=ascii) gets \\u escapes, not a crash."""
    for stream in (sys.stdout, sys.stderr):
        if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="backslashreplace")
            except (OSError, ValueError):
                pass


def _stderr(line: str) -> None:
    from factcheck.report.escape import printable

    try:
        sys.stderr.write(printable(line.rstrip("\n")) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):  # stderr closed or gone: nowhere left to tell
        pass


def _quiet_pipe() -> None:
    """After a closed pipe, point stdout at devnull so the interpreter's final flush is silent."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _flush_or_quiet() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_pipe()
