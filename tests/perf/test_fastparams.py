"""The fast option coercion gives what typer's pydantic adapters give, for every check option."""

from __future__ import annotations

import pytest
import typer

from factcheck.cli import app as cli, fastparams
from factcheck.cli import entry as cli_main

VALUES = ["x", "draft.md", "-", "", " 3", "3", "-3", "007", "1.5", "1e3", "abc", "true",
          "草稿.md", "a\udcff", "12345678901234567890", 0, 3, True, False, 1.5,
          ("a", "b"), ["3", "4"], ("1.5",), ()]


def _command():
    cli_main._register_commands()
    group = typer.main.get_command(cli.app)
    return group, group.commands["check"]


def _outcome(runtime, value, param, ctx):
    try:
        out = runtime._coerce_value(value, param=param, ctx=ctx)
    except Exception as exc:  # noqa: BLE001 - the same failure is what matters
        return ("error", type(exc).__name__, str(exc))
    return ("ok", type(out).__name__, repr(out))


def test_app_uses_the_fast_classes():
    group, command = _command()
    assert isinstance(group, fastparams.FastGroup)
    assert isinstance(command, fastparams.FastCommand)


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_fast_coercion_matches_typer(value, tmp_path, monkeypatch):
    from typer._coercion import build_runtime_param

    monkeypatch.chdir(tmp_path)
    (tmp_path / "draft.md").write_text("x", "utf-8")
    _, command = _command()
    ctx = typer._click.Context(command)
    fast = [p for p in command.params if isinstance(p._runtime_param, fastparams.FastRuntimeParam)]
    assert {p.name for p in fast} >= {"paths", "claims", "fmt", "output", "jobs", "tolerance"}
    for p in fast:
        many = p.multiple or p.nargs == -1
        if many != isinstance(value, (list, tuple)):
            continue
        slow = build_runtime_param(p.type_descriptor)
        assert _outcome(p._runtime_param, value, p, ctx) == _outcome(slow, value, p, ctx), p.name


def test_plain_values_need_no_pydantic(tmp_path):
    """A check run with ordinary options builds no adapter (typer's would import pydantic)."""
    import subprocess
    import sys

    (tmp_path / "d.txt").write_text("全市累计培育试点企业768家。\n", "utf-8")
    code = ("import sys; from factcheck.cli import main; "
            "main(['check', 'd.txt', '-f', 'json', '--jobs', '1', '--tolerance', '0.5', "
            "'--ignore', '768家', '-o', 'r.json', '--quiet']); "
            "print('pydantic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                         text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "False"
